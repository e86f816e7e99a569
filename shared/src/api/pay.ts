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
