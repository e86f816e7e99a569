import { LoginResponse, ParkingPassView, PlateLookupView } from '@linli/shared';
import { otherCompany, PNG } from './helpers/repairs';
import { parkitemsApi, PDF, statements } from './helpers/passes-parkitems';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string };
const T0 = '2026-12-03T02:00:00.000Z'; // Thu 10:00 Shanghai
/** the server's clock runs on from where a test sets it */
const near = (iso: string, want: string) => Math.abs(Date.parse(iso) - Date.parse(want)) < 5_000;
const MONTH = { '停车证 月卡': 15_000, '停车证 季卡': 42_000, '摩托车停车证 月卡': 5_000 };

describe('passes: parking passes (停车证) — fee through [fees], issue within 10 minutes of payment, reminders, renewal, plate lookup', () => {
  let t: TestApp;
  let api: ReturnType<typeof parkitemsApi>;
  let admin: LoginResponse, cashier1: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, guard1: LoginResponse, supervisor1: LoginResponse;
  let zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let jxhy: number, room101: number, room202: number;
  const log = { 'x-sql-log': '1' };

  const apply = (who: LoginResponse, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.post<ParkingPassView & Err>('/api/passes/parking', body, { token: who.accessToken, headers: { ...log, ...headers } });
  const insurance = async (who: LoginResponse, bytes = PNG) => (await api.upload(who.accessToken, bytes)).body.id as number;
  const base = async (over: Record<string, unknown> = {}) => ({
    roomId: room101,
    plate: '粤B12345',
    vehicle: 'car',
    term: 'monthly',
    startsOn: '2026-12-05',
    insuranceUploadId: await insurance(zhangsan),
    insuranceUntil: '2027-06-30',
    ...over,
  });
  const mine = async (who: LoginResponse) => (await t.get<ParkingPassView[]>('/api/passes/parking/mine', { token: who.accessToken })).body;
  const clockOf = async (id: number) =>
    (await t.query("SELECT state, started_at, due_at, met_at, breached FROM clocks WHERE subject_type = 'pass' AND subject_id = ?", [id]))[0];

  beforeAll(async () => {
    t = await TestApp.start();
    api = parkitemsApi(t);
    await api.setClock(T0);
    [admin, cashier1, agent1, agent2, guard1, supervisor1] = await Promise.all(
      ['admin', 'cashier1', 'agent1', 'agent2', 'guard1', 'supervisor1'].map((u) => t.staff(u)),
    );
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((r) => t.resident(r)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    const r202 = await t.room('锦绣花园', '2栋2单元202');
    room202 = r202.id;
    jxhy = r202.communityId;
  });
  afterAll(() => t?.close());

  it('refuses what it cannot sell: no published price, a bad plate, insurance that does not cover the period, no upload', async () => {
    const noItem = await apply(zhangsan, await base());
    expect([noItem.status, noItem.body.message]).toEqual([409, expect.stringContaining('停车证 月卡')]);
    await api.parkingItems(admin, jxhy, MONTH);

    for (const plate of ['粤B1234', 'B12345', '粤I12345', '粤BDI2345', 'ABCDEFG']) {
      const r = await apply(zhangsan, await base({ plate }));
      expect([plate, r.status, r.body.message]).toEqual([plate, 400, expect.stringContaining('车牌')]);
    }
    const short = await apply(zhangsan, await base({ insuranceUntil: '2027-01-03' }));
    expect([short.status, short.body.message]).toEqual([400, expect.stringContaining('2027-01-04')]);
    expect((await apply(zhangsan, await base({ startsOn: '2026-12-02' }))).status).toBe(400);
    expect((await apply(zhangsan, await base({ insuranceUploadId: 999_999 }))).status).toBe(400);
    // another resident's upload is not the caller's insurance
    expect((await apply(zhangsan, await base({ insuranceUploadId: await insurance(lisi) }))).status).toBe(400);
    expect((await apply(zhangsan, await base({ vehicle: 'motorcycle', term: 'quarterly' }))).status).toBe(409);
    expect((await apply(zhangsan, await base({ vehicle: 'truck' }))).status).toBe(400);
    // not the caller's room, another company's, staff
    expect((await apply(zhangsan, await base({ roomId: room202 }))).status).toBe(404);
    expect((await apply(chenliu, await base())).status).toBe(404);
    expect((await t.post('/api/passes/parking', await base(), { token: agent1.accessToken })).status).toBe(403);
    expect(await mine(zhangsan)).toEqual([]);
  });

  let pass: ParkingPassView;
  it('a valid application (8-character new-energy plate, PDF insurance) bills the fee and waits for payment; one per plate', async () => {
    const pdf = await api.upload(zhangsan.accessToken, PDF, 'policy.pdf', 'application/pdf');
    expect([pdf.status, pdf.body.mime]).toEqual([201, 'application/pdf']);
    expect((await api.upload(zhangsan.accessToken, PDF, 'policy.pdf', 'application/pdf', '')).status).toBe(415);
    const body = await base({ plate: '粤b·d12345', insuranceUploadId: pdf.body.id });
    const r = await apply(zhangsan, body, { 'Idempotency-Key': 'park-1' });
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(10);
    pass = r.body;
    expect(pass).toMatchObject({ status: 'pending_payment', plate: '粤BD12345', newEnergy: true, startsOn: '2026-12-05', endsOn: '2027-01-04' });
    expect(pass).toMatchObject({ feeCents: 15_000, holderPhone: '13800000001', clock: null, insurance: { id: pdf.body.id, mime: 'application/pdf' } });
    const again = await apply(zhangsan, body, { 'Idempotency-Key': 'park-1' });
    expect([again.status, again.body.id]).toEqual([201, pass.id]);
    const [line] = await t.query('SELECT id, amount_cents, status, name, payer FROM bill_lines WHERE id = ?', [pass.billLineId]);
    expect(line).toMatchObject({ status: 'open', name: '停车证 月卡 粤B·D12345' });
    expect(Number(line.amount_cents)).toBe(15_000);
    expect(await clockOf(pass.id)).toBeUndefined();
    const dup = await apply(zhangsan, await base({ plate: '粤BD12345' }));
    expect([dup.status, dup.body.message]).toEqual([409, expect.stringContaining('粤B·D12345')]);
    const list = await t.get<ParkingPassView[]>('/api/passes/parking/mine', { token: zhangsan.accessToken, headers: log });
    expect(list.body.map((p) => p.id)).toEqual([pass.id]);
    expect(statements(list)).toBeLessThanOrEqual(3);
  });

  it('paid at the cashier → issued in the payment itself: the 10-minute clock starts and is met at the payment time', async () => {
    await api.setClock('2026-12-03T03:00:00.000Z');
    const paid = await api.pay(cashier1, room101, [pass.billLineId!], 15_000, log);
    expect(paid.status).toBe(201);
    // the payment's own 8 plus the pass's 3 (issue, met clock, outbox: its read comes with the payment's load, its
    // inbox row with the payment's); +1 on a cold access cache
    expect(statements(paid)).toBeLessThanOrEqual(12);
    const [p] = await mine(zhangsan);
    expect(p).toMatchObject({ id: pass.id, status: 'active', problems: [] });
    expect(p.clock).toMatchObject({ state: 'met', startedAt: p.issuedAt, breached: false });
    expect(near(p.issuedAt!, '2026-12-03T03:00:00.000Z')).toBe(true);
    expect(Date.parse(p.clock!.dueAt) - Date.parse(p.clock!.startedAt)).toBe(10 * 60_000);
    const inbox = await t.query("SELECT title, link FROM notifications WHERE template = 'pass_decided' AND recipient_id = ?", [zhangsan.me.id]);
    expect(inbox).toEqual([{ title: '停车证已签发', link: `/passes/${pass.id}` }]);
  });

  let late: ParkingPassView;
  it('paid when its rules no longer pass → the staff queue with a running clock; approve (version-checked) or return with a reason', async () => {
    await api.setClock(T0);
    late = (await apply(zhangsan, await base({ plate: '粤A88888', startsOn: '2026-12-03' }))).body;
    const other = (await apply(zhangsan, await base({ plate: '粤A66666', startsOn: '2026-12-03' }))).body;
    // paid after the month is over: a person has to look at it
    await api.setClock('2027-01-10T02:00:00.000Z');
    expect((await api.pay(cashier1, room101, [late.billLineId!, other.billLineId!], 30_000)).status).toBe(201);
    const queue = await t.get<ParkingPassView[]>(`/api/passes/parking/review?communityId=${jxhy}`, { token: agent1.accessToken, headers: log });
    expect(statements(queue)).toBeLessThanOrEqual(3);
    expect(queue.body.map((p) => p.id).sort()).toEqual([late.id, other.id].sort());
    const q = queue.body.find((p) => p.id === late.id)!;
    expect(q).toMatchObject({ status: 'review', holderPhone: '138****0001', problems: [expect.stringContaining('有效期已过')] });
    expect(q.clock).toMatchObject({ state: 'running', breached: false });
    expect(near(q.clock!.startedAt, '2027-01-10T02:00:00.000Z')).toBe(true);
    expect(Date.parse(q.clock!.dueAt) - Date.parse(q.clock!.startedAt)).toBe(10 * 60_000);
    expect((await t.get(`/api/passes/parking/review?communityId=${jxhy}`, { token: agent2.accessToken })).status).toBe(404);
    expect((await t.get(`/api/passes/parking/review?communityId=${jxhy}`, { token: guard1.accessToken })).status).toBe(403);

    expect((await t.post(`/api/passes/parking/${late.id}/approve`, { version: q.version + 5 }, { token: agent1.accessToken })).status).toBe(409);
    expect((await t.post(`/api/passes/parking/${late.id}/approve`, { version: q.version }, { token: agent2.accessToken })).status).toBe(404);
    await t.post('/api/test/clock', { advanceMs: 5 * 60_000 });
    const ok = await t.post(`/api/passes/parking/${late.id}/approve`, { version: q.version }, { token: agent1.accessToken, headers: log });
    expect(ok.body).toMatchObject({ id: late.id, status: 'active', version: q.version + 1 });
    expect(statements(ok)).toBeLessThanOrEqual(8);
    expect(await clockOf(late.id)).toMatchObject({ state: 'met' });
    expect(Number((await clockOf(late.id)).breached)).toBe(0);
    expect((await t.post(`/api/passes/parking/${late.id}/approve`, { version: q.version + 1 }, { token: agent1.accessToken })).status).toBe(409);

    const o = queue.body.find((p) => p.id === other.id)!;
    expect((await t.post(`/api/passes/parking/${other.id}/return`, { version: o.version, reason: '' }, { token: agent1.accessToken })).status).toBe(400);
    const back = await t.post(
      `/api/passes/parking/${other.id}/return`,
      { version: o.version, reason: '有效期已过，请重新申请' },
      { token: agent1.accessToken },
    );
    expect(back.body).toMatchObject({ status: 'returned' });
    expect((await mine(zhangsan)).find((p) => p.id === other.id)).toMatchObject({ status: 'returned', reviewNote: '有效期已过，请重新申请' });
    expect(await clockOf(other.id)).toMatchObject({ state: 'cancelled' });
  });

  it('reminds 7 days before the pass expires and before the insurance expires, each once', async () => {
    // the first pass ends 2027-01-04 (24:00 Shanghai); the second insurance ends 2027-01-05 in this one
    await t.query('UPDATE passes SET status = ? WHERE id = ?', ['returned', late.id]);
    const run = async () => (await t.post<{ expiring: number; insurance: number }>('/api/test/jobs/parking-reminders')).body;
    await api.setClock('2026-12-27T02:00:00.000Z');
    expect(await run()).toEqual({ expiring: 0, insurance: 0 });
    await api.setClock('2026-12-29T02:00:00.000Z');
    expect(await run()).toMatchObject({ expiring: 1 });
    await api.setClock('2026-12-30T02:00:00.000Z');
    await run();
    const sent = await t.query("SELECT title, link FROM notifications WHERE template = 'parking_reminder' AND recipient_id = ?", [zhangsan.me.id]);
    expect(sent).toEqual([{ title: '停车证即将到期', link: `/passes/${pass.id}` }]);
    const wx = await t.query("SELECT COUNT(*) AS n FROM outbox WHERE template = 'parking_reminder'");
    expect(Number(wx[0].n)).toBe(1);
    // an insurance ending within 7 days
    await t.query('UPDATE passes SET details_json = REPLACE(details_json, ?, ?) WHERE id = ?', [
      '"insuranceUntil":"2027-06-30"',
      '"insuranceUntil":"2027-01-05"',
      pass.id,
    ]);
    expect(await run()).toMatchObject({ insurance: 1 });
    await run();
    const ins = await t.query("SELECT body FROM notifications WHERE template = 'parking_reminder' AND title = '车辆保险即将到期'");
    expect(ins).toEqual([{ body: expect.stringContaining('2027-01-05') }]);
  });

  it('renews in two taps: the next term waiting for its fee, refused when the insurance no longer covers it', async () => {
    const refused = await t.post<Err>(`/api/passes/parking/${pass.id}/renew`, {}, { token: zhangsan.accessToken });
    expect([refused.status, refused.body.message]).toEqual([400, expect.stringContaining('2027-01-05')]);
    await t.query('UPDATE passes SET details_json = REPLACE(details_json, ?, ?) WHERE id = ?', [
      '"insuranceUntil":"2027-01-05"',
      '"insuranceUntil":"2027-03-31"',
      pass.id,
    ]);
    const r = await t.post<ParkingPassView>(`/api/passes/parking/${pass.id}/renew`, {}, { token: zhangsan.accessToken, headers: log });
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(8);
    expect(r.body).toMatchObject({ status: 'pending_payment', plate: '粤BD12345', startsOn: '2027-01-05', endsOn: '2027-02-04', renewedFrom: pass.id });
    expect(r.body.insurance).toMatchObject({ mime: 'application/pdf' });
    expect((await t.post(`/api/passes/parking/${pass.id}/renew`, {}, { token: zhangsan.accessToken })).status).toBe(409);
    expect((await t.post(`/api/passes/parking/${pass.id}/renew`, {}, { token: lisi.accessToken })).status).toBe(404);
    // paid: issued although the current pass is still active (the windows meet, they do not overlap)
    expect((await api.pay(cashier1, room101, [r.body.billLineId!], 15_000)).status).toBe(201);
    expect((await mine(zhangsan)).find((p) => p.id === r.body.id)).toMatchObject({ status: 'active' });
  });

  it('guards look plates up: the passes with their window and room, the holder’s phone masked; scoped', async () => {
    const look = await t.get<PlateLookupView>(`/api/passes/plates?communityId=${jxhy}&plate=${encodeURIComponent('粤bd 12345')}`, {
      token: guard1.accessToken,
      headers: log,
    });
    expect(look.status).toBe(200);
    expect(statements(look)).toBeLessThanOrEqual(3);
    expect(look.body).toMatchObject({ plate: '粤BD12345', valid: true });
    expect(look.body.passes).toHaveLength(2);
    expect(look.body.passes[1]).toMatchObject({ id: pass.id, window: 'valid', roomLabel: '1栋1单元101', holderName: '张三', holderPhoneMasked: '138****0001' });
    expect(look.body.passes[0]).toMatchObject({ window: 'not_yet' });
    expect(JSON.stringify(look.body)).not.toContain('13800000001');
    const none = await t.get<PlateLookupView>(`/api/passes/plates?communityId=${jxhy}&plate=${encodeURIComponent('粤A00000')}`, {
      token: supervisor1.accessToken,
    });
    expect(none.body).toEqual({ plate: '粤A00000', valid: false, passes: [] });
    expect((await t.get(`/api/passes/plates?communityId=${jxhy}&plate=x`, { token: zhangsan.accessToken })).status).toBe(403);
    expect((await t.get(`/api/passes/plates?communityId=${jxhy}&plate=x`, { token: cashier1.accessToken })).status).toBe(403);
    const far = await otherCompany(t);
    expect((await t.get(`/api/passes/plates?communityId=${jxhy}&plate=粤BD12345`, { token: far.admin.accessToken })).status).toBe(403);
    expect((await t.get(`/api/passes/parking/review?communityId=${jxhy}`, { token: far.admin.accessToken })).status).toBe(404);
  });
  it('paid by WeChat Pay (development mode: the fake sends its signed callback): issued through the same payment path', async () => {
    await api.setClock(T0);
    const moto = (await apply(zhangsan, await base({ plate: '粤B5678学', vehicle: 'motorcycle' }))).body;
    expect(moto).toMatchObject({ status: 'pending_payment', feeCents: 5_000, vehicle: 'motorcycle' });
    const order = await t.post<{ id: number }>('/api/pay/orders', { roomId: room101, billLineIds: [moto.billLineId] }, { token: zhangsan.accessToken });
    expect(order.status).toBe(201);
    expect((await t.post(`/api/pay/dev/confirm/${order.body.id}`, {}, { token: zhangsan.accessToken })).status).toBeLessThan(300);
    for (let i = 0; i < 50 && (await mine(zhangsan)).find((p) => p.id === moto.id)!.status !== 'active'; i++) await new Promise((r) => setTimeout(r, 100));
    const issued = (await mine(zhangsan)).find((p) => p.id === moto.id)!;
    expect(issued).toMatchObject({ status: 'active', clock: { state: 'met', breached: false } });
  });
  it('a resident withdraws an unpaid application: the pass cancelled, its fee line gone; a paid one cannot be', async () => {
    await api.setClock(T0);
    const p = (await apply(zhangsan, await base({ plate: '粤A12121' }))).body;
    expect((await t.post(`/api/passes/parking/${p.id}/cancel`, { version: 1 }, { token: lisi.accessToken })).status).toBe(404);
    expect((await t.post(`/api/passes/parking/${p.id}/cancel`, { version: 2 }, { token: zhangsan.accessToken })).status).toBe(409);
    const ok = await t.post(`/api/passes/parking/${p.id}/cancel`, { version: 1 }, { token: zhangsan.accessToken });
    expect(ok.body).toMatchObject({ status: 'cancelled', version: 2 });
    expect(await t.query('SELECT id FROM bill_lines WHERE id = ?', [p.billLineId])).toEqual([]);
    expect(
      (
        await t.post(
          `/api/passes/parking/${pass.id}/cancel`,
          { version: (await mine(zhangsan)).find((x) => x.id === pass.id)!.version },
          { token: zhangsan.accessToken },
        )
      ).status,
    ).toBe(409);
    // the plate is free again
    expect((await apply(zhangsan, await base({ plate: '粤A12121' }))).status).toBe(201);
  });

  it('a voided parking fee revokes its pass in the approval itself: the plate lookup shows it invalid', async () => {
    await api.setClock(T0);
    const p = (await apply(zhangsan, await base({ plate: '粤A34343' }))).body;
    const paid = await api.pay(cashier1, room101, [p.billLineId!], 15_000);
    expect((await mine(zhangsan)).find((x) => x.id === p.id)!.status).toBe('active');
    const req = await t.post<{ id: number; version: number }>(
      `/api/fees/payments/${(paid.body as { id: number }).id}/reversals`,
      { kind: 'void', reason: '车主改为季卡' },
      { token: cashier1.accessToken },
    );
    expect(req.status).toBe(201);
    const manager1 = await t.staff('manager1');
    const ok = await t.post(`/api/fees/reversals/${req.body.id}/decide`, { decision: 'approve', version: req.body.version }, { token: manager1.accessToken });
    expect(ok.status).toBe(200);
    const after = (await mine(zhangsan)).find((x) => x.id === p.id)!;
    expect(after).toMatchObject({ status: 'revoked' });
    const [row] = await t.query('SELECT revoke_reason FROM passes WHERE id = ?', [p.id]);
    expect(row.revoke_reason).toBe('停车费已作废或退款');
    const look = await t.get<PlateLookupView>(`/api/passes/plates?communityId=${jxhy}&plate=粤A34343`, { token: guard1.accessToken });
    expect(look.body).toMatchObject({ valid: false, passes: [{ id: p.id, status: 'revoked' }] });
  });
});
