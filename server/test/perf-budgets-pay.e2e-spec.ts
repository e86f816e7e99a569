import { LoginResponse, ParkingPassView, PayOrderView, ReversalView, RoomBillsView } from '@linli/shared';
import { WxTransaction } from '../src/pay/wxpay-protocol';
import { statementBudgets } from './helpers/budgets';
import { FakeWechatPay, TestMerchant } from './helpers/fake-wechatpay';
import { parkitemsApi } from './helpers/passes-parkitems';
import { billJxhy, linkPayOpenid, payEnv } from './helpers/pay';
import { Res, TestApp } from './helpers/test-app';

/** Statement budgets of payments: the counter (a parking fee's pass issued in it), WeChat Pay's callback, refunds (see helpers/budgets.ts). */
let t: TestApp;
const PARKING = 'counter payment of a parking fee: its pass issued in the payment (clock met, holder told)';
const CALLBACK = 'WeChat Pay callback: the payment taken, the order claimed and linked in one write';
// not met: one statement per table written is the floor (SQLite writes one table per statement; no triggers for this)
const { budget, print } = statementBudgets(() => t, {
  [PARKING]: '11: load, BEGIN, lines, pass, clock, receipt number, payment, allocations, inbox, outbox, COMMIT',
  [CALLBACK]: '9: load, BEGIN, lines, receipt number, payment, allocations, inbox, the order, COMMIT',
});

describe('perf budgets: payments (counter, WeChat Pay)', () => {
  let fake: FakeWechatPay;
  let m: TestMerchant;
  let cashier: LoginResponse, manager: LoginResponse, zhangsan: LoginResponse;
  let room101: number;
  let parking: ReturnType<typeof parkitemsApi>;
  let plates = 0;
  const log = { 'x-sql-log': '1' };

  /** a paid order of one open line of room 101 whose callback is held (the test posts it itself) */
  async function paidOrder(lineId?: number): Promise<PayOrderView> {
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    const billLineIds = [lineId ?? open.find((l) => !l.name.startsWith('停车证'))!.id];
    const o = (await t.post<PayOrderView>('/api/pay/orders', { roomId: room101, billLineIds }, { token: zhangsan.accessToken })).body;
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
  /** a parking pass of room 101 waiting for its fee (a new plate each time) */
  async function parkingFee(): Promise<ParkingPassView> {
    const upload = (await parking.upload(zhangsan.accessToken)).body.id as number;
    const plate = `粤B${String(10000 + plates++)}`;
    const r = await t.post<ParkingPassView>(
      '/api/passes/parking',
      { roomId: room101, plate, vehicle: 'car', term: 'monthly', startsOn: '2026-11-05', insuranceUploadId: upload, insuranceUntil: '2027-06-30' },
      { token: zhangsan.accessToken },
    );
    if (r.status !== 201) throw new Error(`parking application: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const counter = (billLineIds: number[], cents: number) => parking.pay(cashier, room101, billLineIds, cents, log);
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
    const room = await t.room('锦绣花园', '1栋1单元101');
    room101 = room.id;
    await billJxhy(t, admin, cashier);
    await linkPayOpenid(t, zhangsan.me.id, m.entry.appid!, 'o-zhangsan');
    parking = parkitemsApi(t);
    await parking.parkingItems(admin, room.communityId, { '停车证 月卡': 15_000 });
    // warm: one order paid and refunded before the measured ones
    const o = await paidOrder();
    await notify(o);
    await refundOf(o, 100);
    await fake.releaseHeld();
    const p = await parkingFee();
    await counter([p.billLineId!], p.feeCents);
  });
  afterAll(async () => {
    print('payments');
    await t?.close();
    await fake?.stop();
  });

  budget('counter payment of a bill line', 8, async () => {
    const open = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body.open;
    const line = open.find((l) => !l.name.startsWith('停车证'))!;
    return counter([line.id], line.openCents + line.lateFeeCents);
  });
  // the counter's 8 + the pass: its UPDATE, its clock, the outbox row of its notice (its inbox row goes with the
  // payment's; what the hook reads comes with the payment's load)
  const parkingAtCounter = async () => {
    const p = await parkingFee();
    return counter([p.billLineId!], p.feeCents);
  };
  budget(PARKING, 8, parkingAtCounter);
  budget(`${PARKING}, as measured`, 11, parkingAtCounter);
  budget('counter payment of two parking fees: one issued, one sent to review (one pass UPDATE, one clock INSERT)', 11, async () => {
    const ok = await parkingFee();
    const bad = await parkingFee();
    await t.query('UPDATE passes SET details_json = REPLACE(details_json, ?, ?) WHERE id = ?', [
      '"insuranceUntil":"2027-06-30"',
      '"insuranceUntil":"2026-11-10"',
      bad.id,
    ]);
    const r = await counter([ok.billLineId!, bad.billLineId!], ok.feeCents + bad.feeCents);
    const states = await t.query(
      'SELECT p.status, k.state FROM passes p JOIN clocks k ON k.subject_id = p.id AND k.subject_type = ? WHERE p.id IN (?, ?) ORDER BY p.id',
      ['pass', ok.id, bad.id],
    );
    expect(states).toEqual([
      { status: 'active', state: 'met' },
      { status: 'review', state: 'running' },
    ]);
    return r;
  });

  // the counter's write path (load, BEGIN, lines, receipt number, payment, allocations, tell, COMMIT) + the order's
  // pending → paid claim, which is also its link to the payment and the deduplication of WeChat Pay's repeats
  const callback = async () => {
    const o = await paidOrder();
    const r = await notify(o);
    await fake.releaseHeld();
    return r;
  };
  budget(CALLBACK, 8, callback);
  budget(`${CALLBACK}, as measured`, 9, callback);
  budget('WeChat Pay callback of a parking fee: + the pass issued as at the counter (its UPDATE, clock, outbox row)', 12, async () => {
    const p = await parkingFee();
    const o = await paidOrder(p.billLineId!);
    const r = await notify(o);
    await fake.releaseHeld();
    const [row] = await t.query('SELECT status FROM passes WHERE id = ?', [p.id]);
    expect(row.status).toBe('active');
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
