import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { shanghaiDayKey } from '@linli/shared';
import { TicketCounter } from './entities/ticket-counter.entity';

/**
 * Human-readable numbers per community per Shanghai day: BX-20261123-0042. The counter row is updated inside
 * the ticket's transaction, so its row lock serialises concurrent intakes and no number is handed out twice.
 */
@Injectable()
export class NumberingService {
  async next(em: EntityManager, communityId: number, prefix: string, at: Date): Promise<string> {
    const day = shanghaiDayKey(at);
    const key = { communityId, prefix, day };
    const bump = () =>
      em
        .createQueryBuilder()
        .update(TicketCounter)
        .set({ seq: () => 'seq + 1' })
        .where('community_id = :communityId AND prefix = :prefix AND day = :day', key)
        .execute();
    if (!(await bump()).affected) {
      try {
        await em.insert(TicketCounter, { ...key, seq: 1 });
        return format(prefix, day, 1);
      } catch {
        await bump(); // someone inserted the day's first row meanwhile
      }
    }
    const row = await em.findOneByOrFail(TicketCounter, key);
    return format(prefix, day, row.seq);
  }
}

const format = (prefix: string, day: string, seq: number) => `${prefix}-${day}-${String(seq).padStart(4, '0')}`;
