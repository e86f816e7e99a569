/** The pure parts of WeChat Pay APIv3: what is signed, how headers are written and read, what a paid transaction must match. */

export const WXPAY_API_BASE = 'https://api.mch.weixin.qq.com';
/** WeChat Pay's own addresses (main and backup domain): the only ones production accepts */
export const WXPAY_PRODUCTION_BASES = [WXPAY_API_BASE, 'https://api2.mch.weixin.qq.com'];
export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** a response or callback signed longer ago (or further ahead) than this is refused */
export const MAX_SKEW_SECONDS = 300;

/** What the merchant signs for a request: METHOD\nURL (path + query)\ntimestamp\nnonce\nbody\n. */
export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** What WeChat Pay signs for a response or a callback. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** What the merchant signs for Taro.requestPayment (paySign). */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

export interface AuthParts {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export function authorizationHeader(p: AuthParts): string {
  return `${AUTH_SCHEMA} mchid="${p.mchid}",nonce_str="${p.nonce_str}",signature="${p.signature}",timestamp="${p.timestamp}",serial_no="${p.serial_no}"`;
}

/** Reads an Authorization header back (what WeChat Pay, or the fake, does); null when malformed. */
export function parseAuthorization(header: string | undefined): AuthParts | null {
  if (!header?.startsWith(AUTH_SCHEMA + ' ')) return null;
  const out: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;
  return keys.every((k) => out[k]) ? (out as unknown as AuthParts) : null;
}

export interface SignedHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  serial?: string;
}

/** The Wechatpay-* headers of a response or callback, from any header bag (lower-cased names). */
export function wechatpayHeaders(get: (name: string) => string | null | undefined): SignedHeaders {
  const h = (n: string) => get(n) ?? undefined;
  return { timestamp: h('wechatpay-timestamp'), nonce: h('wechatpay-nonce'), signature: h('wechatpay-signature'), serial: h('wechatpay-serial') };
}

export type SignatureProblem = 'missing' | 'stale' | 'probe' | 'unknown-serial' | 'bad-signature';

/**
 * Checks a response or callback: headers present, timestamp within 5 min of now, a signature by a key we know.
 * `verify(serial, message, signature)` is the merchant's (MerchantConfig.verify); `knows(serial)` whether the serial is configured.
 */
export function checkSignature(
  h: SignedHeaders,
  body: string,
  nowSeconds: number,
  knows: (serial: string) => boolean,
  verify: (serial: string, message: string, signature: string) => boolean,
): SignatureProblem | null {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial) return 'missing';
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(nowSeconds - Number(h.timestamp)) > MAX_SKEW_SECONDS) return 'stale';
  // WeChat Pay's probe signatures (WECHATPAY/SIGNTEST/…) are meant to fail
  if (h.signature.startsWith('WECHATPAY/SIGNTEST/')) return 'probe';
  if (!knows(h.serial)) return 'unknown-serial';
  return verify(h.serial, responseMessage(h.timestamp, h.nonce, body), h.signature) ? null : 'bad-signature';
}

/** WeChat Pay's RFC 3339 time (success_time), or null when absent or unreadable. */
export function wxTime(v: string | undefined): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** RFC 3339 in Beijing time, as time_expire wants it: 2026-12-03T15:35:00+08:00. */
export function rfc3339Shanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

export interface JsapiOrder {
  appid: string;
  mchid: string;
  description: string;
  outTradeNo: string;
  timeExpire: Date;
  notifyUrl: string;
  totalFen: number;
  openid: string;
}

/** The problems with a JSAPI order before it is sent (empty when fine). */
export function jsapiOrderProblems(o: JsapiOrder): string[] {
  const p: string[] = [];
  if (!Number.isSafeInteger(o.totalFen) || o.totalFen < 1) p.push('amount.total must be a positive whole number of fen');
  if (!OUT_TRADE_NO.test(o.outTradeNo)) p.push('out_trade_no must be 6–32 of 0-9 A-Z a-z _ - | *');
  const descBytes = Buffer.byteLength(o.description);
  if (descBytes < 1 || descBytes > 127) p.push('description must be 1–127 bytes');
  if (!/^https:\/\/[^?#]+$/.test(o.notifyUrl) && !/^http:\/\/127\.0\.0\.1[:/][^?#]*$/.test(o.notifyUrl))
    p.push('notify_url must be an https address without a query');
  if (!o.openid) p.push('payer.openid is needed');
  if (Number.isNaN(o.timeExpire.getTime())) p.push('time_expire is not a date');
  return p;
}

/** The request body of POST /v3/pay/transactions/jsapi. */
export function jsapiBody(o: JsapiOrder): Record<string, unknown> {
  return {
    appid: o.appid,
    mchid: o.mchid,
    description: o.description,
    out_trade_no: o.outTradeNo,
    time_expire: rfc3339Shanghai(o.timeExpire),
    notify_url: o.notifyUrl,
    amount: { total: o.totalFen, currency: 'CNY' },
    payer: { openid: o.openid },
  };
}

/** A transaction as WeChat Pay reports it (query answer, or a decrypted callback resource). */
export interface WxTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR' | string;
  trade_state_desc?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string; payer_currency?: string };
}

export interface ExpectedPayment {
  appid: string;
  mchid: string;
  outTradeNo: string;
  totalFen: number;
}

/** Why a transaction reported as paid does not settle our order (empty when it does). */
export function paidTransactionProblems(t: WxTransaction, e: ExpectedPayment): string[] {
  const p: string[] = [];
  if (t.trade_state !== 'SUCCESS') p.push(`trade_state ${String(t.trade_state)}`);
  if (t.mchid !== e.mchid) p.push('mchid differs');
  if (t.appid !== e.appid) p.push('appid differs');
  if (t.out_trade_no !== e.outTradeNo) p.push('out_trade_no differs');
  if (t.amount?.total !== e.totalFen) p.push('amount differs');
  if (t.amount?.currency !== 'CNY') p.push('currency differs');
  return p;
}

/** A transaction's JSON, checked for the fields we rely on; null when it is not one. */
export function parseTransaction(json: string): WxTransaction | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const t = v as Record<string, unknown>;
  const str = (k: string) => typeof t[k] === 'string';
  if (!str('appid') || !str('mchid') || !str('out_trade_no') || !str('trade_state')) return null;
  if (t.amount !== undefined && (typeof t.amount !== 'object' || t.amount === null)) return null;
  return t as unknown as WxTransaction;
}

/** A refund as WeChat Pay reports it (refund callback resource, or the refund query's answer). */
export interface WxRefund {
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  out_refund_no: string;
  refund_id: string;
  /** the callback's field; the query answers `status` */
  refund_status?: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' | string;
  status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL' | string;
  /** when the money went back (SUCCESS): WeChat Pay's trade bill dates the refund by it */
  success_time?: string;
  amount: { total: number; refund: number };
}

/** A refund's JSON, checked for the fields we rely on; null when it is not one. */
export function parseRefund(json: string): WxRefund | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  const r = v as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || typeof r.out_refund_no !== 'string' || typeof r.refund_id !== 'string' || typeof r.out_trade_no !== 'string') return null;
  const a = r.amount as Record<string, unknown> | null | undefined;
  if (!a || typeof a !== 'object' || !Number.isInteger(a.total) || !Number.isInteger(a.refund)) return null;
  if (typeof (r.refund_status ?? r.status) !== 'string') return null;
  return r as unknown as WxRefund;
}

/** The callback body WeChat Pay posts to notify_url. */
export interface WxNotification {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  summary?: string;
  resource: { algorithm: string; ciphertext: string; associated_data?: string; nonce: string; original_type?: string };
}

export function parseNotification(json: string): WxNotification | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  const n = v as Partial<WxNotification> | null;
  const r = n?.resource;
  if (!n || typeof n.id !== 'string' || typeof n.event_type !== 'string' || !r || typeof r !== 'object') return null;
  if (r.algorithm !== 'AEAD_AES_256_GCM' || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') return null;
  if (r.associated_data !== undefined && typeof r.associated_data !== 'string') return null;
  return n as WxNotification;
}

/** The failure body WeChat Pay expects from notify_url (with a 4xx/5xx status): it will retry. */
export function notifyFailure(message: string) {
  return { code: 'FAIL', message };
}
