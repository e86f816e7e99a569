import { CashierDayView, LoginResponse, PayOrderView, PaymentView } from '@linli/shared';
import { billJxhy } from './helpers/pay';
import { Res, TestApp } from './helpers/test-app';

const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const DEV_LOG = /开发模式：微信支付使用本机模拟/;

describe('WeChat Pay in development: the server pays against its own fake, the H5 sheet confirms through a dev route', () => {
  let t: TestApp;
  let admin: LoginResponse, cashier: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: number, room202: number;

  const confirm = (who: LoginResponse | null, id: number) => t.post<PayOrderView>(`/api/pay/dev/confirm/${id}`, {}, who ? { token: who.accessToken } : {});
  const getOrder = (who: LoginResponse, id: number) => t.get<PayOrderView>(`/api/pay/orders/${id}`, { token: who.accessToken });

  beforeAll(async () => {
    // no merchant configured, not production: the demo company pays against the fake the server started
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    [admin, cashier] = await Promise.all(['admin', 'cashier1'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
    await billJxhy(t, admin, cashier);
  });
  afterAll(() => t?.close());

  it('starts the fake and a generated demo merchant; a resident without an openid (H5) can order', async () => {
    expect(t.output.join('')).toMatch(DEV_LOG);
    const r = await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken });
    expect(r.status).toBe(201);
    expect(r.body.payParams?.signType).toBe('RSA');
    expect(r.body.status).toBe('pending');
  });

  it('denials: another resident’s order 404, staff 403, anonymous 401, unknown 404; nothing is paid', async () => {
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    expect((await confirm(lisi, o.id)).status).toBe(404);
    expect((await confirm(cashier, o.id)).status).toBe(403);
    expect((await confirm(admin, o.id)).status).toBe(403);
    expect((await confirm(null, o.id)).status).toBe(401);
    expect((await confirm(zhangsan, 999999)).status).toBe(404);
    expect((await getOrder(zhangsan, o.id)).body.status).toBe('pending');
    // 李四's own order is not 张三's either
    const mine = await t.post<PayOrderView>('/api/pay/orders', { roomId: room202 }, { token: lisi.accessToken });
    expect(mine.status).toBe(201);
    expect((await confirm(zhangsan, mine.body.id)).status).toBe(404);
  });

  it('confirm → the fake sends its signed, encrypted callback → the order is paid once, by WeChat Pay, with a receipt', async () => {
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101 }, { token: zhangsan.accessToken })).body;
    const r = await confirm(zhangsan, o.id);
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(4);
    let v = r.body;
    for (let i = 0; v.status !== 'paid' && i < 100; i++) {
      await new Promise((res) => setTimeout(res, 50));
      v = (await getOrder(zhangsan, o.id)).body;
    }
    expect(v.status).toBe('paid');
    expect(v.paymentId).toBeTruthy();
    const [p] = await t.query('SELECT method, amount_cents, cashier_id FROM payments WHERE id = ?', [v.paymentId]);
    expect(p.method).toBe('wechat');
    expect(Number(p.amount_cents)).toBe(o.amountCents);
    expect(p.cashier_id).toBeNull();
    const receipt = await t.get<PaymentView>(`/api/fees/payments/${v.paymentId}`, { token: zhangsan.accessToken });
    expect(receipt.status).toBe(200);
    // confirmed twice: refused, still one payment
    const again = await confirm(zhangsan, o.id);
    expect(again.status).toBe(409);
    const [n] = await t.query('SELECT COUNT(*) AS n FROM payments WHERE id IN (SELECT payment_id FROM payment_orders WHERE id = ?)', [o.id]);
    expect(Number(n.n)).toBe(1);
    // the cashier sees it apart (线上收款), outside their own takings and close
    const day = await t.get<CashierDayView>('/api/fees/cashier/day?date=2026-11-02', { token: cashier.accessToken });
    expect(day.status).toBe(200);
    expect(statements(day)).toBeLessThanOrEqual(4);
    expect(day.body.online.count).toBe(1);
    expect(day.body.online.amountCents).toBe(o.amountCents);
    expect(day.body.online.payments[0]).toEqual(expect.objectContaining({ id: v.paymentId, roomLabel: '1栋1单元101', amountCents: o.amountCents }));
    expect(day.body.methods.find((x) => x.method === 'wechat')).toBeUndefined();
    expect((await t.post<CashierDayView>('/api/fees/cashier/close', { date: '2026-11-02' }, { token: cashier.accessToken })).status).toBe(201);
    const [closed] = await t.query('SELECT close_id FROM payments WHERE id = ?', [v.paymentId]);
    expect(closed.close_id).toBeNull();
  });
});

describe('WeChat Pay in production: never the fake, no dev route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({
      NODE_ENV: 'production',
      TEST_HOOKS: 'false',
      SEED_DEMO: 'false',
      DEV_LOGIN: 'false',
      MIGRATE_ON_START: 'true',
      ALLOW_SQLITE_IN_PRODUCTION: 'true',
      JWT_SECRET: 'a-production-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(() => t?.close());

  it('does not start the fake and has no /api/pay/dev route', async () => {
    expect(t.output.join('')).not.toMatch(DEV_LOG);
    const r = await t.post('/api/pay/dev/confirm/1', {});
    expect(r.status).toBe(404);
    // the real routes are there (authentication first)
    expect((await t.post('/api/pay/orders', { roomId: 1 })).status).toBe(401);
  });
});
