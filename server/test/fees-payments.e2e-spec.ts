import { CashierDayView, CashierRoomHit, lateFee, LoginResponse, Page, PaymentListItem, PaymentView, ReversalView, RoomBillsView } from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: { totalCents?: number } };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const RULE = { dailyRatePpm: 500, graceDays: 0, capPercent: null };
const late = (principal: number, due: string, asOf: string) => lateFee(principal, due, asOf, RULE).cents;

describe('fees: payments at the counter, receipts, void/refund, daily close', () => {
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, admin: LoginResponse, agent1: LoginResponse, agent2: LoginResponse;
  let guard: LoginResponse, tech: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let jxhy: number, room101: number, room202: number, room102: number, chy101: number;
  let seq = 0;

  /** A bill line straight into the ledger: 万分之5 a day from the due date, no grace, no cap. */
  async function bill(roomId: number, period: string, amount: number, due: string, payer = 'owner', communityId = jxhy): Promise<number> {
    seq++;
    await t.query(
      `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
         late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at)
       VALUES (1, ?, ?, NULL, ?, ?, ?, ?, ?, '{}', ?, 500, 0, NULL, 0, 0, 0, 'open', NULL, 1, '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')`,
      [communityId, roomId, period, `test:${seq}`, payer === 'owner' ? '物业服务费' : '水费', payer, amount, due],
    );
    const [r] = await t.query('SELECT id FROM bill_lines WHERE room_id = ? AND source_key = ?', [roomId, `test:${seq}`]);
    return Number(r.id);
  }
  const line = async (id: number) => (await t.query('SELECT paid_cents, late_fee_paid_cents, status, version FROM bill_lines WHERE id = ?', [id]))[0];
  const clock = (iso: string) => t.post('/api/test/clock', { set: iso });
  const pay = (token: string, body: Record<string, unknown>, key?: string) =>
    t.post<PaymentView & Err>('/api/fees/payments', body, { token, headers: key ? { 'idempotency-key': key } : undefined });
  const bills = async (roomId: number) => (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${roomId}`, { token: cashier.accessToken })).body;
  const receipt = (id: number, token: string) => t.get<PaymentView & Err>(`/api/fees/payments/${id}`, { token });

  beforeAll(async () => {
    t = await TestApp.start();
    await clock('2026-12-20T02:00:00.000Z');
    [cashier, manager, admin, agent1, agent2, guard, tech] = await Promise.all(
      ['cashier1', 'manager1', 'admin', 'agent1', 'agent2', 'guard1', 'technician1'].map((u) => t.staff(u)),
    );
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
    room102 = (await t.room('锦绣花园', '1栋1单元102')).id;
    chy101 = (await t.room('翠湖苑', '1栋1单元101')).id;
  });
  afterAll(() => t?.close());

  it('the cashier finds a room by phone or number (phones masked, ≤ 3 statements), only in their communities', async () => {
    const r = await t.get<CashierRoomHit[]>('/api/fees/cashier/rooms?q=13800000001', { token: cashier.accessToken });
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(3);
    expect(r.body).toEqual([expect.objectContaining({ roomId: room101, label: '1栋1单元101', ownerName: '张三', ownerPhone: '138****0001' })]);
    // a bound resident's phone (李四, tenant of 202) and the last digits
    expect((await t.get<CashierRoomHit[]>('/api/fees/cashier/rooms?q=0012', { token: cashier.accessToken })).body.map((h) => h.roomId)).toContain(room202);
    expect((await t.get<CashierRoomHit[]>('/api/fees/cashier/rooms?q=2栋2单元202', { token: cashier.accessToken })).body.map((h) => h.roomId)).toEqual([
      room202,
    ]);
    expect(JSON.stringify((await t.get('/api/fees/cashier/rooms?q=13800000001', { token: cashier.accessToken })).body)).not.toContain('13800000001');
    // 翠湖苑 is not cashier1's
    expect((await t.get<CashierRoomHit[]>('/api/fees/cashier/rooms?q=13800000004', { token: cashier.accessToken })).body).toEqual([]);
    expect((await t.get('/api/fees/cashier/rooms?q=101', { token: guard.accessToken })).status).toBe(403);
    expect((await t.get('/api/fees/cashier/rooms?q=101', { token: zhangsan.accessToken })).status).toBe(403);
  });

  let first: PaymentView;
  let oct: number, nov: number;
  it('a payment goes to the oldest bill first, late fee before principal; numbered receipt; ≤ 8 (+2 key) statements; the residents are told', async () => {
    oct = await bill(room101, '2026-10', 16_121, '2026-11-15');
    nov = await bill(room101, '2026-11', 16_121, '2026-12-15');
    const lateOct = late(16_121, '2026-11-15', '2026-12-20');
    const lateNov = late(16_121, '2026-12-15', '2026-12-20');
    const total = (await bills(room101)).totalOpenCents;
    expect(total).toBe(2 * 16_121 + lateOct + lateNov);
    const amount = lateOct + 16_121 + lateNov + 100;
    const body = { roomId: room101, method: 'cash', amountCents: amount, expectedTotalCents: total, payerName: '张三' };
    const r = await pay(cashier.accessToken, body, 'pay-101-a');
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(10);
    first = r.body;
    expect(first.receiptNo).toBe('SJ-20261220-0001');
    expect(first).toEqual(
      expect.objectContaining({
        amountCents: amount,
        principalCents: 16_221,
        lateFeeCents: lateOct + lateNov,
        status: 'paid',
        cashierName: '孙收银',
        communityName: '锦绣花园',
      }),
    );
    expect(first.lines).toEqual([
      expect.objectContaining({ billLineId: oct, principalCents: 16_121, lateFeeCents: lateOct, periodLabel: '2026年10月' }),
      expect.objectContaining({ billLineId: nov, principalCents: 100, lateFeeCents: lateNov }),
    ]);
    expect(await line(oct)).toEqual(expect.objectContaining({ status: 'paid' }));
    expect(Number((await line(oct)).paid_cents)).toBe(16_121);
    expect(Number((await line(nov)).paid_cents)).toBe(100);
    expect(Number((await line(nov)).late_fee_paid_cents)).toBe(lateNov);
    const inbox = await t.query("SELECT recipient_id, title, link FROM notifications WHERE template = 'fee_paid'");
    expect(inbox).toEqual([expect.objectContaining({ recipient_id: zhangsan.me.id, title: '缴费成功', link: `/payments/${first.id}` })]);
    // no WeChat consent: no WeChat message
    expect(await t.query("SELECT id FROM outbox WHERE template = 'fee_paid'")).toEqual([]);
    // the retry with the same key answers the same receipt and writes nothing
    const again = await pay(cashier.accessToken, body, 'pay-101-a');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.id);
    expect(await t.query('SELECT id FROM payments WHERE room_id = ?', [room101])).toHaveLength(1);
  });

  it('a stale total → 409 with the new total; overpaying → 400; bad tax ID → 400; guard / technician / resident → 403', async () => {
    const total = (await bills(room101)).totalOpenCents;
    const stale = await pay(cashier.accessToken, { roomId: room101, method: 'pos', amountCents: 100, expectedTotalCents: total + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toEqual({ totalCents: total });
    expect(stale.body.message).toContain('最新应收');
    const over = await pay(cashier.accessToken, { roomId: room101, method: 'pos', amountCents: total + 1, expectedTotalCents: total });
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('不设预存款');
    const tax = await pay(cashier.accessToken, {
      roomId: room101,
      method: 'pos',
      amountCents: 100,
      expectedTotalCents: total,
      invoiceTitle: '某公司',
      invoiceTaxId: '91310000ma1fl8xq3b',
    });
    expect(tax.status).toBe(400);
    for (const who of [guard, tech, zhangsan])
      expect((await pay(who.accessToken, { roomId: room101, method: 'cash', amountCents: 100, expectedTotalCents: total })).status).toBe(403);
    expect((await pay(cashier.accessToken, { roomId: chy101, method: 'cash', amountCents: 100, expectedTotalCents: 0 })).status).toBe(404);
  });

  it('the late fee is frozen by the payment: later the receipt and the paid line do not change', async () => {
    await clock('2027-01-20T02:00:00.000Z');
    const later = await receipt(first.id, cashier.accessToken);
    expect(later.status).toBe(200);
    expect(statements(later)).toBeLessThanOrEqual(4);
    expect(later.body.lines).toEqual(first.lines);
    expect(later.body.amountCents).toBe(first.amountCents);
    expect(await line(oct)).toEqual(expect.objectContaining({ status: 'paid' }));
    expect(Number((await line(oct)).late_fee_paid_cents)).toBe(first.lines[0].lateFeeCents);
    // the open remainder of November accrues from its due date again, read today
    const open = (await bills(room101)).open;
    expect(open.map((l) => l.id)).toEqual([nov]);
    // …less the late fee the payment already paid on it (frozen then): no day is charged twice
    const lateNov = late(16_121, '2026-12-15', '2026-12-20');
    expect(open[0].lateFeeCents).toBe(late(16_021, '2026-12-15', '2027-01-20') - lateNov);
    await clock('2026-12-20T02:00:00.000Z');
  });

  it('the resident sees their receipt; other rooms, communities and roles do not; a tenant only occupant-paid receipts', async () => {
    const mine = await receipt(first.id, zhangsan.accessToken);
    expect(mine.status).toBe(200);
    expect(mine.body.amountCapital).toMatch(/元/);
    expect((await receipt(first.id, chenliu.accessToken)).status).toBe(404);
    expect((await receipt(first.id, lisi.accessToken)).status).toBe(404);
    expect((await receipt(first.id, agent2.accessToken)).status).toBe(404);
    expect((await receipt(first.id, guard.accessToken)).status).toBe(403);
    expect((await receipt(first.id, tech.accessToken)).status).toBe(403);
    expect((await receipt(first.id, agent1.accessToken)).status).toBe(200);
    const list = await t.get<Page<PaymentListItem>>(`/api/fees/payments?roomId=${room101}`, { token: zhangsan.accessToken });
    expect(list.status).toBe(200);
    expect(statements(list)).toBeLessThanOrEqual(3);
    expect(list.body.items.map((p) => p.id)).toEqual([first.id]);
    expect((await t.get(`/api/fees/payments?roomId=${room101}`, { token: chenliu.accessToken })).status).toBe(404);
    // 202: the tenant pays the water (occupant), the owner the management fee
    const water = await bill(room202, '2026-11', 3_000, '2026-12-25', 'occupant');
    const fee = await bill(room202, '2026-11', 22_374, '2026-12-25', 'owner');
    const w = await pay(cashier.accessToken, { roomId: room202, method: 'cash', amountCents: 3_000, expectedTotalCents: 3_000, billLineIds: [water] });
    const f = await pay(cashier.accessToken, { roomId: room202, method: 'cash', amountCents: 22_374, expectedTotalCents: 22_374, billLineIds: [fee] });
    expect([w.status, f.status, w.body.message]).toEqual([201, 201, undefined]);
    expect((await receipt(w.body.id, lisi.accessToken)).status).toBe(200);
    expect((await receipt(f.body.id, lisi.accessToken)).status).toBe(404);
    expect((await t.get<Page<PaymentListItem>>(`/api/fees/payments?roomId=${room202}`, { token: lisi.accessToken })).body.items.map((p) => p.id)).toEqual([
      w.body.id,
    ]);
    // the tenant was told of the water only
    const told = await t.query("SELECT link FROM notifications WHERE template = 'fee_paid' AND recipient_id = ?", [lisi.me.id]);
    expect(told.map((n) => n.link)).toEqual([`/payments/${w.body.id}`]);
  });

  it('two cashiers paying the same bill at once: exactly one 201, the other 409; the ledger stays consistent', async () => {
    const a = await bill(room102, '2026-11', 16_121, '2026-12-25');
    const total = (await bills(room102)).totalOpenCents;
    const body = { roomId: room102, method: 'cash', amountCents: total, expectedTotalCents: total, billLineIds: [a] };
    const [x, y] = await Promise.all([pay(cashier.accessToken, body, 'race-1'), pay(manager.accessToken, body, 'race-2')]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    const paid = await t.query('SELECT SUM(principal_cents) AS s FROM payment_allocations WHERE bill_line_id = ?', [a]);
    expect(Number(paid[0].s)).toBe(16_121);
    expect(Number((await line(a)).paid_cents)).toBe(16_121);
    expect(await t.query('SELECT id FROM payments WHERE room_id = ?', [room102])).toHaveLength(1);
  });

  it('receipt numbers are sequential per day and unique under concurrency', async () => {
    const rooms = await t.query("SELECT id FROM rooms WHERE community_id = ? AND label LIKE '3栋%' ORDER BY id LIMIT 5", [jxhy]);
    for (const r of rooms) await bill(Number(r.id), '2026-11', 1_000, '2026-12-25');
    const res = await Promise.all(
      rooms.map((r) => pay(cashier.accessToken, { roomId: Number(r.id), method: 'transfer', amountCents: 1_000, expectedTotalCents: 1_000 })),
    );
    expect(res.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const nos = (await t.query('SELECT receipt_no FROM payments ORDER BY receipt_no')).map((r) => r.receipt_no);
    expect(nos).toEqual(Array.from({ length: nos.length }, (_, i) => `SJ-20261220-${String(i + 1).padStart(4, '0')}`));
    // the next Shanghai day starts again at 0001, its first receipts taken at once too
    await clock('2026-12-20T16:30:00.000Z');
    for (const r of rooms) await bill(Number(r.id), '2026-12', 500, '2027-01-15');
    const fresh = await Promise.all(
      rooms.map((r) => pay(cashier.accessToken, { roomId: Number(r.id), method: 'cash', amountCents: 500, expectedTotalCents: 500 })),
    );
    expect(fresh.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(fresh.map((r) => r.body.receiptNo).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `SJ-20261221-000${n}`));
    await clock('2026-12-20T02:00:00.000Z');
  });

  it('void and refund need a manager who did not ask; approval takes back newest line first and reopens the bills', async () => {
    // refund ¥1.00 of the first receipt: November (the newest line) gives back principal first
    const req = await t.post<ReversalView & Err>(
      `/api/fees/payments/${first.id}/reversals`,
      { kind: 'refund', amountCents: 100, reason: '多收' },
      { token: cashier.accessToken },
    );
    expect(req.status).toBe(201);
    expect(statements(req)).toBeLessThanOrEqual(8);
    expect(
      (await t.post(`/api/fees/payments/${first.id}/reversals`, { kind: 'refund', amountCents: 100, reason: '再来' }, { token: cashier.accessToken })).status,
    ).toBe(409);
    const decide = (id: number, who: LoginResponse, body: Record<string, unknown>) =>
      t.post<ReversalView & Err>(`/api/fees/reversals/${id}/decide`, body, { token: who.accessToken });
    expect((await decide(req.body.id, cashier, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await decide(req.body.id, manager, { decision: 'approve', version: 2 })).status).toBe(409);
    const ok = await decide(req.body.id, manager, { decision: 'approve', version: 1, note: '同意' });
    expect(ok.status).toBe(200);
    expect(statements(ok)).toBeLessThanOrEqual(8);
    expect(ok.body).toEqual(expect.objectContaining({ status: 'approved', requestedByName: '孙收银', decidedByName: '王经理' }));
    expect((await decide(req.body.id, admin, { decision: 'approve', version: 2 })).status).toBe(409);
    const nv = await line(nov);
    expect(Number(nv.paid_cents)).toBe(0);
    expect(nv.status).toBe('open');
    const back = await t.query('SELECT bill_line_id, principal_cents, late_fee_cents, business_date FROM refund_allocations WHERE payment_id = ?', [first.id]);
    expect(back).toEqual([expect.objectContaining({ bill_line_id: nov, business_date: '2026-12-20' })]);
    expect(Number(back[0].principal_cents)).toBe(100);
    const after = (await receipt(first.id, zhangsan.accessToken)).body;
    expect(after).toEqual(expect.objectContaining({ refundedCents: 100, status: 'paid' }));
    expect(after.refunds).toEqual([expect.objectContaining({ kind: 'refund', amountCents: 100 })]);
    // the requester and the owner are told
    const told = await t.query("SELECT recipient_id FROM notifications WHERE template = 'fee_reversed' ORDER BY recipient_id");
    expect(told.map((n) => Number(n.recipient_id)).sort()).toEqual([cashier.me.id, zhangsan.me.id].sort());
    // more than is left → 400; a manager's own request is decided by someone else (admin)
    const left = first.amountCents - 100;
    expect(
      (await t.post(`/api/fees/payments/${first.id}/reversals`, { kind: 'refund', amountCents: left + 1, reason: 'x' }, { token: cashier.accessToken })).status,
    ).toBe(400);
    const own = await t.post<ReversalView>(
      `/api/fees/payments/${first.id}/reversals`,
      { kind: 'refund', amountCents: left, reason: '退房' },
      { token: manager.accessToken },
    );
    expect((await decide(own.body.id, manager, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await decide(own.body.id, admin, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await receipt(first.id, cashier.accessToken)).body).toEqual(expect.objectContaining({ status: 'refunded', refundedCents: first.amountCents }));
    const o = await line(oct);
    expect([Number(o.paid_cents), Number(o.late_fee_paid_cents), o.status]).toEqual([0, 0, 'open']);
    expect(
      (await t.post(`/api/fees/payments/${first.id}/reversals`, { kind: 'refund', amountCents: 1, reason: 'x' }, { token: cashier.accessToken })).status,
    ).toBe(409);
    expect(
      (await t.post(`/api/fees/payments/${first.id}/reversals`, { kind: 'refund', amountCents: 1, reason: 'x' }, { token: guard.accessToken })).status,
    ).toBe(403);
  });

  it('a void is for a whole receipt of the same day; refused requests change nothing', async () => {
    const b = await bill(room101, '2026-12', 5_000, '2027-01-15');
    // 张三 consented to 缴费成功 once: this one also goes to WeChat
    await t.query("INSERT INTO subscribe_balances (user_id, template, balance, updated_at) VALUES (?, 'fee_paid', 1, '2026-12-20 00:00:00.000')", [
      zhangsan.me.id,
    ]);
    const invoice = { invoiceTitle: '上海某某科技有限公司', invoiceTaxId: '91310000MA1FL8XQ3B' };
    const p = (await pay(cashier.accessToken, { roomId: room101, method: 'pos', amountCents: 5_000, expectedTotalCents: 5_000, billLineIds: [b], ...invoice }))
      .body;
    expect(p).toEqual(expect.objectContaining(invoice));
    expect(await t.query("SELECT recipient_id FROM outbox WHERE template = 'fee_paid'")).toEqual([expect.objectContaining({ recipient_id: zhangsan.me.id })]);
    const v = await t.post<ReversalView>(`/api/fees/payments/${p.id}/reversals`, { kind: 'void', reason: '刷错卡' }, { token: cashier.accessToken });
    expect(v.status).toBe(201);
    expect(v.body.amountCents).toBe(5_000);
    const refused = await t.post<ReversalView>(
      `/api/fees/reversals/${v.body.id}/decide`,
      { decision: 'refuse', version: 1, note: '核实无误' },
      { token: manager.accessToken },
    );
    expect(refused.body.status).toBe('refused');
    expect((await line(b)).status).toBe('paid');
    const v2 = await t.post<ReversalView>(`/api/fees/payments/${p.id}/reversals`, { kind: 'void', reason: '刷错卡' }, { token: cashier.accessToken });
    expect((await t.post(`/api/fees/reversals/${v2.body.id}/decide`, { decision: 'approve', version: 1 }, { token: manager.accessToken })).status).toBe(200);
    expect((await receipt(p.id, cashier.accessToken)).body.status).toBe('voided');
    expect((await line(b)).status).toBe('open');
    const pending = await t.get<Page<ReversalView>>('/api/fees/reversals?status=approved', { token: manager.accessToken });
    expect(statements(pending)).toBeLessThanOrEqual(3);
    expect(pending.body.items.length).toBeGreaterThanOrEqual(3);
    // the next day a receipt can no longer be voided (refund instead)
    const q = (await pay(cashier.accessToken, { roomId: room101, method: 'cash', amountCents: 5_000, expectedTotalCents: 5_000, billLineIds: [b] })).body;
    await clock('2026-12-21T02:00:00.000Z');
    expect((await t.post(`/api/fees/payments/${q.id}/reversals`, { kind: 'void', reason: 'x' }, { token: cashier.accessToken })).status).toBe(400);
    await clock('2026-12-20T02:00:00.000Z');
  });

  it('日结: the day by method with refunds; the close freezes it; a second close → 409; no payments after it', async () => {
    const day = await t.get<CashierDayView>('/api/fees/cashier/day?date=2026-12-20', { token: cashier.accessToken });
    expect(day.status).toBe(200);
    expect(statements(day)).toBeLessThanOrEqual(4);
    const rows = await t.query("SELECT method, amount_cents FROM payments WHERE cashier_id = ? AND business_date = '2026-12-20'", [cashier.me.id]);
    const sum = (m: string) => rows.filter((r) => r.method === m).reduce((s, r) => s + Number(r.amount_cents), 0);
    expect(day.body.methods.map((m) => [m.method, m.amountCents])).toEqual([
      ['cash', sum('cash')],
      ['pos', sum('pos')],
      ['transfer', sum('transfer')],
    ]);
    expect(day.body.paymentCount).toBe(rows.length);
    expect(day.body.refunds.amountCents).toBe(first.amountCents + 5_000);
    expect(day.body.netCents).toBe(day.body.amountCents - day.body.refunds.amountCents);
    expect(day.body.closed).toBeNull();
    const close = await t.post<CashierDayView & Err>('/api/fees/cashier/close', { date: '2026-12-20' }, { token: cashier.accessToken });
    expect(close.status).toBe(201);
    expect(statements(close)).toBeLessThanOrEqual(8);
    expect(close.body.closed).toEqual(expect.objectContaining({ paymentCount: rows.length, amountCents: day.body.amountCents }));
    expect(close.body.unclosedCount).toBe(0);
    const [frozen] = await t.query('SELECT totals FROM cashier_closes WHERE cashier_id = ?', [cashier.me.id]);
    expect(JSON.parse(frozen.totals).cash).toEqual({ count: rows.filter((r) => r.method === 'cash').length, amountCents: sum('cash') });
    expect((await t.post<Err>('/api/fees/cashier/close', { date: '2026-12-20' }, { token: cashier.accessToken })).status).toBe(409);
    const b = await bill(room101, '2027-01', 800, '2027-02-15');
    const late = await pay(cashier.accessToken, { roomId: room101, method: 'cash', amountCents: 800, expectedTotalCents: 800, billLineIds: [b] });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已日结');
    // another cashier (the manager at the counter) still takes it
    expect((await pay(manager.accessToken, { roomId: room101, method: 'cash', amountCents: 800, expectedTotalCents: 800, billLineIds: [b] })).status).toBe(201);
    expect((await t.post('/api/fees/cashier/close', { date: '2099-01-01' }, { token: cashier.accessToken })).status).toBe(400);
    const mine = await t.get<Page<PaymentListItem>>('/api/fees/payments?date=2026-12-20&mine=1', { token: cashier.accessToken });
    expect(mine.status).toBe(200);
    expect(statements(mine)).toBeLessThanOrEqual(3);
    expect(mine.body.items).toHaveLength(rows.length);
    // keyset pages, newest first
    const page1 = await t.get<Page<PaymentListItem>>('/api/fees/payments?date=2026-12-20&mine=1&limit=2', { token: cashier.accessToken });
    const page2 = await t.get<Page<PaymentListItem>>(`/api/fees/payments?date=2026-12-20&mine=1&limit=2&cursor=${page1.body.nextCursor}`, {
      token: cashier.accessToken,
    });
    expect([...page1.body.items, ...page2.body.items].map((x) => x.id)).toEqual(mine.body.items.slice(0, 4).map((x) => x.id));
    expect((await t.get('/api/fees/payments?date=2026-12-20&cursor=garbage', { token: cashier.accessToken })).status).toBe(400);
  });
});
