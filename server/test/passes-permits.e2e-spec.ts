import { idCheckChar, LoginResponse, Page, PermitListItem, PermitView } from '@linli/shared';
import { otherCompany } from './helpers/repairs';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const HOUR = 3600_000;
/** a datetime column as either driver hands it back (a Date from mysql2, UTC text from SQLite) */
const utc = (v: unknown) => (v instanceof Date ? v : new Date(String(v).replace(' ', 'T').replace(/Z?$/, 'Z'))).toISOString();

/** A valid 18-character mainland ID number (the check character computed), distinct per `seq`. */
const idNo = (seq: number) => {
  const body = `1101011985061${String(seq).padStart(4, '0')}`;
  return body + idCheckChar(body);
};

describe('passes: decoration permits and worker passes (装修申请与装修出入证)', () => {
  let t: TestApp;
  let zhangsan: LoginResponse, lisi: LoginResponse, agent1: LoginResponse, supervisor1: LoginResponse, manager1: LoginResponse, supervisor2: LoginResponse;
  let room101: number, room202: number;
  let far: Awaited<ReturnType<typeof otherCompany>>;
  // Monday 2026-12-07 09:00 in Shanghai
  const MONDAY_9 = '2026-12-07T01:00:00.000Z';
  const body = (extra: Record<string, unknown> = {}) => ({
    roomId: room101,
    contractorName: '好家装饰',
    contractorPhone: '13900001111',
    description: '厨卫翻新',
    startsOn: '2026-12-07',
    endsOn: '2026-12-20',
    workers: [
      { name: '王师傅', idNumber: idNo(1) },
      { name: '李师傅', idNumber: idNo(2) },
      { name: '赵师傅', idNumber: idNo(3) },
    ],
    ...extra,
  });
  const apply = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.post<PermitView & Err>('/api/passes/permits', body(extra), { token: zhangsan.accessToken, headers });
  const detail = (id: number, who: LoginResponse) => t.get<PermitView & Err>(`/api/passes/permits/${id}`, { token: who.accessToken });
  const clock = (set: string) => t.post('/api/test/clock', { set });
  // a room's live permits may not overlap (passes-races.e2e-spec.ts): the later ones take periods after a's
  const LATER = { startsOn: '2026-12-21', endsOn: '2026-12-25' };
  const LAST = { startsOn: '2026-12-26', endsOn: '2027-01-05' };

  beforeAll(async () => {
    t = await TestApp.start();
    await clock(MONDAY_9);
    [agent1, supervisor1, manager1, supervisor2] = await Promise.all(['agent1', 'supervisor1', 'manager1', 'supervisor2'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
  });
  afterAll(() => t?.close());

  it('checks the application: ID checksum, dates, number of workers, owners only, the caller’s own rooms', async () => {
    const bad = idNo(4).slice(0, 17) + (idNo(4).endsWith('0') ? '1' : '0');
    const r = await apply({ workers: [{ name: '王师傅', idNumber: bad }] });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('校验位');
    expect(JSON.stringify(r.body)).not.toContain(bad);
    expect((await apply({ workers: [{ name: '王师傅', idNumber: '12345' }] })).status).toBe(400);
    const past = await apply({ startsOn: '2026-12-06' });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('早于今天');
    expect((await apply({ startsOn: '2026-12-10', endsOn: '2026-12-08' })).body.message).toContain('晚于');
    expect((await apply({ endsOn: '2027-07-01' })).body.message).toContain('180');
    const many = await apply({ workers: Array.from({ length: 31 }, (_, i) => ({ name: `工人${i}`, idNumber: idNo(100 + i) })) });
    expect(many.status).toBe(400);
    expect(many.body.message).toContain('最多 30 人');
    expect((await apply({ workers: [] })).status).toBe(400);

    const tenant = await t.post<Err>('/api/passes/permits', body({ roomId: room202 }), { token: lisi.accessToken });
    expect(tenant.status).toBe(403);
    expect(tenant.body.message).toContain('业主本人');
    const notMine = await apply({ roomId: room202 });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('ROOM_NOT_BOUND');
    far = await otherCompany(t);
    expect((await apply({ roomId: far.roomId })).status).toBe(404);
    expect((await t.post('/api/passes/permits', body(), { token: agent1.accessToken })).status).toBe(403);
  });

  let a: PermitView;
  it('stores the application with only masked ID numbers, tells the community’s staff, starts the 24-hour review clock', async () => {
    const r = await apply({}, { 'Idempotency-Key': 'permit-a' });
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(10);
    a = r.body;
    expect(a).toMatchObject({ status: 'submitted', workerCount: 3, contractorPhone: '13900001111', actions: ['cancel'] });
    expect(a.workers[0]).toEqual({ name: '王师傅', idMasked: `110***********${idNo(1).slice(-4)}` });
    expect(a.reviewClock).toMatchObject({ name: 'permit_review', state: 'running' });
    expect(Date.parse(a.reviewClock!.dueAt) - Date.parse(a.createdAt)).toBe(24 * HOUR);
    const again = await apply({}, { 'Idempotency-Key': 'permit-a' });
    expect(again.body.id).toBe(a.id);
    expect(await t.query('SELECT id FROM decoration_permits')).toHaveLength(1);

    const inbox = await t.query("SELECT recipient_id, title, body FROM notifications WHERE template = 'permit_filed'");
    const to = inbox.map((x) => Number(x.recipient_id)).sort();
    expect(to).toEqual([agent1.me.id, supervisor1.me.id, manager1.me.id].sort());
    expect(inbox[0].body).not.toContain('王师傅');
    expect(await t.query("SELECT id FROM outbox WHERE template = 'permit_filed'")).toHaveLength(0);
  });

  it('never stores a full ID number anywhere (permits, idempotency keys, notifications, outbox)', async () => {
    const full = [idNo(1), idNo(2), idNo(3)];
    const dumps = [
      ...(await t.query('SELECT workers_json AS v FROM decoration_permits')),
      ...(await t.query('SELECT response AS v FROM idempotency_keys')),
      ...(await t.query('SELECT body AS v FROM notifications')),
      ...(await t.query('SELECT payload AS v FROM outbox')),
    ].map((x) => String(x.v));
    for (const n of full) for (const d of dumps) expect(d).not.toContain(n);
    expect(String((await t.query('SELECT workers_json FROM decoration_permits WHERE id = ?', [a.id]))[0].workers_json)).toContain('***********');
  });

  it('shows the queue with its live review clock to the community’s staff only, phone masked', async () => {
    const q = await t.get<Page<PermitListItem>>('/api/passes/permits?status=submitted', { token: agent1.accessToken });
    expect(q.status).toBe(200);
    expect(statements(q)).toBeLessThanOrEqual(3);
    expect(q.body.items.map((i) => i.id)).toEqual([a.id]);
    expect(q.body.items[0].reviewClock).toMatchObject({ state: 'running', breached: false });
    const d = await detail(a.id, agent1);
    expect(statements(d)).toBeLessThanOrEqual(4);
    expect(d.body).toMatchObject({ contractorPhone: '139****1111', actions: [], workHoursText: '周一至周五 08:00–12:00、14:00–18:00' });
    expect((await detail(a.id, supervisor1)).body.actions).toEqual(['approve', 'return']);
    expect((await detail(a.id, supervisor2)).status).toBe(404);
    expect((await t.get<Page<PermitListItem>>('/api/passes/permits', { token: supervisor2.accessToken })).body.items).toHaveLength(0);
    expect((await detail(a.id, lisi)).status).toBe(404);
    expect((await t.get<Page<PermitListItem>>('/api/passes/permits', { token: lisi.accessToken })).body.items).toHaveLength(0);
    const mine = await t.get<Page<PermitListItem>>('/api/passes/permits', { token: zhangsan.accessToken });
    expect(mine.body.items.map((i) => i.id)).toEqual([a.id]);
  });

  it('lets only a supervisor or manager of the community decide; a return needs a reason', async () => {
    expect((await t.post(`/api/passes/permits/${a.id}/approve`, { version: 1 }, { token: agent1.accessToken })).status).toBe(403);
    expect((await t.post(`/api/passes/permits/${a.id}/approve`, { version: 1 }, { token: zhangsan.accessToken })).status).toBe(403);
    expect((await t.post(`/api/passes/permits/${a.id}/approve`, { version: 1 }, { token: supervisor2.accessToken })).status).toBe(404);
    expect((await t.post(`/api/passes/permits/${a.id}/approve`, { version: 1 }, { token: far.admin.accessToken })).status).toBe(404);
    expect((await detail(a.id, far.resident)).status).toBe(404);
    const noReason = await t.post<Err>(`/api/passes/permits/${a.id}/return`, { version: 1 }, { token: supervisor1.accessToken });
    expect(noReason.status).toBe(400);
    const blank = await t.post<Err>(`/api/passes/permits/${a.id}/return`, { version: 1, reason: '  ' }, { token: supervisor1.accessToken });
    expect(blank.status).toBe(400);
  });

  it('approves in ≤ 8 statements: one active worker pass each (share link, window, permit), clocks met at once, the owner told', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['permit_decided'] }, { token: zhangsan.accessToken });
    const r = await t.post<PermitView>(`/api/passes/permits/${a.id}/approve`, { version: 1 }, { token: supervisor1.accessToken });
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(8);
    expect(r.body).toMatchObject({ status: 'approved', version: 2, actions: ['revoke'] });
    expect(r.body.passes).toHaveLength(3);
    expect(r.body.passes[0].linkToken).toBeNull(); // staff never see the share link
    const passes = await t.query('SELECT * FROM passes WHERE permit_id = ? ORDER BY id', [a.id]);
    expect(passes.map((p) => [p.kind, p.status, p.holder_name, p.entries_total])).toEqual([
      ['worker', 'active', '王师傅', null],
      ['worker', 'active', '李师傅', null],
      ['worker', 'active', '赵师傅', null],
    ]);
    expect(new Set(passes.map((p) => p.link_token)).size).toBe(3);
    for (const p of passes) expect(String(p.link_token)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(utc(passes[0].valid_from)).toBe('2026-12-06T16:00:00.000Z');
    expect(utc(passes[0].valid_until)).toBe('2026-12-20T16:00:00.000Z');
    const clocks = await t.query("SELECT subject_id, state, breached FROM clocks WHERE subject_type = 'pass' AND name = 'pass_issue' ORDER BY subject_id");
    expect(clocks.map((c) => [Number(c.subject_id), c.state, Number(c.breached)])).toEqual(passes.map((p) => [Number(p.id), 'met', 0]));
    const review = await t.query("SELECT state, breached FROM clocks WHERE subject_type = 'decoration_permit' AND subject_id = ?", [a.id]);
    expect(review.map((c) => [c.state, Number(c.breached)])).toEqual([['met', 0]]);

    const told = await t.query("SELECT recipient_id, title, body FROM notifications WHERE template = 'permit_decided'");
    expect(told.map((x) => Number(x.recipient_id))).toEqual([zhangsan.me.id]);
    const wx = await t.query("SELECT recipient_id, payload FROM outbox WHERE template = 'permit_decided'");
    expect(wx.map((x) => Number(x.recipient_id))).toEqual([zhangsan.me.id]);
    for (const name of ['王师傅', '李师傅', '赵师傅']) expect(JSON.stringify(wx[0].payload)).not.toContain(name);

    const mine = await detail(a.id, zhangsan);
    expect(mine.body.passes.every((p) => typeof p.linkToken === 'string' && p.clock?.state === 'met' && !p.clock.breached)).toBe(true);
    expect((await t.post(`/api/passes/permits/${a.id}/approve`, { version: 1 }, { token: manager1.accessToken })).status).toBe(409);
  });

  it('worker passes verify only inside the work hours, in the permit view and at the guard’s scan', async () => {
    const guard1 = await t.staff('guard1');
    // the worker's link page (no login) shows the rotating code; the guard scans it
    const scan = async () => {
      const token = (await detail(a.id, zhangsan)).body.passes[0].linkToken;
      const link = await t.get<{ code: string | null }>(`/api/passes/link/${token}`);
      const r = await t.post<{ result: string; reason: string | null; detail: string | null }>(
        '/api/passes/verify',
        { code: link.body.code, direction: 'in', gate: '东门' },
        { token: guard1.accessToken },
      );
      expect(r.status).toBe(200);
      return r.body;
    };
    expect(await scan()).toMatchObject({ result: 'green', reason: null });
    const inHours = await detail(a.id, zhangsan);
    expect(inHours.body.passes.map((p) => [p.validNow, p.outsideHours])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    await clock('2026-12-07T04:30:00.000Z'); // 12:30 Shanghai: lunch break
    const lunch = await detail(a.id, zhangsan);
    expect(lunch.body.passes[0]).toMatchObject({ validNow: false, outsideHours: true, refusal: 'outside_work_hours', refusalText: '不在允许的施工时间内' });
    expect(await scan()).toMatchObject({ result: 'red', reason: 'outside_work_hours', detail: expect.stringContaining('周一至周五 08:00–12:00、14:00–18:00') });
    await clock('2026-12-12T02:00:00.000Z'); // Saturday 10:00
    expect((await detail(a.id, zhangsan)).body.passes[0]).toMatchObject({ validNow: false, outsideHours: true });
    expect(await scan()).toMatchObject({ result: 'red', reason: 'outside_work_hours' });
    await clock('2026-12-21T02:00:00.000Z'); // Monday after the period
    expect((await detail(a.id, zhangsan)).body.passes[0]).toMatchObject({ validNow: false, outsideHours: false, refusal: 'expired' });
    await clock(MONDAY_9);
  });

  it('concurrent approve and return: exactly one 200, the other 409', async () => {
    const b = (await apply({ workers: [{ name: '钱师傅', idNumber: idNo(9) }], ...LATER })).body;
    const [x, y] = await Promise.all([
      t.post(`/api/passes/permits/${b.id}/approve`, { version: 1 }, { token: supervisor1.accessToken }),
      t.post(`/api/passes/permits/${b.id}/return`, { version: 1, reason: '缺少物业装修押金收据' }, { token: manager1.accessToken }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const status = String((await t.query('SELECT status FROM decoration_permits WHERE id = ?', [b.id]))[0].status);
    const passes = await t.query('SELECT id FROM passes WHERE permit_id = ?', [b.id]);
    expect(passes).toHaveLength(status === 'approved' ? 1 : 0);
  });

  it('a return carries the reason to the owner; the owner may withdraw a waiting application', async () => {
    const c = (await apply({ workers: [{ name: '孙师傅', idNumber: idNo(10) }], ...LAST })).body;
    const r = await t.post<PermitView>(
      `/api/passes/permits/${c.id}/return`,
      { version: 1, reason: '施工人员缺少身份证复印件' },
      { token: manager1.accessToken },
    );
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(8);
    expect((await detail(c.id, zhangsan)).body).toMatchObject({ status: 'returned', reviewNote: '施工人员缺少身份证复印件', statusLabel: '已退回' });
    expect(await t.query('SELECT id FROM passes WHERE permit_id = ?', [c.id])).toHaveLength(0);

    const d = (await apply({ workers: [{ name: '周师傅', idNumber: idNo(11) }], ...LAST })).body;
    expect((await t.post(`/api/passes/permits/${d.id}/cancel`, { version: 1 }, { token: supervisor1.accessToken })).status).toBe(403);
    const w = await t.post<PermitView>(`/api/passes/permits/${d.id}/cancel`, { version: 1 }, { token: zhangsan.accessToken });
    expect(w.body).toMatchObject({ status: 'cancelled', version: 2 });
    expect((await t.post(`/api/passes/permits/${d.id}/cancel`, { version: 2 }, { token: zhangsan.accessToken })).status).toBe(409);
    const k = await t.query("SELECT state FROM clocks WHERE subject_type = 'decoration_permit' AND subject_id = ?", [d.id]);
    expect(k[0].state).toBe('cancelled');
  });

  it('30 workers still cost ≤ 8 statements; a late approval breaches the review clock, not the issue clocks; the sweeper escalates without names', async () => {
    const workers = Array.from({ length: 30 }, (_, i) => ({ name: `施工员${i + 1}`, idNumber: idNo(200 + i) }));
    const e = (await apply({ workers, ...LAST })).body;
    await t.post('/api/test/clock', { advanceMs: 25 * HOUR });
    const swept = await t.post<{ fired: number }>('/api/test/jobs/sla-sweep');
    expect(swept.body.fired).toBeGreaterThan(0);
    const esc = await t.query("SELECT title, body, link FROM notifications WHERE template = 'clock_escalation' AND link = ?", [`/permits/${e.id}`]);
    expect(esc.length).toBeGreaterThan(0);
    expect(esc[0].title).toContain(`ZXSQ${e.id}`);
    expect(esc[0].title).toContain('装修申请审核');
    expect(JSON.stringify(esc)).not.toContain('施工员');

    const r = await t.post<PermitView>(`/api/passes/permits/${e.id}/approve`, { version: 1 }, { token: manager1.accessToken });
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(8);
    expect(r.body.passes).toHaveLength(30);
    expect(r.body.reviewClock).toMatchObject({ state: 'met', breached: true });
    const issue = await t.query(
      "SELECT k.state, k.breached FROM clocks k JOIN passes p ON p.id = k.subject_id WHERE k.subject_type = 'pass' AND k.name = 'pass_issue' AND p.permit_id = ?",
      [e.id],
    );
    expect(issue).toHaveLength(30);
    expect(issue.every((k) => k.state === 'met' && Number(k.breached) === 0)).toBe(true);
    await clock(MONDAY_9);
  });

  it('revoking an approved permit revokes its passes: a reason from staff, the owner may end it', async () => {
    expect((await t.post<Err>(`/api/passes/permits/${a.id}/revoke`, { version: 2 }, { token: supervisor1.accessToken })).status).toBe(400);
    expect((await t.post<Err>(`/api/passes/permits/${a.id}/revoke`, { version: 2, reason: '违规施工' }, { token: agent1.accessToken })).status).toBe(403);
    const r = await t.post<PermitView>(`/api/passes/permits/${a.id}/revoke`, { version: 2, reason: '夜间违规施工' }, { token: supervisor1.accessToken });
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(8);
    const passes = await t.query('SELECT status, revoke_reason FROM passes WHERE permit_id = ?', [a.id]);
    expect(passes.every((p) => p.status === 'revoked' && p.revoke_reason === '夜间违规施工')).toBe(true);
    const d = await detail(a.id, zhangsan);
    expect(d.body).toMatchObject({ status: 'revoked', actions: [] });
    expect(d.body.passes[0]).toMatchObject({ validNow: false, refusal: 'revoked' });
    expect((await t.post(`/api/passes/permits/${a.id}/revoke`, { version: 3 }, { token: zhangsan.accessToken })).status).toBe(409);
  });
});
