import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, SHANGHAI_OFFSET_MS, shanghaiDate } from '@linli/shared';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { AppConfig } from '../config/app-config';
import { PayMerchants } from './pay-merchants';
import { PayReconciliationService } from './pay-reconciliation.service';

/** from 06:00 Asia/Shanghai, before the managers' 08:30 digest counts the mismatches */
const RECONCILE_FROM_MS = 6 * 3_600_000;

/** Each morning, yesterday's trade bill of every merchant, once (a day already reconciled is skipped; no bill yet → next tick). */
@Injectable()
export class PayReconcileJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly merchants: PayMerchants,
    private readonly recon: PayReconciliationService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    const now = this.clock.now();
    if ((now.getTime() + SHANGHAI_OFFSET_MS) % 86_400_000 < RECONCILE_FROM_MS) return;
    const date = addDays(shanghaiDate(now), -1);
    for (const m of this.merchants.all()) {
      const [done] = await this.ds.query('SELECT id FROM pay_reconciliations WHERE company_id = ? AND bill_date = ?', [m.companyId, date]);
      // claimed per (merchant, day): an instance finding it claimed by another does nothing
      if (!done) await this.recon.reconcileDay(m.companyId, date, true);
    }
  }

  /** Reconciles `date` (default yesterday) for every merchant now: the mismatches per company (null: no bill yet; 'running': another instance is at it). */
  async reconcileNow(date?: string): Promise<Record<number, number | null | 'running'>> {
    const day = date ?? addDays(shanghaiDate(this.clock.now()), -1);
    const out: Record<number, number | null | 'running'> = {};
    for (const m of this.merchants.all()) out[m.companyId] = await this.recon.reconcileDay(m.companyId, day);
    return out;
  }
}
