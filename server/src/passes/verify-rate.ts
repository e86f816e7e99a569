import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@linli/shared';
import { Clock } from '../common/clock';
import { RetryAfterError } from '../common/retry-after';
import { AppConfig } from '../config/app-config';

const MINUTE = 60_000;

/**
 * Verifications per guard per minute (PASS_VERIFY_RATE_PER_MINUTE, default 60): a fixed one-minute window per guard,
 * in memory and per instance (a brake on guessing codes with a stolen guard login, not a quota), on the injectable
 * clock so tests can move past a window. Costs no statement.
 */
@Injectable()
export class VerifyRate {
  private readonly windows = new Map<number, { start: number; n: number }>();

  constructor(
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
  ) {}

  take(guardId: number) {
    const now = this.clock.now().getTime();
    const w = this.windows.get(guardId);
    if (!w || now - w.start >= MINUTE || now < w.start) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(guardId, { start: now, n: 1 });
      return;
    }
    if (w.n >= this.cfg.PASS_VERIFY_RATE_PER_MINUTE)
      throw new RetryAfterError(
        429,
        ErrorCode.TooManyRequests,
        `核验太频繁（每分钟最多 ${this.cfg.PASS_VERIFY_RATE_PER_MINUTE} 次），请稍后再试`,
        (w.start + MINUTE - now) / 1000,
      );
    w.n++;
  }

  private sweep(now: number) {
    for (const [id, w] of this.windows) if (now - w.start >= MINUTE) this.windows.delete(id);
  }
}
