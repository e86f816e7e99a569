import { TestApp } from './helpers/test-app';
import { at, clockOf, complaintsApi, desk, Desk, HOUR, MIN, ms, PNG, types } from './helpers/complaints';

/** Monday 2026-11-23, 10:00 Asia/Shanghai */
const MONDAY_10 = at('2026-11-23 10:00');

describe('complaints: intake from every channel, acknowledged at once; paper back-fill', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;

  beforeAll(async () => {
    t = await TestApp.start();
    api = complaintsApi(t);
    d = await desk(t);
  });
  afterAll(() => t.close());
  beforeEach(() => api.clockSet(MONDAY_10));

  it('a resident files a complaint: TS number, received and acknowledged at once in the thread, first reply due in 1 hour', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id);
    expect(c.no).toMatch(/^TS-20261123-\d{4}$/);
    expect(c).toEqual(
      expect.objectContaining({
        kind: 'complaint',
        category: 'service_attitude',
        complaintClass: null,
        status: 'received',
        statusLabel: '已受理',
        communityName: '锦绣花园',
        roomId: d.room101.id,
        location: '1栋1单元101',
        channel: 'miniapp',
        anonymous: false,
        writtenReplyWanted: false,
        ownerId: null,
        backfilled: false,
      }),
    );
    expect(Math.abs(ms(c.receivedAt) - Date.parse(MONDAY_10))).toBeLessThan(5000);
    expect(c.reporter).toEqual({ name: '张三', phone: '13800000001', roomId: d.room101.id, roomLabel: '1栋1单元101', hidden: false });
    // the acknowledgement (受理) with the expected reply time opens the thread; it is not the first reply
    expect(c.thread).toHaveLength(1);
    expect(c.thread[0]).toEqual(expect.objectContaining({ authorRole: 'system', authorName: null, written: false }));
    expect(c.thread[0].body).toContain(c.no);
    expect(c.thread[0].body).toContain('11月23日 11:00');
    expect(c.clocks).toEqual([expect.objectContaining({ name: 'first_reply', state: 'running', breached: false })]);
    expect(ms(clockOf(c, 'first_reply')!.dueAt) - ms(c.receivedAt)).toBe(60 * MIN);
    expect(c.nextClock?.name).toBe('first_reply');
    expect(types(c)).toEqual(['created']);
    expect(c.timeline[0]).toEqual(expect.objectContaining({ text: '小程序受理投诉', actorName: '张三', actorRole: 'resident' }));
    expect(c.actions.sort()).toEqual(['cancel', 'follow_up']);
    expect(c.missingSteps).toEqual([]);
  });

  it('each kind has its number series (TS / JY / ZX / BY); inquiries and praise need no category, complaints and suggestions do', async () => {
    const tok = d.zhangsan.accessToken;
    const suggestion = await api.file(tok, d.room101.id, { kind: 'suggestion', category: 'cleaning_greening', text: '建议增加垃圾分类投放点' });
    const inquiry = await api.file(tok, d.room101.id, { kind: 'inquiry', category: undefined, text: '请问物业费怎么开发票？' });
    const praise = await api.file(tok, d.room101.id, { kind: 'praise', category: undefined, text: '表扬赵师傅修水管又快又好' });
    expect(suggestion.no).toMatch(/^JY-20261123-\d{4}$/);
    expect(inquiry.no).toMatch(/^ZX-20261123-\d{4}$/);
    expect(praise.no).toMatch(/^BY-20261123-\d{4}$/);
    expect(inquiry.category).toBe('other');
    expect(inquiry.thread[0].body).toContain('咨询已受理');
    expect(types(praise)).toEqual(['created']);
    for (const kind of ['complaint', 'suggestion']) {
      const r = await api.create(tok, { kind, text: '没有类别', roomId: d.room101.id });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([expect.objectContaining({ field: 'category' })]);
    }
    const bad = await api.create(tok, { kind: 'grumble', category: 'other', text: 'x', roomId: d.room101.id });
    expect(bad.status).toBe(400);
    // numbers of one series run on within the day and community
    const next = await api.file(tok, d.room101.id, { kind: 'suggestion', category: 'parking', text: '建议增设访客车位' });
    expect(Number(next.no.slice(-4))).toBe(Number(suggestion.no.slice(-4)) + 1);
  });

  it('a written reply asked for at intake: its clock runs to 24:00 of the 3rd working day after, and the acknowledgement promises it', async () => {
    const c = await api.file(d.zhangsan.accessToken, d.room101.id, { writtenReplyWanted: true });
    expect(c.writtenReplyWanted).toBe(true);
    // Monday 11-23 → Tue, Wed, Thu: due Thursday 11-26 24:00
    expect(clockOf(c, 'written_reply')).toEqual(expect.objectContaining({ state: 'running', dueAt: at('2026-11-27 00:00') }));
    expect(c.thread[0].body).toContain('书面答复将在 11月26日 24:00 前送达');
    const [row] = await t.query('SELECT written_reply_requested_at FROM tickets WHERE id = ?', [c.id]);
    expect(row.written_reply_requested_at).not.toBeNull();
  });

  it('up to 9 photos, the caller’s own fresh uploads; a 10th or someone else’s is refused', async () => {
    const tok = d.zhangsan.accessToken;
    const ids = [];
    for (let i = 0; i < 9; i++) ids.push((await api.photo(tok, PNG)).id);
    const c = await api.file(tok, d.room101.id, { photoIds: ids });
    expect(c.photos.map((p) => p.id)).toEqual(ids);
    expect(c.photos[0].url).toMatch(/^\/api\/uploads\/\d+\/content\?exp=\d+&sig=/);
    const ten = [...ids, (await api.photo(tok, PNG)).id];
    expect((await api.create(tok, { kind: 'complaint', category: 'other', text: 'x', roomId: d.room101.id, photoIds: ten })).status).toBe(400);
    // used already
    expect((await api.create(tok, { kind: 'complaint', category: 'other', text: 'x', roomId: d.room101.id, photoIds: [ids[0]] })).body.code).toBe(
      'INVALID_UPLOAD',
    );
    // someone else's
    const lisis = (await api.photo(d.lisi.accessToken, PNG)).id;
    expect((await api.create(tok, { kind: 'complaint', category: 'other', text: 'x', roomId: d.room101.id, photoIds: [lisis] })).body.code).toBe(
      'INVALID_UPLOAD',
    );
  });

  it('a community-wide matter: the resident picks a community where they hold a room (and a place), not another one', async () => {
    const tok = d.zhangsan.accessToken;
    const c = await api.file(tok, d.room101.id, { roomId: undefined, communityId: d.room101.communityId, place: '东门岗亭', category: 'security_order' });
    expect(c).toEqual(expect.objectContaining({ roomId: null, location: '锦绣花园 东门岗亭', communityId: d.room101.communityId }));
    expect(c.reporter.name).toBe('张三');
    expect((await api.create(tok, { kind: 'complaint', category: 'other', text: 'x', communityId: d.chyRoom.communityId })).body.code).toBe('BIND_ROOM_FIRST');
    expect((await api.create(tok, { kind: 'complaint', category: 'other', text: 'x' })).status).toBe(400);
    expect((await api.create(tok, { kind: 'complaint', category: 'other', text: 'x', roomId: d.room202.id })).status).toBe(404);
    // a resident without any room cannot file
    const wangwu = await t.resident('wangwu');
    const unbound = await api.create(wangwu.accessToken, { kind: 'complaint', category: 'other', text: 'x', communityId: d.room101.communityId });
    expect([unbound.status, unbound.body.code, unbound.body.message]).toEqual([403, 'BIND_ROOM_FIRST', '请先绑定房屋后再投诉']);
    // staff cannot file as a resident
    expect((await api.create(d.agent1.accessToken, { kind: 'complaint', category: 'other', text: 'x', roomId: d.room101.id })).status).toBe(403);
  });

  it('Idempotency-Key: a retry gets the same ticket, not a second one', async () => {
    const body = { kind: 'complaint', category: 'parking', text: '地库车位被长期占用', roomId: d.room101.id };
    const headers = { 'idempotency-key': 'complaint-retry-1' };
    const a = await api.create(d.zhangsan.accessToken, body, headers);
    const b = await api.create(d.zhangsan.accessToken, body, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await t.query('SELECT COUNT(*) AS n FROM tickets WHERE description = ?', [body.text]))[0].n).toBe(1);
  });

  it('hotline intake: the agent who took it owns it (首问负责), may classify at once, and a caller with an account sees it in the app', async () => {
    const c = await api.take(d.agent1.accessToken, {
      communityId: d.room101.communityId,
      roomId: d.room101.id,
      contactName: '张三',
      contactPhone: '13800000001',
      complaintClass: 1,
    });
    expect(c).toEqual(expect.objectContaining({ channel: 'hotline', status: 'in_progress', complaintClass: 1, ownerId: d.agent1.me.id, ownerName: '张客服' }));
    expect(c.receivedByName).toBe('张客服');
    expect(types(c)).toEqual(['created', 'classified']);
    expect(c.timeline[0].text).toBe('热线受理投诉');
    expect(c.timeline[1].text).toBe('确认为一类投诉，由 张客服 负责');
    // the phone matched 张三's binding of that room: the ticket is his in the app
    const mine = await api.mine(d.zhangsan.accessToken);
    expect(mine.body.items.map((i) => i.id)).toContain(c.id);
    const own = await api.detail(d.zhangsan.accessToken, c.id);
    expect(own.status).toBe(200);
    expect(own.body.actions).toContain('follow_up');
    // without a class it waits in the desk's queue, still owned by whoever took it
    const s = await api.take(d.agent1.accessToken, {
      communityId: d.room101.communityId,
      channel: 'suggestion_box',
      kind: 'suggestion',
      category: 'public_area',
      text: '意见箱：楼道堆物',
    });
    expect(s).toEqual(expect.objectContaining({ status: 'received', channel: 'suggestion_box', ownerId: d.agent1.me.id, roomId: null, location: '锦绣花园' }));
    expect(s.timeline[0].text).toBe('意见箱受理建议');
    expect(s.reporter).toEqual(expect.objectContaining({ name: null, phone: null }));
  });

  it('paper back-fill: received earlier, clocks from the real receipt (born overdue), back-filled by whom; never in the future', async () => {
    // the system was down on Friday evening; the agent records the paper form on Monday morning
    const receivedAt = at('2026-11-20 19:30');
    const c = await api.take(d.agent1.accessToken, {
      communityId: d.room101.communityId,
      roomId: d.room101.id,
      channel: 'front_desk',
      contactName: '张三',
      writtenReplyWanted: true,
      receivedAt,
    });
    expect(c.receivedAt).toBe(receivedAt);
    expect(c.backfilled).toBe(true);
    expect(c.backfilledById).toBe(d.agent1.me.id);
    expect(c.backfilledByName).toBe('张客服');
    expect(ms(c.createdAt) - ms(c.receivedAt)).toBeGreaterThan(2 * 24 * HOUR);
    // numbered on the day it was received
    expect(c.no).toMatch(/^TS-20261120-\d{4}$/);
    expect(clockOf(c, 'first_reply')).toEqual(
      expect.objectContaining({ startedAt: receivedAt, dueAt: at('2026-11-20 20:30'), state: 'running', breached: true }),
    );
    // Friday → Mon, Tue, Wed: due Wednesday 11-25 24:00
    expect(clockOf(c, 'written_reply')).toEqual(expect.objectContaining({ startedAt: receivedAt, dueAt: at('2026-11-26 00:00'), breached: false }));
    expect(c.breached).toBe(true);
    expect(c.timeline[0].text).toBe('前台受理投诉（纸质补录，实际受理 11-20 19:30）');
    // the receipt was given on paper: no acknowledgement in the thread
    expect(c.thread).toEqual([]);
    const [row] = await t.query('SELECT backfilled_by, breached FROM tickets WHERE id = ?', [c.id]);
    expect(Number(row.backfilled_by)).toBe(d.agent1.me.id);
    expect(Boolean(Number(row.breached))).toBe(true);

    const future = await api.intake(d.agent1.accessToken, {
      channel: 'hotline',
      kind: 'complaint',
      category: 'other',
      text: 'x',
      communityId: d.room101.communityId,
      receivedAt: at('2026-11-23 10:05'),
    });
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([expect.objectContaining({ field: 'receivedAt' })]);
    const garbage = await api.intake(d.agent1.accessToken, {
      channel: 'hotline',
      kind: 'complaint',
      category: 'other',
      text: 'x',
      communityId: d.room101.communityId,
      receivedAt: 'yesterday',
    });
    expect(garbage.status).toBe(400);
  });

  it('bad staff intake is refused: the miniapp channel, a class on a suggestion, a room of another community, a community outside the caller’s', async () => {
    const base = { channel: 'hotline', kind: 'complaint', category: 'other', text: 'x', communityId: d.room101.communityId };
    const tok = d.agent1.accessToken;
    expect((await api.intake(tok, { ...base, channel: 'miniapp' })).status).toBe(400);
    expect((await api.intake(tok, { ...base, kind: 'suggestion', complaintClass: 1 })).status).toBe(400);
    expect((await api.intake(tok, { ...base, roomId: d.chyRoom.id })).status).toBe(404);
    expect((await api.intake(tok, { ...base, communityId: d.chyRoom.communityId })).status).toBe(404);
    expect((await api.intake(tok, { ...base, complaintClass: 4 })).status).toBe(400);
    expect((await api.intake(d.tech1.accessToken, base)).status).toBe(403);
    expect((await api.intake(d.zhangsan.accessToken, base)).status).toBe(403);
  });
});
