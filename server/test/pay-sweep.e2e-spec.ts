import { LoginResponse, PayOrderView, RoomBillsView } from '@linli/shared';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { TestApp } from './helpers/test-app';

/** The job over orders left pending: a lost callback settled by a query, an expired order closed at WeChat Pay and here. */
describe('WeChat Pay: the pending-orders job', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: number, room202: number;

  const sweep = async () => (await t.post<{ settled: number; closed: number; refunds: number }>('/api/test/jobs/pay-orders', {})).body;
  const status = async (id: number) => (await t.query('SELECT status FROM payment_orders WHERE id = ?', [id]))[0].status as string;
  const wechatPayments = (roomId: number) => t.query("SELECT id FROM payments WHERE room_id = ? AND method = 'wechat'", [roomId]);
  const place = async (who: LoginResponse, roomId: number, billLineIds?: number[]) => {
    const r = await t.post<PayOrderView>('/api/pay/orders', { roomId, billLineIds }, { token: who.accessToken });
    expect(r.status).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const [admin, cashier] = await Promise.all(['admin', 'cashier1'].map((u) => t.staff(u)));
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

  it('paid but the callback was lost: left alone for a minute, then the job asks WeChat Pay and settles it once', async () => {
    const line = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open[0];
    const o = await place(zhangsan, room101, [line.id]);
    fake.dropCallbacks = true;
    fake.pay(o.outTradeNo);
    fake.dropCallbacks = false;
    expect(await sweep()).toMatchObject({ settled: 0, closed: 0, refunds: 0 });
    expect(await status(o.id)).toBe('pending');
    await t.post('/api/test/clock', { advanceMs: 2 * 60_000 });
    expect(await sweep()).toMatchObject({ settled: 1, closed: 0, refunds: 0 });
    expect(await status(o.id)).toBe('paid');
    expect(await wechatPayments(room101)).toHaveLength(1);
    // nothing pending any more: the next pass changes nothing
    expect(await sweep()).toMatchObject({ settled: 0, closed: 0, refunds: 0 });
    expect(await wechatPayments(room101)).toHaveLength(1);
  });

  it('never paid: still payable within its 15 minutes; expired, closed at WeChat Pay and here; a late payment attempt is refused there', async () => {
    const o = await place(lisi, room202);
    await t.post('/api/test/clock', { advanceMs: 5 * 60_000 });
    expect(await sweep()).toMatchObject({ settled: 0, closed: 0, refunds: 0 });
    expect([await status(o.id), fake.orders.get(o.outTradeNo)!.state]).toEqual(['pending', 'NOTPAY']);
    await t.post('/api/test/clock', { advanceMs: 11 * 60_000 });
    expect(await sweep()).toMatchObject({ settled: 0, closed: 1, refunds: 0 });
    expect([await status(o.id), fake.orders.get(o.outTradeNo)!.state]).toEqual(['closed', 'CLOSED']);
    expect(fake.requests.some((r) => r.method === 'POST' && r.url.endsWith(`${o.outTradeNo}/close`) && r.status === 204)).toBe(true);
    expect(() => fake.pay(o.outTradeNo)).toThrow(/CLOSED/);
    expect(await wechatPayments(room202)).toHaveLength(0);
    // the resident's view of it
    expect((await t.get<PayOrderView>(`/api/pay/orders/${o.id}`, { token: lisi.accessToken })).body.status).toBe('closed');
  });

  it('paid at the last moment, the callback lost, the order expired meanwhile: the job settles it instead of closing it', async () => {
    const o = await place(lisi, room202);
    fake.dropCallbacks = true;
    fake.pay(o.outTradeNo);
    fake.dropCallbacks = false;
    await t.post('/api/test/clock', { advanceMs: 20 * 60_000 });
    expect(await sweep()).toMatchObject({ settled: 1, closed: 0, refunds: 0 });
    expect(await status(o.id)).toBe('paid');
    expect(await wechatPayments(room202)).toHaveLength(1);
  });

  it('paid, the callback lost, and the bills paid at the counter meanwhile: the job refunds it through WeChat Pay, once', async () => {
    const cashier = await t.staff('cashier1');
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    const line = open[0];
    const o = await place(zhangsan, room101, [line.id]);
    const due = line.openCents + line.lateFeeCents;
    const counter = await t.post(
      '/api/fees/payments',
      { roomId: room101, method: 'cash', amountCents: due, expectedTotalCents: due, billLineIds: [line.id] },
      { token: cashier.accessToken },
    );
    expect(counter.status).toBe(201);
    fake.dropCallbacks = true;
    fake.pay(o.outTradeNo);
    fake.dropCallbacks = false;
    await t.post('/api/test/clock', { advanceMs: 2 * 60_000 });
    expect(await sweep()).toMatchObject({ settled: 1, closed: 0, refunds: 0 });
    expect(await status(o.id)).toBe('refunded');
    expect([...fake.refunds.values()].filter((r) => r.outTradeNo === o.outTradeNo).map((r) => r.refund)).toEqual([o.amountCents]);
    expect(await sweep()).toMatchObject({ settled: 0, closed: 0, refunds: 0 });
    expect([...fake.refunds.values()].filter((r) => r.outTradeNo === o.outTradeNo)).toHaveLength(1);
  });
});
