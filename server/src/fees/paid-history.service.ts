import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaidHistoryView, PaidLineView, PaymentMethod, PaymentStatus, PayRefundState, periodLabel, Role } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { ScopeService } from '../common/scope';

/** Staff who read a room's payments: the desk and the cashier (as for its bills). */
const HISTORY_READERS: Role[] = ['agent', 'supervisor', 'cashier', 'manager', 'admin'];

interface Row {
  id: number;
  period: string;
  name: string;
  amount_cents: number | string;
  paid_cents: number | string;
  late_fee_paid_cents: number | string;
  waived_cents: number | string;
  status: 'open' | 'paid' | 'waived';
  payment_id: number;
  receipt_no: string;
  business_date: string;
  method: PaymentMethod;
  payment_status: PaymentStatus;
  principal_cents: number | string;
  late_fee_cents: number | string;
  refunded_cents: number | string;
  wx_refund_rank: number | string | null;
}

/** the worst of a payment's WeChat Pay refunds: failed, then still pending, then all returned */
const WX_RANK: PayRefundState[] = ['failed', 'pending', 'success'];

/** 已缴记录: a room's lines of a year that payments went to, with the receipts (≤ 3 statements). */
@Injectable()
export class PaidHistoryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  async history(caller: Caller, roomId: number, year: number): Promise<PaidHistoryView> {
    const scope = await this.scopes.resolve(caller);
    const [room]: { label: string; community_id: number; relation: string | null }[] = await this.ds.query(
      `SELECT r.label, r.community_id,
         (SELECT b.relation FROM room_bindings b WHERE b.room_id = r.id AND b.user_id = ? AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS relation
       FROM rooms r WHERE r.id = ? AND r.company_id = ?`,
      [caller.userId, roomId, caller.companyId],
    );
    const allowed = !!room && (scope.isResident ? scope.roomIds.includes(roomId) : scope.canSeeCommunity(Number(room.community_id)));
    if (!allowed) throw AppError.notFound('房屋');
    if (!scope.isResident && !HISTORY_READERS.some((r) => scope.has(r))) throw AppError.forbidden();
    // a tenant sees what the occupant pays, as on the bills page
    const tenantOnly = scope.isResident && room.relation === 'tenant';
    const rows: Row[] = await this.ds.query(
      `SELECT l.id, l.period, l.name, l.amount_cents, l.paid_cents, l.late_fee_paid_cents, l.waived_cents, l.status,
         p.id AS payment_id, p.receipt_no, p.business_date, p.method, p.status AS payment_status, a.principal_cents, a.late_fee_cents,
         p.refunded_cents, (SELECT MIN(CASE pr.status WHEN 'failed' THEN 0 WHEN 'success' THEN 2 ELSE 1 END) FROM pay_refunds pr WHERE pr.payment_id = p.id) AS wx_refund_rank
       FROM bill_lines l
       JOIN payment_allocations a ON a.bill_line_id = l.id
       JOIN payments p ON p.id = a.payment_id AND p.company_id = l.company_id
       WHERE l.room_id = ? AND l.company_id = ? AND l.period LIKE ?${tenantOnly ? " AND l.payer = 'occupant'" : ''}
       ORDER BY l.period DESC, l.id, p.id`,
      [roomId, caller.companyId, `${year}-%`],
    );
    const lines = groupLines(rows);
    return {
      roomId,
      roomLabel: room.label,
      year,
      lines,
      totalPaidCents: lines.reduce((s, l) => s + l.paidCents + l.lateFeePaidCents, 0),
    };
  }
}

function groupLines(rows: Row[]): PaidLineView[] {
  const byId = new Map<number, PaidLineView>();
  for (const r of rows) {
    const id = Number(r.id);
    let line = byId.get(id);
    if (!line) {
      const [amount, paid, waived] = [Number(r.amount_cents), Number(r.paid_cents), Number(r.waived_cents)];
      line = {
        id,
        period: r.period,
        periodLabel: periodLabel(r.period),
        name: r.name,
        amountCents: amount,
        paidCents: paid,
        lateFeePaidCents: Number(r.late_fee_paid_cents),
        waivedCents: waived,
        openCents: r.status === 'open' ? Math.max(0, amount - paid - waived) : 0,
        status: r.status,
        receipts: [],
      };
      byId.set(id, line);
    }
    line.receipts.push({
      paymentId: Number(r.payment_id),
      receiptNo: r.receipt_no,
      businessDate: r.business_date,
      method: r.method,
      status: r.payment_status,
      principalCents: Number(r.principal_cents),
      lateFeeCents: Number(r.late_fee_cents),
      refundedCents: Number(r.refunded_cents ?? 0),
      wechatRefundState: r.wx_refund_rank === null || r.wx_refund_rank === undefined ? null : WX_RANK[Number(r.wx_refund_rank)],
    });
  }
  return [...byId.values()];
}
