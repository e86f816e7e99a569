import { Injectable } from '@nestjs/common';
import { IntervalJob } from '../../common/interval-job';
import { AppConfig } from '../../config/app-config';
import { ComplaintTransitionsService } from './complaint-transitions.service';

/**
 * Resolved complaints-desk tickets the resident left unanswered for AUTO_CONFIRM_DAYS: complaints are confirmed
 * by the system (the return visit follows), suggestions, inquiries and praise closed.
 */
@Injectable()
export class ComplaintsAutoFinishJob extends IntervalJob {
  constructor(
    private readonly complaints: ComplaintTransitionsService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    const n = await this.complaints.autoFinish(this.cfg.AUTO_CONFIRM_DAYS);
    if (n.confirmed || n.closed) this.log.log(`auto-confirmed ${n.confirmed} complaint(s), auto-closed ${n.closed} other ticket(s)`);
  }
}
