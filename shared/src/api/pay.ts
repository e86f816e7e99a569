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
  missing_ours: '我方缺失',
  missing_theirs: '微信缺失',
  amount_differs: '金额不符',
};

/** The resident's order status in words (an orphan payment refunded automatically is 'refunded'). */
export const PAY_ORDER_STATUS_LABELS: Record<PayOrderStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
  refunded: '已自动退款：账单已由他人缴清或订单已关闭，款项原路退回',
};

export interface PayMismatchView {
  kind: 'payment' | 'refund';
  /** out_trade_no of a payment, out_refund_no of a refund */
  ref: string;
  oursCents: number | null;
  theirsCents: number | null;
  problem: PayMismatchProblem;
  problemLabel: string;
  /** the room of the payment / refund when we know it */
  roomLabel: string | null;
  communityName: string | null;
}

/** reconciled: the day was compared; pending: not yet (the day is not over, or before the morning's check); unavailable: no trade bill from WeChat Pay yet (retried) */
export type PayReconStatus = 'reconciled' | 'pending' | 'unavailable';

export const PAY_RECON_STATUS_LABELS: Record<PayReconStatus, string> = {
  reconciled: '已对账',
  pending: '尚未对账',
  unavailable: '微信账单暂不可用',
};

/** One side of the day: payments and refunds, count and cents. */
export interface PayReconSide {
  paymentCount: number;
  paymentCents: number;
  refundCount: number;
  refundCents: number;
}

/** 微信支付对账: one day of WeChat Pay's trade bill against our payments and refunds. */
export interface PayReconciliationView {
  date: string;
  /** null when that day has not been reconciled yet */
  checkedAt: string | null;
  paymentCount: number;
  refundCount: number;
  status: PayReconStatus;
  statusLabel: string;
  /** our payments and refunds of the day (of the caller's communities for a manager) */
  ours: PayReconSide;
  /** WeChat Pay's trade bill as it concerns them: ours corrected by the mismatches; null until reconciled */
  theirs: PayReconSide | null;
  mismatches: PayMismatchView[];
}

/** A refund's state at WeChat Pay: requested / processing → pending (退款中). */
export type PayRefundState = 'pending' | 'success' | 'failed';

export const PAY_REFUND_STATE_LABELS: Record<PayRefundState, string> = {
  pending: '退款中',
  success: '已退款',
  failed: '退款失败',
};

/** pay_refunds.status → what staff and residents are shown */
export function payRefundState(status: string | null | undefined): PayRefundState | null {
  if (!status) return null;
  return status === 'success' ? 'success' : status === 'failed' ? 'failed' : 'pending';
}

/** What WeChat Pay said of a refund it could not make. */
export const PAY_REFUND_FAILURE_LABELS: Record<string, string> = {
  ABNORMAL: '退款异常（如付款银行卡已注销或冻结），需线下退款',
  CLOSED: '退款已关闭',
};

/** 退款异常: a WeChat Pay refund that failed (ABNORMAL / CLOSED); the money must go back another way. */
export interface PayRefundFailureView {
  id: number;
  outRefundNo: string;
  outTradeNo: string;
  kind: 'orphan' | 'reversal';
  amountCents: number;
  communityName: string | null;
  roomLabel: string | null;
  /** the request's reason (a reversal) or why it was refunded automatically (orphan) */
  reason: string;
  failure: string | null;
  failureLabel: string;
  /** the receipt of a reversal */
  paymentId: number | null;
  receiptNo: string | null;
  businessDate: string;
  failedAt: string;
}
