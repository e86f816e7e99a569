import { LoginResponse, RepairDetail, RepairSummary, TIER_ORDER } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { Cast, DAY, MIN, clockOf, ms, repairsApi } from './helpers/repairs';

/** 2026-11-23 10:00 in Asia/Shanghai; the local day ends at 2026-11-23T16:00:00Z */
const MORNING = '2026-11-23T10:00:00+08:00';
const END_OF_DAY = '2026-11-23T16:00:00.000Z';

describe('repairs: service clocks on the injectable server clock (never a sleep)', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let agent1: LoginResponse, tech1: LoginResponse, zhangsan: LoginResponse;
  let room101: { id: number; communityId: number };
  let cast: Cast;

  /** the instant of the last event of a type */
  const eventAt = (d: RepairDetail, type: string) => ms(d.timeline.filter((e) => e.type === type).at(-1)?.at);
  const accepted = async (tier: string) => {
    const d = await api.file(zhangsan.accessToken, room101.id);
    return api.step(agent1.accessToken, d.id, 'accept', { tier });
  };

  beforeAll(async () => {
    t = await TestApp.start();
    api = repairsApi(t);
    [agent1, tech1] = await Promise.all(['agent1', 'technician1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = await t.room('锦绣花园', '1栋1单元101');
    cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room101.id };
  });
  afterAll(() => t.close());

  it('the test clock hook moves the server clock (set and advance)', async () => {
    const now = await api.clockSet(MORNING);
    expect(Math.abs(now.getTime() - Date.parse(MORNING))).toBeLessThan(1000);
    const later = await api.clockAdvance(90 * MIN);
    expect(later.getTime() - now.getTime()).toBeGreaterThanOrEqual(90 * MIN);
    expect(later.getTime() - now.getTime()).toBeLessThan(90 * MIN + 5000);
    await api.clockSet(MORNING);
  });

  it('resident intake: initial feedback is due 60 minutes after receipt', async () => {
    await api.clockSet(MORNING);
    const d = await api.file(zhangsan.accessToken, room101.id);
    expect(Math.abs(ms(d.receivedAt) - Date.parse(MORNING))).toBeLessThan(5000);
    expect(d.clocks).toEqual([expect.objectContaining({ name: 'initial_feedback', state: 'running', startedAt: d.receivedAt, breached: false })]);
    expect(ms(clockOf(d, 'initial_feedback')!.dueAt) - ms(d.receivedAt)).toBe(60 * MIN);
    expect(d.nextClock).toEqual(expect.objectContaining({ name: 'initial_feedback' }));
  });

  it('accepted as critical: dispatch due in 2 minutes and arrival in 5, from acceptance; initial feedback met', async () => {
    await api.clockSet(MORNING);
    const d = await accepted('critical');
    const at = eventAt(d, 'accepted');
    expect(clockOf(d, 'initial_feedback')).toEqual(expect.objectContaining({ state: 'met', breached: false }));
    expect(ms(clockOf(d, 'initial_feedback')!.metAt)).toBe(at);
    expect(clockOf(d, 'dispatch')).toEqual(expect.objectContaining({ state: 'running', breached: false }));
    expect(ms(clockOf(d, 'dispatch')!.startedAt)).toBe(at);
    expect(ms(clockOf(d, 'dispatch')!.dueAt) - at).toBe(2 * MIN);
    expect(ms(clockOf(d, 'arrival')!.dueAt) - at).toBe(5 * MIN);
    expect(d.nextClock!.name).toBe('dispatch');
    // dispatching in time meets the dispatch clock; arriving in time meets the arrival clock
    const sent = await api.step(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
    expect(clockOf(sent, 'dispatch')).toEqual(expect.objectContaining({ state: 'met', breached: false }));
    expect(sent.nextClock!.name).toBe('arrival');
    const there = await api.step(tech1.accessToken, d.id, 'arrive');
    expect(clockOf(there, 'arrival')).toEqual(expect.objectContaining({ state: 'met', breached: false }));
    expect(there.nextClock).toBeNull();
    expect(there.breached).toBe(false);
  });

  it('urgent: arrival due in 15 minutes', async () => {
    await api.clockSet(MORNING);
    const d = await accepted('urgent');
    const at = eventAt(d, 'accepted');
    expect(ms(clockOf(d, 'dispatch')!.dueAt) - at).toBe(2 * MIN);
    expect(ms(clockOf(d, 'arrival')!.dueAt) - at).toBe(15 * MIN);
  });

  it('normal: arrival due by 24:00 Asia/Shanghai of the acceptance day — 10:00, 23:59 (one minute left) and 00:30 (a new day)', async () => {
    await api.clockSet(MORNING);
    const morning = await accepted('normal');
    expect(clockOf(morning, 'arrival')!.dueAt).toBe(END_OF_DAY);
    expect(ms(clockOf(morning, 'dispatch')!.dueAt) - eventAt(morning, 'accepted')).toBe(2 * MIN);

    const late = await api.file(zhangsan.accessToken, room101.id);
    await api.clockSet('2026-11-23T23:59:00+08:00');
    const lateAccepted = await api.step(agent1.accessToken, late.id, 'accept', { tier: 'normal' });
    expect(clockOf(lateAccepted, 'arrival')!.dueAt).toBe(END_OF_DAY);
    const left = Date.parse(END_OF_DAY) - eventAt(lateAccepted, 'accepted');
    expect(left).toBeGreaterThan(55_000);
    expect(left).toBeLessThanOrEqual(MIN);

    const night = await api.file(zhangsan.accessToken, room101.id);
    await api.clockSet('2026-11-24T00:30:00+08:00');
    const nightAccepted = await api.step(agent1.accessToken, night.id, 'accept', { tier: 'normal' });
    expect(clockOf(nightAccepted, 'arrival')!.dueAt).toBe('2026-11-24T16:00:00.000Z');
    expect(Date.parse('2026-11-24T16:00:00.000Z') - eventAt(nightAccepted, 'accepted')).toBeGreaterThan(23 * 60 * MIN);
  });

  it('the agreed visit: a normal order’s arrival clock moves to the agreed time only once the other side accepts; a critical one keeps its 5 minutes', async () => {
    await api.clockSet(MORNING);
    const normal = await accepted('normal');
    const dispatched = await api.step(agent1.accessToken, normal.id, 'dispatch', { technicianId: tech1.me.id });
    const visitAt = '2026-11-24T15:00:00+08:00';
    // a proposal alone moves nothing
    const proposed = await api.step(tech1.accessToken, normal.id, 'propose_time', { visitAt });
    expect(clockOf(proposed, 'arrival')!.dueAt).toBe(clockOf(dispatched, 'arrival')!.dueAt);
    expect(proposed.agreedVisitAt).toBeNull();
    const scheduled = await api.step(zhangsan.accessToken, normal.id, 'accept_time');
    expect(clockOf(scheduled, 'arrival')!.dueAt).toBe(new Date(visitAt).toISOString());
    expect(scheduled.agreedVisitAt).toBe(new Date(visitAt).toISOString());
    // a new time proposed by the resident and accepted by the technician moves it again
    await api.step(zhangsan.accessToken, normal.id, 'propose_time', { visitAt: '2026-11-24T09:30:00+08:00' });
    const moved = await api.step(tech1.accessToken, normal.id, 'accept_time');
    expect(clockOf(moved, 'arrival')!.dueAt).toBe('2026-11-24T01:30:00.000Z');
    // the desk records a time agreed on the phone: it moves too
    const desk = await api.step(agent1.accessToken, normal.id, 'schedule', { visitAt: '2026-11-24T10:00:00+08:00' });
    expect(clockOf(desk, 'arrival')!.dueAt).toBe('2026-11-24T02:00:00.000Z');

    const critical = await accepted('critical');
    const due = clockOf(critical, 'arrival')!.dueAt;
    await api.step(agent1.accessToken, critical.id, 'dispatch', { technicianId: tech1.me.id });
    await api.step(tech1.accessToken, critical.id, 'propose_time', { visitAt: '2026-11-23T11:00:00+08:00' });
    const s = await api.step(zhangsan.accessToken, critical.id, 'accept_time');
    expect(clockOf(s, 'arrival')!.dueAt).toBe(due);
    expect(ms(due) - eventAt(critical, 'accepted')).toBe(5 * MIN);
  });

  it('hold pauses the clocks (no breach while held); resume moves the due time on by exactly the pause', async () => {
    await api.clockSet(MORNING);
    const d = await accepted('urgent');
    await api.step(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
    const due = ms(clockOf(d, 'arrival')!.dueAt);
    const held = await api.step(tech1.accessToken, d.id, 'hold', { holdReason: 'parts' });
    const heldAt = eventAt(held, 'held');
    expect(clockOf(held, 'arrival')).toEqual(expect.objectContaining({ state: 'paused', pausedMs: 0 }));
    expect(ms(clockOf(held, 'arrival')!.pausedAt)).toBe(heldAt);

    await api.clockAdvance(30 * MIN);
    const waiting = (await api.detail(agent1.accessToken, d.id)).body;
    // 30 minutes on, well past the 15-minute due time, but the clock stands still
    expect(clockOf(waiting, 'arrival')).toEqual(expect.objectContaining({ state: 'paused', breached: false, dueAt: new Date(due).toISOString() }));
    expect(waiting.breached).toBe(false);
    expect((await api.list(agent1.accessToken, 'breached=true&limit=100')).body.items!.map((x) => x.id)).not.toContain(d.id);

    const resumed = await api.step(tech1.accessToken, d.id, 'resume');
    const pause = eventAt(resumed, 'resumed') - heldAt;
    expect(pause).toBeGreaterThanOrEqual(30 * MIN);
    expect(pause).toBeLessThan(30 * MIN + 10_000);
    const arrival = clockOf(resumed, 'arrival')!;
    expect(arrival).toEqual(expect.objectContaining({ state: 'running', pausedAt: null, pausedMs: pause, breached: false }));
    expect(ms(arrival.dueAt) - due).toBe(pause);
    expect(resumed.status).toBe('dispatched');
  });

  it('a clock already past due when held stays breached while it stands still (and after)', async () => {
    await api.clockSet(MORNING);
    const d = await accepted('urgent');
    await api.step(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
    await api.clockAdvance(20 * MIN);
    // 20 minutes after acceptance: the 15-minute arrival is late; the technician reports a missing part
    const held = await api.step(tech1.accessToken, d.id, 'hold', { holdReason: 'parts' });
    expect(clockOf(held, 'arrival')).toEqual(expect.objectContaining({ state: 'paused', breached: true }));
    expect(held.breached).toBe(true);
    expect((await api.allPages(agent1.accessToken, '/api/staff/repairs?breached=true', 100)).items.map((x) => x.id)).toContain(d.id);
    await api.clockAdvance(30 * MIN);
    expect((await api.detail(agent1.accessToken, d.id)).body.breached).toBe(true);
    const resumed = await api.step(tech1.accessToken, d.id, 'resume');
    expect(clockOf(resumed, 'arrival')).toEqual(expect.objectContaining({ state: 'running', breached: true }));
    const arrived = await api.step(tech1.accessToken, d.id, 'arrive');
    expect(clockOf(arrived, 'arrival')).toEqual(expect.objectContaining({ state: 'met', breached: true }));
  });

  it('change_tier recomputes the arrival due time from acceptance and puts the reason on the timeline', async () => {
    await api.clockSet(MORNING);
    const d = await accepted('urgent');
    const at = eventAt(d, 'accepted');
    await api.clockAdvance(3 * MIN);
    const up = await api.step(agent1.accessToken, d.id, 'change_tier', { tier: 'critical', reason: '住户说水已漫到客厅' });
    expect(up.tier).toBe('critical');
    expect(ms(clockOf(up, 'arrival')!.dueAt) - at).toBe(5 * MIN);
    expect(up.timeline.at(-1)).toEqual(
      expect.objectContaining({
        type: 'tier_changed',
        actorName: '张客服',
        actorRole: 'agent',
        text: '等级由急调整为特急：住户说水已漫到客厅',
        payload: { from: 'urgent', to: 'critical', reason: '住户说水已漫到客厅' },
      }),
    );
    const down = await api.step(agent1.accessToken, d.id, 'change_tier', { tier: 'normal', reason: '已关总阀，不再漏水' });
    expect(clockOf(down, 'arrival')!.dueAt).toBe(END_OF_DAY);
    // the dispatch clock is not the tier's business
    expect(ms(clockOf(down, 'dispatch')!.dueAt) - at).toBe(2 * MIN);
  });

  it('a clock met late is marked breached, and the order shows in ?breached=true (a running one past due too)', async () => {
    await api.clockSet(MORNING);
    const late = await accepted('critical');
    const onTime = await accepted('critical');
    const fresh = await api.file(zhangsan.accessToken, room101.id);
    const breachedIds = async (flag: boolean) => (await api.allPages(agent1.accessToken, `/api/staff/repairs?breached=${flag}`, 100)).items.map((x) => x.id);
    expect(await breachedIds(true)).not.toContain(late.id);
    expect(await breachedIds(false)).toEqual(expect.arrayContaining([late.id, onTime.id, fresh.id]));

    await api.step(agent1.accessToken, onTime.id, 'dispatch', { technicianId: tech1.me.id });
    await api.clockAdvance(3 * MIN);
    // 3 minutes after acceptance: the 2-minute dispatch clock is overdue while still running
    const overdue = (await api.detail(agent1.accessToken, late.id)).body;
    expect(overdue.nextClock).toEqual(expect.objectContaining({ name: 'dispatch', state: 'running', breached: true }));
    expect(overdue.breached).toBe(true);
    expect(await breachedIds(true)).toContain(late.id);

    const sent = await api.step(agent1.accessToken, late.id, 'dispatch', { technicianId: tech1.me.id });
    expect(clockOf(sent, 'dispatch')).toEqual(expect.objectContaining({ state: 'met', breached: true }));
    expect(clockOf(sent, 'arrival')).toEqual(expect.objectContaining({ state: 'running', breached: false }));
    expect(sent.breached).toBe(true);
    expect(Number((await t.query('SELECT breached FROM tickets WHERE id = ?', [late.id]))[0].breached)).toBe(1);
    const yes = await breachedIds(true);
    expect(yes).toContain(late.id);
    expect(yes).not.toContain(onTime.id);
    expect(yes).not.toContain(fresh.id);
    const no = await breachedIds(false);
    expect(no).not.toContain(late.id);
    expect(no).toEqual(expect.arrayContaining([onTime.id, fresh.id]));
    // a breach stays on the record once the work is done in time
    await api.step(tech1.accessToken, late.id, 'arrive');
    expect((await api.detail(agent1.accessToken, late.id)).body.breached).toBe(true);
    expect(await breachedIds(true)).toContain(late.id);
    const summary = (await api.list(agent1.accessToken, 'breached=true&limit=100')).body.items!.find((x) => x.id === late.id)!;
    expect(summary.breached).toBe(true);
  });

  it('an emergency (电梯困人) is accepted at once as critical by the system, its dispatch clock running, and sorts first', async () => {
    await api.clockSet(MORNING);
    const r = await api.create(zhangsan.accessToken, {
      category: 'elevator',
      emergency: 'elevator_entrapment',
      description: '2号电梯困人',
      roomId: room101.id,
    });
    expect(r.status).toBe(201);
    const d = r.body;
    expect(d).toEqual(expect.objectContaining({ status: 'accepted', tier: 'critical', emergency: 'elevator_entrapment', ownerId: null }));
    expect(d.timeline.map((e) => [e.type, e.actorName, e.actorRole, e.text])).toEqual([
      ['created', '张三', 'resident', '小程序报修（紧急：电梯困人）'],
      ['accepted', null, 'system', '已受理，等级：特急（紧急情况自动受理）'],
    ]);
    const received = ms(d.receivedAt);
    expect(ms(clockOf(d, 'initial_feedback')!.dueAt) - received).toBe(5 * MIN);
    expect(clockOf(d, 'dispatch')).toEqual(expect.objectContaining({ state: 'running' }));
    const at = eventAt(d, 'accepted');
    expect(at - received).toBeLessThan(1000);
    expect(ms(clockOf(d, 'dispatch')!.dueAt) - at).toBe(2 * MIN);
    expect(ms(clockOf(d, 'arrival')!.dueAt) - at).toBe(5 * MIN);
    expect(d.nextClock!.name).toBe('dispatch');
    expect((await api.detail(agent1.accessToken, d.id)).body.actions).toEqual(expect.arrayContaining(['dispatch']));

    const inbox = await api.list(agent1.accessToken, 'sort=inbox');
    expect(inbox.body.items![0].id).toBe(d.id);
    // an emergency stays critical
    const down = await api.attempt(agent1.accessToken, d.id, 'change_tier', { tier: 'urgent', reason: '已救出' });
    expect(down.status).toBe(400);
    // taken by phone with another tier, it is still the emergency plan
    const hotline = await api.intake(agent1.accessToken, {
      channel: 'hotline',
      communityId: room101.communityId,
      publicLocation: '3栋配电房',
      category: 'electric',
      emergency: 'public_power_failure',
      description: '3栋整栋停电',
      contactName: '保安钱',
      contactPhone: '13900001005',
      tier: 'normal',
    });
    expect(hotline.status).toBe(201);
    expect(hotline.body).toEqual(expect.objectContaining({ status: 'accepted', tier: 'critical', channel: 'hotline' }));
    expect(hotline.body.timeline.filter((e) => e.type === 'accepted')).toHaveLength(1);
    const top2 = (await api.list(agent1.accessToken, 'sort=inbox&limit=2')).body.items!.map((x) => x.id);
    expect(top2.sort()).toEqual([d.id, hotline.body.id].sort());
  });

  it('the inbox: open orders by tier, then due time, then age; keyset pages of 2 give each order exactly once, in the same order', async () => {
    await api.clockSet(MORNING);
    const normal = await accepted('normal');
    const urgent = await accepted('urgent');
    const critical = await accepted('critical');
    await api.clockAdvance(MIN);
    const critical2 = await accepted('critical');
    const untiered = await api.file(zhangsan.accessToken, room101.id);

    const all = await api.allPages(agent1.accessToken, '/api/staff/repairs?sort=inbox', 100);
    expect(all.pages).toBe(1);
    const order = all.items.map((x) => x.id);
    const pos = (id: number) => order.indexOf(id);
    expect(pos(critical.id)).toBeLessThan(pos(critical2.id));
    expect(pos(critical2.id)).toBeLessThan(pos(urgent.id));
    expect(pos(urgent.id)).toBeLessThan(pos(normal.id));
    expect(pos(normal.id)).toBeLessThan(pos(untiered.id));

    // the whole inbox follows (open, tier, due, id), whatever else the file has made
    const rank = (x: RepairSummary) => (x.emergency ? 0 : x.tier ? TIER_ORDER[x.tier] + 1 : 9);
    const due = (x: RepairSummary) => (x.nextClock?.state === 'running' ? ms(x.nextClock.dueAt) : Infinity);
    const closed = (x: RepairSummary) => (['closed', 'cancelled'].includes(x.status) ? 1 : 0);
    const expected = [...all.items].sort((a, b) => closed(a) - closed(b) || rank(a) - rank(b) || due(a) - due(b) || a.id - b.id).map((x) => x.id);
    expect(order).toEqual(expected);
    const visible = await t.query('SELECT id FROM tickets WHERE community_id = ?', [room101.communityId]);
    expect(order.length).toBe(visible.length);

    const paged = await api.allPages(agent1.accessToken, '/api/staff/repairs?sort=inbox', 2);
    expect(paged.pages).toBe(Math.ceil(order.length / 2));
    expect(paged.items.map((x) => x.id)).toEqual(order);
    expect(new Set(paged.items.map((x) => x.id)).size).toBe(order.length);
    // newest-first paging, too
    const newest = await api.allPages(agent1.accessToken, '/api/staff/repairs?sort=newest', 3);
    expect(newest.items.map((x) => x.id)).toEqual([...order].sort((a, b) => b - a));
    // a cursor that is not ours is a 400, not a 500
    expect((await api.list(agent1.accessToken, 'sort=inbox&cursor=bm9wZQ')).status).toBe(400);
  });

  describe('auto-confirm', () => {
    it('a completed order left unanswered for 3 days (+1 min) is confirmed by the system; one completed a day ago is not', async () => {
      await api.clockSet(MORNING);
      const old = await api.orderIn(cast, 'completed');
      const disputed = await api.orderIn(cast, 'reopened');
      await api.clockAdvance(2 * DAY);
      const recent = await api.orderIn(cast, 'completed');
      // 3 days less 2 minutes: not yet
      await api.clockAdvance(DAY - 2 * MIN);
      expect(await api.autoConfirm()).toBe(0);
      expect(await api.status(old.id)).toBe('completed');
      await api.clockAdvance(3 * MIN);

      expect(await api.autoConfirm()).toBe(1);
      const d = (await api.detail(zhangsan.accessToken, old.id)).body;
      expect(d.status).toBe('confirmed');
      expect(d.version).toBe(old.version + 1);
      expect(d.timeline.at(-1)).toEqual(
        expect.objectContaining({ type: 'confirmed', actorName: null, actorRole: 'system', text: '超时未确认，系统自动确认完成', payload: { auto: true } }),
      );
      // the resident may still rate it; the desk makes the return visit
      expect(d.actions).toEqual(['rate']);
      expect((await api.detail(agent1.accessToken, old.id)).body.actions).toEqual(['return_visit']);
      expect(await api.status(recent.id)).toBe('completed');
      expect(await api.version(recent.id)).toBe(recent.version);
      expect(await api.status(disputed.id)).toBe('reopened');

      // running it again changes nothing; two more days and the other one goes too
      expect(await api.autoConfirm()).toBe(0);
      await api.clockAdvance(2 * DAY);
      expect(await api.autoConfirm()).toBe(1);
      expect(await api.status(recent.id)).toBe('confirmed');
    });
  });
});
