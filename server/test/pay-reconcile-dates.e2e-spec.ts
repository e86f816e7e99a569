import { LoginResponse, PayOrderView, PayReconciliationView, ReversalView, RoomBillsView } from '@linli/shared';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { TestApp } from './helpers/test-app';

/**
 * 微信支付对账 on WeChat Pay's own dates (its trade bill dates a payment by its success_time, a refund by its success
 * time), whatever our clock said when we heard of it; one run per (merchant, day) however many instances try.
 */
describe('WeChat Pay reconciliation: across midnight, and one run per merchant and day', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, zhangsan: LoginResponse;
  let room101: number;
  const paid: PayOrderView[] = [];

  const clock = (iso: string) => t.post('/api/test/clock', { set: iso });
  const reconcile = async (date: string, app = t) =>
    (await app.post<Record<number, number | null | 'running'>>('/api/test/jobs/pay-reconcile', { date })).body[1];
  const view = async (date: string) => (await t.get<PayReconciliationView>(`/api/pay/reconciliation?date=${date}`, { token: manager.accessToken })).body;
  async function order(lineIndex: number) {
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    const r = await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds: [open[lineIndex].id] }, { token: zhangsan.accessToken });
    expect(r.status).toBe(201);
    return r.body;
  }

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await clock('2026-11-02T02:00:00.000Z');
    const admin = await t.staff('admin');
    [cashier, manager] = await Promise.all(['cashier1', 'manager1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('paid at 23:59:58 and 23:59:59, heard of after midnight (a late callback, a query): the day they were paid on both sides, no mismatch either day; the receipts keep our business date', async () => {
    await clock('2026-11-02T15:59:00.000Z'); // 23:59 Shanghai
    const [a, b] = [await order(0), await order(1)];
    fake.clock = () => new Date('2026-11-02T15:59:58.000Z');
    fake.holdCallbacks = true;
    fake.pay(a.outTradeNo);
    Object.assign(fake, { holdCallbacks: false, dropCallbacks: true, clock: () => new Date('2026-11-02T15:59:59.000Z') });
    fake.pay(b.outTradeNo);
    fake.dropCallbacks = false;
    await clock('2026-11-02T16:00:05.000Z'); // 00:00:05 the next day
    await fake.releaseHeld();
    expect(fake.deliveries.map((d) => d.status)).toEqual([204]);
    expect((await t.get<PayOrderView>(`/api/pay/orders/${b.id}`, { token: zhangsan.accessToken })).body.status).toBe('paid');
    const rows = await t.query(
      'SELECT o.paid_at, p.business_date FROM payment_orders o JOIN payments p ON p.id = o.payment_id WHERE o.id IN (?, ?) ORDER BY o.id',
      [a.id, b.id],
    );
    expect(rows.map((r) => new Date(r.paid_at).toISOString())).toEqual(['2026-11-02T15:59:58.000Z', '2026-11-02T15:59:59.000Z']);
    // the month-end statement's basis is unchanged: the day we took the money in
    expect(rows.map((r) => r.business_date)).toEqual(['2026-11-03', '2026-11-03']);
    paid.push(a, b);

    expect(await reconcile('2026-11-02')).toBe(0);
    expect(await view('2026-11-02')).toEqual(expect.objectContaining({ paymentCount: 2, mismatches: [] }));
    expect(await reconcile('2026-11-03')).toBe(0);
    expect(await view('2026-11-03')).toEqual(expect.objectContaining({ paymentCount: 0, mismatches: [] }));
  });

  it('a refund approved at 23:59:50 that WeChat Pay completes at 00:00:10: paired on the day of its success on both sides, no mismatch either day', async () => {
    await clock('2026-11-03T15:59:50.000Z');
    const [p] = await t.query('SELECT payment_id FROM payment_orders WHERE id = ?', [paid[0].id]);
    const req = await t.post<ReversalView>(
      `/api/fees/payments/${p.payment_id}/reversals`,
      { kind: 'refund', amountCents: 100, reason: '多缴' },
      { token: cashier.accessToken },
    );
    const ok = await t.post(`/api/fees/reversals/${req.body.id}/decide`, { decision: 'approve', version: req.body.version }, { token: manager.accessToken });
    expect(ok.status).toBe(200);
    const no = `RV${req.body.id}`;
    for (let i = 0; i < 200 && !fake.refunds.has(no); i++) await new Promise((r) => setTimeout(r, 25));
    fake.clock = () => new Date('2026-11-03T16:00:10.000Z');
    expect((await fake.finishRefund(no, { url: `${t.url}/api/pay/refund-notify` })).map((d) => d.status)).toEqual([204]);
    const [r] = await t.query('SELECT status, business_date, success_at FROM pay_refunds WHERE out_refund_no = ?', [no]);
    expect([r.status, r.business_date, new Date(r.success_at).toISOString()]).toEqual(['success', '2026-11-03', '2026-11-03T16:00:10.000Z']);
    // the ledger's refund keeps the approval's date
    const [back] = await t.query('SELECT business_date FROM refund_allocations WHERE fee_request_id = ?', [req.body.id]);
    expect(back.business_date).toBe('2026-11-03');

    await clock('2026-11-04T23:00:00.000Z');
    expect(await reconcile('2026-11-03')).toBe(0);
    expect(await view('2026-11-03')).toEqual(expect.objectContaining({ refundCount: 0, mismatches: [] }));
    expect(await reconcile('2026-11-04')).toBe(0);
    expect(await view('2026-11-04')).toEqual(expect.objectContaining({ refundCount: 1, mismatches: [] }));
  });

  it('two instances reconciling the same day at once: one does it, the other does nothing — no error, one row', async () => {
    const t2 = await TestApp.start(payEnv(fake, m), t.db);
    try {
      await t2.post('/api/test/clock', { set: '2026-11-04T23:00:00.000Z' });
      const logged = [t.output.length, t2.output.length];
      fake.billDelayMs = 400;
      const both = await Promise.all([reconcile('2026-11-02'), reconcile('2026-11-02', t2)]);
      fake.billDelayMs = 0;
      expect(both.sort()).toEqual([0, 'running']);
      expect(await t.query("SELECT id FROM pay_reconciliations WHERE bill_date = '2026-11-02'")).toHaveLength(1);
      expect(await t.query('SELECT id FROM pay_recon_claims')).toHaveLength(0);
      const said = [...t.output.slice(logged[0]), ...t2.output.slice(logged[1])].join('');
      expect(said).not.toMatch(/error|duplicate|unique|deadlock/i);
    } finally {
      await t2.stop();
    }
  });

  it('a claim left by an instance that died is taken over after 10 minutes; a live one is respected', async () => {
    await t.query('INSERT INTO pay_recon_claims (company_id, bill_date, claimed_at) VALUES (1, ?, ?)', ['2026-11-02', '2026-11-04 22:55:00.000']);
    expect(await reconcile('2026-11-02')).toBe('running');
    await t.query('UPDATE pay_recon_claims SET claimed_at = ? WHERE bill_date = ?', ['2026-11-04 22:45:00.000', '2026-11-02']);
    expect(await reconcile('2026-11-02')).toBe(0);
    expect(await t.query('SELECT id FROM pay_recon_claims')).toHaveLength(0);
  });
});
