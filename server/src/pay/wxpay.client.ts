import { createHash, randomBytes } from 'node:crypto';
import { RequestPaymentParams } from '@linli/shared';
import { MerchantConfig } from './merchant-config';
import {
  authorizationHeader,
  checkSignature,
  JsapiOrder,
  jsapiBody,
  jsapiOrderProblems,
  paySignMessage,
  parseNotification,
  parseRefund,
  parseTransaction,
  requestMessage,
  SignatureProblem,
  WxNotification,
  WxRefund,
  WxTransaction,
  wechatpayHeaders,
} from './wxpay-protocol';

/** WeChat Pay answered with an error, or could not be trusted / reached. `code` is WeChat's (SIGN_ERROR, ORDERPAID…) or ours. */
export class WxPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A callback that must not be believed; `reason` says why (never contains key material). */
export class WxNotifyError extends Error {
  constructor(readonly reason: SignatureProblem | 'malformed' | 'undecryptable' | 'not-a-transaction') {
    super(`WeChat Pay callback refused: ${reason}`);
  }
}

export interface WxRefundRequest {
  outTradeNo: string;
  transactionId: string | null;
  outRefundNo: string;
  reason: string;
  refundFen: number;
  totalFen: number;
  notifyUrl?: string;
}

export const nonce = () => randomBytes(16).toString('hex');

/** A small WeChat Pay APIv3 client for one merchant, on node:crypto and fetch. */
export class WxPayClient {
  constructor(
    private readonly base: string,
    private readonly m: MerchantConfig,
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs = 5000,
  ) {}

  private seconds() {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** POST /v3/pay/transactions/jsapi → prepay_id. */
  async jsapi(order: Omit<JsapiOrder, 'appid' | 'mchid'>): Promise<string> {
    const full = { ...order, appid: this.m.appid, mchid: this.m.mchid };
    const problems = jsapiOrderProblems(full);
    if (problems.length) throw new WxPayError(400, 'PARAM_ERROR', problems.join('; '));
    const body = await this.call('POST', '/v3/pay/transactions/jsapi', jsapiBody(full));
    const prepayId = (JSON.parse(body) as { prepay_id?: unknown }).prepay_id;
    if (typeof prepayId !== 'string' || !prepayId) throw new WxPayError(502, 'BAD_ANSWER', 'no prepay_id in the answer');
    return prepayId;
  }

  /** GET /v3/pay/transactions/out-trade-no/{id}?mchid= */
  async query(outTradeNo: string): Promise<WxTransaction> {
    const body = await this.call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${this.m.mchid}`);
    const t = parseTransaction(body);
    if (!t) throw new WxPayError(502, 'BAD_ANSWER', 'the answer is not a transaction');
    return t;
  }

  /** POST /v3/pay/transactions/out-trade-no/{id}/close (204). */
  async close(outTradeNo: string): Promise<void> {
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.m.mchid });
  }

  /** POST /v3/refund/domestic/refunds: idempotent at WeChat Pay by out_refund_no. Returns its refund id and status. */
  async refund(r: WxRefundRequest): Promise<{ refundId: string; status: string; successTime?: string }> {
    const body = await this.call('POST', '/v3/refund/domestic/refunds', {
      ...(r.transactionId ? { transaction_id: r.transactionId } : { out_trade_no: r.outTradeNo }),
      out_refund_no: r.outRefundNo,
      reason: r.reason.slice(0, 80),
      ...(r.notifyUrl ? { notify_url: r.notifyUrl } : {}),
      amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
    });
    const a = safeJson(body) as { refund_id?: unknown; status?: unknown; success_time?: unknown } | null;
    if (typeof a?.refund_id !== 'string' || typeof a.status !== 'string') throw new WxPayError(502, 'BAD_ANSWER', 'the answer is not a refund');
    return { refundId: a.refund_id, status: a.status, ...(typeof a.success_time === 'string' ? { successTime: a.success_time } : {}) };
  }

  /** The parameters of Taro.requestPayment for a prepay id, signed by the merchant. */
  requestPayment(prepayId: string): RequestPaymentParams {
    const timeStamp = String(this.seconds());
    const nonceStr = nonce();
    const pkg = `prepay_id=${prepayId}`;
    return {
      appId: this.m.appid,
      timeStamp,
      nonceStr,
      package: pkg,
      signType: 'RSA',
      paySign: this.m.sign(paySignMessage(this.m.appid, timeStamp, nonceStr, pkg)),
    };
  }

  /** Verifies a callback (signature, freshness) and decrypts its resource. Throws WxNotifyError. */
  openNotification(headers: (name: string) => string | null | undefined, rawBody: string): { notification: WxNotification; transaction: WxTransaction } {
    const problem = checkSignature(
      wechatpayHeaders(headers),
      rawBody,
      this.seconds(),
      (s) => this.m.verifierIds.includes(s),
      (s, msg, sig) => this.m.verify(s, msg, sig),
    );
    if (problem) throw new WxNotifyError(problem);
    const notification = parseNotification(rawBody);
    if (!notification) throw new WxNotifyError('malformed');
    const transaction = parseTransaction(this.decrypt(notification));
    if (!transaction) throw new WxNotifyError('not-a-transaction');
    return { notification, transaction };
  }

  /** A refund callback (REFUND.SUCCESS / ABNORMAL / CLOSED): verified and decrypted like the payment one. */
  openRefundNotification(headers: (name: string) => string | null | undefined, rawBody: string): WxRefund {
    const problem = checkSignature(
      wechatpayHeaders(headers),
      rawBody,
      this.seconds(),
      (s) => this.m.verifierIds.includes(s),
      (s, msg, sig) => this.m.verify(s, msg, sig),
    );
    if (problem) throw new WxNotifyError(problem);
    const notification = parseNotification(rawBody);
    if (!notification || !notification.event_type.startsWith('REFUND.')) throw new WxNotifyError('malformed');
    const refund = parseRefund(this.decrypt(notification));
    if (!refund) throw new WxNotifyError('not-a-transaction');
    return refund;
  }

  /**
   * The day's trade bill (GET /v3/bill/tradebill → download_url, fetched signed, its SHA1 checked): the CSV, or null
   * when WeChat Pay has none for that day (NO_STATEMENT_EXIST).
   */
  async tradeBill(billDate: string): Promise<string | null> {
    let meta: { hash_type?: unknown; hash_value?: unknown; download_url?: unknown } | null;
    try {
      meta = safeJson(await this.call('GET', `/v3/bill/tradebill?bill_date=${billDate}&bill_type=ALL`)) as typeof meta;
    } catch (e) {
      if (e instanceof WxPayError && e.code === 'NO_STATEMENT_EXIST') return null;
      throw e;
    }
    if (typeof meta?.download_url !== 'string' || typeof meta.hash_value !== 'string') throw new WxPayError(502, 'BAD_ANSWER', 'no download_url');
    const url = new URL(meta.download_url);
    // the merchant's signature goes only to WeChat Pay itself
    if (url.origin !== new URL(this.base).origin) throw new WxPayError(502, 'BAD_ANSWER', 'download_url on another host');
    const csv = await this.call('GET', url.pathname + url.search, undefined, true);
    if (createHash('sha1').update(csv).digest('hex') !== meta.hash_value.toLowerCase())
      throw new WxPayError(502, 'BAD_ANSWER', 'the bill does not match its hash');
    return csv;
  }

  /** GET /v3/refund/domestic/refunds/{out_refund_no} */
  async queryRefund(outRefundNo: string): Promise<WxRefund> {
    const r = parseRefund(await this.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`));
    if (!r) throw new WxPayError(502, 'BAD_ANSWER', 'the answer is not a refund');
    return r;
  }

  private decrypt(n: WxNotification): string {
    try {
      return this.m.decrypt(n.resource.ciphertext, n.resource.nonce, n.resource.associated_data ?? '');
    } catch {
      throw new WxNotifyError('undecryptable');
    }
  }

  /** One signed call; the answer's signature is checked before its body is believed. Returns the raw body. */
  private async call(method: 'GET' | 'POST', url: string, json?: unknown, unsignedAnswer = false): Promise<string> {
    const body = json === undefined ? '' : JSON.stringify(json);
    const timestamp = String(this.seconds());
    const nonceStr = nonce();
    const authorization = authorizationHeader({
      mchid: this.m.mchid,
      nonce_str: nonceStr,
      timestamp,
      serial_no: this.m.serialNo,
      signature: this.m.sign(requestMessage(method, url, timestamp, nonceStr, body)),
    });
    const headers: Record<string, string> = { authorization, accept: 'application/json', 'user-agent': 'linli-wxpay/1' };
    if (json !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.base + url, { method, headers, body: json === undefined ? undefined : body, signal: AbortSignal.timeout(this.timeoutMs) });
      text = await res.text();
    } catch {
      throw new WxPayError(503, 'UNREACHABLE', '微信支付暂时无法连接');
    }
    if (res.status >= 400) {
      const err = safeJson(text) as { code?: unknown; message?: unknown } | null;
      throw new WxPayError(
        res.status,
        typeof err?.code === 'string' ? err.code : 'HTTP_' + res.status,
        typeof err?.message === 'string' ? err.message : text.slice(0, 200),
      );
    }
    // a bill download is not signed by WeChat Pay: its hash, given in the signed answer before, is checked instead
    if (unsignedAnswer) return text;
    const problem = checkSignature(
      wechatpayHeaders((n) => res.headers.get(n)),
      text,
      this.seconds(),
      (s) => this.m.verifierIds.includes(s),
      (s, msg, sig) => this.m.verify(s, msg, sig),
    );
    if (problem) throw new WxPayError(502, 'UNTRUSTED_ANSWER', `the answer's signature was refused: ${problem}`);
    return text;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
