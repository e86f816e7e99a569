import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { utc } from '../common/sql-time';
import { AppConfig } from '../config/app-config';

/** The delivery tables and the states after which a row is history: pending / sending rows are never touched. */
const FINISHED: Record<'notify_events' | 'outbox', string[]> = {
  notify_events: ['done', 'failed'],
  outbox: ['sent', 'failed', 'skipped'],
};

/**
 * Deletes finished `notify_events` and `outbox` rows older than NOTIFY_RETENTION_DAYS (the residents' and staff's
 * inbox, `notifications`, is theirs and stays). Walks each table by primary key from its oldest row — ids grow with
 * `created_at` — and stops at the first row inside the retention window, so a tick reads only what it deletes plus
 * any still-unfinished old rows, without an index on time. Safe on several instances: deleting a deleted row is a
 * no-op.
 */
@Injectable()
export class NotifyRetentionJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    const n = await this.purge();
    if (n.notify_events || n.outbox) this.log.log(`deleted ${n.notify_events} notify event(s) and ${n.outbox} outbox row(s)`);
  }

  async purge(batch = 500): Promise<Record<keyof typeof FINISHED, number>> {
    const cutoff = this.clock.now().getTime() - this.cfg.NOTIFY_RETENTION_DAYS * 86_400_000;
    return {
      notify_events: await this.purgeTable('notify_events', cutoff, batch),
      outbox: await this.purgeTable('outbox', cutoff, batch),
    };
  }

  private async purgeTable(table: keyof typeof FINISHED, cutoff: number, batch: number): Promise<number> {
    const finished = FINISHED[table];
    const marks = finished.map(() => '?').join(', ');
    let after = 0;
    let deleted = 0;
    for (;;) {
      const rows: { id: number; status: string; created_at: unknown }[] = await this.ds.query(
        `SELECT id, status, created_at FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`,
        [after, batch],
      );
      const old = rows.filter((r) => utc(r.created_at)!.getTime() < cutoff);
      const ids = old.filter((r) => finished.includes(r.status)).map((r) => Number(r.id));
      if (ids.length) {
        await this.ds.query(`DELETE FROM ${table} WHERE id IN (${ids.map(() => '?').join(', ')}) AND status IN (${marks})`, [...ids, ...finished]);
        deleted += ids.length;
      }
      if (rows.length < batch || old.length < rows.length) return deleted;
      after = Number(rows[rows.length - 1].id);
    }
  }
}
