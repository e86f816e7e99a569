import { LoginResponse, PaymentView, PayOrderView, ReversalView, StatementView } from '@linli/shared';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { TestApp } from './helpers/test-app';

/** Refunds of WeChat payments: asked by a cashier, approved by a manager, returned through WeChat Pay, final on its word. */
describe('WeChat Pay refunds through the reversal flow', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, zhangsan: LoginResponse;
  let room101: number, jxhy: number;
  let order: PayOrderView;
  let paymentId: number;

  const refundRow = async (no: string) =>
    (await t.query('SELECT kind, amount_cents, total_cents, status, refund_id, payment_id FROM pay_refunds WHERE out_refund_no = ?', [no]))[0];
  const refundNotify = () => `${t.url}/api/pay/refund-notify`;
  const post = (c: { headers: Record<string, string>; body: string }) => fetch(refundNotify(), { method: 'POST', headers: c.headers, body: c.body });
  async function refund(amountCents: number): Promise<ReversalView> {
    const req = await t.post<ReversalView>(
      `/api/fees/payments/${paymentId}/reversals`,
      { kind: 'refund', amountCents, reason: '多缴退回' },
      { token: cashier.accessToken },
    );
    expect(req.status).toBe(201);
    const ok = await t.post<ReversalView>(
      `/api/fees/reversals/${req.body.id}/decide`,
      { decision: 'approve', version: req.body.version },
      { token: manager.accessToken },
    );
    expect(ok.status).toBe(200);
    // the reversal's 8, as for a counter payment (+1 when the manager's access cache is cold; perf-budgets measures it
    // warm): the WeChat Pay refund is recorded and sent after the answer, off the request
    expect(Number(ok.headers.get('x-sql-statements'))).toBeLessThanOrEqual(9);
    await sent(`RV${ok.body.id}`);
    return ok.body;
  }
  /** the approval's WeChat Pay refund, recorded and accepted after the approval answered */
  async function sent(no: string) {
    for (let i = 0; i < 200; i++) {
      const r = await refundRow(no);
      if (r && r.status !== 'requested') return r;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error(`refund ${no} not sent`);
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
    jxhy = await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    order = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    fake.pay(order.outTradeNo);
    await fake.settled();
    paymentId = Number((await t.query('SELECT payment_id FROM payment_orders WHERE id = ?', [order.id]))[0].payment_id);
    expect(paymentId).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('a partial refund approved: sent to WeChat Pay (out_refund_no, amount of the order), the ledger written at approval, the statement still balances', async () => {
    const v = await refund(1000);
    const no = `RV${v.id}`;
    expect(await refundRow(no)).toEqual(expect.objectContaining({ kind: 'reversal', status: 'processing', payment_id: paymentId }));
    expect(Number((await refundRow(no)).amount_cents)).toBe(1000);
    const theirs = fake.refunds.get(no)!;
    expect([theirs.refund, theirs.total, theirs.outTradeNo]).toEqual([1000, order.amountCents, order.outTradeNo]);
    const p = (await t.get<PaymentView>(`/api/fees/payments/${paymentId}`, { token: cashier.accessToken })).body;
    expect([p.refundedCents, p.status]).toEqual([1000, 'paid']);
    const s = await t.get<StatementView>(`/api/fees/statement?communityId=${jxhy}&month=2026-11`, { token: manager.accessToken });
    expect(s.status).toBe(200);
    expect(s.body.balanced).toBe(true);
    const [back] = await t.query('SELECT SUM(principal_cents) AS s FROM refund_allocations WHERE payment_id = ?', [paymentId]);
    expect(s.body.totals.refunded).toBe(Number(back.s));
  });

  it('the refund callback (REFUND.SUCCESS, signed and encrypted) makes it final, once; repeats answer 204 and change nothing', async () => {
    const [{ out_refund_no: no }] = await t.query("SELECT out_refund_no FROM pay_refunds WHERE kind = 'reversal' ORDER BY id LIMIT 1");
    const answers = await fake.finishRefund(no, { url: refundNotify(), copies: 2 });
    expect(answers.map((a) => a.status)).toEqual([204, 204]);
    const row = await refundRow(no);
    expect([row.status, row.refund_id]).toEqual(['success', fake.refunds.get(no)!.refundId]);
    expect((await post(fake.refundCallbackFor(fake.refunds.get(no)!))).status).toBe(204);
    expect((await refundRow(no)).status).toBe('success');
  });

  it('refused refund callbacks: a bad signature (401), a tampered amount or an unknown refund (400); nothing changes', async () => {
    const v = await refund(500);
    const no = `RV${v.id}`;
    const r = fake.refunds.get(no)!;
    const good = fake.refundCallbackFor({ ...r, status: 'SUCCESS' });
    const sig = Buffer.from(good.headers['wechatpay-signature'], 'base64');
    sig[3] ^= 0xff;
    expect((await post({ headers: { ...good.headers, 'wechatpay-signature': sig.toString('base64') }, body: good.body })).status).toBe(401);
    expect((await post(fake.refundCallbackFor({ ...r, status: 'SUCCESS' }, { amount: { total: r.total, refund: 1, currency: 'CNY' } }))).status).toBe(400);
    expect((await post(fake.refundCallbackFor({ ...r, status: 'SUCCESS' }, { out_refund_no: 'RV999999' }))).status).toBe(400);
    expect((await refundRow(no)).status).toBe('processing');
  });

  it('no callback: the job asks WeChat Pay and records the refund final', async () => {
    const [{ out_refund_no: no }] = await t.query("SELECT out_refund_no FROM pay_refunds WHERE status = 'processing' ORDER BY id LIMIT 1");
    await fake.finishRefund(no);
    expect((await t.post('/api/test/jobs/pay-orders', {})).body).toMatchObject({ refundsFinal: 1 });
    expect((await refundRow(no)).status).toBe('success');
    expect((await t.post('/api/test/jobs/pay-orders', {})).body).toMatchObject({ refundsFinal: 0 });
  });

  it('an approval whose WeChat Pay refund was never recorded (the process died after the commit): the job records and sends it, once', async () => {
    const v = await refund(200);
    const no = `RV${v.id}`;
    await t.query('DELETE FROM pay_refunds WHERE out_refund_no = ?', [no]);
    const before = fake.refunds.size;
    expect((await t.post('/api/test/jobs/pay-orders', {})).body.refunds).toBe(1);
    expect(await refundRow(no)).toEqual(expect.objectContaining({ kind: 'reversal', status: 'processing', payment_id: paymentId }));
    expect(Number((await refundRow(no)).amount_cents)).toBe(200);
    // WeChat Pay knows it by its out_refund_no: asked again, the same refund
    expect(fake.refunds.size).toBe(before);
    expect((await t.post('/api/test/jobs/pay-orders', {})).body.refunds).toBe(0);
  });

  it('a refund of a counter payment does not go through WeChat Pay', async () => {
    const before = fake.refunds.size;
    const [cash] = await t.query("SELECT id FROM payments WHERE method <> 'wechat' AND status = 'paid' ORDER BY id LIMIT 1");
    if (!cash) return;
    const req = await t.post<ReversalView>(
      `/api/fees/payments/${cash.id}/reversals`,
      { kind: 'refund', amountCents: 1, reason: 'x' },
      { token: cashier.accessToken },
    );
    expect(req.status).toBe(201);
    expect(
      (await t.post(`/api/fees/reversals/${req.body.id}/decide`, { decision: 'approve', version: req.body.version }, { token: manager.accessToken })).status,
    ).toBe(200);
    expect(fake.refunds.size).toBe(before);
  });
});
