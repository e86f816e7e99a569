import type { FeeRequestKind, FeeRequestStatus, PaymentMethod, PaymentStatus } from '../fees/ledger';
import type { PayRefundState } from './pay';

/** A room the cashier found by number or phone (phones masked). */
export interface CashierRoomHit {
  roomId: number;
  communityId: number;
  communityName: string;
  label: string;
  ownerName: string | null;
  /** 138****0001 */
  ownerPhone: string | null;
  openLines: number;
}

/** One line of a receipt: what the payment paid on one bill. */
export interface ReceiptLine {
  billLineId: number;
  period: string;
  periodLabel: string;
  name: string;
  principalCents: number;
  lateFeeCents: number;
}

export interface ReceiptRefund {
  requestId: number;
  kind: FeeRequestKind;
  amountCents: number;
  businessDate: string;
  reason: string;
  /** a wechat payment's refund at WeChat Pay (退款中 / 已退款 / 退款失败); null for counter payments */
  wechatState: PayRefundState | null;
}

/** A receipt (收据): who paid what for which bills, how, and what was given back. */
export interface PaymentView {
  id: number;
  receiptNo: string;
  companyName: string;
  communityId: number;
  communityName: string;
  roomId: number;
  roomLabel: string;
  method: PaymentMethod;
  methodLabel: string;
  amountCents: number;
  principalCents: number;
  lateFeeCents: number;
  /** 大写金额 of amountCents */
  amountCapital: string;
  refundedCents: number;
  status: PaymentStatus;
  statusLabel: string;
  payerName: string | null;
  invoiceTitle: string | null;
  invoiceTaxId: string | null;
  note: string | null;
  cashierName: string | null;
  businessDate: string;
  createdAt: string;
  lines: ReceiptLine[];
  refunds: ReceiptRefund[];
  /** a void or refund waiting for a manager */
  pendingReversal: { id: number; kind: FeeRequestKind; amountCents: number } | null;
  closed: boolean;
  version: number;
}

/** A payment in a list (the room's payments, the cashier's day). */
export interface PaymentListItem {
  id: number;
  receiptNo: string;
  roomId: number;
  roomLabel: string;
  method: PaymentMethod;
  amountCents: number;
  refundedCents: number;
  status: PaymentStatus;
  payerName: string | null;
  businessDate: string;
  createdAt: string;
}

/** A void or refund request and its decision. */
export interface ReversalView {
  id: number;
  kind: FeeRequestKind;
  paymentId: number;
  receiptNo: string;
  roomLabel: string;
  amountCents: number;
  reason: string;
  status: FeeRequestStatus;
  requestedByName: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  version: number;
  /** an approved refund of a wechat payment at WeChat Pay; null otherwise */
  wechatState: PayRefundState | null;
}

export interface MethodTotal {
  method: PaymentMethod;
  label: string;
  count: number;
  amountCents: number;
}

/** 日结: one cashier's day by method, the refunds approved that day on their payments, and the close if done. */
export interface CashierDayView {
  date: string;
  cashierName: string;
  methods: MethodTotal[];
  paymentCount: number;
  amountCents: number;
  refunds: { count: number; amountCents: number };
  /** what the drawer should hold: takings − refunds of the day */
  netCents: number;
  closed: { id: number; at: string; paymentCount: number; amountCents: number } | null;
  /** payments of the day not yet in a close */
  unclosedCount: number;
  /**
   * 线上收款: the day's WeChat Pay payments of the caller's communities. They belong to no cashier, so they are listed
   * apart, are not in `methods`/`amountCents` and are never frozen by a cashier's close (WeChat's trade bill reconciles them).
   */
  online: OnlineDayView;
}

export interface OnlinePaymentItem {
  id: number;
  receiptNo: string;
  communityName: string;
  roomLabel: string;
  amountCents: number;
  status: PaymentStatus;
  createdAt: string;
}

export interface OnlineDayView {
  count: number;
  amountCents: number;
  /** the latest 50 of the day */
  payments: OnlinePaymentItem[];
}
