import {
  capitalAmount,
  FeeRequestKind,
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  PaymentListItem,
  PaymentView,
  periodLabel,
  ReceiptLine,
  ReceiptRefund,
} from '@linli/shared';
import { Payment } from './entities/payment.entity';

export interface ReceiptContext {
  companyName: string;
  communityName: string;
  roomLabel: string;
  cashierName: string | null;
}

/** A receipt from the payment row, its lines (as allocated, oldest bill first) and what was given back. */
export function paymentView(
  p: Payment,
  ctx: ReceiptContext,
  lines: ReceiptLine[],
  refunds: ReceiptRefund[],
  pending: { id: number; kind: FeeRequestKind; amountCents: number } | null,
): PaymentView {
  return {
    id: p.id,
    receiptNo: p.receiptNo,
    companyName: ctx.companyName,
    communityId: p.communityId,
    communityName: ctx.communityName,
    roomId: p.roomId,
    roomLabel: ctx.roomLabel,
    method: p.method,
    methodLabel: PAYMENT_METHOD_LABELS[p.method],
    amountCents: p.amountCents,
    principalCents: p.principalCents,
    lateFeeCents: p.lateFeeCents,
    amountCapital: capitalAmount(p.amountCents),
    refundedCents: p.refundedCents,
    status: p.status,
    statusLabel: PAYMENT_STATUS_LABELS[p.status],
    payerName: p.payerName,
    invoiceTitle: p.invoiceTitle,
    invoiceTaxId: p.invoiceTaxId,
    note: p.note,
    cashierName: ctx.cashierName,
    businessDate: p.businessDate,
    createdAt: p.createdAt.toISOString(),
    lines: [...lines].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.billLineId - b.billLineId)),
    refunds,
    pendingReversal: pending,
    closed: p.closeId !== null,
    version: p.version,
  };
}

export const receiptLine = (l: { billLineId: number; period: string; name: string; principalCents: number; lateFeeCents: number }): ReceiptLine => ({
  ...l,
  periodLabel: periodLabel(l.period),
});

export function paymentListItem(p: Payment, roomLabel: string): PaymentListItem {
  return {
    id: p.id,
    receiptNo: p.receiptNo,
    roomId: p.roomId,
    roomLabel,
    method: p.method,
    amountCents: p.amountCents,
    refundedCents: p.refundedCents,
    status: p.status,
    payerName: p.payerName,
    businessDate: p.businessDate,
    createdAt: p.createdAt.toISOString(),
  };
}
