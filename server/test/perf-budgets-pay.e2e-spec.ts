import { LoginResponse, PayOrderView, ReversalView, RoomBillsView } from '@linli/shared';
import { WxTransaction } from '../src/pay/wxpay-protocol';
import { statementBudgets } from './helpers/budgets';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { Res, TestApp } from './helpers/test-app';

/** Statement budgets of WeChat Pay's callback and refunds (see helpers/budgets.ts). */
let t: TestApp;
const { budget, print } = statementBudgets(() => t);

describe('perf budgets: WeChat Pay', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let cashier: LoginResponse, manager: LoginResponse, zhangsan: LoginResponse;
  let room101: number;
  const log = { 'x-sql-log': '1' };

  /** a paid order of one open line of room 101 whose callback is held (the test posts it itself) */
  async function paidOrder(): Promise<PayOrderView> {
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds: [open[0].id] }, { token: zhangsan.accessToken })).body;
    fake.holdCallbacks = true;
    fake.pay(o.outTradeNo);
    return o;
  }
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
      payer: { openid: 'o-zhangsan' },
      amount: { total: o.amountCents, payer_total: o.amountCents, currency: 'CNY', payer_currency: 'CNY' },
    };
  };
  async function notify(o: PayOrderView): Promise<Res> {
    const c = fake.callbackFor(txOf(o));
    const res = await fetch(`${t.url}/api/pay/notify`, { method: 'POST', headers: { ...c.headers, ...log }, body: c.body });
    return { status: res.status, body: await res.text(), headers: res.headers };
  }
  async function refundOf(o: PayOrderView, amountCents: number) {
    const [p] = await t.query('SELECT payment_id FROM payment_orders WHERE id = ?', [o.id]);
    const req = await t.post<ReversalView>(
      `/api/fees/payments/${p.payment_id}/reversals`,
      { kind: 'refund', amountCents, reason: '预算：多缴退回' },
      { token: cashier.accessToken },
    );
    if (req.status !== 201) throw new Error(`reversal request: ${req.status} ${JSON.stringify(req.body)}`);
    return t.post(
      `/api/fees/reversals/${req.body.id}/decide`,
      { decision: 'approve', version: req.body.version },
      { token: manager.accessToken, headers: log },
    );
  }

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const admin = await t.staff('admin');
    [cashier, manager] = await Promise.all(['cashier1', 'manager1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    // warm: one order paid and refunded before the measured ones
    const o = await paidOrder();
    await notify(o);
    await refundOf(o, 100);
    await fake.releaseHeld();
  });
  afterAll(async () => {
    print('WeChat Pay');
    await t?.close();
    await fake?.stop();
  });

  // the counter's write path (load, BEGIN, lines, receipt number, payment, allocations, tell, COMMIT) + the order's
  // pending → paid claim, which is also its link to the payment and the deduplication of WeChat Pay's repeats
  budget('WeChat Pay callback: the payment taken, the order claimed and linked in one write', 9, async () => {
    const o = await paidOrder();
    const r = await notify(o);
    await fake.releaseHeld();
    return r;
  });
  budget('WeChat Pay callback repeated (already settled)', 4, async () => {
    const o = await paidOrder();
    await notify(o);
    await fake.releaseHeld();
    return notify(o);
  });
  budget('refund of a WeChat payment approved (its WeChat Pay refund recorded and sent after the answer)', 8, async () => {
    const o = await paidOrder();
    await notify(o);
    await fake.releaseHeld();
    return refundOf(o, 100);
  });
});
