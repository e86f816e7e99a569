import {
  ApiError,
  BindingStaffView,
  BindingView,
  CustomerVisitView,
  LoginResponse,
  NewResidentVisitView,
  Page,
  VisitIssueView,
  WorkbenchCounts,
} from '@linli/shared';
import { otherCompany, OtherCompany } from './helpers/repairs';
import { Res, TestApp } from './helpers/test-app';

type Or<T> = T & Partial<ApiError>;
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const FULL_PHONE = /1[3-9]\d{9}/;
const SHOW = !!process.env.SHOW_STATEMENTS;
const counted = (what: string, r: Res, max: number) => {
  if (SHOW) console.log(`${what}: ${statements(r)} statements`);
  expect(statements(r)).toBeLessThanOrEqual(max);
};

describe('[engage] new residents’ return visits and customer visits', () => {
  let t: TestApp;
  let sup1: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, manager1: LoginResponse, wangwu: LoginResponse;
  let far: OtherCompany;
  let r301: { id: number; communityId: number };
  let r101: { id: number; communityId: number };
  let task: NewResidentVisitView;

  const tasks = (token: string, q = '') => t.get<Or<Page<NewResidentVisitView>>>(`/api/staff/visits/new-residents${q}`, { token });
  const counts = async (token: string) => (await t.get<WorkbenchCounts>('/api/staff/workbench/counts', { token })).body.tiles['new-resident-visits'];
  const bindAndApprove = async (who: LoginResponse, roomId: number) => {
    const b = await t.post<Or<BindingView>>('/api/bindings', { roomId, relation: 'owner', name: '王五' }, { token: who.accessToken });
    expect(b.status).toBe(201);
    const a = await t.post<Or<BindingStaffView>>(
      `/api/staff/bindings/${b.body.id}/approve`,
      { version: b.body.version },
      { token: sup1.accessToken, headers: { 'x-sql-log': '1' } },
    );
    const sql = (await t.get<string[]>('/api/test/last-sql')).body;
    // the approval's write, BEGIN to COMMIT, with the task's INSERT in it: within the write budget
    const tx = sql.slice(
      sql.findIndex((s) => /^(BEGIN|START TRANSACTION)/i.test(s)),
      sql.findIndex((s) => /^COMMIT/i.test(s)) + 1,
    );
    expect(tx.some((s) => s.includes('new_resident_visits'))).toBe(true);
    if (SHOW) console.log(`binding approval: ${tx.length} statements in its transaction, ${statements(a)} in all`);
    expect(tx.length).toBeLessThanOrEqual(8);
    expect(a.status).toBe(200);
    return a;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-03-10T02:00:00.000Z' });
    [sup1, agent1, agent2, manager1] = await Promise.all(['supervisor1', 'agent1', 'agent2', 'manager1'].map((u) => t.staff(u)));
    r301 = await t.room('锦绣花园', '2栋1单元301');
    r101 = await t.room('锦绣花园', '1栋1单元101');
    far = await otherCompany(t);
  });
  afterAll(() => t?.close());

  describe('新住户回访', () => {
    it('approving a binding creates the task in the same write, due 24:00 Shanghai a month later', async () => {
      wangwu = await t.resident('wangwu');
      const approve = await bindAndApprove(wangwu, r301.id);
      const rows = await t.query('SELECT status, binding_id FROM new_resident_visits WHERE room_id = ? AND user_id = ?', [r301.id, wangwu.me.id]);
      expect(rows).toEqual([expect.objectContaining({ status: 'open', binding_id: approve.body.id })]);
      const list = await tasks(agent1.accessToken, `?communityId=${r301.communityId}`);
      expect(list.status).toBe(200);
      counted('first page of new-resident visits', list, 3);
      task = list.body.items.find((i) => i.roomId === r301.id)!;
      expect(task).toEqual(
        expect.objectContaining({
          roomLabel: '2栋1单元301',
          residentName: '王五',
          relation: 'owner',
          status: 'open',
          overdue: false,
          dueAt: '2026-04-10T16:00:00.000Z',
        }),
      );
      expect(JSON.stringify(list.body)).not.toMatch(FULL_PHONE);
      expect(await counts(agent1.accessToken)).toEqual({ toReturnVisit: 1, overdue: 0 });
    });

    it('the other company’s phone-matched binding made its own task, which nobody here sees', async () => {
      expect(await t.query('SELECT id FROM new_resident_visits WHERE room_id = ?', [far.roomId])).toHaveLength(1);
      const mine = (await tasks(agent1.accessToken)).body.items;
      expect(mine.map((i) => i.roomId)).not.toContain(far.roomId);
    });

    it('on its due day the desk is told once — agents and supervisors, inbox only, no name or room; the day before nothing', async () => {
      const told = () =>
        t.query(`SELECT recipient_id, title, body, link FROM notifications WHERE template = 'new_resident_visit_due' AND title LIKE ? ORDER BY recipient_id`, [
          '%锦绣花园%',
        ]);
      // 23:00 Shanghai the day before it is due
      await t.post('/api/test/clock', { set: '2026-04-09T15:00:00.000Z' });
      await t.post('/api/test/jobs/new-resident-visits', {});
      expect(await told()).toEqual([]);
      // 00:30 on its due day (due 24:00)
      await t.post('/api/test/clock', { set: '2026-04-09T16:30:00.000Z' });
      expect((await t.post<{ tasks: number }>('/api/test/jobs/new-resident-visits', {})).body.tasks).toBeGreaterThanOrEqual(1);
      const rows = await told();
      const to = rows.map((r: { recipient_id: number }) => Number(r.recipient_id));
      expect(to).toEqual(expect.arrayContaining([agent1.me.id, sup1.me.id]));
      expect(to).not.toContain(manager1.me.id);
      expect(to).not.toContain(agent2.me.id);
      for (const r of rows) {
        expect(r.title).toBe('新住户回访到期：锦绣花园');
        expect(r.body).toBe('1 户今天到期（24:00 前完成），请尽快回访。');
        expect(r.link).toBe('/visits/new-residents');
        expect(`${r.title}${r.body}`).not.toMatch(/王五|2栋|301/);
      }
      expect(await t.query("SELECT id FROM outbox WHERE template = 'new_resident_visit_due'")).toEqual([]);
      // once: a second run (or another instance) tells nobody again
      expect((await t.post<{ tasks: number }>('/api/test/jobs/new-resident-visits', {})).body.tasks).toBe(0);
      expect(await told()).toHaveLength(rows.length);
    });

    it('a month later it is overdue, listed under 已超时 and counted on the workbench', async () => {
      await t.post('/api/test/clock', { set: '2026-04-10T15:59:00.000Z' });
      expect((await tasks(agent1.accessToken, '?status=overdue')).body.items).toHaveLength(0);
      await t.post('/api/test/clock', { set: '2026-04-10T16:00:01.000Z' });
      const overdue = await tasks(agent1.accessToken, '?status=overdue');
      expect(overdue.body.items.map((i) => i.id)).toEqual([task.id]);
      expect(overdue.body.items[0].overdue).toBe(true);
      expect(await counts(agent1.accessToken)).toEqual({ toReturnVisit: 1, overdue: 1 });
      expect(await counts(manager1.accessToken)).toEqual({ toReturnVisit: 1, overdue: 1 });
      const wb = await t.get('/api/staff/workbench/counts', { token: sup1.accessToken });
      counted('workbench counts (supervisor, with new-resident visits)', wb, 3);
    });

    it('re-binding the same person to the same room makes no second task', async () => {
      const mine = (await t.get<BindingView[]>('/api/bindings/mine', { token: wangwu.accessToken })).body;
      expect((await t.del(`/api/bindings/${mine[0].id}`, { token: wangwu.accessToken })).status).toBe(200);
      await bindAndApprove(wangwu, r301.id);
      expect(await t.query('SELECT id FROM new_resident_visits WHERE room_id = ? AND user_id = ?', [r301.id, wangwu.me.id])).toHaveLength(1);
    });

    it('other community and other company: not found', async () => {
      expect((await tasks(agent2.accessToken)).body.items.map((i) => i.id)).not.toContain(task.id);
      expect((await tasks(agent2.accessToken, `?communityId=${r301.communityId}`)).status).toBe(404);
      const body = { version: task.version, result: 'satisfied' };
      expect((await t.post(`/api/staff/visits/new-residents/${task.id}/record`, body, { token: agent2.accessToken })).status).toBe(404);
      expect((await t.post(`/api/staff/visits/new-residents/${task.id}/record`, body, { token: far.admin.accessToken })).status).toBe(404);
    });

    it('recording closes it; the same record again is answered as is; another result or a stale version 409', async () => {
      const body = { version: task.version, result: 'satisfied', notes: '入住顺利' };
      const r = await t.post<Or<NewResidentVisitView>>(`/api/staff/visits/new-residents/${task.id}/record`, body, { token: agent1.accessToken });
      expect(r.status).toBe(200);
      counted('new-resident visit recorded', r, 8);
      expect(r.body).toEqual(expect.objectContaining({ status: 'done', result: 'satisfied', notes: '入住顺利', overdue: false, visitedByName: '张客服' }));
      const again = await t.post<Or<NewResidentVisitView>>(`/api/staff/visits/new-residents/${task.id}/record`, body, { token: agent1.accessToken });
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(r.body.version);
      const other = await t.post(`/api/staff/visits/new-residents/${task.id}/record`, { ...body, result: 'no_answer' }, { token: agent1.accessToken });
      expect(other.status).toBe(409);
      expect(await counts(agent1.accessToken)).toEqual({ toReturnVisit: 0, overdue: 0 });
      expect((await tasks(agent1.accessToken, '?status=done')).body.items.map((i) => i.id)).toContain(task.id);
      const audit = await t.query("SELECT id FROM audit_logs WHERE action = 'visit.new_resident' AND subject_id = ?", [task.id]);
      expect(audit).toHaveLength(1);
    });
  });

  describe('客户访谈', () => {
    let visit: CustomerVisitView;
    const create = (who: LoginResponse, body: unknown, headers?: Record<string, string>) =>
      t.post<Or<CustomerVisitView>>('/api/staff/visits', body, { token: who.accessToken, headers });
    const toTicket = (who: LoginResponse, v: number, i: number, body: unknown = {}) =>
      t.post<Or<VisitIssueView>>(`/api/staff/visits/${v}/issues/${i}/ticket`, body, { token: who.accessToken });

    it('manager1 records a door visit with two issues (Idempotency-Key: one visit)', async () => {
      const body = {
        communityId: r101.communityId,
        roomId: r101.id,
        mode: 'door',
        householdName: '张三',
        notes: '住户总体满意',
        issues: [
          { kind: 'repair', text: '厨房水龙头漏水' },
          { kind: 'complaint', text: '夜间装修噪音' },
        ],
      };
      const headers = { 'idempotency-key': 'visit-1' };
      const r = await create(manager1, body, headers);
      expect(r.status).toBe(201);
      counted('customer visit recorded (Idempotency-Key)', r, 10);
      visit = r.body;
      expect(visit).toEqual(expect.objectContaining({ roomLabel: '1栋1单元101', mode: 'door', deep: false, visitorName: '王经理' }));
      expect(visit.issues.map((i) => [i.kind, i.ticketNo])).toEqual([
        ['repair', null],
        ['complaint', null],
      ]);
      const again = await create(manager1, body, headers);
      expect(again.body.id).toBe(visit.id);
      expect(await t.query('SELECT id FROM customer_visits WHERE room_id = ?', [r101.id])).toHaveLength(1);
    });

    it('an issue becomes a repair in one tap, linked both ways and in the repairs inbox; a second tap answers the same', async () => {
      const r = await toTicket(manager1, visit.id, visit.issues[0].id, { category: 'water' });
      expect(r.status).toBe(200);
      counted('visit issue turned into a repair', r, 10);
      expect(r.body.ticketNo).toMatch(/^BX/);
      const [ticket] = await t.query('SELECT id, kind, channel, room_id, description FROM tickets WHERE id = ?', [r.body.ticketId]);
      expect(ticket).toEqual(expect.objectContaining({ kind: 'repair', channel: 'visit', description: '厨房水龙头漏水' }));
      expect(Number(ticket.room_id)).toBe(r101.id);
      const inbox = await t.get<Page<{ id: number; no: string }>>('/api/staff/repairs?status=open', { token: agent1.accessToken });
      expect(inbox.body.items.map((i) => i.no)).toContain(r.body.ticketNo);
      const again = await toTicket(manager1, visit.id, visit.issues[0].id, { category: 'water' });
      expect(again.body.ticketId).toBe(r.body.ticketId);
      expect(await t.query("SELECT id FROM tickets WHERE description = '厨房水龙头漏水'")).toHaveLength(1);
      const detail = await t.get<Or<CustomerVisitView>>(`/api/staff/visits/${visit.id}`, { token: agent1.accessToken });
      counted('customer visit detail', detail, 4);
      expect(detail.body.issues[0].ticketNo).toBe(r.body.ticketNo);
    });

    it('the complaint issue becomes a complaint (channel visit)', async () => {
      const r = await toTicket(agent1, visit.id, visit.issues[1].id);
      expect(r.status).toBe(200);
      expect(r.body.ticketNo).toMatch(/^TS/);
      const [ticket] = await t.query('SELECT kind, channel FROM tickets WHERE id = ?', [r.body.ticketId]);
      expect(ticket).toEqual({ kind: 'complaint', channel: 'visit' });
    });

    it('deep visits are the manager’s; a door visit needs a room; no future visits', async () => {
      expect((await create(agent1, { communityId: r101.communityId, roomId: r101.id, mode: 'door', deep: true })).status).toBe(403);
      expect((await create(agent1, { communityId: r101.communityId, mode: 'door' })).status).toBe(400);
      expect((await create(agent1, { communityId: r101.communityId, mode: 'random', visitedAt: '2027-01-01T00:00:00.000Z' })).status).toBe(400);
      const deep = await create(manager1, { communityId: r101.communityId, roomId: r301.id, mode: 'phone', deep: true });
      expect(deep.status).toBe(201);
      expect(deep.body.deep).toBe(true);
      const random = await create(agent1, { communityId: r101.communityId, mode: 'random', householdName: '遛狗的住户' });
      expect(random.status).toBe(201);
      expect(random.body.roomId).toBeNull();
      const list = await t.get<Page<{ id: number }>>(`/api/staff/visits?communityId=${r101.communityId}`, { token: agent1.accessToken });
      counted('first page of customer visits', list, 3);
      expect(list.body.items.map((i) => i.id)).toEqual([random.body.id, deep.body.id, visit.id]);
    });

    it('other community, other company: not found, nothing written', async () => {
      expect((await t.get(`/api/staff/visits/${visit.id}`, { token: agent2.accessToken })).status).toBe(404);
      expect((await t.get(`/api/staff/visits/${visit.id}`, { token: far.admin.accessToken })).status).toBe(404);
      expect((await toTicket(agent2, visit.id, visit.issues[0].id)).status).toBe(404);
      expect((await toTicket(far.admin, visit.id, visit.issues[1].id)).status).toBe(404);
      expect((await create(agent2, { communityId: r101.communityId, roomId: r101.id, mode: 'phone' })).status).toBe(404);
      expect((await create(far.admin, { communityId: r101.communityId, mode: 'random' })).status).toBe(404);
      expect((await create(manager1, { communityId: far.communityId, roomId: far.roomId, mode: 'phone' })).status).toBe(404);
      // a room of another community under this community's id
      const chy = await t.room('翠湖苑', '1栋1单元101');
      expect((await create(manager1, { communityId: r101.communityId, roomId: chy.id, mode: 'phone' })).status).toBe(404);
      expect((await t.get(`/api/staff/visits/coverage?communityId=${r101.communityId}`, { token: agent1.accessToken })).status).toBe(403);
      expect((await t.get(`/api/staff/visits/coverage?communityId=${r101.communityId}`, { token: far.admin.accessToken })).status).toBe(404);
    });
  });
});
