import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { FeeRequest } from '../fees/entities/fee-request.entity';
import { Payment } from '../fees/entities/payment.entity';
import { ReversalsService, WechatRefundHook } from '../fees/reversals.service';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { insertRow } from '../database/insert-row';
import { execute } from '../fees/ledger-sql';
import { PayRefund } from './entities/pay-refund.entity';
import { PaymentOrder } from './entities/payment-order.entity';
import { PayMerchants } from './pay-merchants';
import { PayRefundFailuresService } from './pay-refund-failures.service';
import { fail, NotifyAnswer } from './pay-notify.service';
import { WxRefund } from './wxpay-protocol';
import { WxNotifyError, WxPayError } from './wxpay.client';

const BATCH = 50;

/** One refund per order that could not be settled: its out_refund_no is derived from the order's, so WeChat Pay dedupes it too. */
export const orphanRefundNo = (outTradeNo: string) => `RF${outTradeNo}`;

/** Refunds through WeChat Pay: recorded inside the caller's transaction, sent after it commits, retried by the job until accepted. */
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
    const hook: WechatRefundHook = { record: (em, p, f, now) => this.record(em, p, f, now), send: (r) => this.send(r as PayRefund) };
    this.reversals.wechatRefunds = hook;
  }

  /** An approved refund/void of a wechat payment, inside the approval's transaction: its WeChat Pay refund recorded, to be sent. */
  async record(em: EntityManager, payment: Payment, request: FeeRequest, now: Date): Promise<PayRefund> {
    const [o] = (await em.query('SELECT id, out_trade_no, transaction_id, amount_cents FROM payment_orders WHERE payment_id = ? AND company_id = ?', [
      payment.id,
      payment.companyId,
    ])) as { id: number; out_trade_no: string; transaction_id: string | null; amount_cents: number }[];
    if (!o) throw AppError.conflict(ErrorCode.Conflict, '未找到这笔微信支付的订单，无法原路退款');
    const values: Partial<PayRefund> = {
      companyId: payment.companyId,
      orderId: Number(o.id),
      paymentId: payment.id,
      feeRequestId: request.id,
      outTradeNo: o.out_trade_no,
      transactionId: o.transaction_id,
      outRefundNo: `RV${request.id}`,
      kind: 'reversal',
      amountCents: request.amountCents ?? 0,
      totalCents: Number(o.amount_cents),
      status: 'requested',
      refundId: null,
      businessDate: shanghaiDate(now),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const id = await insertRow(em, PayRefund, values);
    return Object.assign(new PayRefund(), values, { id });
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
    await this.ds.query(
      "UPDATE pay_refunds SET status = ?, refund_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status IN ('requested', 'processing')",
      [next, r.refund_id, sqlTime(this.clock.now()), row.id],
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
  async recordOrphan(order: PaymentOrder, transactionId: string | null): Promise<boolean> {
    const now = this.clock.now();
    return this.ds.transaction(async (em: EntityManager) => {
      const claim = await execute(
        em,
        "UPDATE payment_orders SET status = 'refunded', transaction_id = ?, paid_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status IN ('pending', 'closed')",
        [transactionId, sqlTime(now), sqlTime(now), order.id],
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
      await this.ds.query("UPDATE pay_refunds SET status = ?, refund_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'requested'", [
        status,
        a.refundId,
        sqlTime(this.clock.now()),
        r.id,
      ]);
      return true;
    } catch (e) {
      if (!(e instanceof WxPayError)) throw e;
      this.log.warn(`WeChat Pay refund ${r.outRefundNo} not accepted yet: ${e.code}`);
      return false;
    }
  }

  /** The job's pass: refunds recorded but not yet accepted. Returns how many were accepted now. */
  async retryRequested(): Promise<number> {
    const rows: { out_refund_no: string }[] = await this.ds.query(
      `SELECT out_refund_no FROM pay_refunds WHERE status = 'requested' ORDER BY id LIMIT ${BATCH}`,
    );
    let sent = 0;
    for (const r of rows) if (await this.send(r.out_refund_no)) sent++;
    return sent;
  }
}
