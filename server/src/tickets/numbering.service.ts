import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shanghaiDayKey } from '@linli/shared';
import { TicketCounter } from './entities/ticket-counter.entity';

/**
 * Human-readable numbers per community per Shanghai day: BX-20261123-0042. The counter row is upserted inside
 * the ticket's transaction in one statement, so its row lock serialises concurrent intakes, no number is handed
 * out twice, and two first-of-the-day intakes cannot deadlock on the missing row.
 */
@Injectable()
export class NumberingService {
  async next(em: EntityManager, communityId: number, prefix: string, at: Date): Promise<string> {
    const day = shanghaiDayKey(at);
    const upsert =
      em.connection.options.type === 'mysql'
        ? 'INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE seq = seq + 1'
        : 'INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, ?, ?, 1) ON CONFLICT (community_id, prefix, day) DO UPDATE SET seq = seq + 1';
    await em.query(upsert, [communityId, prefix, day]);
    const row = await em.findOneByOrFail(TicketCounter, { communityId, prefix, day });
    return `${prefix}-${day}-${String(row.seq).padStart(4, '0')}`;
  }
}
