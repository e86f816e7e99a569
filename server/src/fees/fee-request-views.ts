import { EntityManager } from 'typeorm';
import { FEE_REQUEST_KIND_LABELS, FEE_REQUEST_STATUS_LABELS, FeeRequestKind, FeeRequestStatus, FeeRequestView, periodLabel } from '@linli/shared';
import { utc } from '../common/sql-time';

/** A request row with what its view and its decision need (room, people, the line or the payment). */
export interface RequestRow {
  id: number;
  company_id: number;
  community_id: number;
  room_id: number;
  kind: FeeRequestKind;
  bill_line_id: number | null;
  amount_cents: number | string | null;
  defer_until: string | null;
  reason: string;
  status: FeeRequestStatus;
  requested_by: number;
  decided_by: number | null;
  decided_at: unknown;
  decision_note: string | null;
  version: number;
  created_at: unknown;
  room_label: string;
  requested_by_name: string | null;
  decided_by_name: string | null;
  line_name: string | null;
  line_period: string | null;
  line_amount_cents: number | string | null;
  line_paid_cents: number | string | null;
  line_waived_cents: number | string | null;
  line_status: 'open' | 'paid' | 'waived' | null;
  line_due_date: string | null;
  line_deferred_until: string | null;
  line_version: number | null;
  receipt_no: string | null;
}

/** The rows matching `where` (over alias r), newest first: one statement. */
export function requestRows(em: EntityManager, where: string, params: unknown[], limit = 100): Promise<RequestRow[]> {
  return em.query(
    `SELECT r.id, r.company_id, r.community_id, r.room_id, r.kind, r.bill_line_id, r.amount_cents, r.defer_until, r.reason, r.status,
            r.requested_by, r.decided_by, r.decided_at, r.decision_note, r.version, r.created_at,
            rm.label AS room_label, rq.name AS requested_by_name, dc.name AS decided_by_name,
            l.name AS line_name, l.period AS line_period, l.amount_cents AS line_amount_cents, l.paid_cents AS line_paid_cents,
            l.waived_cents AS line_waived_cents, l.status AS line_status, l.due_date AS line_due_date,
            l.deferred_until AS line_deferred_until, l.version AS line_version, p.receipt_no
       FROM fee_requests r
       JOIN rooms rm ON rm.id = r.room_id
       LEFT JOIN users rq ON rq.id = r.requested_by
       LEFT JOIN users dc ON dc.id = r.decided_by
       LEFT JOIN bill_lines l ON l.id = r.bill_line_id
       LEFT JOIN payments p ON p.id = r.payment_id
      WHERE ${where} ORDER BY r.id DESC LIMIT ${limit}`,
    params,
  );
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

export function requestView(r: RequestRow, callerId: number): FeeRequestView {
  const onLine = r.kind === 'waive' || r.kind === 'defer';
  const subject = onLine ? `${r.line_name ?? ''} ${r.line_period ? periodLabel(r.line_period) : ''}`.trim() : `收据 ${r.receipt_no ?? ''}`.trim();
  return {
    id: Number(r.id),
    kind: r.kind,
    kindLabel: FEE_REQUEST_KIND_LABELS[r.kind],
    status: r.status,
    statusLabel: FEE_REQUEST_STATUS_LABELS[r.status],
    communityId: Number(r.community_id),
    roomId: Number(r.room_id),
    roomLabel: r.room_label,
    billLineId: num(r.bill_line_id),
    subject,
    amountCents: num(r.amount_cents),
    deferUntil: r.defer_until,
    reason: r.reason,
    requestedByName: r.requested_by_name,
    requestedAt: utc(r.created_at)!.toISOString(),
    decidedByName: r.decided_by_name,
    decidedAt: utc(r.decided_at)?.toISOString() ?? null,
    decisionNote: r.decision_note,
    version: Number(r.version),
    canDecide: r.status === 'pending' && Number(r.requested_by) !== callerId,
    decidePath: onLine ? `/api/fees/requests/${r.id}/decide` : `/api/fees/reversals/${r.id}/decide`,
  };
}
