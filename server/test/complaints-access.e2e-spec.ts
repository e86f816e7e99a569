import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { at, complaintsApi, desk, Desk, newStaff, otherCompany } from './helpers/complaints';

describe('complaints: anonymity and who may see or act — across rooms, communities and companies', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;
  let agent3: LoginResponse;

  beforeAll(async () => {
    t = await TestApp.start();
    api = complaintsApi(t);
    d = await desk(t);
    agent3 = await newStaff(t, d.admin, 'agent3', '冯客服', ['agent'], [d.room101.communityId]);
    await api.clockSet(at('2026-11-23 10:00'));
  });
  afterAll(() => t.close());

  const identity = async (token: string, id: number) => {
    const r = await api.detail(token, id);
    if (r.status !== 200) throw new Error(`detail → ${r.status}`);
    return {
      reporter: r.body.reporter,
      roomId: r.body.roomId,
      location: r.body.location,
      createdBy: r.body.timeline[0].actorName,
      followUpBy: r.body.thread.find((m) => m.authorRole === 'resident')?.authorName,
    };
  };

  it('anonymous: staff outside the handling chain see 匿名 (no name, room or phone) in details, timelines, threads and lists', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id, { anonymous: true, text: '维修工赵师傅上门时态度恶劣' });
    expect(c.anonymous).toBe(true);
    await api.step(d.zhangsan.accessToken, c.id, 'follow_up', { content: '希望不要让他知道是我投诉的' });
    const hidden = { name: '匿名', phone: null, roomId: null, roomLabel: null, hidden: true };
    const shown = { name: '张三', phone: '13800000001', roomId: d.room101.id, roomLabel: '1栋1单元101', hidden: false };

    // the resident sees their own identity
    expect((await identity(d.zhangsan.accessToken, c.id)).reporter).toEqual(shown);
    // nobody owns it yet: the agents on the desk see it masked, the community's supervisors and managers do not
    for (const tok of [d.agent1.accessToken, agent3.accessToken, d.admin.accessToken]) {
      expect(await identity(tok, c.id)).toEqual({ reporter: hidden, roomId: null, location: '锦绣花园', createdBy: '匿名', followUpBy: '匿名' });
    }
    for (const tok of [d.supervisor1.accessToken, d.manager1.accessToken]) {
      expect(await identity(tok, c.id)).toEqual({ reporter: shown, roomId: d.room101.id, location: '1栋1单元101', createdBy: '张三', followUpBy: '张三' });
    }
    // the agent who takes it joins the chain; the other agent still sees 匿名, in the inbox too
    await api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: 1 });
    expect((await identity(d.agent1.accessToken, c.id)).reporter).toEqual(shown);
    expect((await identity(agent3.accessToken, c.id)).reporter).toEqual(hidden);
    const row = (await api.list(agent3.accessToken, 'limit=100')).body.items.find((i) => i.id === c.id)!;
    expect(row).toEqual(expect.objectContaining({ anonymous: true, roomId: null, location: '锦绣花园' }));
    const ownRow = (await api.list(d.agent1.accessToken, 'limit=100')).body.items.find((i) => i.id === c.id)!;
    expect(ownRow).toEqual(expect.objectContaining({ roomId: d.room101.id, location: '1栋1单元101' }));
    // nothing identifying anywhere in the masked answer
    const raw = JSON.stringify((await api.detail(agent3.accessToken, c.id)).body);
    for (const s of ['张三', '13800000001', '138****0001', '1栋1单元101']) expect(raw).not.toContain(s);
    // a hand-over moves the chain with it
    await api.step(d.supervisor1.accessToken, c.id, 'reassign', { assigneeId: agent3.me.id, reason: '交冯客服跟进' });
    expect((await identity(agent3.accessToken, c.id)).reporter).toEqual(shown);
    expect((await identity(d.agent1.accessToken, c.id)).reporter).toEqual(hidden);
  });

  it('anonymous hotline intake: the agent who took the call keeps seeing who it was', async () => {
    const c = await api.take(d.agent1.accessToken, {
      communityId: d.room101.communityId,
      roomId: d.room101.id,
      contactName: '张三',
      contactPhone: '13800000001',
      anonymous: true,
    });
    expect(c.reporter).toEqual(expect.objectContaining({ name: '张三', phone: '13800000001', hidden: false }));
    expect(c.timeline[0].text).toBe('热线受理投诉（匿名）');
    expect((await identity(agent3.accessToken, c.id)).reporter.name).toBe('匿名');
  });

  it('not anonymous: other desk staff see the name and room, the phone masked; the handling chain sees it in full', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id);
    await api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: 1 });
    expect((await identity(agent3.accessToken, c.id)).reporter).toEqual({
      name: '张三',
      phone: '138****0001',
      roomId: d.room101.id,
      roomLabel: '1栋1单元101',
      hidden: false,
    });
    expect((await identity(d.agent1.accessToken, c.id)).reporter.phone).toBe('13800000001');
    expect((await identity(d.supervisor1.accessToken, c.id)).reporter.phone).toBe('13800000001');
  });

  it('across rooms: another resident of the community neither sees nor touches it', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id);
    expect((await api.detail(d.lisi.accessToken, c.id)).status).toBe(404);
    expect((await api.attempt(d.lisi.accessToken, c.id, 'follow_up', { content: 'x' })).status).toBe(404);
    expect((await api.attempt(d.lisi.accessToken, c.id, 'cancel', { reason: 'x' })).status).toBe(404);
    expect((await api.mine(d.lisi.accessToken)).body.items.map((i) => i.id)).not.toContain(c.id);
    // nor may the resident do the desk's work on their own ticket
    expect((await api.attempt(d.zhangsan.accessToken, c.id, 'classify', { complaintClass: 1 })).status).toBe(403);
    expect((await api.attempt(d.zhangsan.accessToken, c.id, 'reply', { content: 'x' })).status).toBe(403);
    expect((await api.detail(d.zhangsan.accessToken, 999_999)).status).toBe(404);
    expect((await t.get('/api/complaints/abc', { token: d.zhangsan.accessToken })).status).toBe(400);
  });

  it('across communities: the desk of another community gets 404 and does not list it; a manager of both sees both', async () => {
    const jx = await api.file(d.zhangsan.accessToken, d.room101.id);
    const ch = await api.file(d.chenliu.accessToken, d.chyRoom.id, { category: 'parking' });
    for (const tok of [d.agent2.accessToken, d.supervisor2.accessToken]) {
      expect((await api.detail(tok, jx.id)).status).toBe(404);
      expect((await api.attempt(tok, jx.id, 'classify', { complaintClass: 1 })).status).toBe(404);
      expect((await api.attempt(tok, jx.id, 'reply', { content: 'x' })).status).toBe(404);
      const listed = (await api.allPages(tok, '/api/staff/complaints', 50)).items;
      expect(listed.map((i) => i.id)).toContain(ch.id);
      expect(listed.every((i) => i.communityId === d.chyRoom.communityId)).toBe(true);
    }
    expect((await api.list(d.agent2.accessToken, `communityId=${d.room101.communityId}`)).body.items).toEqual([]);
    const both = (await api.allPages(d.manager1.accessToken, '/api/staff/complaints', 50)).items.map((i) => i.id);
    expect(both).toEqual(expect.arrayContaining([jx.id, ch.id]));
    // candidates and intake in another community
    expect((await t.get(`/api/staff/complaint-owners?communityId=${d.room101.communityId}`, { token: d.agent2.accessToken })).status).toBe(404);
    expect(
      (await api.intake(d.agent2.accessToken, { channel: 'hotline', kind: 'complaint', category: 'other', text: 'x', communityId: d.room101.communityId }))
        .status,
    ).toBe(404);
  });

  it('across companies: nothing of ours exists for another company’s staff or residents', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id);
    const far = await otherCompany(t);
    expect((await api.detail(far.admin.accessToken, c.id)).status).toBe(404);
    expect((await api.attempt(far.admin.accessToken, c.id, 'reply', { content: 'x' })).status).toBe(404);
    expect((await api.detail(far.resident.accessToken, c.id)).status).toBe(404);
    expect((await api.list(far.admin.accessToken, 'limit=100')).body.items).toEqual([]);
    expect((await api.create(far.resident.accessToken, { kind: 'complaint', category: 'other', text: 'x', roomId: d.room101.id })).status).toBe(404);
    expect((await api.create(far.resident.accessToken, { kind: 'complaint', category: 'other', text: 'x', communityId: d.room101.communityId })).status).toBe(
      404,
    );
    // their own desk works for them
    const theirs = await api.create(far.resident.accessToken, { kind: 'complaint', category: 'other', text: '远方小区的投诉', roomId: far.roomId });
    expect(theirs.status).toBe(201);
    expect((await api.detail(d.manager1.accessToken, theirs.body.id)).status).toBe(404);
    expect((await api.detail(far.admin.accessToken, theirs.body.id)).status).toBe(200);
  });

  it('staff off the desk (technician, guard, cashier) see no complaints: the one complained about cannot read it', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id, { text: '维修工态度差' });
    const [guard, cashier] = await Promise.all([t.staff('guard1'), t.staff('cashier1')]);
    for (const tok of [d.tech1.accessToken, guard.accessToken, cashier.accessToken]) {
      expect((await api.detail(tok, c.id)).status).toBe(404);
      expect((await api.list(tok)).status).toBe(403);
    }
  });

  it('after classification only the owner (and oversight) act; other agents may still read', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id);
    // before: any desk agent may answer
    expect((await api.detail(agent3.accessToken, c.id)).body.actions).toEqual(expect.arrayContaining(['classify', 'reply']));
    await api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: 1 });
    const other = await api.detail(agent3.accessToken, c.id);
    expect(other.status).toBe(200);
    expect(other.body.actions).toEqual([]);
    const denied = await api.attempt(agent3.accessToken, c.id, 'reply', { content: 'x' });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('负责人');
    expect((await api.attempt(agent3.accessToken, c.id, 'resolve', { measures: 'x' })).status).toBe(403);
    // the supervisor steps in
    expect((await api.attempt(d.supervisor1.accessToken, c.id, 'reply', { content: '主管跟进' })).status).toBe(200);
  });
});
