import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDayKey } from '@linli/shared';

/**
 * Human-readable numbers per community per Shanghai day: BX-20261123-0042. One statement, sent on its own (autocommit)
 * just BEFORE the ticket's transaction: it increments the counter row and returns the new value (MySQL:
 * LAST_INSERT_ID(expr) → insertId; SQLite: RETURNING), so the row lock lasts one statement instead of the whole
 * intake and concurrent intakes of a community no longer queue behind each other. Numbers stay unique per community
 * and day (the row is only ever incremented, and `uq_tickets_community_no` backs it); an intake that rolls back
 * after taking its number leaves a gap.
 */
@Injectable()
export class NumberingService {
  async next(db: DataSource | EntityManager, communityId: number, prefix: string, at: Date): Promise<string> {
    const day = shanghaiDayKey(at);
    let seq: number;
    const type = db instanceof DataSource ? db.options.type : db.connection.options.type;
    if (type === 'mysql') {
      const res: { insertId: number } = await db.query(
        'INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, ?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)',
        [communityId, prefix, day],
      );
      seq = Number(res.insertId);
    } else {
      const rows: { seq: number }[] = await db.query(
        'INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, ?, ?, 1) ON CONFLICT (community_id, prefix, day) DO UPDATE SET seq = seq + 1 RETURNING seq',
        [communityId, prefix, day],
      );
      seq = Number(rows[0].seq);
    }
    if (!seq) throw new Error('numbering: the counter returned no value');
    return `${prefix}-${day}-${String(seq).padStart(4, '0')}`;
  }
}
