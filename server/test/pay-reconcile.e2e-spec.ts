import { LoginResponse, PayOrderView, PayReconciliationView, ReversalView, RoomBillsView } from '@linli/shared';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { otherCompany } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

/** 微信支付对账: WeChat Pay's trade bill of a day against our payments and refunds; mismatches listed and put in the digest. */
describe('WeChat Pay daily reconciliation', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, admin: LoginResponse, zhangsan: LoginResponse;
  let room101: number;
  const DAY = '2026-11-02';
  const orders: PayOrderView[] = [];

  /** an approved refund is recorded and sent after the approval answered */
  async function sentRefund(no: string) {
    for (let i = 0; i < 200 && !fake.refunds.has(no); i++) await new Promise((res) => setTimeout(res, 25));
    if (!fake.refunds.has(no)) throw new Error(`refund ${no} not sent`);
    await new Promise((res) => setTimeout(res, 50));
  }
  const view = (who: LoginResponse, date = DAY) => t.get<PayReconciliationView>(`/api/pay/reconciliation?date=${date}`, { token: who.accessToken });

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    // payments and refunds happen on the business day the server lives in
    fake.clock = () => new Date('2026-11-02T02:05:00.000Z');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    admin = await t.staff('admin');
    [cashier, manager] = await Promise.all(['cashier1', 'manager1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    for (const line of open.slice(0, 3)) {
      const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds: [line.id] }, { token: zhangsan.accessToken })).body;
      fake.pay(o.outTradeNo);
      await fake.settled();
      orders.push(o);
    }
    // a refund of the first payment, approved the same day
    const [p] = await t.query('SELECT payment_id FROM payment_orders WHERE id = ?', [orders[0].id]);
    const req = await t.post<ReversalView>(
      `/api/fees/payments/${p.payment_id}/reversals`,
      { kind: 'refund', amountCents: 100, reason: '多缴' },
      { token: cashier.accessToken },
    );
    expect(
      (await t.post(`/api/fees/reversals/${req.body.id}/decide`, { decision: 'approve', version: req.body.version }, { token: manager.accessToken })).status,
    ).toBe(200);
    // the bank returns the money the same day: WeChat Pay's bill and ours date the refund by its success time
    await sentRefund(`RV${req.body.id}`);
    await fake.finishRefund(`RV${req.body.id}`, { url: `${t.url}/api/pay/refund-notify` });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('no bill yet at WeChat Pay for a day we took money on: nothing stored, tried again later', async () => {
    fake.billPatch = () => [];
    expect((await t.post('/api/test/jobs/pay-reconcile', { date: DAY })).body).toEqual({ 1: null });
    expect((await view(manager)).body).toEqual(expect.objectContaining({ checkedAt: null, mismatches: [] }));
    fake.billPatch = (rows) => rows;
  });

  it('the bills agree: no mismatch', async () => {
    expect((await t.post('/api/test/jobs/pay-reconcile', { date: DAY })).body).toEqual({ 1: 0 });
    const v = await view(manager);
    expect(v.status).toBe(200);
    expect(v.body).toEqual(expect.objectContaining({ date: DAY, paymentCount: 3, refundCount: 1, mismatches: [] }));
    expect(v.body.checkedAt).toEqual(expect.any(String));
  });

  it('planted mismatches (missing ours, missing theirs, a payment’s and a refund’s amount differ) are stored and listed; a run again replaces them', async () => {
    fake.billPatch = (rows) => [
      ...rows
        .filter((r) => r.outTradeNo !== orders[1].outTradeNo)
        .map((r) => (r.state === 'SUCCESS' && r.outTradeNo === orders[2].outTradeNo ? { ...r, totalFen: r.totalFen + 1 } : r))
        .map((r) => (r.state === 'REFUND' ? { ...r, refundFen: 90 } : r)),
      { ...rows[0], outTradeNo: 'LPGHOST0000000000000000001', transactionId: '42000099', totalFen: 777 },
    ];
    expect((await t.post('/api/test/jobs/pay-reconcile', { date: DAY })).body).toEqual({ 1: 4 });
    expect((await t.post('/api/test/jobs/pay-reconcile', { date: DAY })).body).toEqual({ 1: 4 });
    const v = await view(manager);
    expect(Number(v.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
    const by = (ref: string) => v.body.mismatches.find((x) => x.ref === ref);
    expect(v.body.mismatches).toHaveLength(4);
    expect(v.body.mismatches.find((x) => x.kind === 'refund')).toEqual(expect.objectContaining({ problem: 'amount_differs', oursCents: 100, theirsCents: 90 }));
    expect(by('LPGHOST0000000000000000001')).toEqual(
      expect.objectContaining({ kind: 'payment', problem: 'missing_ours', oursCents: null, theirsCents: 777, problemLabel: '我方缺失' }),
    );
    expect(by(orders[1].outTradeNo)).toEqual(expect.objectContaining({ problem: 'missing_theirs', oursCents: orders[1].amountCents, theirsCents: null }));
    expect(by(orders[2].outTradeNo)).toEqual(
      expect.objectContaining({ problem: 'amount_differs', oursCents: orders[2].amountCents, theirsCents: orders[2].amountCents + 1 }),
    );
    expect((await view(admin)).body.mismatches).toHaveLength(4);
  });

  it('denied to residents and cashiers; another company sees nothing of ours', async () => {
    expect((await view(zhangsan)).status).toBe(403);
    expect((await view(cashier)).status).toBe(403);
    expect((await t.get(`/api/pay/reconciliation?date=2026-13-01`, { token: manager.accessToken })).status).toBe(400);
    const far = await otherCompany(t);
    const v = await view(far.admin);
    expect(v.status).toBe(200);
    expect(v.body).toEqual(expect.objectContaining({ checkedAt: null, paymentCount: 0, mismatches: [] }));
  });

  it("the manager's 08:30 digest counts yesterday's mismatches, in a line of its own only when there are some", async () => {
    await t.post('/api/test/clock', { set: '2026-11-02T00:31:00.000Z' });
    await t.post('/api/test/jobs/daily-digest', {});
    await t.post('/api/test/clock', { set: '2026-11-03T00:31:00.000Z' });
    await t.post('/api/test/jobs/daily-digest', {});
    await t.post('/api/test/jobs/notify-expand', {});
    const items = (await t.get<{ items: { title: string; body: string }[] }>('/api/notifications?limit=100', { token: manager.accessToken })).body.items;
    const digest = (d: string) => items.find((i) => i.title === `锦绣花园 每日简报 ${d}`)!;
    expect(digest('2026-11-03').body).toContain('微信支付对账：昨日 4 笔不符，请核对。');
    expect(digest('2026-11-02').body).not.toContain('微信支付');
  });
});
