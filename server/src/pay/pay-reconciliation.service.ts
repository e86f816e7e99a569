import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfShanghaiDay } from '@linli/shared';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { PayMerchants } from './pay-merchants';
import { parseTradeBill, reconcile, TradeBillEntry } from './trade-bill';
import { WxPayError } from './wxpay.client';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** 微信支付对账: a day's trade bill against our wechat payments (settled or refunded as orphans) and refunds. */
@Injectable()
export class PayReconciliationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly merchants: PayMerchants,
    private readonly clock: Clock,
  ) {}

  /**
   * Reconciles one merchant's day (again, if asked twice: the day's mismatches are replaced). Returns the mismatch
   * count, or null when WeChat Pay has no bill yet for a day we took money on (it is made later in the morning: retried).
   */
  async reconcileDay(companyId: number, date: string): Promise<number | null> {
    const m = this.merchants.forCompany(companyId);
    if (!m) return null;
    const csv = await this.merchants.client(m).tradeBill(date);
    const theirs = csv === null ? [] : parseTradeBill(csv);
    if (!theirs) throw new WxPayError(502, 'BAD_ANSWER', 'the trade bill cannot be read');
    const start = new Date(endOfShanghaiDay(new Date(`${date}T12:00:00+08:00`)).getTime() - 86_400_000);
    const end = new Date(start.getTime() + 86_400_000);
    const payments: { out_trade_no: string; amount_cents: number; community_id: number }[] = await this.ds.query(
      'SELECT out_trade_no, amount_cents, community_id FROM payment_orders WHERE company_id = ? AND transaction_id IS NOT NULL AND paid_at >= ? AND paid_at < ?',
      [companyId, sqlTime(start), sqlTime(end)],
    );
    const refunds: { out_refund_no: string; out_trade_no: string; amount_cents: number; community_id: number | null }[] = await this.ds.query(
      `SELECT r.out_refund_no, r.out_trade_no, r.amount_cents, o.community_id FROM pay_refunds r LEFT JOIN payment_orders o ON o.id = r.order_id
        WHERE r.company_id = ? AND r.business_date = ?`,
      [companyId, date],
    );
    const ours: TradeBillEntry[] = [
      ...payments.map((p) => ({ kind: 'payment' as const, ref: p.out_trade_no, outTradeNo: p.out_trade_no, cents: Number(p.amount_cents) })),
      ...refunds.map((r) => ({ kind: 'refund' as const, ref: r.out_refund_no, outTradeNo: r.out_trade_no, cents: Number(r.amount_cents) })),
    ];
    const community = new Map<string, number | null>([
      ...payments.map((p) => [`payment:${p.out_trade_no}`, num(p.community_id)] as const),
      ...refunds.map((r) => [`refund:${r.out_refund_no}`, num(r.community_id)] as const),
    ]);
    if (csv === null && ours.length) return null;
    const found = reconcile(ours, theirs);
    await this.ds.transaction(async (em) => {
      await em.query('DELETE FROM pay_recon_mismatches WHERE company_id = ? AND bill_date = ?', [companyId, date]);
      await em.query('DELETE FROM pay_reconciliations WHERE company_id = ? AND bill_date = ?', [companyId, date]);
      await em.query(
        'INSERT INTO pay_reconciliations (company_id, bill_date, payment_count, refund_count, mismatch_count, checked_at) VALUES (?, ?, ?, ?, ?, ?)',
        [companyId, date, payments.length, refunds.length, found.length, sqlTime(this.clock.now())],
      );
      for (const f of found)
        await em.query(
          'INSERT INTO pay_recon_mismatches (company_id, community_id, bill_date, kind, ref, ours_cents, theirs_cents, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [companyId, community.get(`${f.kind}:${f.ref}`) ?? null, date, f.kind, f.ref.slice(0, 64), f.oursCents, f.theirsCents, f.problem],
        );
    });
    return found.length;
  }
}
