import { LoginResponse } from '@linli/shared';
import { statementBudgets } from './helpers/budgets';
import { complaintsApi, desk, Desk } from './helpers/complaints';
import { RepairStatus } from '@linli/shared';
import { Cast, DAY, newStaff, repairsApi } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

let t: TestApp;
const { budget, print } = statementBudgets(() => t);

describe('perf budgets: SQL statements per request', () => {
  let d: Desk;
  let repairs: ReturnType<typeof repairsApi>;
  let complaints: ReturnType<typeof complaintsApi>;
  let extra: LoginResponse[];
  const log = { headers: { 'x-sql-log': '1' } };
  const post = (token: string, path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.post(path, body, { token, headers: { ...log.headers, ...headers } });
  const get = (token: string, path: string) => t.get(path, { token, ...log });
  /** the request once unmeasured (warms caches and prepared paths), then measured */
  const warm = async (token: string, path: string) => {
    await t.get(path, { token });
    return get(token, path);
  };
  const act = async (kind: 'repairs' | 'complaints', token: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const version = Number((await t.query('SELECT version FROM tickets WHERE id = ?', [id]))[0].version);
    return post(token, `/api/${kind}/${id}/actions/${action}`, { version, ...body });
  };

  beforeAll(async () => {
    t = await TestApp.start();
    d = await desk(t);
    repairs = repairsApi(t);
    complaints = complaintsApi(t);
    await repairs.clockSet('2026-11-23T10:00:00+08:00');
    // many recipients: the cost of a create must not grow with them
    const cid = d.room101.communityId;
    extra = [];
    for (let i = 0; i < 4; i++) extra.push(await newStaff(t, d.admin, `perf-sup-${i}`, `压测主管${i}`, ['supervisor'], [cid]));
    for (let i = 0; i < 4; i++) extra.push(await newStaff(t, d.admin, `perf-agent-${i}`, `压测客服${i}`, ['agent'], [cid]));
    for (const who of [d.agent1, ...extra.slice(4)]) {
      const r = await t.post('/api/staff/duty/sign-in', { communityId: cid }, { token: who.accessToken });
      if (r.status !== 200) throw new Error(`sign-in → ${r.status} ${JSON.stringify(r.body)}`);
    }
    // warm: each caller's first request
    for (const who of [d.zhangsan, d.agent1, d.tech1, d.supervisor1, d.manager1]) await t.get('/api/me', { token: who.accessToken });
  });
  afterAll(async () => {
    print('tickets, visits, notices');
    await t.close();
  });

  const water = () => ({ category: 'water', description: '预算：厨房水龙头漏水', roomId: d.room101.id });
  const hotline = () => ({
    channel: 'hotline',
    communityId: d.room101.communityId,
    roomId: d.room101.id,
    category: 'electric',
    description: '预算：卧室灯不亮',
    contactName: '张三',
    contactPhone: '13800000001',
  });
  const complaint = () => ({ kind: 'complaint', category: 'service_attitude', text: '预算：前台态度生硬', roomId: d.room101.id });

  describe('creates (whatever the number of recipients)', () => {
    it('has enough recipients to matter', async () => {
      const onDuty = await t.query(
        "SELECT COUNT(DISTINCT user_id) AS n FROM duty_shifts WHERE signed_in_at IS NOT NULL AND signed_out_at IS NULL AND role = 'agent'",
      );
      expect(Number(onDuty[0].n)).toBeGreaterThanOrEqual(5);
    });
    budget('resident files a repair', 8, () => post(d.zhangsan.accessToken, '/api/repairs', water()));
    budget('resident files a repair with Idempotency-Key', 10, () =>
      post(d.zhangsan.accessToken, '/api/repairs', water(), { 'Idempotency-Key': 'budget-repair-1' }),
    );
    budget('resident files a repair in a public place', 8, () =>
      post(d.zhangsan.accessToken, '/api/repairs', {
        category: 'electric',
        description: '预算：楼道灯坏了',
        communityId: d.room101.communityId,
        publicLocation: '1栋大堂',
      }),
    );
    budget('staff intake of a repair', 8, () => post(d.agent1.accessToken, '/api/staff/repairs', hotline()));
    budget('resident files an emergency repair (accepted in the same transaction)', 8, () =>
      post(d.zhangsan.accessToken, '/api/repairs', { ...water(), emergency: 'leak' }),
    );
    budget('staff intake of a repair given a tier (accepted in the same transaction)', 8, () =>
      post(d.agent1.accessToken, '/api/staff/repairs', { ...hotline(), tier: 'urgent' }),
    );
    budget('staff intake of a repair with Idempotency-Key', 10, () =>
      post(d.agent1.accessToken, '/api/staff/repairs', hotline(), { 'Idempotency-Key': 'budget-intake-1' }),
    );
    budget('resident files a complaint', 8, () => post(d.zhangsan.accessToken, '/api/complaints', complaint()));
    budget('resident files a complaint with Idempotency-Key', 10, () =>
      post(d.zhangsan.accessToken, '/api/complaints', complaint(), { 'Idempotency-Key': 'budget-complaint-1' }),
    );
    budget('staff intake of a complaint', 8, () =>
      post(d.agent1.accessToken, '/api/staff/complaints', {
        channel: 'hotline',
        kind: 'complaint',
        category: 'service_attitude',
        text: '预算：保安态度差',
        communityId: d.room101.communityId,
        roomId: d.room101.id,
      }),
    );
  });

  describe('state changes of a repair', () => {
    let id: number;
    beforeAll(async () => {
      id = (await repairs.file(d.zhangsan.accessToken, d.room101.id)).id;
    });
    budget('repair accept', 8, () => act('repairs', d.agent1.accessToken, id, 'accept', { tier: 'normal' }));
    budget('repair dispatch', 8, () => act('repairs', d.agent1.accessToken, id, 'dispatch', { technicianId: d.tech1.me.id }));
    budget('repair propose_time by the technician', 8, () =>
      act('repairs', d.tech1.accessToken, id, 'propose_time', { visitAt: new Date(Date.parse('2026-11-23T10:00:00+08:00') + DAY).toISOString() }),
    );
    budget('repair accept_time by the resident', 8, () => act('repairs', d.zhangsan.accessToken, id, 'accept_time'));
    budget('repair arrive', 8, () => act('repairs', d.tech1.accessToken, id, 'arrive'));
    budget('repair complete', 8, () => act('repairs', d.tech1.accessToken, id, 'complete', { freeOfCharge: true }));
    budget('repair confirm', 8, () => act('repairs', d.zhangsan.accessToken, id, 'confirm'));
    budget('repair rate', 8, () => act('repairs', d.zhangsan.accessToken, id, 'rate', { rating: 5 }));
    budget('repair urge', 8, async () => {
      const other = (await repairs.file(d.zhangsan.accessToken, d.room101.id)).id;
      return act('repairs', d.zhangsan.accessToken, other, 'urge');
    });
  });

  describe('every other state change of a repair (one read, one clock upsert, whatever the clocks do)', () => {
    let cast: Cast;
    let tech2: LoginResponse;
    const visitAt = () => new Date(Date.parse('2026-11-23T10:00:00+08:00') + DAY).toISOString();
    const at = async (state: RepairStatus) => (await repairs.orderIn(cast, state)).id;
    beforeAll(async () => {
      cast = { resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id };
      tech2 = await newStaff(t, d.admin, 'perf-tech-2', '压测师傅', ['technician'], [d.room101.communityId]);
    });
    budget('repair change_tier', 8, async () =>
      act('repairs', d.agent1.accessToken, await at('dispatched'), 'change_tier', { tier: 'urgent', reason: '漏水加重' }),
    );
    budget('repair propose_time', 8, async () => act('repairs', d.zhangsan.accessToken, await at('dispatched'), 'propose_time', { visitAt: visitAt() }));
    budget('repair accept_time by the technician', 8, async () => {
      const o = await at('dispatched');
      await repairs.step(d.zhangsan.accessToken, o, 'propose_time', { visitAt: visitAt() });
      return act('repairs', d.tech1.accessToken, o, 'accept_time');
    });
    budget('repair schedule by the desk (a time agreed on the phone)', 8, async () =>
      act('repairs', d.agent1.accessToken, await at('dispatched'), 'schedule', { visitAt: visitAt() }),
    );
    budget('repair hold', 8, async () => act('repairs', d.tech1.accessToken, await at('scheduled'), 'hold', { holdReason: 'parts' }));
    budget('repair resume', 8, async () => act('repairs', d.tech1.accessToken, await at('on_hold'), 'resume'));
    budget('repair reassign of a held order (clocks resumed)', 8, async () =>
      act('repairs', d.agent1.accessToken, await at('on_hold'), 'reassign', { technicianId: tech2.me.id, reason: '原师傅请假' }),
    );
    budget('repair complete with price lines and photos', 8, async () => {
      const id = await at('in_progress');
      const items = (await t.get<{ id: number }[]>('/api/price-items', { token: d.tech1.accessToken })).body;
      const photo = await repairs.photo(d.tech1.accessToken);
      const lines = items.slice(0, 2).map((i) => ({ priceItemId: i.id, quantity: 2 }));
      return act('repairs', d.tech1.accessToken, id, 'complete', { freeOfCharge: false, lines, photoIds: [photo.id] });
    });
    budget('repair dispute', 8, async () => act('repairs', d.zhangsan.accessToken, await at('completed'), 'dispute', { reason: '还在漏水' }));
    budget('repair dispatch of a reopened order (arrival restarted)', 8, async () =>
      act('repairs', d.agent1.accessToken, await at('reopened'), 'dispatch', { technicianId: d.tech1.me.id }),
    );
    budget('repair return_visit, dissatisfied (dispatch restarted)', 8, async () =>
      act('repairs', d.agent1.accessToken, await at('confirmed'), 'return_visit', { satisfied: false, notes: '仍有异响' }),
    );
    budget('repair return_visit, satisfied (closed)', 8, async () =>
      act('repairs', d.agent1.accessToken, await at('confirmed'), 'return_visit', { satisfied: true }),
    );
    budget('repair cancel by staff', 8, async () => act('repairs', d.agent1.accessToken, await at('scheduled'), 'cancel', { reason: '住户已自行修好' }));
    budget('repair cancel by the resident', 8, async () => act('repairs', d.zhangsan.accessToken, await at('submitted'), 'cancel'));
  });

  describe('state changes of a complaint', () => {
    let id: number;
    let b: number;
    let c3: number;
    beforeAll(async () => {
      id = (await complaints.file(d.zhangsan.accessToken, d.room101.id)).id;
      b = (await complaints.file(d.zhangsan.accessToken, d.room101.id)).id;
      await complaints.step(d.agent1.accessToken, b, 'classify', { complaintClass: 1 });
      c3 = (await complaints.file(d.zhangsan.accessToken, d.room101.id, { category: 'municipal_facilities', text: '预算：门口路灯坏了' })).id;
      // the working calendar is cached per process, checked by a stamp read in the ticket's own load: warm, as on any
      // server that has taken a written-reply request since it started
      await complaints.file(d.zhangsan.accessToken, d.room101.id, { writtenReplyWanted: true });
    });
    budget('complaint classify', 8, () => act('complaints', d.agent1.accessToken, id, 'classify', { complaintClass: 1 }));
    budget('complaint reply', 8, () => act('complaints', d.agent1.accessToken, id, 'reply', { content: '已约谈当事员工，向您致歉' }));
    budget('complaint resolve', 8, () => act('complaints', d.agent1.accessToken, id, 'resolve', { measures: '已约谈当事员工' }));
    budget('complaint confirm', 8, () => act('complaints', d.zhangsan.accessToken, id, 'confirm'));
    budget('complaint return visit', 8, () => act('complaints', d.agent1.accessToken, id, 'return_visit', { satisfied: true, notes: '电话回访满意' }));
    budget('complaint rate', 8, () => act('complaints', d.zhangsan.accessToken, id, 'rate', { rating: 5 }));

    budget('complaint set resolution due', 8, () => act('complaints', d.agent1.accessToken, b, 'set_resolution_due', { dueDate: '2026-11-25' }));
    budget('complaint follow-up', 8, () => act('complaints', d.zhangsan.accessToken, b, 'follow_up', { content: '请尽快处理' }));
    budget('complaint follow-up asking for a written reply', 8, () =>
      act('complaints', d.zhangsan.accessToken, b, 'follow_up', { content: '请书面答复', writtenReplyWanted: true }),
    );
    budget('complaint reply (written)', 8, () => act('complaints', d.agent1.accessToken, b, 'reply', { content: '书面答复：已处理', written: true }));
    budget('complaint resolve, then reopen', 8, async () => {
      await complaints.step(d.agent1.accessToken, b, 'resolve', { measures: '已处理' });
      return act('complaints', d.zhangsan.accessToken, b, 'reopen', { reason: '还是没解决' });
    });
    budget('complaint reclassify to class 2 (explicit owner)', 8, () =>
      act('complaints', d.agent1.accessToken, b, 'reclassify', { complaintClass: 2, reason: '涉及开发商', ownerId: d.supervisor1.me.id }),
    );
    budget('complaint record developer contact', 8, () =>
      act('complaints', d.supervisor1.accessToken, b, 'record_developer_contact', { content: '开发商答应处理', contactPerson: '王工' }),
    );
    budget('complaint issue notice', 8, () => act('complaints', d.supervisor1.accessToken, b, 'issue_notice', { content: '请处理' }));
    budget('complaint reassign', 8, () => act('complaints', d.supervisor1.accessToken, b, 'reassign', { assigneeId: extra[0].me.id, reason: '轮岗' }));

    budget('complaint classify as class 3 (routed to the least-loaded manager)', 8, () =>
      act('complaints', d.agent1.accessToken, c3, 'classify', { complaintClass: 3 }),
    );
    budget('complaint appoint coordinator', 8, () =>
      act('complaints', d.manager1.accessToken, c3, 'appoint_coordinator', { assigneeId: d.agent1.me.id, content: '对接路灯所' }),
    );
    budget('complaint record authority report', 8, () =>
      act('complaints', d.agent1.accessToken, c3, 'record_authority_report', { authority: '市政路灯所', content: '已书面报告' }),
    );
    budget('complaint cancel (resident)', 8, async () => {
      const other = (await complaints.file(d.zhangsan.accessToken, d.room101.id)).id;
      return act('complaints', d.zhangsan.accessToken, other, 'cancel', { reason: '已自行解决' });
    });
  });

  describe('reads', () => {
    let repairId: number;
    let complaintId: number;
    beforeAll(async () => {
      repairId = (await repairs.orderIn({ resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id }, 'in_progress')).id;
      complaintId = (await complaints.file(d.zhangsan.accessToken, d.room101.id)).id;
      await complaints.step(d.agent1.accessToken, complaintId, 'classify', { complaintClass: 1 });
      await complaints.step(d.agent1.accessToken, complaintId, 'reply', { content: '收到，正在处理' });
    });
    budget('GET /api/me', 2, () => warm(d.zhangsan.accessToken, '/api/me'));
    budget('GET /api/me (staff)', 2, () => warm(d.agent1.accessToken, '/api/me'));
    budget('repair detail (resident)', 4, () => warm(d.zhangsan.accessToken, `/api/repairs/${repairId}`));
    budget('repair detail (desk)', 4, () => warm(d.agent1.accessToken, `/api/repairs/${repairId}`));
    budget('complaint detail (resident)', 4, () => warm(d.zhangsan.accessToken, `/api/complaints/${complaintId}`));
    budget('complaint detail (desk)', 4, () => warm(d.agent1.accessToken, `/api/complaints/${complaintId}`));
    budget("first page of the resident's repairs", 3, () => warm(d.zhangsan.accessToken, '/api/repairs/mine'));
    budget('first page of the staff repairs', 3, () => warm(d.agent1.accessToken, '/api/staff/repairs'));
    budget('first page of the staff repairs, inbox order', 3, () => warm(d.agent1.accessToken, '/api/staff/repairs?sort=inbox&status=open'));
    budget("first page of the technician's repairs", 3, () => warm(d.tech1.accessToken, '/api/staff/repairs'));
    budget("first page of the resident's complaints", 3, () => warm(d.zhangsan.accessToken, '/api/complaints/mine'));
    budget('first page of the staff complaints', 3, () => warm(d.agent1.accessToken, '/api/staff/complaints'));
    budget("first page of the agent's complaint inbox", 3, () => warm(d.agent1.accessToken, '/api/staff/complaints?inbox=agent'));
    budget("first page of the supervisor's complaint inbox", 3, () => warm(d.supervisor1.accessToken, '/api/staff/complaints?inbox=supervisor'));
    budget("first page of the manager's complaint inbox", 3, () => warm(d.manager1.accessToken, '/api/staff/complaints?inbox=manager&status=open'));
    budget('complaint owner candidates', 3, () => warm(d.agent1.accessToken, `/api/staff/complaint-owners?communityId=${d.room101.communityId}`));
    budget('first page of the notifications', 3, () => warm(d.agent1.accessToken, '/api/notifications'));
    budget('workbench counts (agent: repairs and complaints)', 3, () => warm(d.agent1.accessToken, '/api/staff/workbench/counts'));
    budget('workbench counts (supervisor: also binding approvals)', 3, () => warm(d.supervisor1.accessToken, '/api/staff/workbench/counts'));
    budget('first page of the new-resident return visits', 3, () => warm(d.agent1.accessToken, '/api/staff/visits/new-residents'));
    budget('first page of the customer visits', 3, () => warm(d.agent1.accessToken, '/api/staff/visits'));
    budget('first page of the households not visited this year', 3, () =>
      warm(d.manager1.accessToken, `/api/staff/visits/unvisited?communityId=${d.room101.communityId}`),
    );
    const rq = () => `period=2026-11&communityId=${d.room101.communityId}`;
    budget('monthly report of a community, nothing rolled up yet (names, 5 live month parts, open dues, engage, surveys)', 10, () =>
      warm(d.manager1.accessToken, `/api/reports/monthly?${rq()}`),
    );
    budget('monthly report of a rolled-up closed month (names, roll-ups, open dues, engage, surveys)', 5, async () => {
      for (let i = 0, built = 1; i < 12 && built > 0; i++)
        built = (await t.post<{ monthsBuilt: number }>('/api/test/jobs/report-rollups', {})).body.monthsBuilt;
      return warm(d.manager1.accessToken, `/api/reports/monthly?period=2026-10&communityId=${d.room101.communityId}`);
    });
    budget('first page of a report drill', 3, () => warm(d.manager1.accessToken, `/api/reports/drill?kind=tickets&${rq()}`));
  });

  describe('notices (issue #15)', () => {
    let noticeId: number;
    let building1: number;
    const body = (over: Record<string, unknown> = {}) => ({
      communityId: d.room101.communityId,
      kind: 'notice',
      title: '预算通知',
      body: '预算正文',
      targetKind: 'community',
      ...over,
    });
    const draft = async (over: Record<string, unknown> = {}) =>
      (await t.post('/api/notices', body(over), { token: d.manager1.accessToken })).body as { id: number; version: number };
    beforeAll(async () => {
      building1 = Number((await t.query('SELECT building_id FROM rooms WHERE id = ?', [d.room101.id]))[0].building_id);
      const n = await draft();
      await t.post(`/api/notices/${n.id}/publish`, { version: n.version }, { token: d.manager1.accessToken });
      noticeId = n.id;
    });
    budget('notice draft create (with Idempotency-Key)', 10, () => post(d.agent1.accessToken, '/api/notices', body(), { 'idempotency-key': 'perf-notice-1' }));
    budget('outage notice publish (a building: its residents messaged)', 8, async () => {
      const outage = { kind: 'outage', utility: 'power', startsAt: '2026-11-30T09:00:00+08:00', endsAt: '2026-11-30T17:00:00+08:00' };
      const n = await draft({ ...outage, targetKind: 'building', targetIds: [building1] });
      return post(d.manager1.accessToken, `/api/notices/${n.id}/publish`, { version: n.version });
    });
    budget("first page of the resident's notices (with the unread count)", 3, () => warm(d.zhangsan.accessToken, '/api/notices/feed'));
    budget('first page of the staff notices', 3, () => warm(d.agent1.accessToken, '/api/notices'));
    budget('notice detail (resident, the first open records the read)', 4, async () => {
      await t.get('/api/me', { token: d.zhangsan.accessToken });
      return get(d.zhangsan.accessToken, `/api/notices/feed/${noticeId}`);
    });
    budget('notice detail (staff)', 4, () => warm(d.manager1.accessToken, `/api/notices/${noticeId}`));
    budget('notice read receipts', 4, () => warm(d.manager1.accessToken, `/api/notices/${noticeId}/receipts`));
    budget('workbench counts (manager: also the no-notice-this-month flag)', 3, () => warm(d.manager1.accessToken, '/api/staff/workbench/counts'));
  });
});
