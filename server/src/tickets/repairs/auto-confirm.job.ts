import { Injectable } from '@nestjs/common';
import { IntervalJob } from '../../common/interval-job';
import { AppConfig } from '../../config/app-config';
import { RepairTransitionsService } from './repair-transitions.service';

/** Confirms completed repairs the resident left unanswered for AUTO_CONFIRM_DAYS. */
@Injectable()
export class AutoConfirmJob extends IntervalJob {
  constructor(
    private readonly repairs: RepairTransitionsService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    const n = await this.repairs.autoConfirm(this.cfg.AUTO_CONFIRM_DAYS);
    if (n) this.log.log(`auto-confirmed ${n} repair(s)`);
  }
}
