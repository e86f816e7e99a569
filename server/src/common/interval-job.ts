import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { isDbUnavailable, OutageLog } from './db-outage';

/**
 * A background job run every JOB_INTERVAL_SECONDS in every instance (0 turns it off). The work itself must be
 * safe to run concurrently: each row it changes is claimed with a version compare-and-set or a row lock.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly log = new Logger(this.constructor.name);
  private readonly outage = new OutageLog(this.log);
  private timer?: NodeJS.Timeout;

  protected constructor(protected readonly cfg: AppConfig) {}

  abstract run(): Promise<void>;

  onApplicationBootstrap() {
    if (this.cfg.JOB_INTERVAL_SECONDS <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.cfg.JOB_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async tick() {
    try {
      await this.run();
    } catch (e) {
      if (isDbUnavailable(e)) this.outage.record(e);
      else this.log.error({ err: e }, `${this.constructor.name} failed`);
    }
  }
}
