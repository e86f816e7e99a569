import { LoginResponse, PayOrderView, RoomBillsView } from '@linli/shared';
import { WxTransaction } from '../src/pay/wxpay-protocol';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { TestApp } from './helpers/test-app';

/** Two orders for the same bills (two household members, or one resident's overlapping picks), both paid at WeChat Pay. */
describe('WeChat Pay: two orders for the same bills, both paid', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let zhangsan: LoginResponse, wife: LoginResponse;
  let room101: number;
  let open: RoomBillsView['open'];

  const place = async (who: LoginResponse, billLineIds: number[]) => {
    const r = await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds }, { token: who.accessToken });
    expect(r.status).toBe(201);
    return r.body;
  };
  const txOf = (o: PayOrderView): WxTransaction => {
    const f = fake.orders.get(o.outTradeNo)!;
    return {
      appid: m.entry.appid!,
      mchid: m.entry.mchid,
      out_trade_no: o.outTradeNo,
      transaction_id: f.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      success_time: f.successTime,
      payer: { openid: f.body.payer.openid },
      amount: { total: o.amountCents, payer_total: o.amountCents, currency: 'CNY', payer_currency: 'CNY' },
    };
  };
  const post = (c: { headers: Record<string, string>; body: string }) => fetch(`${t.url}/api/pay/notify`, { method: 'POST', headers: c.headers, body: c.body });
  const state = async (orders: PayOrderView[]) => {
    const ids = orders.map((o) => o.id);
    const rows = await t.query(`SELECT id, status, payment_id FROM payment_orders WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`, ids);
    const refunds = await t.query(
      `SELECT order_id, kind, amount_cents, status FROM pay_refunds WHERE order_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
      ids,
    );
    const payments = await t.query(
      `SELECT p.id FROM payments p JOIN payment_orders o ON o.payment_id = p.id WHERE o.id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return { rows, refunds, payments };
  };
  /** exactly one of the orders paid (one payment), the other refunded in full through WeChat Pay */
  async function expectOnePaidOneRefunded(orders: PayOrderView[]) {
    const { rows, refunds, payments } = await state(orders);
    expect(rows.map((r) => r.status).sort()).toEqual(['paid', 'refunded']);
    expect(payments).toHaveLength(1);
    const loser = orders.find((o) => o.id === Number(rows.find((r) => r.status === 'refunded')!.id))!;
    expect(refunds.map((r) => [Number(r.order_id), r.kind, Number(r.amount_cents), r.status])).toEqual([[loser.id, 'orphan', loser.amountCents, 'processing']]);
    const theirs = [...fake.refunds.values()].filter((r) => orders.some((o) => o.outTradeNo === r.outTradeNo));
    expect(theirs.map((r) => [r.outTradeNo, r.refund])).toEqual([[loser.outTradeNo, loser.amountCents]]);
  }

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const [admin, cashier, sup1] = await Promise.all(['admin', 'cashier1', 'supervisor1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    wife = await t.resident('zhangsan-wife');
    const b = (await t.post('/api/bindings', { roomId: room101, relation: 'family', name: '张三爱人' }, { token: wife.accessToken })).body;
    expect((await t.post(`/api/staff/bindings/${b.id}/approve`, { version: b.version }, { token: sup1.accessToken })).status).toBeLessThan(300);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    await linkPayOpenid(t, wife.me.id, m.entry.appid!, 'o-wife');
    open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    expect(open.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });
  beforeEach(() => Object.assign(fake, { callbackCopies: 1, holdCallbacks: false, dropCallbacks: false }));

  it('two household members order the same bill and both pay: one payment; the second refunded automatically (kind orphan), 204 both', async () => {
    const a = await place(zhangsan, [open[0].id]);
    const b = await place(wife, [open[0].id]);
    expect(a.outTradeNo).not.toBe(b.outTradeNo);
    fake.pay(a.outTradeNo);
    await fake.settled();
    fake.pay(b.outTradeNo);
    await fake.settled();
    expect(fake.deliveries.filter((d) => [a, b].some((o) => o.outTradeNo === d.outTradeNo)).map((d) => d.status)).toEqual([204, 204]);
    await expectOnePaidOneRefunded([a, b]);
    expect((await t.get<PayOrderView>(`/api/pay/orders/${b.id}`, { token: wife.accessToken })).body.status).toBe('refunded');
  });

  it('one resident’s overlapping orders (one bill, then it and another), both callbacks at once: one payment, the other refunded in full', async () => {
    const a = await place(zhangsan, [open[1].id]);
    const b = await place(zhangsan, [open[1].id, open[2].id]);
    fake.holdCallbacks = true;
    fake.pay(a.outTradeNo);
    fake.pay(b.outTradeNo);
    const answers = await Promise.all([post(fake.callbackFor(txOf(a))), post(fake.callbackFor(txOf(b)))]);
    expect(answers.map((r) => r.status)).toEqual([204, 204]);
    await fake.releaseHeld();
    expect(fake.deliveries.filter((d) => [a, b].some((o) => o.outTradeNo === d.outTradeNo)).map((d) => d.status)).toEqual([204, 204]);
    await expectOnePaidOneRefunded([a, b]);
  });

  it('two household members, both callbacks at once, repeated: still one payment and one refund', async () => {
    const a = await place(zhangsan, [open[3].id]);
    const b = await place(wife, [open[3].id]);
    fake.holdCallbacks = true;
    fake.pay(a.outTradeNo);
    fake.pay(b.outTradeNo);
    const cs = [a, b, a, b].map((o) => fake.callbackFor(txOf(o)));
    const answers = await Promise.all(cs.map(post));
    expect(answers.map((r) => r.status)).toEqual([204, 204, 204, 204]);
    await fake.releaseHeld();
    await expectOnePaidOneRefunded([a, b]);
    const bills = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    expect(bills.map((l) => l.id)).not.toContain(open[3].id);
  });
});
