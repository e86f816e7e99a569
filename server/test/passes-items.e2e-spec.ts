import { ItemReleaseView, LoginResponse } from '@linli/shared';
import { otherCompany } from './helpers/repairs';
import { parkitemsApi, statements } from './helpers/passes-parkitems';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: unknown };
const T0 = '2026-12-03T02:00:00.000Z'; // Thu 10:00 Shanghai
const near = (iso: string, want: string) => Math.abs(Date.parse(iso) - Date.parse(want)) < 5_000;

describe('passes: large-item release (大件物品放行) — tenant → owner consent, overdue bills refusal and supervisor override, the 1-hour clock', () => {
  let t: TestApp;
  let api: ReturnType<typeof parkitemsApi>;
  let agent1: LoginResponse, agent2: LoginResponse, supervisor1: LoginResponse, guard1: LoginResponse;
  let zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let jxhy: number, room101: number, room202: number;
  const log = { 'x-sql-log': '1' };
  const request = (roomId: number, over: Record<string, unknown> = {}) => ({
    roomId,
    items: [
      { name: '沙发', quantity: 1 },
      { name: '冰箱', quantity: 1 },
    ],
    date: '2026-12-05',
    from: '09:00',
    to: '11:00',
    ...over,
  });
  const apply = (who: LoginResponse, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.post<ItemReleaseView & Err>('/api/passes/items', body, { token: who.accessToken, headers: { ...log, ...headers } });
  const queue = async (who: LoginResponse) =>
    t.get<ItemReleaseView[] & Err>(`/api/passes/items/review?communityId=${jxhy}`, { token: who.accessToken, headers: log });
  const clockOf = async (id: number) =>
    (await t.query("SELECT state, started_at, due_at, breached FROM clocks WHERE subject_type = 'pass' AND subject_id = ?", [id]))[0];

  beforeAll(async () => {
    t = await TestApp.start();
    api = parkitemsApi(t);
    await api.setClock(T0);
    [agent1, agent2, supervisor1, guard1] = await Promise.all(['agent1', 'agent2', 'supervisor1', 'guard1'].map((u) => t.staff(u)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    const r = await t.room('锦绣花园', '2栋2单元202');
    room202 = r.id;
    jxhy = r.communityId;
    // 张三 also owns 2栋2单元202, where 李四 is the tenant
    const [zs] = await t.query("SELECT id FROM users WHERE name = '张三'");
    await t.query(
      `INSERT INTO room_bindings (company_id, community_id, room_id, user_id, relation, status, name, verified_by, reject_reason, decided_by, decided_at, version, created_at)
       VALUES (1, ?, ?, ?, 'owner', 'approved', '张三', 'staff', NULL, NULL, '2026-11-01 00:00:00.000', 1, '2026-11-01 00:00:00.000')`,
      [jxhy, room202, zs.id],
    );
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
  });
  afterAll(() => t?.close());

  it('refuses bad requests with readable reasons, other rooms and staff', async () => {
    expect((await apply(zhangsan, request(room101, { items: [] }))).status).toBe(400);
    expect((await apply(zhangsan, request(room101, { items: Array(21).fill({ name: '箱子', quantity: 1 }) }))).status).toBe(400);
    expect((await apply(zhangsan, request(room101, { items: [{ name: '', quantity: 1 }] }))).status).toBe(400);
    const past = await apply(zhangsan, request(room101, { date: '2026-12-02' }));
    expect([past.status, past.body.message]).toEqual([400, '放行日期不能早于今天']);
    expect((await apply(zhangsan, request(room101, { date: '2027-02-01' }))).status).toBe(400);
    expect((await apply(zhangsan, request(room101, { from: '11:00', to: '09:00' }))).status).toBe(400);
    expect((await apply(lisi, request(room101))).status).toBe(404);
    expect((await apply(chenliu, request(room101))).status).toBe(404);
    expect((await t.post('/api/passes/items', request(room101), { token: agent1.accessToken })).status).toBe(403);
  });

  let own: ItemReleaseView;
  it('an owner’s request goes straight to the staff queue with the 1-hour clock running from submission', async () => {
    const r = await apply(zhangsan, request(room101), { 'Idempotency-Key': 'items-1' });
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(10);
    own = r.body;
    expect(own).toMatchObject({
      status: 'review',
      byTenant: false,
      date: '2026-12-05',
      items: [
        { name: '沙发', quantity: 1 },
        { name: '冰箱', quantity: 1 },
      ],
    });
    expect(Date.parse(own.clock!.dueAt) - Date.parse(own.clock!.startedAt)).toBe(60 * 60_000);
    const stored = await clockOf(own.id);
    expect(stored).toMatchObject({ state: 'running' });
    expect((await apply(zhangsan, request(room101), { 'Idempotency-Key': 'items-1' })).body.id).toBe(own.id);
    const mine = await t.get<ItemReleaseView[]>('/api/passes/items/mine', { token: zhangsan.accessToken, headers: log });
    expect(mine.body.map((p) => p.id)).toEqual([own.id]);
    expect(statements(mine)).toBeLessThanOrEqual(3);
  });

  let tenant: ItemReleaseView;
  it('a tenant’s request waits for the owner, who agrees in the app: the clock starts at the consent', async () => {
    const r = await apply(lisi, request(room202, { items: [{ name: '衣柜', quantity: 2 }] }));
    expect(r.status).toBe(201);
    tenant = r.body;
    expect(tenant).toMatchObject({ status: 'pending_consent', byTenant: true, clock: null, holderName: '李四' });
    expect(await clockOf(tenant.id)).toBeUndefined();
    const told = await t.query("SELECT recipient_id, link FROM notifications WHERE template = 'item_release_consent'");
    expect(told).toEqual([{ recipient_id: zhangsan.me.id, link: '/passes/items/consents' }].map((x) => expect.objectContaining(x)));
    // not in the staff queue yet; nobody but the owner can answer
    expect((await queue(agent1)).body.map((p) => p.id)).toEqual([own.id]);
    const list = await t.get<ItemReleaseView[]>('/api/passes/items/consents', { token: zhangsan.accessToken });
    expect(list.body).toEqual([expect.objectContaining({ id: tenant.id, holderName: '李四', holderPhone: '138****0012', roomLabel: '2栋2单元202' })]);
    expect((await t.get<ItemReleaseView[]>('/api/passes/items/consents', { token: lisi.accessToken })).body).toEqual([]);
    const body = { version: tenant.version, agree: true };
    expect((await t.post(`/api/passes/items/${tenant.id}/consent`, body, { token: lisi.accessToken })).status).toBe(404);
    expect((await t.post(`/api/passes/items/${tenant.id}/consent`, body, { token: chenliu.accessToken })).status).toBe(404);
    expect((await t.post(`/api/passes/items/${tenant.id}/consent`, { ...body, version: 9 }, { token: zhangsan.accessToken })).status).toBe(409);
    await api.setClock('2026-12-03T02:30:00.000Z');
    const ok = await t.post(`/api/passes/items/${tenant.id}/consent`, body, { token: zhangsan.accessToken, headers: log });
    expect(ok.body).toMatchObject({ status: 'review', version: 2 });
    expect(statements(ok)).toBeLessThanOrEqual(8);
    const clock = await clockOf(tenant.id);
    expect(clock.state).toBe('running');
    expect((await t.post(`/api/passes/items/${tenant.id}/consent`, { ...body, version: 2 }, { token: zhangsan.accessToken })).status).toBe(409);
    const q = await queue(agent1);
    const item = q.body.find((p) => p.id === tenant.id)!;
    expect(near(item.clock!.startedAt, '2026-12-03T02:30:00.000Z')).toBe(true);
    expect(item.timeline.map((e) => e.text)).toEqual(['租户提交申请，等待业主同意', '业主已同意，等待物业审核']);
  });

  it('an owner may refuse: returned with the reason, the tenant told', async () => {
    const r = (await apply(lisi, request(room202, { items: [{ name: '钢琴', quantity: 1 }] }))).body;
    const no = await t.post(`/api/passes/items/${r.id}/consent`, { version: 1, agree: false, reason: '钢琴是房东的' }, { token: zhangsan.accessToken });
    expect(no.body).toMatchObject({ status: 'returned' });
    const mine = (await t.get<ItemReleaseView[]>('/api/passes/items/mine', { token: lisi.accessToken })).body;
    expect(mine.find((p) => p.id === r.id)).toMatchObject({ status: 'returned', reviewNote: '业主不同意：钢琴是房东的' });
    const told = await t.query("SELECT title FROM notifications WHERE template = 'pass_decided' AND recipient_id = ?", [lisi.me.id]);
    expect(told).toEqual([{ title: '大件物品放行未获业主同意' }]);
  });

  it('a room with overdue bills is refused unless a supervisor overrides with a reason, kept on the timeline', async () => {
    await t.query(
      `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
         late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at)
       VALUES (1, ?, ?, NULL, '2026-10', 'e2e:overdue', '物业服务费', 'owner', 16121, '{}', '2026-11-15', 0, 0, NULL, 0, 0, 0, 'open', NULL, 1,
         '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')`,
      [jxhy, room202],
    );
    const q = await queue(agent1);
    expect(statements(q)).toBeLessThanOrEqual(3);
    expect(q.body.find((p) => p.id === tenant.id)).toMatchObject({ overdue: { lines: 1, openCents: 16121 } });
    expect(q.body.find((p) => p.id === own.id)).toMatchObject({ overdue: null });
    const refused = await t.post<Err>(`/api/passes/items/${tenant.id}/approve`, { version: 2 }, { token: agent1.accessToken });
    expect([refused.status, refused.body.message]).toEqual([409, expect.stringContaining('1 笔逾期未缴费用（本金 ¥161.21）')]);
    const agentOverride = await t.post<Err>(
      `/api/passes/items/${tenant.id}/approve`,
      { version: 2, overrideReason: '搬家公司已到' },
      { token: agent1.accessToken },
    );
    expect(agentOverride.status).toBe(403);
    expect((await t.post(`/api/passes/items/${tenant.id}/approve`, { version: 2, overrideReason: 'x' }, { token: supervisor1.accessToken })).status).toBe(400);
    const ok = await t.post(
      `/api/passes/items/${tenant.id}/approve`,
      { version: 2, overrideReason: '业主已承诺本周内缴清' },
      { token: supervisor1.accessToken, headers: log },
    );
    expect(ok.body).toMatchObject({ status: 'active', version: 3 });
    expect(statements(ok)).toBeLessThanOrEqual(8);
    const one = (await t.get<ItemReleaseView>(`/api/passes/items/${tenant.id}`, { token: agent1.accessToken })).body;
    expect(one).toMatchObject({ status: 'active', override: { byName: '李主管', reason: '业主已承诺本周内缴清', overdueCents: 16121 } });
    expect(one.timeline.map((e) => e.text)).toEqual([
      '租户提交申请，等待业主同意',
      '业主已同意，等待物业审核',
      '李主管 欠费放行（逾期 ¥161.21）：业主已承诺本周内缴清',
      '李主管 审核通过，已签发放行条',
    ]);
    const [pass] = await t.query('SELECT entries_total, valid_from, valid_until, issued_at FROM passes WHERE id = ?', [tenant.id]);
    expect(Number(pass.entries_total)).toBe(1);
    expect((await clockOf(tenant.id)).state).toBe('met');
    // the tenant sees it issued, without the owner's bills
    const mine = (await t.get<ItemReleaseView>(`/api/passes/items/${tenant.id}`, { token: lisi.accessToken })).body;
    expect(mine).toMatchObject({ status: 'active', overdue: null });
  });

  it('no overdue bills: an agent approves within the hour, or returns with a reason; version-checked; scoped', async () => {
    expect((await t.post(`/api/passes/items/${own.id}/approve`, { version: 1 }, { token: agent2.accessToken })).status).toBe(404);
    expect((await t.post(`/api/passes/items/${own.id}/approve`, { version: 1 }, { token: guard1.accessToken })).status).toBe(403);
    expect((await queue(agent2)).status).toBe(404);
    const ok = await t.post(`/api/passes/items/${own.id}/approve`, { version: 1 }, { token: agent1.accessToken });
    expect(ok.body).toMatchObject({ status: 'active' });
    expect(Number((await clockOf(own.id)).breached)).toBe(0);
    expect((await t.post(`/api/passes/items/${own.id}/approve`, { version: 2 }, { token: agent1.accessToken })).status).toBe(409);

    const next = (await apply(zhangsan, request(room101, { date: '2026-12-06' }))).body;
    const back = await t.post(`/api/passes/items/${next.id}/return`, { version: 1, reason: '当天电梯检修，请改期' }, { token: agent1.accessToken });
    expect(back.body).toMatchObject({ status: 'returned' });
    expect((await clockOf(next.id)).state).toBe('cancelled');
    const late = (await apply(zhangsan, request(room101, { date: '2026-12-07' }))).body;
    await t.post('/api/test/clock', { advanceMs: 61 * 60_000 });
    await t.post(`/api/passes/items/${late.id}/approve`, { version: 1 }, { token: agent1.accessToken });
    expect(Number((await clockOf(late.id)).breached)).toBe(1);

    const far = await otherCompany(t);
    expect((await t.get(`/api/passes/items/${own.id}`, { token: far.admin.accessToken })).status).toBe(404);
    expect((await t.get(`/api/passes/items/${own.id}`, { token: chenliu.accessToken })).status).toBe(404);
    expect((await t.get(`/api/passes/items/review?communityId=${jxhy}`, { token: far.admin.accessToken })).status).toBe(404);
  });
  it('a resident withdraws a request not yet decided; the clock is cancelled', async () => {
    const p = (await apply(zhangsan, request(room101, { date: '2026-12-08' }))).body;
    expect((await t.post(`/api/passes/items/${p.id}/cancel`, { version: 1 }, { token: lisi.accessToken })).status).toBe(404);
    const ok = await t.post(`/api/passes/items/${p.id}/cancel`, { version: 1 }, { token: zhangsan.accessToken });
    expect(ok.body).toMatchObject({ status: 'cancelled' });
    expect((await clockOf(p.id)).state).toBe('cancelled');
    expect((await t.post(`/api/passes/items/${own.id}/cancel`, { version: 2 }, { token: zhangsan.accessToken })).status).toBe(409);
  });

  it('the guard lets the items out once on the chosen day: a release is used on the way out, not in', async () => {
    await t.post('/api/test/clock', { set: '2026-12-05T02:00:00.000Z' }); // 10:00 in Shanghai on the release day
    const scan = async (direction: 'in' | 'out') => {
      const code = (await t.get<{ code: string }>(`/api/passes/${own.id}/code`, { token: zhangsan.accessToken })).body.code;
      return (await t.post<{ result: string; reason: string | null }>('/api/passes/verify', { code, direction, gate: '北门' }, { token: guard1.accessToken }))
        .body;
    };
    expect(await scan('in')).toMatchObject({ result: 'green' });
    expect(await scan('out')).toMatchObject({ result: 'green' });
    expect(await scan('out')).toMatchObject({ result: 'red', reason: 'used_up' });
  });

  it('a release not decided within the hour is escalated by the sweeper as TX<id>, with no names or items in the texts', async () => {
    const p = (await apply(lisi, request(room202, { date: '2026-12-09', items: [{ name: '钢琴', quantity: 1 }] }))).body;
    await t.post(`/api/passes/items/${p.id}/consent`, { version: p.version, agree: true }, { token: zhangsan.accessToken });
    expect((await clockOf(p.id)).state).toBe('running');
    await t.post('/api/test/clock', { advanceMs: 61 * 60_000 });
    expect((await t.post<{ fired: number }>('/api/test/jobs/sla-sweep')).body.fired).toBeGreaterThan(0);
    const esc = await t.query("SELECT title, body FROM notifications WHERE template = 'clock_escalation' AND link = ?", [`/passes/${p.id}`]);
    expect(esc.length).toBeGreaterThan(0);
    expect(esc[0].title).toContain(`TX${p.id}`);
    expect(esc[0].title).toContain('大件物品放行签发');
    const out = JSON.stringify(esc) + JSON.stringify(await t.query("SELECT payload FROM outbox WHERE template = 'clock_escalation'"));
    for (const secret of ['钢琴', '李四', '张三']) expect(out).not.toContain(secret);
    const [k] = await t.query("SELECT escalation_level FROM clocks WHERE subject_type = 'pass' AND subject_id = ?", [p.id]);
    expect(Number(k.escalation_level)).toBeGreaterThan(0);
  });
});
