import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';
import { FileStore } from './storage.service';

/**
 * Deletes uploads never attached to a ticket within UPLOAD_UNATTACHED_TTL_HOURS: the row, then the file. Safe on
 * several instances: a row is deleted only while still unattached, and only the instance that deleted it removes
 * the file.
 */
@Injectable()
export class UploadsCleanupJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: FileStore,
    private readonly clock: Clock,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    const n = await this.cleanup();
    if (n) this.log.log(`deleted ${n} unattached upload(s)`);
  }

  /** How many were deleted. */
  async cleanup(batch = 500): Promise<number> {
    const cutoff = sqlTime(new Date(this.clock.now().getTime() - this.cfg.UPLOAD_UNATTACHED_TTL_HOURS * 3_600_000));
    let deleted = 0;
    for (;;) {
      const rows: { id: number; storage_key: string }[] = await this.ds.query(
        'SELECT id, storage_key FROM uploads WHERE subject_id IS NULL AND created_at < ? ORDER BY id LIMIT ?',
        [cutoff, batch],
      );
      for (const r of rows) {
        const res = await this.ds.createQueryBuilder().delete().from('uploads').where('id = :id AND subject_id IS NULL', { id: r.id }).execute();
        if (!res.affected) continue;
        await this.store.remove(r.storage_key);
        deleted++;
      }
      if (rows.length < batch) return deleted;
    }
  }
}
