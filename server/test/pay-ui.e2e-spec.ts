import { LoginResponse, PaidHistoryView, PaymentView, PayOrderView, PayReconciliationView, PayRefundFailureView, Page, ReversalView } from '@linli/shared';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { otherCompany } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

/**
 * What staff and residents see of WeChat Pay (#13): refund states on receipts, reversals and the paid history; a failed
 * refund recorded with the managers' notice and listed as 退款异常; the reconciliation view (status, both sides, rooms).
 */
describe('WeChat Pay: refund states, 退款异常, the reconciliation view', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, admin: LoginResponse, zhangsan: LoginResponse, chyManager: LoginResponse;
  let room101: number;
  let far: Awaited<ReturnType<typeof otherCompany>>;
  let order: PayOrderView;
  let paymentId: number;
  const DAY = '2026-11-02';
  const refundNotify = () => `${t.url}/api/pay/refund-notify`;

  async function refund(amountCents: number): Promise<ReversalView> {
    const req = await t.post<ReversalView>(
      `/api/fees/payments/${paymentId}/reversals`,
      { kind: 'refund', amountCents, reason: '多缴退回' },
      { token: cashier.accessToken },
    );
    expect(req.status).toBe(201);
    expect(req.body.wechatState).toBeNull();
    const ok = await t.post<ReversalView>(
      `/api/fees/reversals/${req.body.id}/decide`,
      { decision: 'approve', version: req.body.version },
      { token: manager.accessToken },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.wechatState).toBe('pending');
    return ok.body;
  }
  const receipt = async (who: LoginResponse) => (await t.get<PaymentView>(`/api/fees/payments/${paymentId}`, { token: who.accessToken })).body;
  const history = async () => {
    const h = await t.get<PaidHistoryView>(`/api/fees/history?roomId=${room101}&year=2026`, { token: zhangsan.accessToken });
    expect(Number(h.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
    return h.body.lines.flatMap((l) => l.receipts).find((r) => r.paymentId === paymentId)!;
  };
  const failures = (who: LoginResponse) => t.get<PayRefundFailureView[]>('/api/pay/refunds/failed', { token: who.accessToken });
  const recon = (who: LoginResponse, date?: string) =>
    t.get<PayReconciliationView>(`/api/pay/reconciliation${date ? `?date=${date}` : ''}`, { token: who.accessToken });

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    fake.clock = () => new Date('2026-11-02T02:05:00.000Z');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    admin = await t.staff('admin');
    [cashier, manager] = await Promise.all(['cashier1', 'manager1'].map((u) => t.staff(u)));
    // a manager of 翠湖苑 only
    await t.query("UPDATE users SET roles = 'manager' WHERE username = 'supervisor2'");
    chyManager = await t.staff('supervisor2');
    zhangsan = await t.resident('zhangsan');
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    order = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    fake.pay(order.outTradeNo);
    await fake.settled();
    paymentId = Number((await t.query('SELECT payment_id FROM payment_orders WHERE id = ?', [order.id]))[0].payment_id);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('a refund with WeChat Pay shows 退款中 on the receipt (staff and resident), the reversal list and the paid history, then 已退款', async () => {
    const v = await refund(1000);
    for (const who of [cashier, zhangsan]) expect((await receipt(who)).refunds.map((r) => r.wechatState)).toEqual(['pending']);
    const list = await t.get<Page<ReversalView>>('/api/fees/reversals', { token: manager.accessToken });
    expect(list.body.items.find((r) => r.id === v.id)!.wechatState).toBe('pending');
    expect(await history()).toEqual(expect.objectContaining({ refundedCents: 1000, wechatRefundState: 'pending' }));
    // the resident sees the cashier's name on the receipt as before, no more
    expect(Object.keys(await receipt(zhangsan)).sort()).toEqual(Object.keys(await receipt(cashier)).sort());

    await fake.finishRefund(`RV${v.id}`, { url: refundNotify() });
    expect((await receipt(zhangsan)).refunds.map((r) => r.wechatState)).toEqual(['success']);
    expect(await history()).toEqual(expect.objectContaining({ refundedCents: 1000, wechatRefundState: 'success' }));
    // the bill the refund reopened is open again for the resident
    const [{ n }] = await t.query("SELECT COUNT(*) AS n FROM bill_lines WHERE room_id = ? AND status = 'open' AND paid_cents > 0", [room101]);
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('WeChat Pay reports a refund ABNORMAL: failed with the managers’ inbox notice in the same transaction, once; listed as 退款异常', async () => {
    const v = await refund(500);
    const no = `RV${v.id}`;
    const answers = await fake.finishRefund(no, { url: refundNotify(), status: 'ABNORMAL', copies: 2 });
    expect(answers.map((a) => a.status)).toEqual([204, 204]);
    const [row] = await t.query('SELECT status, failure FROM pay_refunds WHERE out_refund_no = ?', [no]);
    expect([row.status, row.failure]).toEqual(['failed', 'ABNORMAL']);
    const notes = await t.query("SELECT recipient_id, link, body FROM notifications WHERE template = 'pay_refund_failed'");
    expect(notes).toHaveLength(1);
    expect(Number(notes[0].recipient_id)).toBe(manager.me.id);
    expect(notes[0].link).toBe('/pay/refund-failures');
    expect(notes[0].body).toContain(no);

    const f = await failures(manager);
    expect(f.status).toBe(200);
    expect(Number(f.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
    expect(f.body).toEqual([
      expect.objectContaining({
        outRefundNo: no,
        kind: 'reversal',
        amountCents: 500,
        roomLabel: '1栋1单元101',
        communityName: '锦绣花园',
        reason: '多缴退回',
        failure: 'ABNORMAL',
        paymentId,
        businessDate: DAY,
      }),
    ]);
    expect(f.body[0].failureLabel).toContain('退款异常');
    expect((await failures(admin)).body).toHaveLength(1);
    expect((await receipt(zhangsan)).refunds.map((r) => r.wechatState)).toEqual(['success', 'failed']);
    expect((await history()).wechatRefundState).toBe('failed');
  });

  it('退款异常 is denied to cashiers and residents; a manager of another community or company sees none of ours', async () => {
    expect((await failures(cashier)).status).toBe(403);
    expect((await failures(zhangsan)).status).toBe(403);
    expect((await failures(chyManager)).body).toEqual([]);
    far = await otherCompany(t);
    expect((await failures(far.admin)).body).toEqual([]);
  });

  it('the reconciliation view: not yet for today, unavailable for a past day never reconciled, default yesterday', async () => {
    // a refund counts on the day WeChat Pay completed it; the failed one is in neither side's bill
    const today = await recon(manager, DAY);
    expect(today.body).toEqual(expect.objectContaining({ status: 'pending', statusLabel: '尚未对账', theirs: null, mismatches: [] }));
    expect(today.body.ours).toEqual({ paymentCount: 1, paymentCents: order.amountCents, refundCount: 1, refundCents: 1000 });
    expect((await recon(manager, '2026-10-30')).body).toEqual(expect.objectContaining({ status: 'unavailable', checkedAt: null }));
    expect((await recon(manager)).body.date).toBe('2026-11-01');
  });

  it('reconciled with planted mismatches: both sides (theirs = ours corrected), each mismatch with its room when we know it', async () => {
    fake.billPatch = (rows) => [
      ...rows.filter((r) => r.state !== 'SUCCESS'),
      { ...rows[0], state: 'SUCCESS', outTradeNo: 'LPGHOST0000000000000000002', transactionId: '42000098', totalFen: 777 },
    ];
    expect((await t.post('/api/test/jobs/pay-reconcile', { date: DAY })).body).toEqual({ 1: 2 });
    const v = await recon(manager, DAY);
    expect(Number(v.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
    expect(v.body.status).toBe('reconciled');
    expect(v.body.theirs).toEqual({ paymentCount: 1, paymentCents: 777, refundCount: 1, refundCents: 1000 });
    const ghost = v.body.mismatches.find((x) => x.ref === 'LPGHOST0000000000000000002')!;
    expect(ghost).toEqual(expect.objectContaining({ problem: 'missing_ours', problemLabel: '我方缺失', roomLabel: null }));
    const ours = v.body.mismatches.find((x) => x.ref === order.outTradeNo)!;
    expect(ours).toEqual(expect.objectContaining({ problem: 'missing_theirs', problemLabel: '微信缺失', roomLabel: '1栋1单元101', communityName: '锦绣花园' }));
    expect((await recon(admin, DAY)).body.mismatches).toHaveLength(2);
    fake.billPatch = (rows) => rows;
  });

  it('the reconciliation is denied to cashiers and residents; a manager of another community sees none of our payments', async () => {
    expect((await recon(cashier, DAY)).status).toBe(403);
    expect((await recon(zhangsan, DAY)).status).toBe(403);
    const chy = (await recon(chyManager, DAY)).body;
    expect(chy.ours).toEqual({ paymentCount: 0, paymentCents: 0, refundCount: 0, refundCents: 0 });
    expect(chy.mismatches.map((x) => x.ref)).toEqual(['LPGHOST0000000000000000002']);
    expect((await recon(far.admin, DAY)).body).toEqual(expect.objectContaining({ status: 'pending', paymentCount: 0, mismatches: [] }));
  });
});
