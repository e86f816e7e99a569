import { LoginResponse, PaymentView, PayOrderView, RoomBillsView } from '@linli/shared';
import { WxTransaction } from '../src/pay/wxpay-protocol';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { TestApp } from './helpers/test-app';

/** WeChat Pay's callbacks, really signed and encrypted by the fake: settled once, through the ledger's payment path. */
describe('WeChat Pay callbacks', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let admin: LoginResponse, cashier: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: number, room202: number;

  const bills = async (who: LoginResponse, roomId: number) => (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${roomId}`, { token: who.accessToken })).body;
  const orderRow = async (no: string) => (await t.query('SELECT status, payment_id, transaction_id FROM payment_orders WHERE out_trade_no = ?', [no]))[0];
  const paymentsOf = async (roomId: number) =>
    t.query("SELECT id, method, amount_cents, cashier_id FROM payments WHERE room_id = ? AND method = 'wechat'", [roomId]);
  const post = (c: { headers: Record<string, string>; body: string }) => fetch(`${t.url}/api/pay/notify`, { method: 'POST', headers: c.headers, body: c.body });
  async function placeOrder(who: LoginResponse, roomId: number, billLineIds?: number[]) {
    const r = await t.post<PayOrderView>('/api/pay/orders', { roomId, billLineIds }, { token: who.accessToken });
    expect(r.status).toBe(201);
    return r.body;
  }
  /** the transaction WeChat Pay would report for an order, paid */
  const paidTx = (o: PayOrderView): WxTransaction => ({
    appid: m.entry.appid!,
    mchid: m.entry.mchid,
    out_trade_no: o.outTradeNo,
    transaction_id: '4200000000000000000000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    success_time: '2026-11-02T10:05:00+08:00',
    payer: { openid: 'o-lisi' },
    amount: { total: o.amountCents, payer_total: o.amountCents, currency: 'CNY', payer_currency: 'CNY' },
  });

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'publicKey');
    fake.mode = 'publicKey';
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    [admin, cashier] = await Promise.all(['admin', 'cashier1'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    await linkPayOpenid(t, lisi.me.id, m.entry.appid!, 'o-lisi');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });
  beforeEach(() => Object.assign(fake, { callbackDelayMs: 0, callbackCopies: 1, dropCallbacks: false, holdCallbacks: false }));

  it('paid, the callback delivered twice: one payment (method wechat, receipt), the bills settled, the order linked; both answered 204', async () => {
    const before = await bills(zhangsan, room101);
    const o = await placeOrder(zhangsan, room101);
    fake.callbackCopies = 2;
    fake.pay(o.outTradeNo);
    await fake.settled();
    const mine = fake.deliveries.filter((d) => d.outTradeNo === o.outTradeNo);
    expect(mine.map((d) => d.status)).toEqual([204, 204]);
    // a write's 8 + 2 for its deduplication (the order's pending → paid claim plays the Idempotency-Key's part): measured 10, a duplicate 4
    expect(Math.max(...mine.map((d) => d.statements!))).toBeLessThanOrEqual(10);
    const pays = await paymentsOf(room101);
    expect(pays).toHaveLength(1);
    expect(Number(pays[0].amount_cents)).toBe(o.amountCents);
    expect(pays[0].cashier_id).toBeNull();
    const row = await orderRow(o.outTradeNo);
    expect([row.status, Number(row.payment_id)]).toEqual(['paid', Number(pays[0].id)]);
    expect((await bills(zhangsan, room101)).open).toEqual([]);
    const receipt = await t.get<PaymentView>(`/api/fees/payments/${pays[0].id}`, { token: zhangsan.accessToken });
    expect(receipt.status).toBe(200);
    expect(receipt.body.receiptNo).toMatch(/^SJ-20261102-\d{4}$/);
    expect(receipt.body.method).toBe('wechat');
    expect(receipt.body.lines.length).toBe(before.open.length);
    // a replay later: 204, nothing more
    const replay = await post(fake.callbackFor(paidTx({ ...o, amountCents: o.amountCents })));
    expect(replay.status).toBe(204);
    expect(await paymentsOf(room101)).toHaveLength(1);
  });

  describe('refused callbacks leave the order unpaid', () => {
    let o: PayOrderView;
    beforeAll(async () => {
      o = await placeOrder(lisi, room202);
    });
    afterEach(async () => {
      expect((await orderRow(o.outTradeNo)).status).toBe('pending');
      expect(await paymentsOf(room202)).toHaveLength(0);
    });

    it('a bad signature: 401 with the failure body', async () => {
      const c = fake.callbackFor(paidTx(o));
      const sig = Buffer.from(c.headers['wechatpay-signature'], 'base64');
      sig[5] ^= 0xff;
      const r = await post({ headers: { ...c.headers, 'wechatpay-signature': sig.toString('base64') }, body: c.body });
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ code: 'FAIL', message: expect.any(String) });
    });

    it('a stale timestamp, an unknown key, no headers: 401', async () => {
      expect((await post(fake.callbackFor(paidTx(o), { timestamp: Math.floor(Date.now() / 1000) - 400 }))).status).toBe(401);
      const c = fake.callbackFor(paidTx(o));
      expect((await post({ headers: { ...c.headers, 'wechatpay-serial': 'PUB_KEY_ID_0999' }, body: c.body })).status).toBe(401);
      expect((await post({ headers: { 'content-type': 'application/json' }, body: c.body })).status).toBe(401);
    });

    it('a tampered amount, another currency, another mchid or appid (validly signed): 400', async () => {
      for (const tx of [
        { ...paidTx(o), amount: { total: 1, currency: 'CNY' } },
        { ...paidTx(o), amount: { total: o.amountCents, currency: 'USD' } },
        { ...paidTx(o), mchid: '1900009999' },
        { ...paidTx(o), appid: 'wxOther' },
        { ...paidTx(o), trade_state: 'NOTPAY' },
      ]) {
        const r = await post(fake.callbackFor(tx));
        expect(r.status).toBe(400);
        expect((await r.json()).code).toBe('FAIL');
      }
    });

    it('an order of another company or that does not exist: 400', async () => {
      expect((await post(fake.callbackFor({ ...paidTx(o), out_trade_no: 'LPNOSUCHORDER0001' }))).status).toBe(400);
    });
  });

  it('two deliveries at once: exactly one payment', async () => {
    const o = await placeOrder(lisi, room202);
    fake.holdCallbacks = true;
    fake.callbackCopies = 3;
    fake.pay(o.outTradeNo);
    const cs = [fake.callbackFor(paidTx(o)), fake.callbackFor(paidTx(o)), fake.callbackFor(paidTx(o))];
    const answers = await Promise.all(cs.map(post));
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204]);
    await fake.releaseHeld();
    expect(fake.deliveries.filter((d) => d.outTradeNo === o.outTradeNo).map((d) => d.status)).toEqual([204, 204, 204]);
    expect(await paymentsOf(room202)).toHaveLength(1);
    expect((await orderRow(o.outTradeNo)).status).toBe('paid');
  });
});

describe('WeChat Pay: the query on return from the payment sheet', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: number;

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const [admin, cashier] = await Promise.all(['admin', 'cashier1'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('the callback is late: the query settles the order; the callback then arrives and changes nothing', async () => {
    const bills = await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken });
    const first = bills.body.open[0];
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds: [first.id] }, { token: zhangsan.accessToken })).body;
    const pending = await t.get<PayOrderView>(`/api/pay/orders/${o.id}`, { token: zhangsan.accessToken });
    expect([pending.status, pending.body.status, pending.body.paymentId]).toEqual([200, 'pending', null]);
    fake.holdCallbacks = true;
    fake.pay(o.outTradeNo);
    const paid = await t.get<PayOrderView>(`/api/pay/orders/${o.id}`, { token: zhangsan.accessToken });
    expect(paid.body.status).toBe('paid');
    expect(paid.body.paymentId).toEqual(expect.any(Number));
    await fake.releaseHeld();
    expect(fake.deliveries.map((d) => d.status)).toEqual([204]);
    const pays = await t.query("SELECT id FROM payments WHERE room_id = ? AND method = 'wechat'", [room101]);
    expect(pays.map((p) => Number(p.id))).toEqual([paid.body.paymentId]);
    // settled: a detail read, one statement
    const again = await t.get<PayOrderView>(`/api/pay/orders/${o.id}`, { token: zhangsan.accessToken });
    expect(again.body.status).toBe('paid');
    expect(Number(again.headers.get('x-sql-statements'))).toBeLessThanOrEqual(4);
  });

  it('another resident’s order: 404', async () => {
    const [row] = await t.query('SELECT id FROM payment_orders ORDER BY id LIMIT 1');
    expect((await t.get(`/api/pay/orders/${row.id}`, { token: lisi.accessToken })).status).toBe(404);
  });
});

describe('WeChat Pay: paid orders that can no longer be settled', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let zhangsan: LoginResponse, cashier: LoginResponse;
  let room101: number;

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const admin = await t.staff('admin');
    cashier = await t.staff('cashier1');
    zhangsan = await t.resident('zhangsan');
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const refundsOf = (orderId: number) => t.query('SELECT kind, amount_cents, total_cents, status, refund_id FROM pay_refunds WHERE order_id = ?', [orderId]);

  it('the bills were paid at the counter meanwhile: refunded through WeChat Pay once, 204, no bill touched', async () => {
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body;
    const line = open.open[0];
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds: [line.id] }, { token: zhangsan.accessToken })).body;
    const due = line.openCents + line.lateFeeCents;
    const counter = await t.post(
      '/api/fees/payments',
      { roomId: room101, method: 'cash', amountCents: due, expectedTotalCents: due, billLineIds: [line.id] },
      { token: cashier.accessToken },
    );
    expect(counter.status).toBe(201);
    const linesBefore = await t.query('SELECT id, paid_cents, version FROM bill_lines WHERE room_id = ? ORDER BY id', [room101]);
    // the duplicate arrives after the first was answered (two at once may answer the loser 409 so WeChat retries it)
    fake.callbackCopies = 2;
    fake.holdCallbacks = true;
    fake.pay(o.outTradeNo);
    await fake.releaseHeld();
    fake.holdCallbacks = false;
    expect(fake.deliveries.filter((d) => d.outTradeNo === o.outTradeNo).map((d) => d.status)).toEqual([204, 204]);
    expect((await t.query('SELECT status FROM payment_orders WHERE id = ?', [o.id]))[0].status).toBe('refunded');
    expect(await t.query("SELECT id FROM payments WHERE room_id = ? AND method = 'wechat'", [room101])).toHaveLength(0);
    expect(await t.query('SELECT id, paid_cents, version FROM bill_lines WHERE room_id = ? ORDER BY id', [room101])).toEqual(linesBefore);
    const refunds = await refundsOf(o.id);
    expect(refunds.map((r) => [r.kind, Number(r.amount_cents), r.status])).toEqual([['orphan', o.amountCents, 'processing']]);
    const theirs = [...fake.refunds.values()].filter((r) => r.outTradeNo === o.outTradeNo);
    expect(theirs.map((r) => [r.refund, r.total, r.refundId])).toEqual([[o.amountCents, o.amountCents, refunds[0].refund_id]]);
    // the resident's order says so
    expect((await t.get<PayOrderView>(`/api/pay/orders/${o.id}`, { token: zhangsan.accessToken })).body.status).toBe('refunded');
  });

  it('an order closed before the payment arrived: refunded once, however often the callback repeats', async () => {
    fake.callbackCopies = 1;
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    await t.query("UPDATE payment_orders SET status = 'closed' WHERE id = ?", [o.id]);
    fake.refundFailures = 1;
    fake.pay(o.outTradeNo);
    await fake.settled();
    expect(fake.deliveries.filter((d) => d.outTradeNo === o.outTradeNo).map((d) => d.status)).toEqual([204]);
    expect((await refundsOf(o.id)).map((r) => r.status)).toEqual(['requested']);
    const tx = fake.orders.get(o.outTradeNo)!;
    const c = fake.callbackFor({
      appid: m.entry.appid!,
      mchid: m.entry.mchid,
      out_trade_no: o.outTradeNo,
      transaction_id: tx.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      success_time: tx.successTime,
      payer: { openid: 'o-zhangsan' },
      amount: { total: o.amountCents, payer_total: o.amountCents, currency: 'CNY', payer_currency: 'CNY' },
    });
    // the repeat finds the refund recorded: it is sent (accepted now), not recorded again
    const replay = await fetch(`${t.url}/api/pay/notify`, { method: 'POST', headers: c.headers, body: c.body });
    expect(replay.status).toBe(204);
    expect((await refundsOf(o.id)).map((r) => r.status)).toEqual(['processing']);
    expect((await t.post('/api/test/jobs/pay-orders', {})).body).toMatchObject({ settled: 0, closed: 0, refunds: 0 });
    expect([...fake.refunds.values()].filter((r) => r.outTradeNo === o.outTradeNo)).toHaveLength(1);
    expect((await t.query('SELECT status FROM payment_orders WHERE id = ?', [o.id]))[0].status).toBe('refunded');
    expect(await t.query("SELECT id FROM payments WHERE room_id = ? AND method = 'wechat'", [room101])).toHaveLength(0);
  });

  it('a refund WeChat Pay refused for now is sent again by the job', async () => {
    fake.callbackCopies = 1;
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    await t.query("UPDATE payment_orders SET status = 'closed' WHERE id = ?", [o.id]);
    fake.refundFailures = 1;
    fake.pay(o.outTradeNo);
    await fake.settled();
    expect((await refundsOf(o.id)).map((r) => r.status)).toEqual(['requested']);
    expect((await t.post('/api/test/jobs/pay-orders', {})).body.refunds).toBe(1);
    expect((await refundsOf(o.id)).map((r) => r.status)).toEqual(['processing']);
    expect([...fake.refunds.values()].filter((r) => r.outTradeNo === o.outTradeNo)).toHaveLength(1);
  });
});
