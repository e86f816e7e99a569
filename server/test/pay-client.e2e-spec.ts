import * as http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import { merchantFromFiles } from '../src/pay/merchant-config';
import { paidTransactionProblems, paySignMessage } from '../src/pay/wxpay-protocol';
import { WxNotifyError, WxPayClient, WxPayError } from '../src/pay/wxpay.client';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { verify } from 'node:crypto';

/** The WeChat Pay client against the loopback fake: real signatures, real encryption, both verification modes. */
describe('WeChat Pay v3 client against the fake', () => {
  let fake: FakeWechatPay;
  let certM: TestMerchant;
  let pubM: TestMerchant;
  let notifyServer: http.Server;
  let notifyUrl = '';
  /** what our notify endpoint received, opened by the client of the merchant it names */
  const received: { status: number; outTradeNo?: string; reason?: string }[] = [];

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    certM = fake.makeMerchant(1, 'certificate');
    pubM = fake.makeMerchant(2, 'publicKey');
    notifyServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const client = new WxPayClient(fake.url, req.url === '/n2' ? pubM.config : certM.config);
        try {
          const { transaction } = client.openNotification((n) => req.headers[n] as string | undefined, body);
          received.push({ status: 204, outTradeNo: transaction.out_trade_no });
          res.writeHead(204).end();
        } catch (e) {
          received.push({ status: 401, reason: (e as WxNotifyError).reason });
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'FAIL', message: '验签失败' }));
        }
      });
    });
    await new Promise<void>((r) => notifyServer.listen(0, '127.0.0.1', r));
    notifyUrl = `http://127.0.0.1:${(notifyServer.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await fake.stop();
    await new Promise<void>((r) => notifyServer.close(() => r()));
  });
  beforeEach(() => {
    fake.mode = 'certificate';
    fake.answerSkewSeconds = 0;
    Object.assign(fake, { callbackDelayMs: 0, callbackCopies: 1, dropCallbacks: false, holdCallbacks: false });
    received.length = 0;
  });

  const order = (no: string, totalFen = 12345, url = notifyUrl + '/n1') => ({
    description: '锦绣花园 物业费',
    outTradeNo: no,
    timeExpire: new Date(Date.now() + 15 * 60_000),
    notifyUrl: url,
    totalFen,
    openid: 'oResident1',
  });

  it('places a JSAPI order, signs the requestPayment parameters, queries and closes it (certificate mode)', async () => {
    const c = new WxPayClient(fake.url, certM.config);
    const prepayId = await c.jsapi(order('LPCERT000001'));
    expect(prepayId).toMatch(/^wx/);
    expect(fake.orders.get('LPCERT000001')!.body).toEqual(
      expect.objectContaining({
        mchid: certM.entry.mchid,
        appid: 'wx1234567890resident',
        amount: { total: 12345, currency: 'CNY' },
        payer: { openid: 'oResident1' },
      }),
    );
    expect(fake.orders.get('LPCERT000001')!.body.time_expire).toMatch(/\+08:00$/);
    // the same order again: the same prepay id (a retried create)
    expect(await c.jsapi({ ...order('LPCERT000001'), timeExpire: new Date(fake.orders.get('LPCERT000001')!.body.time_expire) })).toBe(prepayId);

    const p = c.requestPayment(prepayId);
    expect(p).toEqual(expect.objectContaining({ appId: 'wx1234567890resident', package: `prepay_id=${prepayId}`, signType: 'RSA' }));
    expect(verify('sha256', Buffer.from(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package)), certM.publicKey, Buffer.from(p.paySign, 'base64'))).toBe(
      true,
    );

    expect((await c.query('LPCERT000001')).trade_state).toBe('NOTPAY');
    await c.close('LPCERT000001');
    expect((await c.query('LPCERT000001')).trade_state).toBe('CLOSED');
    await expect(c.jsapi(order('LPCERT000001'))).rejects.toMatchObject({ code: 'ORDERCLOSED' });
    await expect(c.query('LPNOSUCH0001')).rejects.toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('the same out_trade_no with other parameters is refused', async () => {
    const c = new WxPayClient(fake.url, certM.config);
    await c.jsapi(order('LPDUP0000001'));
    await expect(c.jsapi(order('LPDUP0000001', 999))).rejects.toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });

  it('public-key mode: answers signed with PUB_KEY_ID_… are verified; a paid order is queried as SUCCESS; the callback is opened', async () => {
    fake.mode = 'publicKey';
    const c = new WxPayClient(fake.url, pubM.config);
    await c.jsapi(order('LPPUB0000001', 500, notifyUrl + '/n2'));
    fake.pay('LPPUB0000001');
    await fake.settled();
    expect(received).toEqual([{ status: 204, outTradeNo: 'LPPUB0000001' }]);
    const t = await c.query('LPPUB0000001');
    expect(paidTransactionProblems(t, { appid: pubM.config.appid, mchid: pubM.entry.mchid, outTradeNo: 'LPPUB0000001', totalFen: 500 })).toEqual([]);
    await expect(c.close('LPPUB0000001')).rejects.toMatchObject({ code: 'ORDERPAID' });
  });

  it('a merchant that only knows the certificate refuses answers signed under the public key id, and the reverse', async () => {
    fake.mode = 'publicKey';
    await expect(new WxPayClient(fake.url, certM.config).query('LPCERT000001')).rejects.toMatchObject({
      code: 'UNTRUSTED_ANSWER',
      message: expect.stringMatching(/unknown-serial/),
    });
    fake.mode = 'certificate';
    await expect(new WxPayClient(fake.url, pubM.config).query('LPPUB0000001')).rejects.toMatchObject({ code: 'UNTRUSTED_ANSWER' });
  });

  it('a stale answer (signed over 5 minutes ago) is not believed', async () => {
    fake.answerSkewSeconds = 301;
    await expect(new WxPayClient(fake.url, certM.config).query('LPCERT000001')).rejects.toMatchObject({
      code: 'UNTRUSTED_ANSWER',
      message: expect.stringMatching(/stale/),
    });
  });

  it('WeChat Pay refuses a request signed with the wrong key, a wrong serial, or a stale timestamp (401 SIGN_ERROR)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const wrongKeyFile = certM.dir + '/other.pem';
    fs.writeFileSync(wrongKeyFile, other);
    const wrongKey = merchantFromFiles({ ...certM.entry, privateKeyFile: wrongKeyFile }, undefined);
    await expect(new WxPayClient(fake.url, wrongKey).query('LPCERT000001')).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    const wrongSerial = merchantFromFiles({ ...certM.entry, serialNo: 'DEADBEEF00' }, undefined);
    await expect(new WxPayClient(fake.url, wrongSerial).query('LPCERT000001')).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    const past = new WxPayClient(fake.url, certM.config, () => new Date(Date.now() - 10 * 60_000));
    await expect(past.query('LPCERT000001')).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
  });

  it('an unreachable WeChat Pay is a 503, not a crash', async () => {
    await expect(new WxPayClient('http://127.0.0.1:1', certM.config).query('LPCERT000001')).rejects.toBeInstanceOf(WxPayError);
  });

  describe('callbacks', () => {
    const tx = (no: string, total = 100) => ({
      appid: 'wx1234567890resident',
      mchid: certM.entry.mchid,
      out_trade_no: no,
      trade_state: 'SUCCESS',
      transaction_id: '42000001',
      amount: { total, currency: 'CNY' },
    });

    it('a genuine callback is verified and decrypted', () => {
      const { headers, body } = fake.callbackFor(tx('LPCB00000001'));
      const { transaction, notification } = new WxPayClient(fake.url, certM.config).openNotification((n) => headers[n], body);
      expect(notification.event_type).toBe('TRANSACTION.SUCCESS');
      expect(transaction).toEqual(tx('LPCB00000001'));
    });

    it('a tampered body, a tampered signature, a stale timestamp, a forged ciphertext or another APIv3 key are refused', () => {
      const c = new WxPayClient(fake.url, certM.config);
      const refuse = (h: Record<string, string>, b: string) => {
        try {
          c.openNotification((n) => h[n], b);
        } catch (e) {
          return (e as WxNotifyError).reason;
        }
        return 'accepted';
      };
      const { headers, body } = fake.callbackFor(tx('LPCB00000002'));
      expect(refuse(headers, body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESS '))).toBe('bad-signature');
      const sig = Buffer.from(headers['wechatpay-signature'], 'base64');
      sig[10] ^= 0xff;
      expect(refuse({ ...headers, 'wechatpay-signature': sig.toString('base64') }, body)).toBe('bad-signature');
      expect(refuse({ ...headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' }, body)).toBe('unknown-serial');
      expect(refuse({ ...headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/x' }, body)).toBe('probe');
      const { 'wechatpay-nonce': _n, ...noNonce } = headers;
      expect(refuse(noNonce, body)).toBe('missing');
      const stale = fake.callbackFor(tx('LPCB00000003'), { timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(refuse(stale.headers, stale.body)).toBe('stale');
      // signed by WeChat Pay but encrypted with another key: cannot be opened
      const otherKey = fake.callbackFor(tx('LPCB00000004'), { apiV3Key: 'x'.repeat(32) });
      expect(refuse(otherKey.headers, otherKey.body)).toBe('undecryptable');
      // a forged resource re-signed by WeChat Pay would still need the APIv3 key: flip a ciphertext byte and re-sign
      const parsed = JSON.parse(body);
      const ct = Buffer.from(parsed.resource.ciphertext, 'base64');
      ct[0] ^= 1;
      parsed.resource.ciphertext = ct.toString('base64');
      const forged = JSON.stringify(parsed);
      expect(refuse(fake.signedHeaders(forged), forged)).toBe('undecryptable');
      expect(refuse(fake.signedHeaders('{"id":1}'), '{"id":1}')).toBe('malformed');
    });

    it('a tampered amount arrives validly signed: the order check catches it', async () => {
      const c = new WxPayClient(fake.url, certM.config);
      await c.jsapi(order('LPTAMPER0001', 8000));
      fake.pay('LPTAMPER0001', (t) => ({ ...t, amount: { ...t.amount, total: 1 } }));
      await fake.settled();
      expect(received).toEqual([{ status: 204, outTradeNo: 'LPTAMPER0001' }]);
      const { headers, body } = fake.callbackFor({ ...tx('LPTAMPER0001'), amount: { total: 1, currency: 'CNY' } });
      const { transaction } = c.openNotification((n) => headers[n], body);
      expect(paidTransactionProblems(transaction, { appid: certM.config.appid, mchid: certM.entry.mchid, outTradeNo: 'LPTAMPER0001', totalFen: 8000 })).toEqual(
        ['amount differs'],
      );
    });

    it('switches: duplicate, delay, hold and release in reverse order, drop', async () => {
      const c = new WxPayClient(fake.url, certM.config);
      fake.callbackCopies = 2;
      fake.callbackDelayMs = 50;
      await c.jsapi(order('LPSW00000001', 100));
      fake.pay('LPSW00000001');
      expect(received).toEqual([]);
      await fake.settled();
      expect(received).toEqual([
        { status: 204, outTradeNo: 'LPSW00000001' },
        { status: 204, outTradeNo: 'LPSW00000001' },
      ]);

      received.length = 0;
      Object.assign(fake, { callbackCopies: 1, callbackDelayMs: 0, holdCallbacks: true });
      await c.jsapi(order('LPSW00000002', 100));
      await c.jsapi(order('LPSW00000003', 100));
      fake.pay('LPSW00000002');
      fake.pay('LPSW00000003');
      await fake.settled();
      expect(received).toEqual([]);
      await fake.releaseHeld();
      expect(received.map((r) => r.outTradeNo)).toEqual(['LPSW00000003', 'LPSW00000002']);

      received.length = 0;
      Object.assign(fake, { holdCallbacks: false, dropCallbacks: true });
      await c.jsapi(order('LPSW00000004', 100));
      fake.pay('LPSW00000004');
      await fake.settled();
      expect(received).toEqual([]);
      expect((await c.query('LPSW00000004')).trade_state).toBe('SUCCESS');
    });

    it('a callback signed for the public-key mode is refused by a certificate-only merchant', async () => {
      fake.mode = 'publicKey';
      const { headers, body } = fake.callbackFor(tx('LPCB00000005'));
      expect(() => new WxPayClient(fake.url, certM.config).openNotification((n) => headers[n], body)).toThrow(WxNotifyError);
    });
  });
});
