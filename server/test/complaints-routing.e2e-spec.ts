import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { at, complaintsApi, desk, Desk, newStaff, types } from './helpers/complaints';

const MONDAY_10 = at('2026-11-23 10:00');

describe('complaints: routing by class, reclassification, hand-over and the inbox of each owner role', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;
  let supervisor3: LoginResponse, manager3: LoginResponse, agent3: LoginResponse;
  let jxhy: number;

  /** a mini-program complaint of 张三 in `category` */
  const filed = (category = 'service_attitude', extra: Record<string, unknown> = {}) => api.file(d.zhangsan.accessToken, d.room101.id, { category, ...extra });
  const classified = async (cls: number, category = cls === 2 ? 'house_quality' : cls === 3 ? 'municipal_facilities' : 'service_attitude') => {
    const c = await filed(category);
    return api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: cls });
  };

  beforeAll(async () => {
    t = await TestApp.start();
    api = complaintsApi(t);
    d = await desk(t);
    jxhy = d.room101.communityId;
    supervisor3 = await newStaff(t, d.admin, 'supervisor3', '孙主管', ['supervisor'], [jxhy]);
    manager3 = await newStaff(t, d.admin, 'manager3', '钱经理', ['manager'], [jxhy]);
    agent3 = await newStaff(t, d.admin, 'agent3', '冯客服', ['agent'], [jxhy]);
    await api.clockSet(MONDAY_10);
  });
  afterAll(() => t.close());

  it('class 1 (our own service): the agent who took it owns it, and everyone sees who — the resident too', async () => {
    const c = await filed();
    const v = await api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: 1 });
    expect(v).toEqual(
      expect.objectContaining({ status: 'in_progress', statusLabel: '处理中', complaintClass: 1, ownerId: d.agent1.me.id, ownerName: '张客服' }),
    );
    expect(v.receivedByName).toBe('张客服');
    expect(v.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'classified', text: '确认为一类投诉，由 张客服 负责', actorName: '张客服' }));
    const seen = await api.detail(d.zhangsan.accessToken, c.id);
    expect(seen.body.ownerName).toBe('张客服');
    // a category's suggestion is confirmed without a word; going against it needs the reason (on the timeline)
    const other = await filed('house_quality');
    const bare = await api.attempt(d.agent1.accessToken, other.id, 'classify', { complaintClass: 1 });
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([expect.objectContaining({ field: 'reason', rule: 'reason_required' })]);
    const why = await api.step(d.agent1.accessToken, other.id, 'classify', { complaintClass: 1, reason: '经查为我司维修返工质量问题' });
    expect(why.timeline.at(-1)!.text).toBe('确认为一类投诉，由 张客服 负责：经查为我司维修返工质量问题');
    expect((await api.attempt(d.agent1.accessToken, why.id, 'classify', { complaintClass: 1 })).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await api.attempt(d.agent1.accessToken, other.id, 'classify', { complaintClass: 5 })).status).toBe(400);
  });

  it('class 2 (developer legacy) goes to the supervisor of the community with the fewest open class-2 complaints, or the one picked', async () => {
    const loads = async () =>
      Object.fromEntries(
        (await t.get(`/api/staff/complaint-owners?communityId=${jxhy}&role=supervisor`, { token: d.agent1.accessToken })).body.map(
          (c: { name: string; openComplaints: number }) => [c.name, c.openComplaints],
        ),
      );
    expect(await loads()).toEqual({ 李主管: 0, 孙主管: 0 });
    const a = await classified(2);
    expect(a).toEqual(expect.objectContaining({ complaintClass: 2, ownerId: d.supervisor1.me.id, ownerName: '李主管' }));
    const b = await classified(2);
    expect(b.ownerId).toBe(supervisor3.me.id);
    const c = await classified(2);
    expect(c.ownerId).toBe(d.supervisor1.me.id);
    expect(await loads()).toEqual({ 李主管: 2, 孙主管: 1 });
    // picked by hand
    const e = await filed('supporting_facilities');
    const picked = await api.step(d.agent1.accessToken, e.id, 'classify', { complaintClass: 2, ownerId: supervisor3.me.id });
    expect(picked.ownerName).toBe('孙主管');
    // only a supervisor of this community may own a class-2 complaint
    const f = await filed('house_quality');
    for (const ownerId of [d.agent1.me.id, d.supervisor2.me.id, 999_999])
      expect((await api.attempt(d.agent1.accessToken, f.id, 'classify', { complaintClass: 2, ownerId })).status).toBe(404);
  });

  it('class 3 (outside the managed area) goes to the service-center manager', async () => {
    const c = await classified(3);
    expect(c).toEqual(expect.objectContaining({ complaintClass: 3 }));
    expect([d.manager1.me.id, manager3.me.id]).toContain(c.ownerId);
    const e = await filed('outside_environment');
    const picked = await api.step(d.agent1.accessToken, e.id, 'classify', { complaintClass: 3, ownerId: manager3.me.id });
    expect(picked.ownerName).toBe('钱经理');
    expect(
      (
        await api.attempt(d.agent1.accessToken, (await filed('noise')).id, 'classify', {
          complaintClass: 3,
          ownerId: d.supervisor1.me.id,
          reason: '施工噪音来自小区外',
        })
      ).status,
    ).toBe(404);
  });

  it('reclassifying reroutes with the reason on the timeline; back to class 1 it returns to the agent who took it', async () => {
    const c = await classified(1);
    expect(c.ownerId).toBe(d.agent1.me.id);
    // only the owner or oversight may; another agent may not
    expect((await api.attempt(agent3.accessToken, c.id, 'reclassify', { complaintClass: 2, reason: 'x' })).status).toBe(403);
    expect((await api.attempt(d.agent1.accessToken, c.id, 'reclassify', { complaintClass: 2 })).body.details).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect((await api.attempt(d.agent1.accessToken, c.id, 'reclassify', { complaintClass: 1, reason: 'x' })).body.details).toEqual([
      expect.objectContaining({ rule: 'same_class' }),
    ]);
    const two = await api.step(d.agent1.accessToken, c.id, 'reclassify', { complaintClass: 2, reason: '核实为外墙渗水，属开发商保修范围' });
    expect(two.complaintClass).toBe(2);
    expect([d.supervisor1.me.id, supervisor3.me.id]).toContain(two.ownerId);
    expect(two.timeline.at(-1)).toEqual(
      expect.objectContaining({ type: 'reclassified', text: `由一类投诉调整为二类投诉，改由 ${two.ownerName} 负责：核实为外墙渗水，属开发商保修范围` }),
    );
    // the agent no longer owns it
    expect((await api.detail(d.agent1.accessToken, c.id)).body.actions).not.toContain('reply');
    const owner = two.ownerId === d.supervisor1.me.id ? d.supervisor1 : supervisor3;
    const three = await api.step(owner.accessToken, c.id, 'reclassify', { complaintClass: 3, reason: '渗水源为小区外市政管网', ownerId: manager3.me.id });
    expect(three.ownerId).toBe(manager3.me.id);
    const one = await api.step(manager3.accessToken, c.id, 'reclassify', { complaintClass: 1, reason: '复核为保洁冲洗不当' });
    expect(one).toEqual(expect.objectContaining({ complaintClass: 1, ownerId: d.agent1.me.id }));
    expect(types(one).filter((x) => x === 'reclassified')).toHaveLength(3);
  });

  it('hand-over (reassign) is for supervisors and managers, with a reason; not for class 3 (the manager appoints a coordinator instead)', async () => {
    const c = await classified(1);
    expect((await api.attempt(d.agent1.accessToken, c.id, 'reassign', { assigneeId: agent3.me.id, reason: '休假' })).status).toBe(403);
    expect((await api.attempt(d.supervisor1.accessToken, c.id, 'reassign', { assigneeId: agent3.me.id })).body.details).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect((await api.attempt(d.supervisor1.accessToken, c.id, 'reassign', { assigneeId: d.tech1.me.id, reason: '休假' })).status).toBe(404);
    expect((await api.attempt(d.supervisor1.accessToken, c.id, 'reassign', { assigneeId: d.agent2.me.id, reason: '休假' })).status).toBe(404);
    const v = await api.step(d.supervisor1.accessToken, c.id, 'reassign', { assigneeId: agent3.me.id, reason: '张客服休假，交冯客服跟进' });
    expect(v).toEqual(expect.objectContaining({ ownerId: agent3.me.id, ownerName: '冯客服' }));
    expect(v.timeline.at(-1)!.text).toBe('由 张客服 转交 冯客服：张客服休假，交冯客服跟进');
    expect((await api.attempt(d.supervisor1.accessToken, c.id, 'reassign', { assigneeId: agent3.me.id, reason: 'x' })).status).toBe(400);
    // the new owner acts, the old one no longer does
    expect((await api.attempt(d.agent1.accessToken, c.id, 'reply', { content: '您好' })).status).toBe(403);
    expect((await api.attempt(agent3.accessToken, c.id, 'reply', { content: '您好，我是冯客服，接手跟进' })).status).toBe(200);
    const three = await classified(3);
    expect((await api.attempt(d.manager1.accessToken, three.id, 'reassign', { assigneeId: manager3.me.id, reason: 'x' })).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('a community without a supervisor cannot take class 2: a clear 409', async () => {
    const community = await t.post('/api/admin/communities', { name: '新城小区', code: 'XC', handoverDate: '2026-06-01' }, { token: d.admin.accessToken });
    expect(community.status).toBe(201);
    const c = await api.intake(d.admin.accessToken, {
      channel: 'hotline',
      kind: 'complaint',
      category: 'house_quality',
      text: '屋顶漏水',
      communityId: community.body.id,
      complaintClass: 2,
    });
    expect(c.status).toBe(409);
    expect(c.body.message).toContain('客服主管');
    // nothing was created
    expect((await t.query('SELECT COUNT(*) AS n FROM tickets WHERE community_id = ?', [community.body.id]))[0].n).toBe(0);
  });

  it('inboxes: agent — class 1 and unclassified (other kinds too); supervisor — class 2; manager — class 3 and everything overdue; keyset pages', async () => {
    await api.clockSet(at('2026-11-24 09:00'));
    const unclassified = await filed('cleaning_greening');
    const suggestion = await filed('parking', { kind: 'suggestion' });
    const one = await classified(1);
    const two = await classified(2);
    const three = await classified(3);
    const ids = async (token: string, q: string) => (await api.allPages(token, `/api/staff/complaints?${q}`, 3)).items.map((i) => i.id);

    const agent = await ids(d.agent1.accessToken, 'inbox=agent');
    expect(agent).toEqual(expect.arrayContaining([unclassified.id, suggestion.id, one.id]));
    expect(agent).not.toContain(two.id);
    expect(agent).not.toContain(three.id);
    const sup = await ids(d.supervisor1.accessToken, 'inbox=supervisor');
    expect(sup).toContain(two.id);
    expect(sup.every((id) => id !== one.id && id !== three.id && id !== unclassified.id)).toBe(true);
    const mgr = await ids(d.manager1.accessToken, 'inbox=manager');
    expect(mgr).toContain(three.id);
    expect(mgr).not.toContain(unclassified.id); // not overdue yet

    // 2 hours later every unanswered first reply is overdue: the manager sees them whatever the class
    await api.clockSet(at('2026-11-24 11:00'));
    const late = await ids(d.manager1.accessToken, 'inbox=manager');
    expect(late).toEqual(expect.arrayContaining([unclassified.id, suggestion.id, one.id, two.id, three.id]));
    const breached = await ids(d.agent1.accessToken, 'inbox=agent&breached=true');
    expect(breached).toContain(unclassified.id);
    expect(await ids(d.agent1.accessToken, 'inbox=agent&breached=false')).not.toContain(unclassified.id);

    // filters
    expect(await ids(d.agent1.accessToken, 'kind=suggestion')).toEqual(expect.arrayContaining([suggestion.id]));
    expect((await api.list(d.agent1.accessToken, 'kind=suggestion')).body.items.every((i) => i.kind === 'suggestion')).toBe(true);
    expect((await api.list(d.agent1.accessToken, 'class=2&limit=100')).body.items.every((i) => i.complaintClass === 2)).toBe(true);
    expect((await api.list(d.agent1.accessToken, 'class=none&limit=100')).body.items.every((i) => i.complaintClass === null)).toBe(true);
    expect((await api.list(d.agent1.accessToken, 'status=received&limit=100')).body.items.every((i) => i.status === 'received')).toBe(true);
    expect((await api.list(d.agent1.accessToken, 'inbox=boss')).status).toBe(400);
    expect((await api.list(d.agent1.accessToken, 'cursor=garbage')).status).toBe(400);
    const mine = await ids(supervisor3.accessToken, 'mine=true');
    expect(mine.length).toBeGreaterThan(0);
    expect(
      (await api.list(supervisor3.accessToken, 'mine=true&limit=100')).body.items.every(
        (i) => i.ownerId === supervisor3.me.id || i.coordinatorId === supervisor3.me.id,
      ),
    ).toBe(true);

    // the whole list pages without gaps or repeats: open first, then the earliest due time, then id
    const all = (await api.allPages(d.manager1.accessToken, '/api/staff/complaints?inbox=all', 4)).items;
    const total = Number((await t.query("SELECT COUNT(*) AS n FROM tickets WHERE kind <> 'repair' AND community_id = ?", [jxhy]))[0].n);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((i) => i.id)).size).toBe(total);
    const key = (i: (typeof all)[number]) =>
      [['closed', 'cancelled'].includes(i.status) ? 1 : 0, i.nextClock?.state === 'running' ? i.nextClock.dueAt : '9999', i.id] as const;
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [key(all[i - 1]), key(all[i])];
      expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))).toBe(true);
    }
    await api.clockSet(MONDAY_10);
  });

  it('the resident’s list holds their own tickets only, newest first', async () => {
    const a = await api.file(d.lisi.accessToken, d.room202.id, { category: 'parking' });
    const b = await api.file(d.lisi.accessToken, d.room202.id, { kind: 'inquiry', category: undefined, text: '请问停车月卡怎么办？' });
    const mine = await api.mine(d.lisi.accessToken);
    expect(mine.body.items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await api.mine(d.lisi.accessToken, 'kind=inquiry')).body.items.map((i) => i.id)).toEqual([b.id]);
    expect((await api.mine(d.agent1.accessToken)).status).toBe(403);
    expect((await api.list(d.lisi.accessToken)).status).toBe(403);
  });
});
