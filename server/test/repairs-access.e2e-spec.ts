import { BindingView, LoginResponse, RepairDetail } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { Cast, FULL_PHONE, OtherCompany, newStaff, otherCompany, repairsApi } from './helpers/repairs';

describe('repairs: who sees and touches an order (residents by room, staff by community and role, companies apart)', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let agent1: LoginResponse, sup1: LoginResponse, manager1: LoginResponse, admin: LoginResponse, tech1: LoginResponse, tech2: LoginResponse;
  let agent2: LoginResponse, sup2: LoginResponse, guard1: LoginResponse, cashier1: LoginResponse;
  let zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let room101: { id: number; communityId: number }, cuihu101: { id: number; communityId: number };
  let cast: Cast;
  /** zhangsan's order, accepted, not yet dispatched; chenliu's in 翠湖苑 */
  let mine: RepairDetail, theirs: RepairDetail;

  const ids = (r: { body: { items?: { id: number }[] } }) => (r.body.items ?? []).map((x) => x.id);
  const bind = (token: string, roomId: number, relation: string, name: string) => t.post<BindingView>('/api/bindings', { roomId, relation, name }, { token });

  beforeAll(async () => {
    t = await TestApp.start();
    api = repairsApi(t);
    [agent1, sup1, manager1, admin, tech1, agent2, sup2, guard1, cashier1] = await Promise.all(
      ['agent1', 'supervisor1', 'manager1', 'admin', 'technician1', 'agent2', 'supervisor2', 'guard1', 'cashier1'].map((u) => t.staff(u)),
    );
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
    room101 = await t.room('锦绣花园', '1栋1单元101');
    cuihu101 = await t.room('翠湖苑', '1栋1单元101');
    tech2 = await newStaff(t, admin, 'technician2', '吴师傅', ['technician'], [room101.communityId]);
    cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room101.id };
    mine = await api.orderIn(cast, 'accepted');
    theirs = await api.file(chenliu.accessToken, cuihu101.id, { category: 'electric', description: '客厅插座没电' });
  });
  afterAll(() => t.close());

  it('a resident of another room (lisi) gets 404 on the detail and on every action, and does not find it in /api/repairs/mine', async () => {
    const r = await api.detail(lisi.accessToken, mine.id);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('NOT_FOUND');
    for (const [action, body] of [
      ['urge', {}],
      ['cancel', {}],
      ['propose_time', { visitAt: '2030-01-01T10:00:00Z' }],
      ['confirm', {}],
      ['rate', { rating: 1 }],
    ] as const) {
      const a = await api.attempt(lisi.accessToken, mine.id, action, body);
      expect([action, a.status, a.body.code]).toEqual([action, 404, 'NOT_FOUND']);
    }
    const list = await api.mine(lisi.accessToken);
    expect(list.status).toBe(200);
    expect(ids(list)).not.toContain(mine.id);
    // nor may lisi file for zhangsan's room
    expect((await api.create(lisi.accessToken, { category: 'water', description: '试试', roomId: room101.id })).status).toBe(404);
    // zhangsan sees it, and lisi's own order is not in zhangsan's list
    const lisiRoom = await t.room('锦绣花园', '2栋2单元202');
    const lisiOrder = await api.file(lisi.accessToken, lisiRoom.id);
    const zs = await api.mine(zhangsan.accessToken);
    expect(ids(zs)).toContain(mine.id);
    expect(ids(zs)).not.toContain(lisiOrder.id);
    expect((await api.detail(zhangsan.accessToken, lisiOrder.id)).status).toBe(404);
  });

  it('a family member bound to the same room sees it once the binding is approved, and no longer once it is revoked', async () => {
    const family = await t.resident('zhangsan-wife');
    const b = (await bind(family.accessToken, room101.id, 'family', '张三爱人')).body;
    expect(b.status).toBe('pending');
    expect((await api.detail(family.accessToken, mine.id)).status).toBe(404);
    expect(ids(await api.mine(family.accessToken))).not.toContain(mine.id);

    expect((await t.post(`/api/staff/bindings/${b.id}/approve`, { version: b.version }, { token: sup1.accessToken })).status).toBeLessThan(300);
    const d = await api.detail(family.accessToken, mine.id);
    expect(d.status).toBe(200);
    expect(d.body.contactPhone).toBe('13800000001');
    expect(d.body.actions).toEqual(expect.arrayContaining(['urge']));
    expect(ids(await api.mine(family.accessToken))).toContain(mine.id);

    expect((await t.del(`/api/bindings/${b.id}`, { token: family.accessToken })).status).toBe(200);
    expect((await api.detail(family.accessToken, mine.id)).status).toBe(404);
    expect(ids(await api.mine(family.accessToken))).not.toContain(mine.id);
  });

  it('staff of another community (agent2, supervisor2) get 404 and do not find it in lists; they see their own community', async () => {
    for (const other of [agent2, sup2]) {
      const k = other.accessToken;
      const d = await api.detail(k, mine.id);
      expect(d.status).toBe(404);
      for (const [action, body] of [
        ['dispatch', { technicianId: tech1.me.id }],
        ['cancel', { reason: '越权' }],
        ['change_tier', { tier: 'urgent', reason: '越权' }],
      ] as const) {
        const a = await api.attempt(k, mine.id, action, body);
        expect([action, a.status, a.body.code]).toEqual([action, 404, 'NOT_FOUND']);
      }
      for (const query of ['', 'sort=inbox', 'status=open', `communityId=${room101.communityId}`, `assigneeId=${tech1.me.id}`]) {
        const l = await api.list(k, query);
        expect(l.status).toBe(200);
        expect(ids(l)).not.toContain(mine.id);
        expect(l.body.items!.every((x) => x.communityId === cuihu101.communityId)).toBe(true);
      }
      expect(ids(await api.list(k))).toContain(theirs.id);
      expect((await api.detail(k, theirs.id)).status).toBe(200);
      expect((await t.get(`/api/staff/technicians?communityId=${room101.communityId}`, { token: k })).status).toBe(404);
      const intake = await api.intake(k, {
        channel: 'hotline',
        communityId: room101.communityId,
        category: 'water',
        description: '越权',
        contactName: '某人',
        contactPhone: '13900000000',
      });
      expect(intake.status).toBe(404);
    }
    // and the other way round: 锦绣花园's agent does not see 翠湖苑's
    expect((await api.detail(agent1.accessToken, theirs.id)).status).toBe(404);
    expect(ids(await api.list(agent1.accessToken))).not.toContain(theirs.id);
    // the manager works in both
    const m = await api.list(manager1.accessToken);
    expect(ids(m)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await api.detail(manager1.accessToken, theirs.id)).status).toBe(200);
    // and so does the admin
    expect(ids(await api.list(admin.accessToken))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('technician1 sees only orders dispatched to them, in the list and the detail', async () => {
    const k = tech1.accessToken;
    expect((await api.detail(k, mine.id)).status).toBe(404);
    expect(ids(await api.list(k))).not.toContain(mine.id);

    const dispatched = await api.orderIn(cast, 'dispatched');
    const toOther = await api.orderIn({ ...cast, tech: tech2 }, 'dispatched');
    for (const query of ['', 'mine=true', 'mine=false', 'sort=inbox', 'status=dispatched', `communityId=${room101.communityId}`]) {
      const l = await api.list(k, query);
      expect(l.status).toBe(200);
      expect(ids(l)).toContain(dispatched.id);
      expect(ids(l)).not.toContain(toOther.id);
      expect(ids(l)).not.toContain(mine.id);
      expect(l.body.items!.every((x) => x.assigneeId === tech1.me.id)).toBe(true);
    }
    // asking for someone else's orders does not widen the view
    expect(ids(await api.list(k, `assigneeId=${tech2.me.id}`))).toEqual([]);
    expect((await api.detail(k, dispatched.id)).status).toBe(200);
    expect((await api.detail(k, toOther.id)).status).toBe(404);
    expect((await api.attempt(k, toOther.id, 'arrive')).status).toBe(404);
    // desk staff may narrow to one technician
    const byTech = await api.list(agent1.accessToken, `assigneeId=${tech2.me.id}`);
    expect(ids(byTech)).toEqual([toOther.id]);

    // reassigned away: gone from view
    await api.step(agent1.accessToken, dispatched.id, 'reassign', { technicianId: tech2.me.id, reason: '换人' });
    expect((await api.detail(k, dispatched.id)).status).toBe(404);
    expect(ids(await api.list(k))).not.toContain(dispatched.id);
  });

  it('a technician cannot accept (the order is not theirs to see: 404) nor dispatch, reassign, re-tier or cancel (403)', async () => {
    const k = tech1.accessToken;
    const submitted = await api.orderIn(cast, 'submitted');
    const accept = await api.attempt(k, submitted.id, 'accept', { tier: 'urgent' });
    expect(accept.status).toBe(404);
    // an order that came back (reopened) is still theirs to see, but dispatching is the desk's
    const reopened = await api.orderIn(cast, 'reopened');
    expect((await api.detail(k, reopened.id)).body.actions).toEqual([]);
    const dispatch = await api.attempt(k, reopened.id, 'dispatch', { technicianId: tech1.me.id });
    expect(dispatch.status).toBe(403);
    expect(dispatch.body.code).toBe('FORBIDDEN');
    const d = await api.orderIn(cast, 'dispatched');
    for (const [action, body] of [
      ['reassign', { technicianId: tech2.me.id, reason: '太忙' }],
      ['change_tier', { tier: 'normal', reason: '不急' }],
      ['cancel', { reason: '修不了' }],
    ] as const) {
      const r = await api.attempt(k, d.id, action, body);
      expect([action, r.status, r.body.code]).toEqual([action, 403, 'FORBIDDEN']);
    }
    // nor take calls or use the dispatch picker
    expect(
      (
        await api.intake(k, {
          channel: 'hotline',
          communityId: room101.communityId,
          category: 'water',
          description: '来电',
          contactName: '某人',
          contactPhone: '13900000000',
        })
      ).status,
    ).toBe(403);
    expect((await t.get(`/api/staff/technicians?communityId=${room101.communityId}`, { token: k })).status).toBe(403);
  });

  it('guard1 and cashier1 may not list, take or see repairs', async () => {
    for (const s of [guard1, cashier1]) {
      const k = s.accessToken;
      for (const r of [
        await api.list(k),
        await api.list(k, 'sort=inbox'),
        await api.intake(k, {
          channel: 'hotline',
          communityId: room101.communityId,
          category: 'water',
          description: '来电',
          contactName: '某人',
          contactPhone: '13900000000',
        }),
        await t.get(`/api/staff/technicians?communityId=${room101.communityId}`, { token: k }),
        await api.mine(k),
        await api.create(k, { category: 'water', description: '试试', roomId: room101.id }),
      ]) {
        expect([s.me.name, r.status, r.body.code]).toEqual([s.me.name, 403, 'FORBIDDEN']);
      }
      expect((await api.detail(k, mine.id)).status).toBe(404);
      expect((await api.attempt(k, mine.id, 'cancel', { reason: '试试' })).status).toBe(404);
    }
  });

  it('a resident cannot call the staff repair endpoints (403); staff cannot file or list as a resident (403)', async () => {
    const k = zhangsan.accessToken;
    const answers = [
      await api.list(k),
      await api.list(k, 'sort=inbox'),
      await api.intake(k, {
        channel: 'hotline',
        communityId: room101.communityId,
        category: 'water',
        description: '来电',
        contactName: '张三',
        contactPhone: '13800000001',
      }),
      await t.get(`/api/staff/technicians?communityId=${room101.communityId}`, { token: k }),
      await t.post('/api/price-items', { name: '自定价', unit: '次', priceCents: 1 }, { token: k }),
    ];
    for (const r of answers) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    for (const s of [agent1, admin]) {
      expect((await api.create(s.accessToken, { category: 'water', description: '试试', roomId: room101.id })).status).toBe(403);
      expect((await api.mine(s.accessToken)).status).toBe(403);
    }
    // a resident acting as the desk on their own order is refused too
    const own = await api.orderIn(cast, 'submitted');
    expect((await api.attempt(k, own.id, 'accept', { tier: 'critical' })).status).toBe(403);
    // and nobody without a token gets anything
    expect((await t.get(`/api/repairs/${own.id}`)).status).toBe(401);
    expect((await t.get('/api/repairs/mine')).status).toBe(401);
  });

  it('the contact phone is shown in full to those handling the order, and never in list summaries', async () => {
    const d = await api.orderIn(cast, 'dispatched');
    for (const who of [zhangsan, agent1, sup1, manager1, admin, tech1]) {
      const r = await api.detail(who.accessToken, d.id);
      expect([who.me.name, r.status, r.body.contactPhone]).toEqual([who.me.name, 200, '13800000001']);
    }
    // everyone else cannot see the order at all, so there is no one to show it masked to
    for (const who of [lisi, agent2, sup2, tech2, guard1, cashier1]) expect((await api.detail(who.accessToken, d.id)).status).toBe(404);
    for (const who of [agent1, tech1, manager1]) {
      const l = await api.list(who.accessToken);
      expect(ids(l)).toContain(d.id);
      expect(JSON.stringify(l.body)).not.toMatch(FULL_PHONE);
    }
    expect(JSON.stringify((await api.mine(zhangsan.accessToken)).body)).not.toMatch(FULL_PHONE);
  });

  describe('another company', () => {
    let far: OtherCompany;
    let farOrder: RepairDetail;

    beforeAll(async () => {
      far = await otherCompany(t);
      const r = await api.intake(far.admin.accessToken, {
        channel: 'hotline',
        communityId: far.communityId,
        roomId: far.roomId,
        category: 'water',
        description: '远方小区漏水',
        contactName: '远业主',
        contactPhone: '13700000001',
        tier: 'urgent',
      });
      expect(r.status).toBe(201);
      farOrder = r.body;
    });

    it('its admin and residents get 404 on our orders and never list them', async () => {
      for (const who of [far.admin, far.resident]) {
        expect((await api.detail(who.accessToken, mine.id)).status).toBe(404);
        expect((await api.attempt(who.accessToken, mine.id, 'cancel', { reason: '越权' })).status).toBe(404);
      }
      const l = await api.list(far.admin.accessToken);
      expect(ids(l)).toEqual([farOrder.id]);
      expect(ids(await api.list(far.admin.accessToken, `communityId=${room101.communityId}`))).toEqual([]);
      expect(ids(await api.mine(far.resident.accessToken))).toEqual([farOrder.id]);
      // nor file into our rooms or communities
      expect((await api.create(far.resident.accessToken, { category: 'water', description: '越界', roomId: room101.id })).status).toBe(404);
      const pub = await api.create(far.resident.accessToken, {
        category: 'public_area',
        description: '越界',
        communityId: room101.communityId,
        publicLocation: '大门',
      });
      expect(pub.status).toBe(404);
      const intake = await api.intake(far.admin.accessToken, {
        channel: 'hotline',
        communityId: room101.communityId,
        category: 'water',
        description: '越界',
        contactName: '某人',
        contactPhone: '13900000000',
      });
      expect(intake.status).toBe(404);
      expect((await t.get(`/api/staff/technicians?communityId=${room101.communityId}`, { token: far.admin.accessToken })).status).toBe(404);
    });

    it('our staff and residents get 404 on its order; its technician cannot be dispatched to ours', async () => {
      for (const who of [agent1, admin, manager1, zhangsan]) {
        expect((await api.detail(who.accessToken, farOrder.id)).status).toBe(404);
      }
      expect((await api.attempt(admin.accessToken, farOrder.id, 'cancel', { reason: '越权' })).status).toBe(404);
      expect(ids(await api.list(admin.accessToken))).not.toContain(farOrder.id);
      // their own people see it
      expect((await api.detail(far.resident.accessToken, farOrder.id)).body.contactPhone).toBe('13700000001');

      const farTech = await newStaff(t, far.admin, 'far.tech', '远方师傅', ['technician'], [far.communityId]);
      const ours = await api.orderIn(cast, 'accepted');
      expect((await api.attempt(agent1.accessToken, ours.id, 'dispatch', { technicianId: farTech.me.id })).status).toBe(404);
      expect((await api.attempt(far.admin.accessToken, farOrder.id, 'dispatch', { technicianId: tech1.me.id })).status).toBe(404);
      const theirsDispatched = await api.step(far.admin.accessToken, farOrder.id, 'dispatch', { technicianId: farTech.me.id });
      expect(theirsDispatched.assigneeName).toBe('远方师傅');
      expect((await api.detail(farTech.accessToken, ours.id)).status).toBe(404);
      expect(ids(await api.list(farTech.accessToken))).toEqual([farOrder.id]);
    });
  });
});
