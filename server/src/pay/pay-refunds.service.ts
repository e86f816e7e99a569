import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDate } from '@linli/shared';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { insertRow } from '../database/insert-row';
import { execute } from '../fees/ledger-sql';
import { PayRefund } from './entities/pay-refund.entity';
import { PaymentOrder } from './entities/payment-order.entity';
import { PayMerchants } from './pay-merchants';
import { WxPayError } from './wxpay.client';

const BATCH = 50;

/** One refund per order that could not be settled: its out_refund_no is derived from the order's, so WeChat Pay dedupes it too. */
export const orphanRefundNo = (outTradeNo: string) => `RF${outTradeNo}`;

/** Refunds through WeChat Pay: recorded inside the caller's transaction, sent after it commits, retried by the job until accepted. */
@Injectable()
export class PayRefundsService {
  private readonly log = new Logger('Pay');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly merchants: PayMerchants,
    private readonly clock: Clock,
  ) {}

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
  async send(outRefundNo: string): Promise<boolean> {
    const r = await this.ds.manager.findOneBy(PayRefund, { outRefundNo, status: 'requested' });
    if (!r) return false;
    const merchant = this.merchants.forCompany(r.companyId);
    if (!merchant) return false;
    try {
      const a = await this.merchants.client(merchant).refund({
        outTradeNo: r.outTradeNo,
        transactionId: r.transactionId,
        outRefundNo: r.outRefundNo,
        reason: '订单已关闭或账单已缴清，款项原路退回',
        refundFen: r.amountCents,
        totalFen: r.totalCents,
      });
      const status = a.status === 'SUCCESS' ? 'success' : a.status === 'ABNORMAL' || a.status === 'CLOSED' ? 'failed' : 'processing';
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
