import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfShanghaiDay } from '@linli/shared';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { PayMerchants } from './pay-merchants';
import { parseTradeBill, reconcile, TradeBillEntry } from './trade-bill';
import { WxPayError } from './wxpay.client';

/** a claim this old belongs to an instance that died mid-run: another may take it over */
const CLAIM_STALE_MS = 10 * 60_000;

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
   * count; null when WeChat Pay has no bill yet for a day we took money on (it is made later in the morning: retried);
   * 'running' when another instance is reconciling that day right now (this one does nothing). `ifNotDone`: a
   * day already reconciled is left as it is (the job).
   */
  async reconcileDay(companyId: number, date: string, ifNotDone = false): Promise<number | null | 'running'> {
    const m = this.merchants.forCompany(companyId);
    if (!m) return null;
    const claimedAt = await this.claim(companyId, date);
    if (!claimedAt) return 'running';
    try {
      if (ifNotDone && (await this.ds.query('SELECT id FROM pay_reconciliations WHERE company_id = ? AND bill_date = ?', [companyId, date])).length) return 0;
      return await this.compare(m.companyId, date);
    } finally {
      await this.ds.query('DELETE FROM pay_recon_claims WHERE company_id = ? AND bill_date = ? AND claimed_at = ?', [companyId, date, sqlTime(claimedAt)]);
    }
  }

  /**
   * The (merchant, day) claimed for this run, by its unique key (a claim older than CLAIM_STALE_MS — an instance that
   * died — is taken over by a compare-and-set). The claim's time, or null when another instance holds it.
   */
  private async claim(companyId: number, date: string): Promise<Date | null> {
    const now = this.clock.now();
    const ignore = this.ds.options.type === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    const qr = this.ds.createQueryRunner();
    try {
      const ins = await qr.query(`${ignore} INTO pay_recon_claims (company_id, bill_date, claimed_at) VALUES (?, ?, ?)`, [companyId, date, sqlTime(now)], true);
      if (ins.affected === 1) return now;
      const cas = await qr.query(
        'UPDATE pay_recon_claims SET claimed_at = ? WHERE company_id = ? AND bill_date = ? AND claimed_at < ?',
        [sqlTime(now), companyId, date, sqlTime(new Date(now.getTime() - CLAIM_STALE_MS))],
        true,
      );
      return cas.affected === 1 ? now : null;
    } finally {
      await qr.release();
    }
  }

  /**
   * WeChat Pay's bill of the day against ours, on WeChat Pay's own dates: payments by their success_time (paid_at),
   * refunds by their success time — a payment made at 23:59:58 whose callback comes after midnight belongs to the
   * day it was made on both sides. (The statement of [fees] keeps its business dates; only this pairing uses these.)
   */
  private async compare(companyId: number, date: string): Promise<number | null> {
    const m = this.merchants.forCompany(companyId)!;
    const csv = await this.merchants.client(m).tradeBill(date);
    const theirs = csv === null ? [] : parseTradeBill(csv);
    if (!theirs) throw new WxPayError(502, 'BAD_ANSWER', 'the trade bill cannot be read');
    const start = new Date(endOfShanghaiDay(new Date(`${date}T12:00:00+08:00`)).getTime() - 86_400_000);
    const range = [sqlTime(start), sqlTime(new Date(start.getTime() + 86_400_000))];
    const payments: { out_trade_no: string; amount_cents: number; community_id: number }[] = await this.ds.query(
      'SELECT out_trade_no, amount_cents, community_id FROM payment_orders WHERE company_id = ? AND transaction_id IS NOT NULL AND paid_at >= ? AND paid_at < ?',
      [companyId, ...range],
    );
    const refunds: { out_refund_no: string; out_trade_no: string; amount_cents: number; community_id: number | null }[] = await this.ds.query(
      `SELECT r.out_refund_no, r.out_trade_no, r.amount_cents, o.community_id FROM pay_refunds r LEFT JOIN payment_orders o ON o.id = r.order_id
        WHERE r.company_id = ? AND r.status = 'success' AND r.success_at >= ? AND r.success_at < ?`,
      [companyId, ...range],
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
      if (found.length)
        await em.query(
          `INSERT INTO pay_recon_mismatches (company_id, community_id, bill_date, kind, ref, ours_cents, theirs_cents, problem) VALUES ${found.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          found.flatMap((f) => [
            companyId,
            community.get(`${f.kind}:${f.ref}`) ?? null,
            date,
            f.kind,
            f.ref.slice(0, 64),
            f.oursCents,
            f.theirsCents,
            f.problem,
          ]),
        );
    });
    return found.length;
  }
}
