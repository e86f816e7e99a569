import { EntityManager } from 'typeorm';
import { FeeRequestKind, payRefundState, PaymentView, Role, shanghaiDate } from '@linli/shared';
import { Company } from '../org/entities/company.entity';
import { Community } from '../org/entities/community.entity';
import { Room } from '../org/entities/room.entity';
import { User } from '../auth/entities/user.entity';
import { fromJson, jsonRows } from '../database/json-rows';
import { FeeRequest } from './entities/fee-request.entity';
import { PaymentAllocation } from './entities/payment-allocation.entity';
import { Payment } from './entities/payment.entity';
import { RefundAllocation } from './entities/refund-allocation.entity';
import { paymentView, receiptLine } from './receipt-view';

/** Staff who read receipts: the desk, the cashier and the managers (not technicians or guards). */
export const RECEIPT_READERS: Role[] = ['agent', 'supervisor', 'cashier', 'manager', 'admin'];

/** The bill line of an allocation as it is now. */
export interface AllocatedLine {
  id: number;
  period: string;
  version: number;
  amountCents: number;
  paidCents: number;
  lateFeePaidCents: number;
  waivedCents: number;
  status: 'open' | 'paid' | 'waived';
  sourceKey: string;
}

export interface LoadedPayment {
  payment: Payment;
  view: PaymentView;
  allocations: (PaymentAllocation & { payer: string; line: AllocatedLine })[];
  refundAllocations: RefundAllocation[];
  requests: (FeeRequest & { extra: Record<string, unknown> })[];
  /** the caller's approved relation to the room (residents), null for none */
  relation: string | null;
  callerName: string | null;
  ownerIds: number[];
  tenantIds: number[];
}

/**
 * ONE statement: a payment with its room, community, company and cashier names, its allocations (with their lines),
 * the refunds taken back, its void/refund requests, the caller's relation to the room and the room's residents.
 */
export async function loadPayment(
  em: EntityManager,
  companyId: number,
  by: { paymentId?: number; requestId?: number },
  callerId: number,
): Promise<LoadedPayment | null> {
  const bound = "FROM room_bindings b WHERE b.room_id = p.room_id AND b.status = 'approved'";
  const { entities, raw } = await em
    .createQueryBuilder(Payment, 'p')
    .leftJoin(Room, 'r', 'r.id = p.roomId')
    .leftJoin(Community, 'c', 'c.id = p.communityId')
    .leftJoin(Company, 'co', 'co.id = p.companyId')
    .leftJoin(User, 'u', 'u.id = p.cashierId')
    .addSelect(['r.label AS room_label', 'c.name AS community_name', 'co.name AS company_name', 'u.name AS cashier_name'])
    .addSelect(
      jsonRows(em, PaymentAllocation, 'a', 'FROM payment_allocations a JOIN bill_lines l ON l.id = a.bill_line_id WHERE a.payment_id = p.id', {
        period: 'l.period',
        name: 'l.name',
        payer: 'l.payer',
        line_version: 'l.version',
        line_amount: 'l.amount_cents',
        line_paid: 'l.paid_cents',
        line_late_paid: 'l.late_fee_paid_cents',
        line_waived: 'l.waived_cents',
        line_status: 'l.status',
        line_source: 'l.source_key',
      }),
      'alloc_json',
    )
    .addSelect(jsonRows(em, RefundAllocation, 'ra', 'FROM refund_allocations ra WHERE ra.payment_id = p.id'), 'refund_json')
    .addSelect(
      jsonRows(
        em,
        FeeRequest,
        'f',
        'FROM fee_requests f LEFT JOIN users ru ON ru.id = f.requested_by LEFT JOIN users du ON du.id = f.decided_by WHERE f.payment_id = p.id',
        {
          requested_by_name: 'ru.name',
          decided_by_name: 'du.name',
          // a wechat payment's refund at WeChat Pay (退款中 / 已退款 / 退款失败)
          wx_refund_status: '(SELECT pr.status FROM pay_refunds pr WHERE pr.fee_request_id = f.id)',
        },
      ),
      'requests_json',
    )
    .addSelect('(SELECT me.name FROM users me WHERE me.id = :me)', 'caller_name')
    .addSelect(`(SELECT b.relation ${bound} AND b.user_id = :me ORDER BY b.id LIMIT 1)`, 'relation')
    .addSelect(`(SELECT GROUP_CONCAT(b.user_id) ${bound} AND b.relation <> 'tenant')`, 'owner_ids')
    .addSelect(`(SELECT GROUP_CONCAT(b.user_id) ${bound} AND b.relation = 'tenant')`, 'tenant_ids')
    .where(by.requestId ? 'p.id = (SELECT fr.payment_id FROM fee_requests fr WHERE fr.id = :rid AND fr.company_id = :cid)' : 'p.id = :id', {
      id: by.paymentId,
      rid: by.requestId,
    })
    .andWhere('p.companyId = :cid', { cid: companyId, me: callerId })
    .getRawAndEntities();
  const payment = entities[0];
  if (!payment) return null;
  const row = raw[0] as Record<string, unknown>;
  const allocations = fromJson(em, PaymentAllocation, row.alloc_json).map((a) =>
    Object.assign(a, {
      payer: String(a.extra.payer),
      line: {
        id: a.billLineId,
        period: String(a.extra.period),
        version: Number(a.extra.line_version),
        amountCents: Number(a.extra.line_amount),
        paidCents: Number(a.extra.line_paid),
        lateFeePaidCents: Number(a.extra.line_late_paid),
        waivedCents: Number(a.extra.line_waived),
        status: a.extra.line_status as AllocatedLine['status'],
        sourceKey: String(a.extra.line_source ?? ''),
      },
    }),
  );
  const refundAllocations = fromJson(em, RefundAllocation, row.refund_json);
  const requests = fromJson(em, FeeRequest, row.requests_json).sort((a, b) => a.id - b.id);
  const pending = requests.find((r) => r.status === 'pending');
  const view = paymentView(
    payment,
    {
      companyName: String(row.company_name ?? ''),
      communityName: String(row.community_name ?? ''),
      roomLabel: String(row.room_label ?? ''),
      cashierName: (row.cashier_name as string | null) ?? null,
    },
    allocations.map((a) =>
      receiptLine({
        billLineId: a.billLineId,
        period: String(a.extra.period),
        name: String(a.extra.name),
        principalCents: a.principalCents,
        lateFeeCents: a.lateFeeCents,
      }),
    ),
    requests
      .filter((r) => r.status === 'approved')
      .map((r) => ({
        requestId: r.id,
        kind: r.kind,
        amountCents: r.amountCents ?? 0,
        businessDate: r.decidedAt ? shanghaiDate(r.decidedAt) : '',
        reason: r.reason,
        wechatState: payRefundState(r.extra.wx_refund_status as string | null),
      })),
    pending ? { id: pending.id, kind: pending.kind as FeeRequestKind, amountCents: pending.amountCents ?? 0 } : null,
  );
  const ids = (v: unknown) => (v ? String(v).split(',').map(Number) : []);
  return {
    payment,
    view,
    allocations,
    refundAllocations,
    requests,
    relation: (row.relation as string | null) ?? null,
    callerName: (row.caller_name as string | null) ?? null,
    ownerIds: ids(row.owner_ids),
    tenantIds: ids(row.tenant_ids),
  };
}
