import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { fromJson, jsonRows } from '../database/json-rows';
import { BillLine } from '../fees/entities/bill-line.entity';
import { LineChange, execute } from '../fees/ledger-sql';
import { PaymentRoom, PaymentsService } from '../fees/payments.service';
import { PaymentOrder } from './entities/payment-order.entity';
import { PayMerchants } from './pay-merchants';
import { orphanRefundNo, PayRefundsService } from './pay-refunds.service';
import { paidTransactionProblems, WxTransaction, wxTime } from './wxpay-protocol';
import { WxNotifyError } from './wxpay.client';

/** What notify_url answers: 204, or WeChat Pay's failure body with a status that makes it retry. */
export type NotifyAnswer = { status: 204 } | { status: 400 | 401 | 409; body: { code: 'FAIL'; message: string } };

export const fail = (status: 400 | 401 | 409, message: string): NotifyAnswer => ({ status, body: { code: 'FAIL', message } });
/** thrown inside the transaction when another delivery settled the order first: roll back, answer 204 */
class AlreadySettled extends Error {}
/** thrown inside the transaction when a frozen line is no longer open for its share (paid at the counter meanwhile) */
class Unsettleable extends Error {}

type OrderRow = PaymentRoom & {
  id: number;
  community_id: number;
  room_id: number;
  out_trade_no: string;
  mchid: string;
  appid: string;
  order_lines: string;
  amount_cents: number;
  principal_cents: number;
  late_fee_cents: number;
  status: PaymentOrder['status'];
  lines_json: unknown;
};

/** WeChat Pay's payment callbacks: verified, decrypted, checked against the order, settled once. */
@Injectable()
export class PayNotifyService {
  private readonly log = new Logger('Pay');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly merchants: PayMerchants,
    private readonly payments: PaymentsService,
    private readonly clock: Clock,
    private readonly refunds: PayRefundsService,
  ) {}

  async handle(header: (name: string) => string | undefined, rawBody: string | undefined): Promise<NotifyAnswer> {
    const opened = this.open(header, rawBody ?? '');
    if ('status' in opened) return opened;
    return this.settleTransaction(opened.tx, opened.companyId, 'callback');
  }

  /** A transaction WeChat Pay reported (callback or query), checked against its order and settled once. */
  async settleTransaction(tx: WxTransaction, companyId: number, source: 'callback' | 'query', retried = false): Promise<NotifyAnswer> {
    const row = await this.load(tx.out_trade_no, companyId);
    if (!row) return fail(400, '订单不存在');
    const order = orderOf(row);
    const problems = paidTransactionProblems(tx, { appid: order.appid, mchid: order.mchid, outTradeNo: order.outTradeNo, totalFen: order.amountCents });
    if (problems.length) {
      this.log.warn(`WeChat Pay ${source} for ${order.outTradeNo} does not match its order: ${problems.join(', ')}`);
      return fail(400, '订单信息不符');
    }
    if (order.status === 'paid') return { status: 204 };
    if (order.status === 'refunded') {
      // a repeat: the refund is already recorded; sent again only if WeChat Pay has not accepted it yet
      await this.refunds.send(orphanRefundNo(order.outTradeNo));
      return { status: 204 };
    }
    if (order.status === 'closed') return this.refund(order, tx, source, 'was closed');
    try {
      await this.settle(order, row, tx);
    } catch (e) {
      if (e instanceof AlreadySettled) return { status: 204 };
      if (e instanceof Unsettleable) return this.refund(order, tx, source, 'has bills paid meanwhile');
      if (e instanceof AppError && e.status === 409) {
        // a concurrent change of its bills (another delivery, another order of the same bills, the counter):
        // looked at once more as it now stands — settled, refunded, or (still changing) 409 so WeChat Pay retries
        if (!retried) return this.settleTransaction(tx, companyId, source, true);
        this.log.warn(`WeChat Pay ${source}: the bills of order ${order.outTradeNo} changed since it was placed`);
        return fail(409, '账单已变化，稍后重试');
      }
      throw e;
    }
    return { status: 204 };
  }

  /** Paid but not settleable: refunded automatically (once, whatever the repeats), then 204 so WeChat Pay stops retrying. */
  private async refund(order: PaymentOrder, tx: WxTransaction, source: string, why: string): Promise<NotifyAnswer> {
    if (await this.refunds.recordOrphan(order, tx.transaction_id ?? null, wxTime(tx.success_time)))
      this.log.warn(`WeChat Pay ${source}: order ${order.outTradeNo} ${why}; refunding`);
    await this.refunds.send(orphanRefundNo(order.outTradeNo));
    return { status: 204 };
  }

  /** The merchant whose key verifies the signature and whose APIv3 key opens the resource. */
  private open(header: (name: string) => string | undefined, rawBody: string): NotifyAnswer | { tx: WxTransaction; companyId: number } {
    let reason = 'missing';
    for (const m of this.merchants.all()) {
      try {
        const { transaction } = this.merchants.client(m).openNotification(header, rawBody);
        if (transaction.mchid !== m.mchid || transaction.appid !== m.appid) return fail(400, '商户号或应用不符');
        return { tx: transaction, companyId: m.companyId };
      } catch (e) {
        if (!(e instanceof WxNotifyError)) throw e;
        reason = e.reason;
      }
    }
    this.log.warn(`WeChat Pay callback refused: ${reason}`);
    return fail(401, '验签失败');
  }

  /**
   * ONE transaction: the payment taken through the ledger's one path, then the order claimed and linked to it in one
   * write (pending → paid, only once: a delivery that finds it claimed rolls its payment back). paid_at is WeChat
   * Pay's success_time — what its trade bill dates the payment by — not our clock.
   */
  private async settle(order: PaymentOrder, row: OrderRow, tx: WxTransaction) {
    const now = this.clock.now();
    const paidAt = wxTime(tx.success_time) ?? now;
    const frozen = order.lines();
    await this.ds.transaction(async (em) => {
      const open = new Map(fromJson(em, BillLine, row.lines_json).map((l) => [l.id, l]));
      const changes: LineChange[] = [];
      const lines = frozen.map((f) => {
        const l = open.get(f.id);
        if (!l || l.amountCents - l.paidCents - l.waivedCents < f.principalCents) throw new Unsettleable();
        const paid = l.paidCents + f.principalCents;
        changes.push({
          id: l.id,
          version: l.version,
          paidCents: paid,
          lateFeePaidCents: l.lateFeePaidCents + f.lateFeeCents,
          status: paid + l.waivedCents >= l.amountCents ? 'paid' : 'open',
        });
        return {
          billId: l.id,
          principalCents: f.principalCents,
          lateFeeCents: f.lateFeeCents,
          period: l.period,
          name: l.name,
          payer: l.payer,
          sourceKey: l.sourceKey,
        };
      });
      const view = await this.payments.take(em, {
        room: row,
        lines,
        changes,
        now,
        values: {
          companyId: order.companyId,
          communityId: order.communityId,
          roomId: order.roomId,
          method: 'wechat',
          amountCents: order.amountCents,
          principalCents: order.principalCents,
          lateFeeCents: order.lateFeeCents,
          refundedCents: 0,
          status: 'paid',
          payerName: null,
          invoiceTitle: null,
          invoiceTaxId: null,
          note: `微信支付 ${tx.transaction_id ?? ''}`.trim(),
          cashierId: null,
          businessDate: shanghaiDate(now),
          closeId: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        },
      });
      const claim = await execute(
        em,
        "UPDATE payment_orders SET status = 'paid', transaction_id = ?, paid_at = ?, payment_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'pending'",
        [tx.transaction_id ?? null, sqlTime(paidAt), view.id, sqlTime(now), order.id],
      );
      if (claim.affected !== 1) throw new AlreadySettled();
    });
  }

  /** The order with its room's names, residents, open lines and the paid-lines hooks' columns: one statement. */
  private async load(outTradeNo: string, companyId: number): Promise<OrderRow | undefined> {
    const em = this.ds.manager;
    const bound = "FROM room_bindings b WHERE b.room_id = r.id AND b.status = 'approved'";
    const [row] = (await em.query(
      `SELECT o.id, o.company_id, o.community_id, o.room_id, o.out_trade_no, o.mchid, o.appid, o.lines_json AS order_lines,
         o.amount_cents, o.principal_cents, o.late_fee_cents, o.status,
         r.label, c.name AS community_name, co.name AS company_name, NULL AS cashier_name,
         (SELECT GROUP_CONCAT(b.user_id) ${bound} AND b.relation <> 'tenant') AS owner_ids,
         (SELECT GROUP_CONCAT(b.user_id) ${bound} AND b.relation = 'tenant') AS tenant_ids,
         (SELECT GROUP_CONCAT(s.user_id) FROM subscribe_balances s JOIN room_bindings b ON b.user_id = s.user_id
            WHERE b.room_id = r.id AND b.status = 'approved' AND s.template = 'fee_paid' AND s.balance > 0) AS consented_ids,
         ${jsonRows(em, BillLine, 'l', "FROM bill_lines l WHERE l.room_id = r.id AND l.status = 'open'")} AS lines_json
         ${this.payments.hookColumns(em)}
       FROM payment_orders o JOIN rooms r ON r.id = o.room_id JOIN communities c ON c.id = r.community_id JOIN companies co ON co.id = r.company_id
       WHERE o.out_trade_no = ? AND o.company_id = ?`,
      [outTradeNo, companyId],
    )) as OrderRow[];
    return row;
  }
}

function orderOf(r: OrderRow): PaymentOrder {
  return Object.assign(new PaymentOrder(), {
    id: Number(r.id),
    companyId: Number(r.company_id),
    communityId: Number(r.community_id),
    roomId: Number(r.room_id),
    outTradeNo: r.out_trade_no,
    mchid: r.mchid,
    appid: r.appid,
    linesJson: r.order_lines,
    amountCents: Number(r.amount_cents),
    principalCents: Number(r.principal_cents),
    lateFeeCents: Number(r.late_fee_cents),
    status: r.status,
  });
}
