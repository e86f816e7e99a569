import { verify } from 'node:crypto';
import { LoginResponse, PayOrderView, RoomBillsView } from '@linli/shared';
import { paySignMessage } from '../src/pay/wxpay-protocol';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { Res, TestApp } from './helpers/test-app';

const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));

describe('WeChat Pay orders of residents', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let t: TestApp;
  let admin: LoginResponse, cashier: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let room101: number, room202: number;

  const order = (who: LoginResponse, body: unknown) => t.post<PayOrderView>('/api/pay/orders', body, { token: who.accessToken });
  const bills = async (who: LoginResponse, roomId: number) => (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${roomId}`, { token: who.accessToken })).body;

  beforeAll(async () => {
    fake = await new FakeWechatPay().start();
    m = fake.makeMerchant(1, 'certificate');
    t = await TestApp.start(payEnv(fake, m));
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    [admin, cashier] = await Promise.all(['admin', 'cashier1'].map((u) => t.staff(u)));
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
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

  it('pay all: the amount is computed by the server (late fees as of now), WeChat Pay gets the order, the app gets signed requestPayment params', async () => {
    const open = await bills(zhangsan, room101);
    expect(open.open.length).toBeGreaterThanOrEqual(4);
    const r = await order(zhangsan, { roomId: room101 });
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(8);
    const o = r.body;
    expect(o.amountCents).toBe(open.totalOpenCents);
    expect(o.lateFeeCents).toBeGreaterThan(0);
    expect(o.principalCents + o.lateFeeCents).toBe(o.amountCents);
    expect(o.billLineIds.sort()).toEqual(open.open.map((l) => l.id).sort());
    expect(o.status).toBe('pending');
    expect(new Date(o.expiresAt).getTime() - Date.parse('2026-11-02T02:00:00.000Z')).toBeGreaterThanOrEqual(15 * 60_000 - 5000);
    const wx = fake.orders.get(o.outTradeNo)!.body;
    expect(wx).toEqual(
      expect.objectContaining({
        mchid: m.entry.mchid,
        appid: m.entry.appid,
        amount: { total: o.amountCents, currency: 'CNY' },
        payer: { openid: 'o-zhangsan' },
      }),
    );
    expect(wx.notify_url).toBe(`${t.url}/api/pay/notify`);
    const p = o.payParams!;
    expect(p.package).toBe(`prepay_id=${fake.orders.get(o.outTradeNo)!.prepayId}`);
    expect(verify('sha256', Buffer.from(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package)), m.publicKey, Buffer.from(p.paySign, 'base64'))).toBe(
      true,
    );
    // asked again (a retry, a double tap): the same order, freshly signed
    const again = await order(zhangsan, { roomId: room101 });
    expect(again.status).toBe(201);
    expect(again.body.outTradeNo).toBe(o.outTradeNo);
    expect(fake.orders.size).toBe(1);
  });

  it('chosen bills: only those, oldest first; a bill not open (or not the room’s) is a 409', async () => {
    const open = (await bills(zhangsan, room101)).open;
    const one = open[open.length - 1];
    const r = await order(zhangsan, { roomId: room101, billLineIds: [one.id] });
    expect(r.status).toBe(201);
    expect(r.body.amountCents).toBe(one.openCents + one.lateFeeCents);
    expect(r.body.billLineIds).toEqual([one.id]);
    const other = (await bills(lisi, room202)).open[0];
    expect((await order(zhangsan, { roomId: room101, billLineIds: [one.id, other.id] })).status).toBe(409);
  });

  it('a tenant pays only what the occupant pays; the owner’s bill of the room is someone else’s: 403', async () => {
    const open = await bills(lisi, room202);
    expect(open.open.length).toBeGreaterThanOrEqual(2);
    const r = await order(lisi, { roomId: room202 });
    expect(r.status).toBe(201);
    expect(r.body.amountCents).toBe(open.totalOpenCents);
    const [ownerLine] = await t.query("SELECT id FROM bill_lines WHERE room_id = ? AND payer = 'owner' LIMIT 1", [room202]);
    expect((await order(lisi, { roomId: room202, billLineIds: [Number(ownerLine.id)] })).status).toBe(403);
  });

  it('someone else’s room: 404; staff: 403; without the mini-program’s openid: 409; nothing reaches WeChat Pay', async () => {
    const before = fake.orders.size;
    expect((await order(zhangsan, { roomId: room202 })).status).toBe(404);
    expect((await order(chenliu, { roomId: room101 })).status).toBe(404);
    expect((await order(zhangsan, { roomId: 999999 })).status).toBe(404);
    expect((await order(cashier, { roomId: room101 })).status).toBe(403);
    // 陈六 signed in with the development login only: no openid of the merchant's mini-program
    const [own] = await t.query("SELECT room_id FROM room_bindings WHERE user_id = ? AND status = 'approved'", [chenliu.me.id]);
    const noOpenid = await order(chenliu, { roomId: Number(own.room_id) });
    expect(noOpenid.status).toBe(409);
    await t.query('DELETE FROM wechat_identities WHERE user_id = ?', [lisi.me.id]);
    const r = await order(lisi, { roomId: room202 });
    expect(r.status).toBe(409);
    expect((r.body as unknown as { message: string }).message).toMatch(/微信小程序/);
    await linkPayOpenid(t, lisi.me.id, m.entry.appid!, 'o-lisi');
    expect(fake.orders.size).toBe(before);
  });

  it('refuses malformed requests in the API’s error shape', async () => {
    for (const body of [
      {},
      { roomId: 'x' },
      { roomId: room101, billLineIds: [] },
      { roomId: room101, billLineIds: [1, 1] },
      { roomId: room101, billLineIds: 'all' },
    ]) {
      const r = await order(zhangsan, body);
      expect(r.status).toBe(400);
      expect((r.body as unknown as { code: string }).code).toBeDefined();
    }
  });
});
