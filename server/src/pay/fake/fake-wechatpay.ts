/** A WeChat Pay v3 look-alike on loopback: used by the tests and by development mode without a merchant; production refuses it (merchant-config). */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, generateKeyPairSync, KeyObject, randomBytes, sign as rsaSign, verify as rsaVerify, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { MerchantConfig, merchantFromFiles, MerchantFileEntry } from '../merchant-config';
import { formatTradeBill, TradeBillRow } from '../trade-bill';
import { tradeBillRows } from './fake-trade-bill';
import { parseAuthorization, requestMessage, responseMessage, rfc3339Shanghai, WxTransaction } from '../wxpay-protocol';

/** A merchant made for a test: keys generated now, written to files as a deployment would have them. */
export interface TestMerchant {
  entry: MerchantFileEntry;
  dir: string;
  privateKeyPem: string;
  publicKey: KeyObject;
  apiV3Key: string;
  config: MerchantConfig;
}

type Mode = 'certificate' | 'publicKey';

export interface FakeOrder {
  body: Record<string, any>;
  mchid: string;
  prepayId: string;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  transactionId?: string;
  successTime?: string;
}

/** A refund the fake accepted (WeChat Pay keeps one per out_refund_no). */
export interface FakeRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  refund: number;
  total: number;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL';
  mchid: string;
  at: Date;
  /** when the money went back (SUCCESS, by the fake's clock): its trade bill dates the refund by it */
  successAt?: Date;
  notifyUrl?: string;
}

export interface Delivery {
  outTradeNo: string;
  status: number;
  body: string;
  /** the server's x-sql-statements answer header (test hooks) */
  statements?: number;
}

/** What a test may change in a callback before it is signed and encrypted (a forged amount, another mchid…). */
export type Tamper = (t: WxTransaction) => WxTransaction;

/**
 * A stand-in for api.mch.weixin.qq.com on a loopback port, with its own platform key (certificate and public key,
 * generated at start). It checks the merchant's request signature like WeChat Pay (401 SIGN_ERROR), keeps orders,
 * answers queries and close, and posts really signed and encrypted callbacks to notify_url, which a test can delay,
 * duplicate, hold (to release in another order) or drop.
 */
export class FakeWechatPay {
  url = '';
  /** which key signs answers and callbacks, named in Wechatpay-Serial */
  mode: Mode = 'certificate';
  readonly publicKeyId = 'PUB_KEY_ID_0112345678901234567890123456';
  readonly platformKey: KeyObject;
  readonly platformPublicKeyPem: string;
  readonly platformCertPem: string;
  readonly certSerial: string;
  readonly orders = new Map<string, FakeOrder>();
  readonly requests: { method: string; url: string; status: number }[] = [];
  readonly deliveries: Delivery[] = [];
  readonly refunds = new Map<string, FakeRefund>();
  /** callback switches */
  callbackDelayMs = 0;
  callbackCopies = 1;
  dropCallbacks = false;
  holdCallbacks = false;
  /** the time payments and refunds happen at (the trade bill's days); signatures always use the real time */
  clock: () => Date = () => new Date();
  /** lets a test plant mismatches in the trade bill of a day */
  billPatch: (rows: TradeBillRow[], date: string) => TradeBillRow[] = (rows) => rows;
  /** the next this-many refund requests answer 500 SYSTEM_ERROR (WeChat Pay asks to retry) */
  refundFailures = 0;
  /** the trade bill answered this much later (two reconciliations at once) */
  billDelayMs = 0;
  /** sign answers this many seconds in the past (a stale answer) */
  answerSkewSeconds = 0;
  private held: (() => Promise<void>)[] = [];
  private pending = new Set<Promise<void>>();
  private readonly merchants = new Map<string, { serialNo: string; publicKey: KeyObject; apiV3Key: string }>();
  private server!: http.Server;
  private dir: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.platformKey = privateKey;
    this.platformPublicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-wxpay-'));
    const keyFile = path.join(this.dir, 'platform.key');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    // node:crypto cannot issue certificates; openssl self-signs one over the generated key
    const serial = '0x' + randomBytes(8).toString('hex');
    const args = ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=Fake WeChat Pay', '-days', '2', '-set_serial', serial];
    this.platformCertPem = execFileSync('openssl', args, { encoding: 'utf8' });
    this.certSerial = new X509Certificate(this.platformCertPem).serialNumber.toUpperCase();
  }

  /** Generates a merchant (keys and files) that this fake knows. `mode` picks how it verifies WeChat Pay. */
  makeMerchant(companyId: number, mode: Mode | 'both' = 'certificate', appid = 'wx1234567890resident'): TestMerchant {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = fs.mkdtempSync(path.join(this.dir, `m${companyId}-`));
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const apiV3Key = randomBytes(16).toString('hex');
    const mchid = String(1900000000 + companyId);
    const serialNo = createHash('sha1').update(mchid).digest('hex').toUpperCase().slice(0, 40);
    const w = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text, { mode: 0o600 }), path.join(dir, name));
    const entry: MerchantFileEntry = {
      companyId,
      mchid,
      appid,
      serialNo,
      privateKeyFile: w('apiclient_key.pem', privateKeyPem),
      apiV3KeyFile: w('apiv3.key', apiV3Key),
    };
    if (mode !== 'publicKey') entry.platformCertFiles = [w('wechatpay_cert.pem', this.platformCertPem)];
    if (mode !== 'certificate') Object.assign(entry, { publicKeyFile: w('pub_key.pem', this.platformPublicKeyPem), publicKeyId: this.publicKeyId });
    this.merchants.set(mchid, { serialNo, publicKey, apiV3Key });
    return { entry, dir, privateKeyPem, publicKey, apiV3Key, config: merchantFromFiles(entry, undefined) };
  }

  async start() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => setTimeout(respond, (req.url ?? '').startsWith('/v3/bill/tradebill') ? this.billDelayMs : 0));
      const respond = () => {
        const [status, answer] = this.handle(req.method ?? 'GET', req.url ?? '/', req.headers.authorization, Buffer.concat(chunks).toString('utf8'));
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', status });
        const raw = typeof answer === 'object' && answer !== null && 'csv' in answer ? (answer as { csv: string }).csv : null;
        const text = raw ?? (answer === undefined ? '' : JSON.stringify(answer));
        const headers: Record<string, string> = { ...(text ? { 'content-type': raw === null ? 'application/json' : 'text/plain; charset=utf-8' } : {}) };
        if (status < 400 || status === 401) Object.assign(headers, this.signedHeaders(text, Math.floor(Date.now() / 1000) - this.answerSkewSeconds));
        res.writeHead(status, headers).end(text);
      };
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop() {
    await Promise.allSettled([...this.pending]);
    await new Promise<void>((r) => this.server.close(() => r()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Wechatpay-* headers signed by the platform key, naming the certificate serial or the public key id. */
  signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000), nonce = randomBytes(16).toString('hex')): Record<string, string> {
    const ts = String(timestamp);
    return {
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': this.mode === 'certificate' ? this.certSerial : this.publicKeyId,
      'wechatpay-signature': rsaSign('sha256', Buffer.from(responseMessage(ts, nonce, body)), this.platformKey).toString('base64'),
    };
  }

  private handle(method: string, url: string, authorization: string | undefined, body: string): [number, unknown] {
    const auth = parseAuthorization(authorization);
    const merchant = auth && this.merchants.get(auth.mchid);
    if (!auth || !merchant) return [401, { code: 'SIGN_ERROR', message: 'Authorization 不合法' }];
    const fresh = Math.abs(Date.now() / 1000 - Number(auth.timestamp)) <= 300;
    const ok =
      auth.serial_no === merchant.serialNo &&
      fresh &&
      rsaVerify(
        'sha256',
        Buffer.from(requestMessage(method, url, auth.timestamp, auth.nonce_str, body)),
        merchant.publicKey,
        Buffer.from(auth.signature, 'base64'),
      );
    if (!ok) return [401, { code: 'SIGN_ERROR', message: '签名错误' }];
    const json = body ? (JSON.parse(body) as Record<string, any>) : {};
    const u = new URL(url, 'http://x');
    if (method === 'POST' && u.pathname === '/v3/pay/transactions/jsapi') return this.jsapi(auth.mchid, json);
    if (method === 'POST' && u.pathname === '/v3/refund/domestic/refunds') return this.refund(auth.mchid, json);
    if (method === 'GET' && u.pathname === '/v3/bill/tradebill') return this.tradeBill(auth.mchid, u.searchParams.get('bill_date') ?? '');
    if (method === 'GET' && u.pathname === '/v3/billdownload/file') {
      const [date, mchid] = (u.searchParams.get('token') ?? '').split(':');
      if (mchid !== auth.mchid) return [400, { code: 'PARAM_ERROR', message: 'token 不合法' }];
      return [200, { csv: this.billCsv(mchid, date) }];
    }
    const rq = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(u.pathname);
    if (rq && method === 'GET') {
      const r = this.refunds.get(decodeURIComponent(rq[1]));
      return r && r.mchid === auth.mchid ? [200, this.refundJson(r)] : [404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' }];
    }
    const m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(u.pathname);
    const order = m && this.orders.get(decodeURIComponent(m[1]));
    if (m && method === 'GET' && !m[2]) {
      if (u.searchParams.get('mchid') !== auth.mchid) return [400, { code: 'PARAM_ERROR', message: 'mchid 与请求方不一致' }];
      return order && order.mchid === auth.mchid ? [200, this.transaction(order)] : [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
    }
    if (m && method === 'POST' && m[2]) {
      if (!order || order.mchid !== auth.mchid) return [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
      if (order.state === 'SUCCESS') return [400, { code: 'ORDERPAID', message: '订单已支付' }];
      order.state = 'CLOSED';
      return [204, undefined];
    }
    return [404, { code: 'NOT_FOUND', message: '无此接口' }];
  }

  private jsapi(mchid: string, b: Record<string, any>): [number, unknown] {
    const bad = (message: string): [number, unknown] => [400, { code: 'PARAM_ERROR', message }];
    if (b.mchid !== mchid) return bad('mchid 与请求方不一致');
    if (typeof b.appid !== 'string' || typeof b.out_trade_no !== 'string' || typeof b.notify_url !== 'string') return bad('缺少参数');
    if (!Number.isInteger(b.amount?.total) || b.amount.total < 1 || b.amount.currency !== 'CNY') return bad('amount 不合法');
    if (typeof b.payer?.openid !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(b.time_expire)) return bad('payer 或 time_expire 不合法');
    const old = this.orders.get(b.out_trade_no);
    if (old) {
      if (old.state === 'SUCCESS') return [400, { code: 'ORDERPAID', message: '该订单已支付' }];
      if (old.state === 'CLOSED') return [400, { code: 'ORDERCLOSED', message: '订单已关闭' }];
      if (JSON.stringify(old.body) !== JSON.stringify(b)) return [400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' }];
      return [200, { prepay_id: old.prepayId }];
    }
    const order: FakeOrder = { body: b, mchid, prepayId: 'wx' + randomBytes(14).toString('hex'), state: 'NOTPAY' };
    this.orders.set(b.out_trade_no, order);
    return [200, { prepay_id: order.prepayId }];
  }

  private refund(mchid: string, b: Record<string, any>): [number, unknown] {
    const bad = (code: string, message: string): [number, unknown] => [400, { code, message }];
    if (this.refundFailures > 0) {
      this.refundFailures--;
      return [500, { code: 'SYSTEM_ERROR', message: '系统繁忙，请稍后重试' }];
    }
    const order = [...this.orders.values()].find(
      (o) => o.mchid === mchid && (b.transaction_id ? o.transactionId === b.transaction_id : o.body.out_trade_no === b.out_trade_no),
    );
    if (!order || order.state !== 'SUCCESS') return [404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在或未支付' }];
    if (typeof b.out_refund_no !== 'string' || !b.out_refund_no) return bad('PARAM_ERROR', '缺少 out_refund_no');
    const a = b.amount ?? {};
    if (!Number.isInteger(a.refund) || a.refund < 1 || a.total !== order.body.amount.total || a.currency !== 'CNY') return bad('PARAM_ERROR', 'amount 不合法');
    const old = this.refunds.get(b.out_refund_no);
    if (old) return old.refund === a.refund ? [200, this.refundJson(old)] : bad('INVALID_REQUEST', 'out_refund_no 已用于其他退款');
    const refunded = [...this.refunds.values()].filter((r) => r.outTradeNo === order.body.out_trade_no).reduce((s, r) => s + r.refund, 0);
    if (refunded + a.refund > a.total) return bad('NOT_ENOUGH', '可退金额不足');
    const r: FakeRefund = {
      outRefundNo: b.out_refund_no,
      outTradeNo: order.body.out_trade_no,
      refundId: '5030' + Date.now() + randomBytes(4).toString('hex'),
      refund: a.refund,
      total: a.total,
      status: 'PROCESSING',
      mchid,
      at: this.clock(),
      notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : undefined,
    };
    this.refunds.set(r.outRefundNo, r);
    return [200, this.refundJson(r)];
  }

  /** The day's payments (SUCCESS by their success time) and refunds (REFUND by their success time), Shanghai days. */
  billRows(mchid: string, date: string): TradeBillRow[] {
    return this.billPatch(tradeBillRows(this.orders, this.refunds.values(), mchid, date), date);
  }

  private billCsv(mchid: string, date: string) {
    return formatTradeBill(this.billRows(mchid, date));
  }

  private tradeBill(mchid: string, date: string): [number, unknown] {
    if (!/^\d{4}-\d\d-\d\d$/.test(date)) return [400, { code: 'PARAM_ERROR', message: 'bill_date 不合法' }];
    if (!this.billRows(mchid, date).length) return [400, { code: 'NO_STATEMENT_EXIST', message: '账单不存在' }];
    const hash = createHash('sha1').update(this.billCsv(mchid, date)).digest('hex');
    return [200, { hash_type: 'SHA1', hash_value: hash, download_url: `${this.url}/v3/billdownload/file?token=${date}:${mchid}` }];
  }

  private refundJson(r: FakeRefund) {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: this.orders.get(r.outTradeNo)?.transactionId,
      out_trade_no: r.outTradeNo,
      status: r.status,
      ...(r.successAt ? { success_time: rfc3339Shanghai(r.successAt) } : {}),
      amount: { refund: r.refund, total: r.total, payer_refund: r.refund, payer_total: r.total, currency: 'CNY' },
    };
  }

  /** The bank returns the money (or fails): the refund's state changes and its callback is posted (to `url`, else its notify_url). */
  async finishRefund(outRefundNo: string, opts: { status?: 'SUCCESS' | 'ABNORMAL'; url?: string; copies?: number } = {}): Promise<Delivery[]> {
    // a reversal's refund is sent just after the approval answers: give it a moment to arrive
    for (let i = 0; i < 60 && !this.refunds.has(outRefundNo); i++) await new Promise((ok) => setTimeout(ok, 50));
    const r = this.refunds.get(outRefundNo);
    if (!r) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
    r.status = opts.status ?? 'SUCCESS';
    if (r.status === 'SUCCESS') r.successAt = this.clock();
    const url = opts.url ?? r.notifyUrl;
    if (!url) return [];
    const out: Delivery[] = [];
    for (let i = 0; i < (opts.copies ?? 1); i++) {
      const { headers, body } = this.refundCallbackFor(r);
      const res = await fetch(url, { method: 'POST', headers, body });
      out.push({ outTradeNo: r.outTradeNo, status: res.status, body: await res.text(), statements: Number(res.headers.get('x-sql-statements')) });
    }
    return out;
  }

  /** A refund callback as WeChat Pay would post it (signed, encrypted), without sending it; `patch` tampers with the resource. */
  refundCallbackFor(r: FakeRefund, patch: Record<string, unknown> = {}): { headers: Record<string, string>; body: string } {
    const { status, ...rest } = this.refundJson(r);
    return this.encrypted(r.mchid, { ...rest, mchid: r.mchid, refund_status: status, ...patch }, 'REFUND.' + status, 'refund');
  }

  private encrypted(mchid: string, payload: unknown, eventType: string, originalType: string, opts: { timestamp?: number; apiV3Key?: string } = {}) {
    const merchant = this.merchants.get(mchid) ?? [...this.merchants.values()][0];
    const nonce = randomBytes(6).toString('hex');
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(opts.apiV3Key ?? merchant.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(originalType));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
    const body = JSON.stringify({
      id: randomBytes(16).toString('hex'),
      create_time: rfc3339Shanghai(new Date()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType === 'TRANSACTION.SUCCESS' ? '支付成功' : eventType,
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: originalType, nonce },
    });
    return { headers: { 'content-type': 'application/json', ...this.signedHeaders(body, opts.timestamp) }, body };
  }

  private transaction(o: FakeOrder): WxTransaction {
    const b = o.body;
    return {
      appid: b.appid,
      mchid: o.mchid,
      out_trade_no: b.out_trade_no,
      trade_type: 'JSAPI',
      trade_state: o.state,
      trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭' }[o.state],
      ...(o.state === 'SUCCESS' ? { transaction_id: o.transactionId, success_time: o.successTime, bank_type: 'OTHERS' } : {}),
      payer: { openid: b.payer.openid },
      amount: { total: b.amount.total, payer_total: b.amount.total, currency: 'CNY', payer_currency: 'CNY' },
    } as WxTransaction;
  }

  /** The resident pays in the payment sheet: the order becomes SUCCESS and the callback goes out (per the switches). */
  pay(outTradeNo: string, tamper: Tamper = (t) => t) {
    const o = this.orders.get(outTradeNo);
    if (!o) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
    if (o.state !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${o.state}`);
    o.state = 'SUCCESS';
    o.transactionId = '4200' + Date.now() + randomBytes(4).toString('hex');
    o.successTime = rfc3339Shanghai(this.clock());
    this.sendCallback(o, tamper);
  }

  /** A callback exactly as WeChat Pay would post it for this transaction (signed and encrypted), without sending it. */
  callbackFor(t: WxTransaction, opts: { timestamp?: number; apiV3Key?: string } = {}): { headers: Record<string, string>; body: string } {
    return this.encrypted(t.mchid, t, 'TRANSACTION.SUCCESS', 'transaction', opts);
  }

  /** Sends the callbacks held so far, in the given order of their indexes (default: reversed). */
  async releaseHeld(order?: number[]) {
    const held = this.held;
    this.held = [];
    const idx = order ?? held.map((_, i) => held.length - 1 - i);
    for (const i of idx) await held[i]();
  }

  /** Waits until every callback sent so far has been answered. */
  async settled() {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private sendCallback(o: FakeOrder, tamper: Tamper) {
    if (this.dropCallbacks) return;
    for (let i = 0; i < this.callbackCopies; i++) {
      const { headers, body } = this.callbackFor(tamper(this.transaction(o)));
      const send = async () => {
        try {
          const res = await fetch(o.body.notify_url, { method: 'POST', headers, body });
          this.deliveries.push({
            outTradeNo: o.body.out_trade_no,
            status: res.status,
            body: await res.text(),
            statements: Number(res.headers.get('x-sql-statements')),
          });
        } catch (e) {
          this.deliveries.push({ outTradeNo: o.body.out_trade_no, status: 0, body: String(e) });
        }
      };
      if (this.holdCallbacks) {
        this.held.push(send);
        continue;
      }
      const p = new Promise<void>((r) => setTimeout(r, this.callbackDelayMs)).then(send);
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    }
  }
}
