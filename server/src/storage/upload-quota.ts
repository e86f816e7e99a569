import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { RetryAfterError } from '../common/retry-after';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MB = 1024 * 1024;

/**
 * Per-user upload limits: UPLOAD_RATE_PER_MINUTE files in any minute, UPLOAD_DAILY_MB in any 24 hours.
 * Counted from the uploads table (one query), so they hold across instances.
 */
@Injectable()
export class UploadQuota {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Refuses with 429 + retry-after when the next upload (of up to `incomingBytes`) would exceed a limit. */
  async assertAllowed(caller: Caller, incomingBytes: number) {
    const now = this.clock.now().getTime();
    const [row]: { recent: unknown; recent_first: unknown; bytes: unknown; day_first: unknown }[] = await this.ds.query(
      'SELECT SUM(CASE WHEN created_at > ? THEN 1 ELSE 0 END) AS recent, MIN(CASE WHEN created_at > ? THEN created_at END) AS recent_first, ' +
        'SUM(size) AS bytes, MIN(created_at) AS day_first FROM uploads WHERE uploader_id = ? AND created_at > ?',
      [sqlTime(new Date(now - MINUTE)), sqlTime(new Date(now - MINUTE)), caller.userId, sqlTime(new Date(now - DAY))],
    );
    const at = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(`${String(v).replace(' ', 'T')}Z`).getTime());
    if (Number(row?.recent ?? 0) >= this.cfg.UPLOAD_RATE_PER_MINUTE) {
      const wait = (at(row.recent_first) + MINUTE - now) / 1000;
      throw new RetryAfterError(429, ErrorCode.UploadQuotaExceeded, `上传太频繁（每分钟最多 ${this.cfg.UPLOAD_RATE_PER_MINUTE} 张），请稍后再试`, wait);
    }
    if (Number(row?.bytes ?? 0) + incomingBytes > this.cfg.UPLOAD_DAILY_MB * MB) {
      const wait = (at(row.day_first) + DAY - now) / 1000;
      throw new RetryAfterError(429, ErrorCode.UploadQuotaExceeded, `24 小时内上传已达 ${this.cfg.UPLOAD_DAILY_MB} MB 上限，请稍后再试`, wait);
    }
  }
}
