import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ComplaintsService } from './complaints.service';

/**
 * Resolved complaints-desk tickets the resident left unanswered for AUTO_CONFIRM_DAYS: complaints are confirmed
 * by the system (the return visit follows), suggestions, inquiries and praise closed. Runs in every instance.
 */
@Injectable()
export class ComplaintsAutoFinishJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ComplaintsAutoFinishJob.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly complaints: ComplaintsService,
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
      const n = await this.complaints.autoFinish(this.cfg.AUTO_CONFIRM_DAYS);
      if (n.confirmed || n.closed) this.log.log(`auto-confirmed ${n.confirmed} complaint(s), auto-closed ${n.closed} other ticket(s)`);
    } catch (e) {
      this.log.error({ err: e }, 'complaints auto-finish failed');
    }
  }
}
