import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { formatYuan, PAY_REFUND_FAILURE_LABELS, PayRefundFailureView } from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { sqlTime, utc } from '../common/sql-time';
import { execute } from '../fees/ledger-sql';
import { NotifyService } from '../notify/notify.service';
import { staffOfCommunityByRole } from '../notify/recipients';
import { PayRefund } from './entities/pay-refund.entity';

/** The managers' list of failed refunds: where the inbox notice links (shared/src/notify/links.ts). */
export const REFUND_FAILURES_LINK = '/pay/refund-failures';
const ORPHAN_REASON = '订单已关闭或账单已缴清，款项自动原路退回';

interface FailureRow {
  id: number;
  out_refund_no: string;
  out_trade_no: string;
  kind: 'orphan' | 'reversal';
  amount_cents: number | string;
  failure: string | null;
  business_date: string;
  updated_at: unknown;
  payment_id: number | null;
  community_name: string | null;
  room_label: string | null;
  receipt_no: string | null;
  reason: string | null;
}

const failureLabel = (f: string | null) => (f && PAY_REFUND_FAILURE_LABELS[f]) || '退款失败';

/** 退款异常: WeChat Pay refunds that failed (ABNORMAL / CLOSED) — recorded with the managers' notice, listed for them. */
@Injectable()
export class PayRefundFailuresService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly notify: NotifyService,
    private readonly clock: Clock,
  ) {}

  /**
   * One transaction: the refund marked failed (only from requested / processing, so once) and an inbox notice to the
   * managers of the order's community. False when another delivery got there first.
   */
  async markFailed(row: PayRefund, state: string, refundId: string | null): Promise<boolean> {
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      const r = await execute(
        em,
        "UPDATE pay_refunds SET status = 'failed', failure = ?, refund_id = COALESCE(?, refund_id), updated_at = ?, version = version + 1 WHERE id = ? AND status IN ('requested', 'processing')",
        [state.slice(0, 16), refundId, sqlTime(now), row.id],
      );
      if (r.affected !== 1) return false;
      await this.tellManagers(em, row, state, now);
      return true;
    });
  }

  private async tellManagers(em: EntityManager, row: PayRefund, state: string, now: Date) {
    const [o]: { community_id: number; room_label: string | null }[] = await em.query(
      'SELECT o.community_id, rm.label AS room_label FROM payment_orders o LEFT JOIN rooms rm ON rm.id = o.room_id WHERE o.id = ? AND o.company_id = ?',
      [row.orderId ?? 0, row.companyId],
    );
    if (!o) return;
    const { manager } = await staffOfCommunityByRole(em, Number(o.community_id), ['manager']);
    if (!manager.length) return;
    await this.notify.enqueue(em, {
      companyId: row.companyId,
      communityId: Number(o.community_id),
      key: `pay-refund:${row.id}:failed`,
      recipients: manager,
      app: 'staff',
      msg: {
        template: 'pay_refund_failed',
        title: '微信退款失败',
        body: `${o.room_label ?? ''} 退款单 ${row.outRefundNo}（${formatYuan(row.amountCents)}）${failureLabel(state)}，请联系住户线下退款`.trim(),
        link: REFUND_FAILURES_LINK,
        wx: {},
      },
      at: now,
    });
  }

  /** Failed refunds of the caller's communities (manager / admin), newest first: one statement after the cached scope. */
  async list(caller: Caller): Promise<PayRefundFailureView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.communityIds.length) return [];
    const rows: FailureRow[] = await this.ds.query(
      `SELECT pr.id, pr.out_refund_no, pr.out_trade_no, pr.kind, pr.amount_cents, pr.failure, pr.business_date, pr.updated_at, pr.payment_id,
              c.name AS community_name, rm.label AS room_label, p.receipt_no, f.reason
         FROM pay_refunds pr
         JOIN payment_orders o ON o.id = pr.order_id AND o.company_id = pr.company_id
         LEFT JOIN communities c ON c.id = o.community_id
         LEFT JOIN rooms rm ON rm.id = o.room_id
         LEFT JOIN payments p ON p.id = pr.payment_id
         LEFT JOIN fee_requests f ON f.id = pr.fee_request_id
        WHERE pr.company_id = ? AND pr.status = 'failed' AND o.community_id IN (${scope.communityIds.map(() => '?').join(', ')})
        ORDER BY pr.id DESC LIMIT 100`,
      [caller.companyId, ...scope.communityIds],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      outRefundNo: r.out_refund_no,
      outTradeNo: r.out_trade_no,
      kind: r.kind,
      amountCents: Number(r.amount_cents),
      communityName: r.community_name,
      roomLabel: r.room_label,
      reason: r.kind === 'orphan' ? ORPHAN_REASON : (r.reason ?? ''),
      failure: r.failure,
      failureLabel: failureLabel(r.failure),
      paymentId: r.payment_id === null ? null : Number(r.payment_id),
      receiptNo: r.receipt_no,
      businessDate: r.business_date,
      failedAt: (utc(r.updated_at) ?? new Date(0)).toISOString(),
    }));
  }
}
