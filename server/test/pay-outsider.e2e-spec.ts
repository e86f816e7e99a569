import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoginResponse, PayOrderView } from '@linli/shared';
import { authorizationHeader, requestMessage, WxTransaction } from '../src/pay/wxpay-protocol';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid } from './helpers/pay';
import { TestApp } from './helpers/test-app';

/** WeChat Pay's routes attacked from outside: two merchants configured, forged or stray callbacks, junk bodies, logs. */
describe('WeChat Pay seen by an outsider', () => {
  let fake: FakeWechatPay;
  let m1: TestMerchant, m2: TestMerchant;
  let t: TestApp;
  let zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: number;
  let order: PayOrderView;

  const post = (route: string, c: { headers: Record<string, string>; body: string }) =>
    fetch(`${t.url}/api/pay/${route}`, { method: 'POST', headers: c.headers, body: c.body });
  const tx = (over: Partial<WxTransaction> = {}): WxTransaction => ({
    appid: m1.entry.appid!,
    mchid: m1.entry.mchid,
    out_trade_no: order.outTradeNo,
    transaction_id: '4200000000000000000000000009',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    success_time: '2026-11-02T10:05:00+08:00',
    payer: { openid: 'o-zhangsan' },
    amount: { total: order.amountCents, payer_total: order.amountCents, currency: 'CNY', payer_currency: 'CNY' },
    ...over,
  });
  const unpaid = async () => {
    const [o] = await t.query('SELECT status, payment_id FROM payment_orders WHERE id = ?', [order.id]);
    expect([o.status, o.payment_id]).toEqual(['pending', null]);
    expect(await t.query("SELECT id FROM payments WHERE method = 'wechat'")).toHaveLength(0);
  };

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m1 = fake.makeMerchant(1, 'certificate');
    m2 = fake.makeMerchant(2, 'certificate');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'merchants-')), 'merchants.json');
    fs.writeFileSync(file, JSON.stringify([m1.entry, m2.entry]));
    // everything the server logs is read below (keys and openids must not be in it)
    t = await TestApp.start({ WXPAY_API_BASE: fake.url, WXPAY_MERCHANTS_FILE: file, LOG_LEVEL: 'debug' });
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const [admin, cashier] = await Promise.all(['admin', 'cashier1'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m1.entry.appid!, 'o-zhangsan');
    order = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    expect(order.outTradeNo).toBeDefined();
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('validly signed callbacks of the other merchant: its mchid for our order, or our mchid under its APIv3 key → 400 FAIL, nothing paid', async () => {
    for (const c of [fake.callbackFor(tx({ mchid: m2.entry.mchid })), fake.callbackFor(tx(), { apiV3Key: m2.apiV3Key })]) {
      const r = await post('notify', c);
      expect(r.status).toBe(400);
      expect(await r.json()).toEqual({ code: 'FAIL', message: expect.any(String) });
    }
    await unpaid();
  });

  it('refund callbacks for refunds we never issued (made up, of the other merchant): 400 FAIL, nothing stored', async () => {
    const base = { outTradeNo: order.outTradeNo, refundId: '50300000000000', refund: 1, total: order.amountCents, status: 'SUCCESS' as const, at: new Date() };
    for (const r of [
      { ...base, outRefundNo: 'RV999999', mchid: m1.entry.mchid },
      { ...base, outRefundNo: `RF${order.outTradeNo}`, mchid: m1.entry.mchid },
      { ...base, outRefundNo: 'RV1', mchid: m2.entry.mchid },
    ]) {
      const res = await post('refund-notify', fake.refundCallbackFor(r));
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('FAIL');
    }
    expect(await t.query('SELECT id FROM pay_refunds')).toHaveLength(0);
  });

  it('another resident’s order: 404, as one that does not exist', async () => {
    expect((await t.get(`/api/pay/orders/${order.id}`, { token: lisi.accessToken })).status).toBe(404);
    expect((await t.get(`/api/pay/orders/999999`, { token: lisi.accessToken })).status).toBe(404);
  });

  it('junk bodies to the callbacks (not JSON, empty, another type, too large): 400 with {code: FAIL, message}, never 500', async () => {
    const cases: [string, string, string][] = [
      ['application/json', '{not json', 'not JSON'],
      ['application/json', '', 'empty'],
      ['application/json', '[1,2', 'truncated'],
      ['application/xml', '<xml><return_code>SUCCESS</return_code></xml>', 'XML (APIv2)'],
    ];
    for (const route of ['notify', 'refund-notify']) {
      for (const [type, body, what] of cases) {
        const r = await fetch(`${t.url}/api/pay/${route}`, { method: 'POST', headers: { 'content-type': type }, body });
        expect([route, what, r.status]).toEqual([route, what, 400]);
        expect(await r.json()).toEqual({ code: 'FAIL', message: expect.any(String) });
      }
      for (const how of ['declared', 'chunked'] as const) {
        const r = await postLarge(`${t.url}/api/pay/${route}`, 2 * 1024 * 1024, how);
        expect([route, how, r.status]).toEqual([route, how, 400]);
        expect(r.body).toEqual({ code: 'FAIL', message: expect.any(String) });
        // over a callback's 64 KB, under the body limit: read through, then refused (it was a 500 when chunked)
        const mid = await postLarge(`${t.url}/api/pay/${route}`, 100 * 1024, how);
        expect([route, how, mid.status < 500]).toEqual([route, how, true]);
        expect(mid.body).toEqual({ code: 'FAIL', message: expect.any(String) });
      }
    }
    // JSON, but no signature: 401 in the same shape
    const r = await fetch(`${t.url}/api/pay/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"x"}' });
    expect(r.status).toBe(401);
    expect((await r.json()).code).toBe('FAIL');
    await unpaid();
  });

  it('the fake WeChat Pay checks the signature of every request: unsigned or signed by another key → 401 SIGN_ERROR', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const routes: [string, string, string][] = [
      ['POST', '/v3/pay/transactions/jsapi', JSON.stringify({ mchid: m1.entry.mchid })],
      ['GET', `/v3/pay/transactions/out-trade-no/${order.outTradeNo}?mchid=${m1.entry.mchid}`, ''],
      ['POST', `/v3/pay/transactions/out-trade-no/${order.outTradeNo}/close`, JSON.stringify({ mchid: m1.entry.mchid })],
      ['POST', '/v3/refund/domestic/refunds', JSON.stringify({ out_trade_no: order.outTradeNo })],
      ['GET', '/v3/refund/domestic/refunds/RV1', ''],
      ['GET', '/v3/bill/tradebill?bill_date=2026-11-02', ''],
      ['GET', `/v3/billdownload/file?token=2026-11-02:${m1.entry.mchid}`, ''],
    ];
    for (const [method, url, body] of routes) {
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const forged = authorizationHeader({
        mchid: m1.entry.mchid,
        nonce_str: nonce,
        timestamp: ts,
        serial_no: m1.entry.serialNo,
        signature: sign('sha256', Buffer.from(requestMessage(method, url, ts, nonce, body)), privateKey).toString('base64'),
      });
      for (const authorization of [undefined, forged]) {
        const r = await fetch(fake.url + url, {
          method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: method === 'POST' ? body : undefined,
        });
        expect([method, url, r.status, ((await r.json()) as { code: string }).code]).toEqual([method, url, 401, 'SIGN_ERROR']);
      }
    }
    expect(fake.orders.get(order.outTradeNo)!.state).toBe('NOTPAY');
  });

  it('what the server logged of all this names no key and no openid', async () => {
    // a real payment too, so the logs cover the settled path
    fake.pay(order.outTradeNo);
    await fake.settled();
    expect(fake.deliveries.map((d) => d.status)).toEqual([204]);
    const logs = t.output.join('');
    expect(logs).toMatch(/WeChat Pay callback refused|does not match/);
    const pem = (p: string) => p.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const secret of [m1.apiV3Key, m2.apiV3Key, ...pem(m1.privateKeyPem), ...pem(m2.privateKeyPem)]) expect(logs).not.toContain(secret);
    expect(logs).not.toContain('o-zhangsan');
  });
});

/**
 * A large JSON body to a callback, either way a server meets it. 'declared' (Content-Length): over the body limit it
 * is answered from the headers and the connection closed, so the body is sent only when under the limit (one being
 * sent races the close: the peer's reset can discard the answer before the client reads it). 'chunked': no length,
 * the limit found while reading the stream.
 */
function postLarge(url: string, size: number, how: 'declared' | 'chunked'): Promise<{ status: number; body: unknown }> {
  const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(size - 10) }));
  const overLimit = size > 1024 * 1024;
  const headers = { 'content-type': 'application/json', ...(how === 'declared' ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) });
        req.destroy();
      });
    });
    req.on('error', reject);
    if (how === 'declared' && overLimit) return req.flushHeaders();
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}
