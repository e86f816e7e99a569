import { LoginResponse, PriceItemView, REPAIR_RULES, RepairAction, RepairDetail, RepairStatus } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { Cast, MIN, Or, clockOf, newStaff, repairsApi, types } from './helpers/repairs';

/** the zh-CN timeline line must be Chinese text */
const ZH = /[\u4e00-\u9fa5]/;

describe('repairs: the state machine over HTTP — every transition, every role, races', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let agent1: LoginResponse, sup1: LoginResponse, manager1: LoginResponse, admin: LoginResponse, tech1: LoginResponse, tech2: LoginResponse;
  let zhangsan: LoginResponse;
  let room101: { id: number; communityId: number };
  let cast: Cast;
  let prices: PriceItemView[];
  const price = (name: string) => prices.find((p) => p.name === name)!;

  beforeAll(async () => {
    t = await TestApp.start();
    api = repairsApi(t);
    [agent1, sup1, manager1, admin, tech1] = await Promise.all(['agent1', 'supervisor1', 'manager1', 'admin', 'technician1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = await t.room('锦绣花园', '1栋1单元101');
    tech2 = await newStaff(t, admin, 'technician2', '吴师傅', ['technician'], [room101.communityId]);
    cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room101.id };
    prices = (await t.get<PriceItemView[]>('/api/price-items', { token: tech1.accessToken })).body;
    await api.clockSet('2026-11-23T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('the happy path: submitted → accepted → dispatched → scheduled → in_progress → completed → confirmed → rated → closed', async () => {
    const z = zhangsan.accessToken;
    const created = await api.create(z, { category: 'water', description: '卫生间水管漏水', roomId: room101.id });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toEqual(
      expect.objectContaining({
        status: 'submitted',
        tier: null,
        channel: 'miniapp',
        roomId: room101.id,
        location: '1栋1单元101',
        communityName: '锦绣花园',
        contactName: '张三',
        contactPhone: '13800000001',
        assigneeId: null,
        ownerId: null,
        version: 1,
      }),
    );
    expect(created.body.actions.sort()).toEqual(['cancel', 'urge']);
    expect((await api.detail(agent1.accessToken, id)).body.actions).toEqual(expect.arrayContaining(['accept', 'cancel']));

    let d: RepairDetail = await api.step(agent1.accessToken, id, 'accept', { tier: 'normal' });
    expect(d).toEqual(expect.objectContaining({ status: 'accepted', tier: 'normal', ownerId: agent1.me.id, ownerName: '张客服', version: 2 }));
    expect(d.actions).toEqual(expect.arrayContaining(['dispatch', 'change_tier', 'cancel']));

    d = await api.step(agent1.accessToken, id, 'dispatch', { technicianId: tech1.me.id });
    expect(d).toEqual(expect.objectContaining({ status: 'dispatched', assigneeId: tech1.me.id, assigneeName: '赵师傅', version: 3 }));
    const techView = await api.detail(tech1.accessToken, id);
    expect(techView.status).toBe(200);
    expect(techView.body.actions.sort()).toEqual(['arrive', 'hold', 'propose_time']);

    // the visit time is an agreement: the technician proposes, the resident accepts
    const visitAt = '2026-11-23T14:30:00+08:00';
    d = await api.step(tech1.accessToken, id, 'propose_time', { visitAt });
    expect(d).toEqual(
      expect.objectContaining({ status: 'dispatched', agreedVisitAt: null, proposedVisitAt: new Date(visitAt).toISOString(), proposedBy: 'staff', version: 4 }),
    );
    expect((await api.detail(z, id)).body.actions).toEqual(expect.arrayContaining(['accept_time', 'propose_time']));
    d = await api.step(z, id, 'accept_time');
    expect(d).toEqual(expect.objectContaining({ status: 'scheduled', agreedVisitAt: new Date(visitAt).toISOString(), proposedVisitAt: null, version: 5 }));

    d = await api.step(tech1.accessToken, id, 'arrive');
    expect(d.status).toBe('in_progress');
    expect(d.actions.sort()).toEqual(['complete', 'hold']);

    d = await api.step(tech1.accessToken, id, 'complete', { freeOfCharge: true, notes: '更换了密封圈' });
    expect(d).toEqual(expect.objectContaining({ status: 'completed', freeOfCharge: true, charges: [], chargeTotalCents: 0 }));

    const residentView = (await api.detail(z, id)).body;
    expect(residentView.actions.sort()).toEqual(['confirm', 'dispute']);
    d = await api.step(z, id, 'confirm');
    expect(d.status).toBe('confirmed');
    expect(d.actions).toEqual(['rate']);

    d = await api.step(z, id, 'rate', { rating: 5, comment: '师傅很专业' });
    expect(d).toEqual(expect.objectContaining({ status: 'confirmed', rating: 5, ratingComment: '师傅很专业' }));
    expect(d.actions).toEqual([]);

    d = await api.step(agent1.accessToken, id, 'return_visit', { satisfied: true, notes: '住户很满意' });
    expect(d).toEqual(
      expect.objectContaining({ status: 'closed', returnVisit: { satisfied: true, notes: '住户很满意', at: expect.any(String) }, version: 10 }),
    );
    expect(d.actions).toEqual([]);
    expect((await api.detail(z, id)).body.actions).toEqual([]);

    // the timeline: one event per change, in order, each naming who did it, with its zh-CN line
    const tl = (await api.detail(agent1.accessToken, id)).body.timeline;
    expect(tl.map((e) => [e.type, e.actorName, e.actorRole, e.text])).toEqual([
      ['created', '张三', 'resident', '小程序报修'],
      ['accepted', '张客服', 'agent', '已受理，等级：一般'],
      ['dispatched', '张客服', 'agent', '已派单给 赵师傅'],
      ['time_proposed', '赵师傅', 'technician', '维修方提议上门时间 11-23 14:30'],
      ['time_agreed', '张三', 'resident', '住户同意上门时间 11-23 14:30'],
      ['arrived', '赵师傅', 'technician', '维修人员已到场'],
      ['completed', '赵师傅', 'technician', '已完工（原装设备缺陷，免费）'],
      ['confirmed', '张三', 'resident', '住户确认完成'],
      ['rated', '张三', 'resident', '住户评价 5 星：师傅很专业'],
      ['return_visit', '张客服', 'agent', '回访：满意，住户很满意'],
    ]);
    const ids = tl.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const ats = tl.map((e) => Date.parse(e.at));
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
    // the row agrees, and is no longer open
    const row = (await t.query('SELECT status, is_open, version FROM tickets WHERE id = ?', [id]))[0];
    expect([row.status, Number(row.is_open), Number(row.version)]).toEqual(['closed', 0, 10]);
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ?', [id]))[0].n)).toBe(10);
  });

  it('every desk role (agent, supervisor, manager, admin) may accept, change the tier, dispatch, reassign, schedule, hold, resume, return-visit and cancel', async () => {
    for (const desk of [agent1, sup1, manager1, admin]) {
      const k = desk.accessToken;
      const role = desk.me.roles[0];
      const { id } = await api.file(zhangsan.accessToken, room101.id);
      expect((await api.step(k, id, 'accept', { tier: 'urgent' })).ownerId).toBe(desk.me.id);
      expect((await api.step(k, id, 'change_tier', { tier: 'critical', reason: '住户家中积水较深' })).tier).toBe('critical');
      expect((await api.step(k, id, 'dispatch', { technicianId: tech1.me.id })).assigneeId).toBe(tech1.me.id);
      expect((await api.step(k, id, 'reassign', { technicianId: tech2.me.id, reason: '赵师傅在另一单' })).assigneeId).toBe(tech2.me.id);
      expect((await api.step(k, id, 'schedule', { visitAt: '2026-11-23T15:00:00+08:00' })).status).toBe('scheduled');
      expect((await api.step(k, id, 'hold', { holdReason: 'no_access' })).status).toBe('on_hold');
      expect((await api.step(k, id, 'resume')).status).toBe('scheduled');
      await api.step(tech2.accessToken, id, 'arrive');
      await api.step(tech2.accessToken, id, 'complete', { freeOfCharge: true });
      await api.step(zhangsan.accessToken, id, 'confirm');
      const closed = await api.step(k, id, 'return_visit', { satisfied: true });
      expect(closed.status).toBe('closed');
      const byDesk = closed.timeline.filter((e) => e.actorName === desk.me.name);
      expect(byDesk.map((e) => e.type)).toEqual(['accepted', 'tier_changed', 'dispatched', 'reassigned', 'scheduled', 'held', 'resumed', 'return_visit']);
      expect(byDesk.every((e) => e.actorRole === role)).toBe(true);

      // staff may cancel at any time before completion, with a reason
      const busy = await api.file(zhangsan.accessToken, room101.id);
      await api.step(k, busy.id, 'accept', { tier: 'normal' });
      await api.step(k, busy.id, 'dispatch', { technicianId: tech1.me.id });
      await api.step(tech1.accessToken, busy.id, 'arrive');
      const cancelled = await api.step(k, busy.id, 'cancel', { reason: '住户自行找人修好' });
      expect(cancelled).toEqual(expect.objectContaining({ status: 'cancelled', cancelReason: '住户自行找人修好' }));
    }
  });

  it('the resident may propose a visit time (state kept), urge, confirm, dispute and rate; the assignee schedules, arrives, holds, resumes and completes', async () => {
    const { id } = await api.orderIn(cast, 'dispatched');
    const proposed = await api.step(zhangsan.accessToken, id, 'propose_time', { visitAt: '2026-11-23T18:00:00+08:00' });
    expect(proposed.status).toBe('dispatched');
    expect(proposed.agreedVisitAt).toBeNull();
    expect(proposed.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'time_proposed', actorName: '张三', text: '住户提议上门时间 11-23 18:00' }));
    const agreed = await api.step(tech1.accessToken, id, 'accept_time');
    expect(agreed).toEqual(expect.objectContaining({ status: 'scheduled', agreedVisitAt: new Date('2026-11-23T18:00:00+08:00').toISOString() }));
    // a visit time in the past is refused; a proposal needs a time
    const past = await api.attempt(tech1.accessToken, id, 'propose_time', { visitAt: '2026-11-22T18:00:00+08:00' });
    expect(past.status).toBe(400);
    expect((await api.attempt(tech1.accessToken, id, 'propose_time', {})).status).toBe(400);
    // the technician alone no longer fixes a time
    expect((await api.attempt(tech1.accessToken, id, 'schedule', { visitAt: '2026-11-23T19:00:00+08:00' })).status).toBe(403);
  });

  describe('hold and resume', () => {
    it.each([
      ['dispatched', 'parts', '挂起：等待配件', tech1] as const,
      ['scheduled', 'no_access', '挂起：无法入户', null] as const,
      ['in_progress', 'out_of_scope', '挂起：超出服务范围，需由开发商处理', tech1] as const,
    ])('from %s for %s, then resume returns to the held-from state', async (from, holdReason, text, who) => {
      const holder = who ?? agent1;
      const { id } = await api.orderIn(cast, from as RepairStatus);
      const reason = holdReason === 'out_of_scope' ? '需由开发商处理' : undefined;
      const held = await api.step(holder.accessToken, id, 'hold', { holdReason, ...(reason ? { reason } : {}) });
      expect(held).toEqual(expect.objectContaining({ status: 'on_hold', holdReason }));
      expect(held.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'held', text, actorName: holder.me.name }));
      expect(held.clocks.filter((c) => c.state === 'running')).toEqual([]);
      expect((await api.detail(tech1.accessToken, id)).body.actions.sort()).toEqual(['resume']);
      const resumed = await api.step(holder === agent1 ? tech1.accessToken : agent1.accessToken, id, 'resume');
      expect(resumed).toEqual(expect.objectContaining({ status: from, holdReason: null }));
      expect(resumed.timeline.at(-1)!.text).toBe('恢复处理');
      expect(resumed.clocks.filter((c) => c.state === 'paused')).toEqual([]);
    });

    it('hold needs a known reason (400); a held order cannot be worked on until resumed', async () => {
      const { id } = await api.orderIn(cast, 'dispatched');
      for (const body of [{}, { holdReason: 'lunch' }]) {
        const r = await api.attempt(tech1.accessToken, id, 'hold', body);
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await api.status(id)).toBe('dispatched');
      await api.step(tech1.accessToken, id, 'hold', { holdReason: 'parts' });
      for (const action of ['arrive', 'schedule', 'complete', 'hold'] as const) {
        const r = await api.attempt(tech1.accessToken, id, action, { visitAt: '2026-11-24T10:00:00+08:00', freeOfCharge: true, holdReason: 'parts' });
        expect([action, r.status, r.body.code]).toEqual([action, 409, 'ILLEGAL_TRANSITION']);
      }
    });

    it('reassigning a held order hands it on: dispatched again, hold cleared, clocks running', async () => {
      const { id } = await api.orderIn(cast, 'dispatched', { tier: 'urgent' });
      await api.step(tech1.accessToken, id, 'hold', { holdReason: 'out_of_scope' });
      const d = await api.step(agent1.accessToken, id, 'reassign', { technicianId: tech2.me.id, reason: '需要电工处理' });
      expect(d).toEqual(expect.objectContaining({ status: 'dispatched', assigneeId: tech2.me.id, holdReason: null }));
      expect(clockOf(d, 'arrival')!.state).toBe('running');
      expect(d.clocks.filter((c) => c.state === 'paused')).toEqual([]);
      // the new technician can work on it at once
      expect((await api.step(tech2.accessToken, id, 'arrive')).status).toBe('in_progress');
    });
  });

  it('reassign needs a reason (400 without) and another technician; the old one loses sight of the order', async () => {
    const { id, version } = await api.orderIn(cast, 'scheduled');
    const noReason = await api.attempt(agent1.accessToken, id, 'reassign', { technicianId: tech2.me.id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const same = await api.attempt(agent1.accessToken, id, 'reassign', { technicianId: tech1.me.id, reason: '再派一次' });
    expect(same.status).toBe(400);
    const noTech = await api.attempt(agent1.accessToken, id, 'reassign', { reason: '换人' });
    expect(noTech.status).toBe(400);
    expect(await api.version(id)).toBe(version);

    const d = await api.step(agent1.accessToken, id, 'reassign', { technicianId: tech2.me.id, reason: '赵师傅请假' });
    expect(d).toEqual(expect.objectContaining({ status: 'dispatched', assigneeId: tech2.me.id, assigneeName: '吴师傅' }));
    expect(d.timeline.at(-1)).toEqual(
      expect.objectContaining({ type: 'reassigned', text: '由 赵师傅 转派给 吴师傅：赵师傅请假', payload: expect.objectContaining({ reason: '赵师傅请假' }) }),
    );
    expect((await api.detail(tech1.accessToken, id)).status).toBe(404);
    expect((await api.detail(tech2.accessToken, id)).status).toBe(200);
    expect((await api.list(tech1.accessToken)).body.items!.map((x) => x.id)).not.toContain(id);
    expect((await api.list(tech2.accessToken)).body.items!.map((x) => x.id)).toContain(id);
  });

  it('change_tier needs a tier and a reason; the reason is on the timeline', async () => {
    const { id } = await api.orderIn(cast, 'accepted');
    expect((await api.attempt(agent1.accessToken, id, 'change_tier', { tier: 'urgent' })).status).toBe(400);
    expect((await api.attempt(agent1.accessToken, id, 'change_tier', { reason: '升级' })).status).toBe(400);
    expect((await api.attempt(agent1.accessToken, id, 'change_tier', { tier: 'hot', reason: '升级' })).status).toBe(400);
    const d = await api.step(agent1.accessToken, id, 'change_tier', { tier: 'urgent', reason: '漏水影响楼下' });
    expect(d).toEqual(expect.objectContaining({ status: 'accepted', tier: 'urgent' }));
    expect(d.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'tier_changed', actorName: '张客服', text: '等级由一般调整为急：漏水影响楼下' }));
  });

  describe('cancel', () => {
    it('the resident may cancel before dispatch (submitted, accepted), no reason needed', async () => {
      for (const state of ['submitted', 'accepted'] as const) {
        const { id } = await api.orderIn(cast, state);
        expect((await api.detail(zhangsan.accessToken, id)).body.actions).toContain('cancel');
        const d = await api.step(zhangsan.accessToken, id, 'cancel');
        expect(d).toEqual(expect.objectContaining({ status: 'cancelled', cancelReason: null, actions: [] }));
        expect(d.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'cancelled', actorName: '张三', actorRole: 'resident', text: '已取消' }));
        expect(d.clocks.filter((c) => c.state === 'running' || c.state === 'paused')).toEqual([]);
      }
    });

    it('after dispatch the resident may not (403), and nothing changes', async () => {
      for (const state of ['dispatched', 'scheduled', 'in_progress', 'on_hold'] as const) {
        const { id, version } = await api.orderIn(cast, state);
        expect((await api.detail(zhangsan.accessToken, id)).body.actions).not.toContain('cancel');
        const r = await api.act(zhangsan.accessToken, id, 'cancel', { version, reason: '不想修了' });
        expect([state, r.status, r.body.code]).toEqual([state, 403, 'FORBIDDEN']);
        expect(await api.status(id)).toBe(state);
        expect(await api.version(id)).toBe(version);
      }
    });

    it('staff must give a reason (400 without); then the order is cancelled with it, its clocks stopped, and closed in lists', async () => {
      const { id } = await api.orderIn(cast, 'dispatched');
      const r = await api.attempt(agent1.accessToken, id, 'cancel');
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      expect(await api.status(id)).toBe('dispatched');
      const d = await api.step(agent1.accessToken, id, 'cancel', { reason: '重复报修' });
      expect(d).toEqual(expect.objectContaining({ status: 'cancelled', cancelReason: '重复报修', actions: [] }));
      expect(d.timeline.at(-1)!.text).toBe('已取消：重复报修');
      expect(d.clocks.every((c) => c.state === 'met' || c.state === 'cancelled')).toBe(true);
      const closed = await api.allPages(agent1.accessToken, '/api/staff/repairs?status=closed', 100);
      expect(closed.items.map((x) => x.id)).toContain(id);
      const open = await api.allPages(agent1.accessToken, '/api/staff/repairs?status=open', 100);
      expect(open.items.map((x) => x.id)).not.toContain(id);
      // the technician no longer has it as work
      expect((await api.detail(tech1.accessToken, id)).body.actions).toEqual([]);
    });
  });

  it('urge: once per 10 minutes (429 URGE_TOO_SOON before), then again after the clock moves 10 minutes', async () => {
    const { id } = await api.orderIn(cast, 'accepted');
    const first = await api.step(zhangsan.accessToken, id, 'urge');
    expect(first.status).toBe('accepted');
    expect(first.lastUrgedAt).toEqual(expect.any(String));
    expect(first.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'urged', text: '住户催单', actorName: '张三' }));
    const again = await api.attempt(zhangsan.accessToken, id, 'urge');
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('URGE_TOO_SOON');
    expect(again.body.details).toEqual({ retryAfterSeconds: expect.any(Number) });
    expect((again.body.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(590);
    await api.clockAdvance(9 * MIN);
    const stillTooSoon = await api.attempt(zhangsan.accessToken, id, 'urge');
    expect(stillTooSoon.status).toBe(429);
    expect((stillTooSoon.body.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    await api.clockAdvance(MIN);
    const later = await api.step(zhangsan.accessToken, id, 'urge');
    expect(Date.parse(later.lastUrgedAt!) - Date.parse(first.lastUrgedAt!)).toBeGreaterThanOrEqual(10 * MIN);
    expect(types(later).filter((x) => x === 'urged')).toHaveLength(2);
    // staff do not urge
    expect((await api.attempt(agent1.accessToken, id, 'urge')).status).toBe(403);
  });

  it('rate once: 1–5 stars, after confirmation (or after closing); a second rating is 409 ALREADY_RATED', async () => {
    const completed = await api.orderIn(cast, 'completed');
    expect((await api.attempt(zhangsan.accessToken, completed.id, 'rate', { rating: 5 })).body.code).toBe('ILLEGAL_TRANSITION');
    await api.step(zhangsan.accessToken, completed.id, 'confirm');
    for (const rating of [0, 6, 3.5, undefined]) {
      const r = await api.attempt(zhangsan.accessToken, completed.id, 'rate', rating === undefined ? {} : { rating });
      expect([rating, r.status]).toEqual([rating, 400]);
    }
    const rated = await api.step(zhangsan.accessToken, completed.id, 'rate', { rating: 4 });
    expect(rated).toEqual(expect.objectContaining({ rating: 4, ratingComment: null }));
    const twice = await api.attempt(zhangsan.accessToken, completed.id, 'rate', { rating: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_RATED');
    await api.step(agent1.accessToken, completed.id, 'return_visit', { satisfied: true });
    expect((await api.attempt(zhangsan.accessToken, completed.id, 'rate', { rating: 2 })).body.code).toBe('ALREADY_RATED');
    expect((await api.detail(zhangsan.accessToken, completed.id)).body.rating).toBe(4);

    // closed before the resident got round to it: still one rating
    const closed = await api.orderIn(cast, 'closed');
    expect((await api.detail(zhangsan.accessToken, closed.id)).body.actions).toEqual(['rate']);
    expect((await api.step(zhangsan.accessToken, closed.id, 'rate', { rating: 5, comment: '好' })).status).toBe('closed');
    expect((await api.attempt(zhangsan.accessToken, closed.id, 'rate', { rating: 5 })).body.code).toBe('ALREADY_RATED');
  });

  describe('complete: free or by the price list', () => {
    it('with price lines: amount = price × quantity in integer cents, billed to the room', async () => {
      const { id } = await api.orderIn(cast, 'in_progress');
      const tap = price('更换水龙头');
      const labour = price('维修人工费');
      expect([tap.priceCents, labour.priceCents]).toEqual([3000, 5000]);
      const d = await api.step(tech1.accessToken, id, 'complete', {
        freeOfCharge: false,
        lines: [
          { priceItemId: tap.id, quantity: 2 },
          { priceItemId: labour.id, quantity: 3 },
        ],
      });
      expect(d.status).toBe('completed');
      expect(d.freeOfCharge).toBe(false);
      expect(d.charges).toEqual([
        { priceItemId: tap.id, name: '更换水龙头', unit: '个', unitPriceCents: 3000, quantity: 2, amountCents: 6000 },
        { priceItemId: labour.id, name: '维修人工费', unit: '小时', unitPriceCents: 5000, quantity: 3, amountCents: 15000 },
      ]);
      expect(d.chargeTotalCents).toBe(21000);
      expect(d.timeline.at(-1)!.text).toBe('已完工，费用 ¥210.00');
      const rows = await t.query('SELECT room_id, amount_cents, billed_at FROM ticket_charges WHERE ticket_id = ? ORDER BY id', [id]);
      expect(rows.map((r) => [Number(r.room_id), Number(r.amount_cents), r.billed_at])).toEqual([
        [room101.id, 6000, null],
        [room101.id, 15000, null],
      ]);
      // the resident sees the same charges
      expect((await api.detail(zhangsan.accessToken, id)).body.chargeTotalCents).toBe(21000);
    });

    it('free with lines, neither, a missing choice, a bad quantity, or an inactive / unknown / other company’s price item is refused and nothing is written', async () => {
      const { id, version } = await api.orderIn(cast, 'in_progress');
      const tap = price('更换水龙头');
      // an item the admin retired
      const retired = await t.post<PriceItemView>('/api/price-items', { name: '更换老式阀门', unit: '个', priceCents: 4500 }, { token: admin.accessToken });
      expect(retired.status).toBe(201);
      expect((await t.patch(`/api/price-items/${retired.body.id}`, { active: false }, { token: admin.accessToken })).body.active).toBe(false);
      // an item of another company
      await t.query('INSERT INTO companies (name, resident_appid, staff_appid, created_at) VALUES (?, NULL, NULL, ?)', ['别家物业', '2026-01-01 00:00:00.000']);
      const otherCompany = Number((await t.query('SELECT id FROM companies WHERE name = ?', ['别家物业']))[0].id);
      await t.query('INSERT INTO price_items (company_id, name, unit, price_cents, active) VALUES (?, ?, ?, ?, ?)', [otherCompany, '别家水龙头', '个', 100, 1]);
      const foreign = Number((await t.query('SELECT id FROM price_items WHERE company_id = ?', [otherCompany]))[0].id);

      const cases: [Record<string, unknown>, number, string][] = [
        [{ freeOfCharge: true, lines: [{ priceItemId: tap.id, quantity: 1 }] }, 400, 'BAD_REQUEST'],
        [{ freeOfCharge: false }, 400, 'BAD_REQUEST'],
        [{ freeOfCharge: false, lines: [] }, 400, 'BAD_REQUEST'],
        [{ lines: [{ priceItemId: tap.id, quantity: 1 }] }, 400, 'VALIDATION_FAILED'],
        [{ freeOfCharge: false, lines: [{ priceItemId: tap.id, quantity: 0 }] }, 400, 'VALIDATION_FAILED'],
        [{ freeOfCharge: false, lines: [{ priceItemId: tap.id, quantity: 1.5 }] }, 400, 'VALIDATION_FAILED'],
        [{ freeOfCharge: false, lines: [{ priceItemId: retired.body.id, quantity: 1 }] }, 404, 'NOT_FOUND'],
        [{ freeOfCharge: false, lines: [{ priceItemId: foreign, quantity: 1 }] }, 404, 'NOT_FOUND'],
        [{ freeOfCharge: false, lines: [{ priceItemId: 999_999, quantity: 1 }] }, 404, 'NOT_FOUND'],
        [
          {
            freeOfCharge: false,
            lines: [
              { priceItemId: tap.id, quantity: 1 },
              { priceItemId: retired.body.id, quantity: 1 },
            ],
          },
          404,
          'NOT_FOUND',
        ],
      ];
      for (const [body, status, code] of cases) {
        const r = await api.act(tech1.accessToken, id, 'complete', { version, ...body });
        expect([body, r.status, r.body.code]).toEqual([body, status, code]);
      }
      expect(await api.status(id)).toBe('in_progress');
      expect(await api.version(id)).toBe(version);
      expect(await t.query('SELECT id FROM ticket_charges WHERE ticket_id = ?', [id])).toEqual([]);
    });
  });

  it('a dissatisfied return visit reopens the order; it is dispatched again and can go round to closed', async () => {
    const { id } = await api.orderIn(cast, 'confirmed');
    expect((await api.attempt(agent1.accessToken, id, 'return_visit', {})).status).toBe(400);
    const reopened = await api.step(agent1.accessToken, id, 'return_visit', { satisfied: false, notes: '水管还在滴水' });
    expect(reopened).toEqual(
      expect.objectContaining({ status: 'reopened', returnVisit: expect.objectContaining({ satisfied: false, notes: '水管还在滴水' }) }),
    );
    expect(reopened.timeline.at(-1)!.text).toBe('回访：不满意，水管还在滴水');
    expect(clockOf(reopened, 'dispatch')!.state).toBe('running');
    expect(reopened.actions).toEqual(expect.arrayContaining(['dispatch', 'change_tier', 'cancel']));

    const again = await api.step(agent1.accessToken, id, 'dispatch', { technicianId: tech2.me.id });
    expect(again).toEqual(expect.objectContaining({ status: 'dispatched', assigneeId: tech2.me.id }));
    expect(clockOf(again, 'dispatch')!.state).toBe('met');
    expect(clockOf(again, 'arrival')!.state).toBe('running');
    await api.step(tech2.accessToken, id, 'arrive');
    await api.step(tech2.accessToken, id, 'complete', { freeOfCharge: false, lines: [{ priceItemId: price('疏通下水道').id, quantity: 1 }] });
    await api.step(zhangsan.accessToken, id, 'confirm');
    const closed = await api.step(agent1.accessToken, id, 'return_visit', { satisfied: true });
    expect(closed.status).toBe('closed');
    expect(closed.chargeTotalCents).toBe(8000);
    expect(types(closed)).toEqual([
      'created',
      'accepted',
      'dispatched',
      'time_proposed',
      'time_agreed',
      'arrived',
      'completed',
      'confirmed',
      'return_visit',
      'dispatched',
      'arrived',
      'completed',
      'confirmed',
      'return_visit',
    ]);
  });

  it('a dispute reopens the order (a reason is required) with the dispatch clock running again', async () => {
    const { id } = await api.orderIn(cast, 'completed');
    const noReason = await api.attempt(zhangsan.accessToken, id, 'dispute');
    expect(noReason.status).toBe(400);
    expect(await api.status(id)).toBe('completed');
    const d = await api.step(zhangsan.accessToken, id, 'dispute', { reason: '修完第二天又坏了' });
    expect(d.status).toBe('reopened');
    expect(d.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'disputed', actorName: '张三', text: '住户有异议：修完第二天又坏了' }));
    expect(d.nextClock).toEqual(expect.objectContaining({ name: 'dispatch', state: 'running' }));
    expect((await api.step(agent1.accessToken, id, 'dispatch', { technicianId: tech1.me.id })).status).toBe('dispatched');
  });

  describe('refusals', () => {
    type Who = 'desk' | 'tech' | 'resident';
    const ILLEGAL: [RepairStatus, [Who, RepairAction][]][] = [
      [
        'submitted',
        [
          ['desk', 'dispatch'],
          ['desk', 'reassign'],
          ['desk', 'schedule'],
          ['desk', 'hold'],
          ['desk', 'resume'],
          ['desk', 'change_tier'],
          ['desk', 'return_visit'],
          ['resident', 'confirm'],
          ['resident', 'dispute'],
          ['resident', 'rate'],
        ],
      ],
      [
        'accepted',
        [
          ['desk', 'accept'],
          ['desk', 'reassign'],
          ['desk', 'hold'],
          ['desk', 'arrive'],
          ['desk', 'complete'],
          ['resident', 'confirm'],
        ],
      ],
      [
        'dispatched',
        [
          ['desk', 'accept'],
          ['desk', 'dispatch'],
          ['tech', 'resume'],
          ['tech', 'complete'],
          ['resident', 'confirm'],
          ['desk', 'return_visit'],
          ['resident', 'rate'],
        ],
      ],
      [
        'scheduled',
        [
          ['desk', 'accept'],
          ['desk', 'dispatch'],
          ['tech', 'complete'],
          ['tech', 'resume'],
          ['resident', 'dispute'],
        ],
      ],
      [
        'in_progress',
        [
          ['desk', 'accept'],
          ['desk', 'dispatch'],
          ['desk', 'reassign'],
          ['desk', 'change_tier'],
          ['tech', 'schedule'],
          ['tech', 'arrive'],
          ['tech', 'resume'],
          ['resident', 'propose_time'],
          ['resident', 'confirm'],
        ],
      ],
      [
        'on_hold',
        [
          ['tech', 'arrive'],
          ['tech', 'complete'],
          ['tech', 'hold'],
          ['tech', 'schedule'],
          ['desk', 'dispatch'],
          ['desk', 'accept'],
          ['resident', 'propose_time'],
        ],
      ],
      [
        'completed',
        [
          ['tech', 'complete'],
          ['tech', 'hold'],
          ['desk', 'cancel'],
          ['resident', 'cancel'],
          ['resident', 'urge'],
          ['resident', 'rate'],
          ['desk', 'return_visit'],
          ['desk', 'change_tier'],
          ['desk', 'dispatch'],
        ],
      ],
      [
        'confirmed',
        [
          ['resident', 'confirm'],
          ['resident', 'dispute'],
          ['resident', 'urge'],
          ['desk', 'cancel'],
          ['desk', 'hold'],
          ['desk', 'dispatch'],
        ],
      ],
      [
        'reopened',
        [
          ['desk', 'accept'],
          ['tech', 'arrive'],
          ['tech', 'complete'],
          ['tech', 'resume'],
          ['resident', 'confirm'],
          ['desk', 'return_visit'],
        ],
      ],
      [
        'closed',
        [
          ['desk', 'return_visit'],
          ['desk', 'cancel'],
          ['resident', 'cancel'],
          ['resident', 'urge'],
          ['resident', 'dispute'],
          ['resident', 'confirm'],
          ['desk', 'hold'],
          ['desk', 'change_tier'],
          ['desk', 'dispatch'],
          ['desk', 'accept'],
        ],
      ],
      [
        'cancelled',
        [
          ['desk', 'accept'],
          ['desk', 'cancel'],
          ['desk', 'dispatch'],
          ['resident', 'urge'],
          ['resident', 'cancel'],
          ['resident', 'confirm'],
          ['resident', 'rate'],
        ],
      ],
    ];
    /** a body that would be valid for the action, so only the state can refuse it */
    const BODY: Partial<Record<RepairAction, Record<string, unknown>>> = {
      accept: { tier: 'normal' },
      change_tier: { tier: 'urgent', reason: '测试' },
      reassign: { reason: '测试' },
      schedule: { visitAt: '2027-01-01T10:00:00+08:00' },
      propose_time: { visitAt: '2027-01-01T10:00:00+08:00' },
      hold: { holdReason: 'parts' },
      complete: { freeOfCharge: true },
      dispute: { reason: '测试' },
      rate: { rating: 5 },
      return_visit: { satisfied: true },
      cancel: { reason: '测试' },
    };

    it.each(ILLEGAL)('illegal from %s → 409 ILLEGAL_TRANSITION, nothing changes', async (state, attempts) => {
      const d = await api.orderIn(cast, state);
      const token = { desk: agent1.accessToken, tech: tech1.accessToken, resident: zhangsan.accessToken };
      for (const [who, action] of attempts) {
        // the shared state machine agrees that this is illegal from here
        expect([action, REPAIR_RULES[action].from.includes(state)]).toEqual([action, false]);
        const body = { ...BODY[action], ...(action === 'dispatch' || action === 'reassign' ? { technicianId: tech2.me.id } : {}) };
        const r = await api.act(token[who], d.id, action, { version: d.version, ...body });
        expect([who, action, r.status, r.body.code]).toEqual([who, action, 409, 'ILLEGAL_TRANSITION']);
        expect(r.body.details).toEqual({ status: state, action });
      }
      expect(await api.status(d.id)).toBe(state);
      expect(await api.version(d.id)).toBe(d.version);
      expect((await api.detail(agent1.accessToken, d.id)).body.timeline).toEqual(d.timeline);
    });

    it('the wrong role for a legal step → 403 FORBIDDEN, nothing changes', async () => {
      const WRONG: [RepairStatus, [Who, RepairAction][]][] = [
        ['submitted', [['resident', 'accept']]],
        [
          'accepted',
          [
            ['resident', 'dispatch'],
            ['resident', 'change_tier'],
          ],
        ],
        [
          'dispatched',
          [
            ['desk', 'arrive'],
            ['resident', 'arrive'],
            ['resident', 'schedule'],
            ['resident', 'hold'],
            ['tech', 'reassign'],
            ['tech', 'change_tier'],
            ['tech', 'cancel'],
            ['tech', 'urge'],
            ['desk', 'urge'],
            ['tech', 'schedule'],
          ],
        ],
        [
          'in_progress',
          [
            ['desk', 'complete'],
            ['resident', 'complete'],
            ['resident', 'hold'],
          ],
        ],
        [
          'on_hold',
          [
            ['resident', 'resume'],
            ['tech', 'reassign'],
          ],
        ],
        [
          'completed',
          [
            ['desk', 'confirm'],
            ['tech', 'confirm'],
            ['desk', 'dispute'],
            ['tech', 'dispute'],
          ],
        ],
        [
          'confirmed',
          [
            ['desk', 'rate'],
            ['tech', 'rate'],
            ['resident', 'return_visit'],
            ['tech', 'return_visit'],
          ],
        ],
        [
          'reopened',
          [
            ['tech', 'dispatch'],
            ['resident', 'dispatch'],
            ['tech', 'cancel'],
          ],
        ],
      ];
      const token = { desk: agent1.accessToken, tech: tech1.accessToken, resident: zhangsan.accessToken };
      for (const [state, attempts] of WRONG) {
        const d = await api.orderIn(cast, state);
        for (const [who, action] of attempts) {
          expect([action, REPAIR_RULES[action].from.includes(state)]).toEqual([action, true]);
          const body = { ...BODY[action], ...(action === 'dispatch' || action === 'reassign' ? { technicianId: tech2.me.id } : {}) };
          const r = await api.act(token[who], d.id, action, { version: d.version, ...body });
          expect([state, who, action, r.status, r.body.code]).toEqual([state, who, action, 403, 'FORBIDDEN']);
        }
        expect(await api.status(d.id)).toBe(state);
        expect(await api.version(d.id)).toBe(d.version);
      }
    });

    it('an unknown action is 400; a missing or stale version is 400 / 409 VERSION_CONFLICT and nothing changes', async () => {
      const d = await api.orderIn(cast, 'accepted');
      const unknown = await api.act(agent1.accessToken, d.id, 'approve', { version: d.version });
      expect(unknown.status).toBe(400);
      const missing = await api.act(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
      expect(missing.status).toBe(400);
      expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'version' })]));
      for (const version of [d.version - 1, d.version + 1]) {
        const stale = await api.act(agent1.accessToken, d.id, 'dispatch', { version, technicianId: tech1.me.id });
        expect(stale.status).toBe(409);
        expect(stale.body.code).toBe('VERSION_CONFLICT');
        expect(stale.body.details).toEqual({ currentVersion: d.version });
      }
      // a resident's step is guarded alike
      const staleUrge = await api.act(zhangsan.accessToken, d.id, 'urge', { version: d.version - 1 });
      expect(staleUrge.body.code).toBe('VERSION_CONFLICT');
      expect(await api.status(d.id)).toBe('accepted');
      expect(await api.version(d.id)).toBe(d.version);
      // each change moves the version on by exactly one
      const next = await api.act(agent1.accessToken, d.id, 'dispatch', { version: d.version, technicianId: tech1.me.id });
      expect(next.body.version).toBe(d.version + 1);
    });

    it('a dispatch to someone who is no technician of this community is 404', async () => {
      const d = await api.orderIn(cast, 'accepted');
      const cuihuTech = await newStaff(t, admin, 'technician-chy', '翠湖师傅', ['technician'], [(await t.room('翠湖苑', '1栋1单元101')).communityId]);
      for (const technicianId of [agent1.me.id, cuihuTech.me.id, zhangsan.me.id, 999_999]) {
        const r = await api.act(agent1.accessToken, d.id, 'dispatch', { version: d.version, technicianId });
        expect([technicianId, r.status]).toEqual([technicianId, 404]);
      }
      // the picker lists the community's technicians with their load
      const picker = await t.get(`/api/staff/technicians?communityId=${room101.communityId}`, { token: agent1.accessToken });
      expect(picker.body.map((x: { name: string }) => x.name).sort()).toEqual(['吴师傅', '赵师傅'].sort());
      expect(await api.status(d.id)).toBe('accepted');
    });
  });

  it('a dispatch race: two dispatches with one version → exactly one 200 and one 409; one assignee, one dispatched event', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await api.orderIn(cast, 'accepted');
      const [a, b] = await Promise.all(
        [tech1, tech2].map((tech) => api.act(agent1.accessToken, d.id, 'dispatch', { version: d.version, technicianId: tech.me.id })),
      );
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      const winnerTech = a.status === 200 ? tech1 : tech2;
      expect(loser.body.code).toBe('VERSION_CONFLICT');
      const row = (await t.query('SELECT assignee_id, status, version FROM tickets WHERE id = ?', [d.id]))[0];
      expect([Number(row.assignee_id), row.status, Number(row.version)]).toEqual([winnerTech.me.id, 'dispatched', d.version + 1]);
      expect((winner.body as Or<RepairDetail>).assigneeId).toBe(winnerTech.me.id);
      const events = await t.query('SELECT type FROM ticket_events WHERE ticket_id = ? AND type = ?', [d.id, 'dispatched']);
      expect(events).toHaveLength(1);
      const detail = (await api.detail(agent1.accessToken, d.id)).body;
      expect(types(detail).filter((x) => x === 'dispatched')).toHaveLength(1);
      expect(detail.timeline.at(-1)!.text).toBe(`已派单给 ${winnerTech.me.name}`);
    }
  });

  it('every timeline line is zh-CN and names its actor (or the system)', async () => {
    const rows = await t.query('SELECT id FROM tickets ORDER BY id');
    for (const { id } of rows.slice(0, 12)) {
      const d = (await api.detail(agent1.accessToken, Number(id))).body;
      for (const e of d.timeline) {
        expect([e.type, ZH.test(e.text)]).toEqual([e.type, true]);
        expect(e.actorRole).toEqual(expect.any(String));
        if (e.actorRole !== 'system') expect(e.actorName).toEqual(expect.any(String));
      }
    }
  });
});
