import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDate } from '@linli/shared';
import { AppConfig } from '../config/app-config';
import { ReversalsService, WechatRefundHook } from '../fees/reversals.service';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { outsideRequest } from '../database/statement-counter';
import { insertRow } from '../database/insert-row';
import { execute } from '../fees/ledger-sql';
import { PayRefund } from './entities/pay-refund.entity';
import { PaymentOrder } from './entities/payment-order.entity';
import { PayMerchants } from './pay-merchants';
import { PayRefundFailuresService } from './pay-refund-failures.service';
import { fail, NotifyAnswer } from './pay-notify.service';
import { WxRefund, wxTime } from './wxpay-protocol';
import { WxNotifyError, WxPayError } from './wxpay.client';

const BATCH = 50;

/** One refund per order that could not be settled: its out_refund_no is derived from the order's, so WeChat Pay dedupes it too. */
export const orphanRefundNo = (outTradeNo: string) => `RF${outTradeNo}`;
/** The refund of an approved reversal (fee_requests id): one per request. */
export const reversalRefundNo = (requestId: number) => `RV${requestId}`;
/** how far back the job looks for approved reversals whose refund was never recorded */
const MISSED_REVERSALS_DAYS = 7;

/** Refunds through WeChat Pay: recorded (in the caller's transaction, or after an approval commits), sent, retried by the job until accepted. */
@Injectable()
export class PayRefundsService implements OnModuleInit {
  private readonly log = new Logger('Pay');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly merchants: PayMerchants,
    private readonly clock: Clock,
    private readonly reversals: ReversalsService,
    private readonly cfg: AppConfig,
    private readonly failures: PayRefundFailuresService,
  ) {}

  onModuleInit() {
    const hook: WechatRefundHook = {
      // off the approval's request: it has answered by the time WeChat Pay is asked
      approved: (f) =>
        outsideRequest(() => {
          this.refundReversal(f.id, f.decidedAt ?? this.clock.now()).catch((e) => this.log.error({ err: e }, `WeChat Pay refund RV${f.id} not sent yet`));
        }),
    };
    this.reversals.wechatRefunds = hook;
  }

  /** An approved refund/void of a wechat payment: its WeChat Pay refund recorded (once) and sent. True when WeChat Pay accepted it. */
  async refundReversal(requestId: number, decidedAt: Date): Promise<boolean> {
    await this.recordReversal(requestId, decidedAt);
    return this.send(reversalRefundNo(requestId));
  }

  /**
   * The refund row of an approved reversal, from the request and the payment's order in one statement. Again (the
   * hook and the job at once) inserts nothing: out_refund_no RV<request id> is unique. True when inserted now.
   */
  private async recordReversal(requestId: number, decidedAt: Date): Promise<boolean> {
    const now = sqlTime(this.clock.now());
    const ignore = this.ds.options.type === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    const qr = this.ds.createQueryRunner();
    try {
      const r = await qr.query(
        `${ignore} INTO pay_refunds (company_id, order_id, payment_id, fee_request_id, out_trade_no, transaction_id, out_refund_no, kind,
           amount_cents, total_cents, status, refund_id, business_date, created_at, updated_at, version)
         SELECT f.company_id, o.id, o.payment_id, f.id, o.out_trade_no, o.transaction_id, ?, 'reversal',
           f.amount_cents, o.amount_cents, 'requested', NULL, ?, ?, ?, 1
         FROM fee_requests f JOIN payment_orders o ON o.payment_id = f.payment_id AND o.company_id = f.company_id
         WHERE f.id = ? AND f.status = 'approved' AND f.kind IN ('void', 'refund')`,
        [reversalRefundNo(requestId), shanghaiDate(decidedAt), now, now, requestId],
        true,
      );
      return r.affected === 1;
    } finally {
      await qr.release();
    }
  }

  /** The job's pass: approved reversals of wechat payments of the last days whose refund was never recorded (a crash after the approval). */
  async recordMissedReversals(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - MISSED_REVERSALS_DAYS * 86_400_000);
    const rows: { id: number; decided_at: Date | string }[] = await this.ds.query(
      `SELECT f.id, f.decided_at FROM fee_requests f JOIN payments p ON p.id = f.payment_id
        WHERE f.status = 'approved' AND f.kind IN ('void', 'refund') AND p.method = 'wechat' AND f.decided_at >= ?
          AND NOT EXISTS (SELECT 1 FROM pay_refunds r WHERE r.fee_request_id = f.id)
        ORDER BY f.id LIMIT ${BATCH}`,
      [sqlTime(since)],
    );
    let n = 0;
    for (const r of rows) if (await this.recordReversal(Number(r.id), new Date(r.decided_at))) n++;
    return n;
  }

  /** The refund callback: verified and decrypted with the merchant's keys, checked against our refund, applied once. */
  async handleNotify(header: (name: string) => string | undefined, rawBody: string | undefined): Promise<NotifyAnswer> {
    let reason = 'missing';
    for (const m of this.merchants.all()) {
      try {
        const r = this.merchants.client(m).openRefundNotification(header, rawBody ?? '');
        if (r.mchid !== undefined && r.mchid !== m.mchid) return fail(400, '商户号不符');
        return this.apply(r, m.companyId);
      } catch (e) {
        if (!(e instanceof WxNotifyError)) throw e;
        reason = e.reason;
      }
    }
    this.log.warn(`WeChat Pay refund callback refused: ${reason}`);
    return fail(401, '验签失败');
  }

  /** WeChat Pay's word on a refund (callback or query): final states stored once; anything else left as it is. */
  private async apply(r: WxRefund, companyId: number): Promise<NotifyAnswer> {
    const row = await this.ds.manager.findOneBy(PayRefund, { outRefundNo: r.out_refund_no, companyId });
    if (!row) return fail(400, '退款单不存在');
    if (r.amount.refund !== row.amountCents || r.amount.total !== row.totalCents || r.out_trade_no !== row.outTradeNo) {
      this.log.warn(`WeChat Pay refund ${row.outRefundNo} does not match ours`);
      return fail(400, '退款信息不符');
    }
    const state = r.refund_status ?? r.status;
    const next = state === 'SUCCESS' ? 'success' : state === 'CLOSED' || state === 'ABNORMAL' ? 'failed' : null;
    if (!next) return { status: 204 };
    // a failure is recorded with the managers' notice, in one transaction (退款异常)
    if (next === 'failed') {
      if (await this.failures.markFailed(row, state ?? 'ABNORMAL', r.refund_id ?? null))
        this.log.warn(`WeChat Pay refund ${row.outRefundNo} ${state}: return the money another way`);
      return { status: 204 };
    }
    const now = this.clock.now();
    const successAt = next === 'success' ? sqlTime(wxTime(r.success_time) ?? now) : null;
    await this.ds.query(
      "UPDATE pay_refunds SET status = ?, refund_id = ?, success_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status IN ('requested', 'processing')",
      [next, r.refund_id, successAt, sqlTime(now), row.id],
    );
    return { status: 204 };
  }

  /** The job's pass: refunds WeChat Pay accepted but has not reported final, asked. Returns how many became final. */
  async checkProcessing(): Promise<number> {
    const rows = await this.ds.manager.find(PayRefund, { where: { status: 'processing' }, order: { id: 'ASC' }, take: BATCH });
    let done = 0;
    for (const row of rows) {
      const m = this.merchants.forCompany(row.companyId);
      if (!m) continue;
      try {
        const r = await this.merchants.client(m).queryRefund(row.outRefundNo);
        if ((r.status === 'SUCCESS' || r.status === 'CLOSED' || r.status === 'ABNORMAL') && (await this.apply(r, row.companyId)).status === 204) done++;
      } catch (e) {
        if (!(e instanceof WxPayError)) throw e;
      }
    }
    return done;
  }

  /** notify_url of refunds: WXPAY_NOTIFY_URL's sibling; without it WeChat Pay uses the merchant platform's setting. */
  private refundNotifyUrl(): string | undefined {
    const u = this.cfg.WXPAY_NOTIFY_URL;
    return u ? u.replace(/\/notify$/, '/refund-notify') : undefined;
  }

  /**
   * A paid order that can no longer be settled (closed, its bills paid meanwhile): claimed refunded and its refund
   * recorded, in one transaction; false when another delivery got there first. No bill, no payment row is touched.
   */
  async recordOrphan(order: PaymentOrder, transactionId: string | null, paidAt: Date | null): Promise<boolean> {
    const now = this.clock.now();
    return this.ds.transaction(async (em: EntityManager) => {
      const claim = await execute(
        em,
        "UPDATE payment_orders SET status = 'refunded', transaction_id = ?, paid_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status IN ('pending', 'closed')",
        [transactionId, sqlTime(paidAt ?? now), sqlTime(now), order.id],
      );
      if (claim.affected !== 1) return false;
      await insertRow(em, PayRefund, {
        companyId: order.companyId,
        orderId: order.id,
        paymentId: null,
        feeRequestId: null,
        outTradeNo: order.outTradeNo,
        transactionId,
        outRefundNo: orphanRefundNo(order.outTradeNo),
        kind: 'orphan',
        amountCents: order.amountCents,
        totalCents: order.amountCents,
        status: 'requested',
        refundId: null,
        businessDate: shanghaiDate(now),
        successAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      return true;
    });
  }

  /** Sends a recorded refund still 'requested' to WeChat Pay; a failure leaves it for the job. True when accepted. */
  async send(ref: string | PayRefund): Promise<boolean> {
    const r = typeof ref === 'string' ? await this.ds.manager.findOneBy(PayRefund, { outRefundNo: ref, status: 'requested' }) : ref;
    if (!r) return false;
    const merchant = this.merchants.forCompany(r.companyId);
    if (!merchant) return false;
    try {
      const a = await this.merchants.client(merchant).refund({
        outTradeNo: r.outTradeNo,
        transactionId: r.transactionId,
        outRefundNo: r.outRefundNo,
        reason: r.kind === 'orphan' ? '订单已关闭或账单已缴清，款项原路退回' : '物业费退款',
        notifyUrl: this.refundNotifyUrl(),
        refundFen: r.amountCents,
        totalFen: r.totalCents,
      });
      const status = a.status === 'SUCCESS' ? 'success' : a.status === 'ABNORMAL' || a.status === 'CLOSED' ? 'failed' : 'processing';
      if (status === 'failed') {
        await this.failures.markFailed(r, a.status, a.refundId);
        return true;
      }
      const now = this.clock.now();
      const successAt = status === 'success' ? sqlTime(wxTime(a.successTime) ?? now) : null;
      await this.ds.query(
        "UPDATE pay_refunds SET status = ?, refund_id = ?, success_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'requested'",
        [status, a.refundId, successAt, sqlTime(now), r.id],
      );
      return true;
    } catch (e) {
      if (!(e instanceof WxPayError)) throw e;
      this.log.warn(`WeChat Pay refund ${r.outRefundNo} not accepted yet: ${e.code}`);
      return false;
    }
  }

  /** The job's pass: refunds recorded but not yet accepted. Returns how many were accepted now. */
  async retryRequested(): Promise<number> {
    await this.recordMissedReversals();
    const rows: { out_refund_no: string }[] = await this.ds.query(
      `SELECT out_refund_no FROM pay_refunds WHERE status = 'requested' ORDER BY id LIMIT ${BATCH}`,
    );
    let sent = 0;
    for (const r of rows) if (await this.send(r.out_refund_no)) sent++;
    return sent;
  }
}
