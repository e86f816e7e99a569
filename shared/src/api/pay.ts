/** WeChat Pay (issue #13): what the resident app gets back when it starts a payment. */

/** The arguments of Taro.requestPayment, signed by the server. */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** refunded: paid after it was closed or its bills were paid meanwhile, so the money went back through WeChat Pay */
export type PayOrderStatus = 'pending' | 'paid' | 'closed' | 'refunded';

/** A payment order: the bills chosen, the amount computed by the server (late fees frozen at order time). */
export interface PayOrderView {
  id: number;
  outTradeNo: string;
  roomId: number;
  billLineIds: number[];
  amountCents: number;
  principalCents: number;
  lateFeeCents: number;
  status: PayOrderStatus;
  /** ISO time after which the order can no longer be paid */
  expiresAt: string;
  /** the receipt once paid */
  paymentId: number | null;
  payParams: RequestPaymentParams | null;
}

/** What a mismatch of the daily reconciliation is about: a payment (out_trade_no) or a refund (out_refund_no). */
export type PayMismatchProblem = 'missing_ours' | 'missing_theirs' | 'amount_differs';

export const PAY_MISMATCH_LABELS: Record<PayMismatchProblem, string> = {
  missing_ours: '微信有、本系统无',
  missing_theirs: '本系统有、微信无',
  amount_differs: '金额不符',
};

export interface PayMismatchView {
  kind: 'payment' | 'refund';
  /** out_trade_no of a payment, out_refund_no of a refund */
  ref: string;
  oursCents: number | null;
  theirsCents: number | null;
  problem: PayMismatchProblem;
  problemLabel: string;
}

/** 微信支付对账: one day of WeChat Pay's trade bill against our payments and refunds. */
export interface PayReconciliationView {
  date: string;
  /** null when that day has not been reconciled yet */
  checkedAt: string | null;
  paymentCount: number;
  refundCount: number;
  mismatches: PayMismatchView[];
}
