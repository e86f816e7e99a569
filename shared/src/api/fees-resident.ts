import type { PaymentMethod, PaymentStatus } from '../fees/ledger';
import type { PayRefundState } from './pay';
import type { PublicIncomeCategory, PublicIncomeStatus } from '../fees/public-income';

/** A receipt that paid (part of) a line. */
export interface PaidReceiptRef {
  paymentId: number;
  receiptNo: string;
  /** the Shanghai date it was paid */
  businessDate: string;
  method: PaymentMethod;
  status: PaymentStatus;
  /** what this receipt paid on this line */
  principalCents: number;
  lateFeeCents: number;
  /** what was given back of the whole payment (approved refunds) */
  refundedCents: number;
  /** its WeChat Pay refunds: pending while any is still with WeChat Pay, failed if one failed, else success; null: none */
  wechatRefundState: PayRefundState | null;
}

/** A paid or partly paid line of the year, with the receipts that paid it. */
export interface PaidLineView {
  id: number;
  period: string;
  periodLabel: string;
  name: string;
  amountCents: number;
  paidCents: number;
  lateFeePaidCents: number;
  waivedCents: number;
  /** principal still open (a partly paid line) */
  openCents: number;
  status: 'open' | 'paid' | 'waived';
  receipts: PaidReceiptRef[];
}

/** 已缴记录: a room's paid lines whose period is in `year`. */
export interface PaidHistoryView {
  roomId: number;
  roomLabel: string;
  year: number;
  lines: PaidLineView[];
  /** principal + late fees paid on these lines */
  totalPaidCents: number;
}

export interface PublicIncomeRowView {
  category: PublicIncomeCategory;
  incomeCents: number;
  expenseCents: number;
  note: string;
}

/** 公共收益公示 of one community and quarter. */
export interface PublicIncomeView {
  id: number;
  communityId: number;
  communityName: string;
  quarter: string;
  quarterLabel: string;
  rows: PublicIncomeRowView[];
  incomeCents: number;
  expenseCents: number;
  balanceCents: number;
  status: PublicIncomeStatus;
  publishedAt: string | null;
  /** who published it (staff see it; residents see the finance office only) */
  publishedByName: string | null;
  version: number;
  updatedAt: string;
}
