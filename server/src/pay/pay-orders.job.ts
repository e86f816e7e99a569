import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';
import { PayMerchants } from './pay-merchants';
import { PayNotifyService } from './pay-notify.service';
import { PayRefundsService } from './pay-refunds.service';
import { WxPayClient, WxPayError } from './wxpay.client';

const BATCH = 50;
/** how long a callback may take before the job asks WeChat Pay itself */
export const QUERY_AFTER_MS = 60_000;

interface PendingRow {
  id: number;
  company_id: number;
  out_trade_no: string;
  expires_at: Date | string;
}

export interface PaySweep {
  settled: number;
  closed: number;
  refunds: number;
  refundsFinal: number;
}

/**
 * Orders left pending (callback late or lost): WeChat Pay is asked, a paid one is settled through the callback's
 * path (or refunded there when it can no longer be), an expired unpaid one is closed at WeChat Pay then here.
 * Refunds recorded but not yet accepted are sent again. Safe on every instance: each change is a status compare-and-set.
 */
@Injectable()
export class PayOrdersJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly merchants: PayMerchants,
    private readonly notify: PayNotifyService,
    private readonly refunds: PayRefundsService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.sweep();
  }

  async sweep(): Promise<PaySweep> {
    const now = this.clock.now();
    const rows: PendingRow[] = await this.ds.query(
      `SELECT id, company_id, out_trade_no, expires_at FROM payment_orders WHERE status = 'pending' AND created_at <= ? ORDER BY id LIMIT ${BATCH}`,
      [sqlTime(new Date(now.getTime() - QUERY_AFTER_MS))],
    );
    const out: PaySweep = { settled: 0, closed: 0, refunds: 0, refundsFinal: 0 };
    for (const r of rows) {
      const merchant = this.merchants.forCompany(Number(r.company_id));
      if (!merchant) continue;
      try {
        const done = await this.check(this.merchants.client(merchant), r, new Date(r.expires_at).getTime() <= now.getTime());
        if (done) out[done]++;
      } catch (e) {
        if (!(e instanceof WxPayError)) throw e;
        this.log.warn(`WeChat Pay: order ${r.out_trade_no} left pending (${e.code})`);
      }
    }
    out.refunds = await this.refunds.retryRequested();
    out.refundsFinal = await this.refunds.checkProcessing();
    return out;
  }

  private async check(client: WxPayClient, r: PendingRow, expired: boolean): Promise<'settled' | 'closed' | null> {
    let tx;
    try {
      tx = await client.query(r.out_trade_no);
    } catch (e) {
      // never reached WeChat Pay (its jsapi call failed): nothing to close there
      if (e instanceof WxPayError && e.code === 'ORDER_NOT_EXIST' && expired) return this.markClosed(r);
      throw e;
    }
    if (tx.trade_state === 'SUCCESS') {
      await this.notify.settleTransaction(tx, Number(r.company_id), 'query');
      return 'settled';
    }
    if (tx.trade_state === 'CLOSED') return this.markClosed(r);
    if (!expired) return null;
    try {
      await client.close(r.out_trade_no);
    } catch (e) {
      // paid in the meantime: the next pass (or the callback) settles it
      if (e instanceof WxPayError && e.code === 'ORDERPAID') return null;
      throw e;
    }
    return this.markClosed(r);
  }

  private async markClosed(r: PendingRow): Promise<'closed'> {
    await this.ds.query("UPDATE payment_orders SET status = 'closed', updated_at = ?, version = version + 1 WHERE id = ? AND status = 'pending'", [
      sqlTime(this.clock.now()),
      r.id,
    ]);
    return 'closed';
  }
}
