import { Injectable, Logger, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RepairsService } from './repairs.service';

/** Confirms completed repairs the resident left unanswered for AUTO_CONFIRM_DAYS. Runs in every instance. */
@Injectable()
export class AutoConfirmJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(AutoConfirmJob.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repairs: RepairsService,
    private readonly cfg: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (this.cfg.JOB_INTERVAL_SECONDS <= 0) return;
    this.timer = setInterval(() => void this.run(), this.cfg.JOB_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async run() {
    try {
      const n = await this.repairs.autoConfirm(this.cfg.AUTO_CONFIRM_DAYS);
      if (n) this.log.log(`auto-confirmed ${n} repair(s)`);
    } catch (e) {
      this.log.error({ err: e }, 'auto-confirm failed');
    }
  }
}
