import { RoomStaffView } from '@linli/shared';
import { at, complaintsApi, desk, Desk } from './helpers/complaints';
import { repairsApi } from './helpers/repairs';
import { Res, TestApp } from './helpers/test-app';

/** Monday 2026-11-23, 10:00 Asia/Shanghai */
const MONDAY_10 = at('2026-11-23 10:00');
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const BLANKS = ['   ', ' \u3000\t\n ', '\u200b \u200b'];

/** 400 in our shape, with a message a resident can read, naming `field` when given */
function refused(r: Res, field?: string) {
  expect([r.status, typeof r.body?.code]).toEqual([400, 'string']);
  expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
  if (field) expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

describe('bad input that used to get in: 400 with a zh-CN message, nothing stored, never a 500', () => {
  let t: TestApp;
  let d: Desk;
  let repairs: ReturnType<typeof repairsApi>;
  let complaints: ReturnType<typeof complaintsApi>;
  const count = async (sql: string, params: unknown[] = []) => Number((await t.query(`SELECT COUNT(*) AS n FROM ${sql}`, params))[0].n);

  beforeAll(async () => {
    t = await TestApp.start();
    d = await desk(t);
    repairs = repairsApi(t);
    complaints = complaintsApi(t);
  });
  afterAll(() => t.close());
  beforeEach(() => repairs.clockSet(MONDAY_10));

  it('#4 every keyset list refuses a cursor of the wrong shape with 400 (WyJhYmMiXQ was a 500 "no such column: NaN")', async () => {
    await repairs.file(d.zhangsan.accessToken, d.room101.id);
    const lists = [
      ['/api/notifications', d.agent1],
      ['/api/staff/bindings', d.supervisor1],
      ['/api/staff/repairs', d.agent1],
      ['/api/staff/repairs?sort=inbox', d.agent1],
      ['/api/repairs/mine', d.zhangsan],
      ['/api/staff/complaints', d.agent1],
      ['/api/complaints/mine', d.zhangsan],
    ] as const;
    const wrong = [
      'WyJhYmMiXQ',
      b64([]),
      b64([0]),
      b64([-1]),
      b64([1.5]),
      b64(['7']),
      b64([null]),
      b64({ id: 7 }),
      b64([0, 3, '2026-02-30 00:00:00.000', 1]),
      b64([0, 7, '2026-11-23 02:00:00.000', 1]),
      b64([0, '2026-11-23 02:00:00.000', "1' OR '1'='1"]),
      b64([5, '2026-11-23T02:00:00Z', 1]),
    ];
    for (const [path, who] of lists) {
      for (const cursor of wrong) {
        const r = await t.get(`${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`, { token: who.accessToken });
        expect([path, cursor, r.status, r.body.code]).toEqual([path, cursor, 400, 'BAD_REQUEST']);
        expect(r.body.message).toMatch(/cursor/);
        expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    // the cursors the lists issue still page through
    for (let i = 0; i < 3; i++) await repairs.file(d.zhangsan.accessToken, d.room101.id);
    const inbox = await repairs.allPages(d.agent1.accessToken, '/api/staff/repairs?sort=inbox', 2);
    expect(inbox.pages).toBeGreaterThan(1);
    expect(new Set(inbox.items.map((i) => i.id)).size).toBe(inbox.items.length);
    for (let i = 0; i < 3; i++) await complaints.file(d.zhangsan.accessToken, d.room101.id);
    const inboxes = await complaints.allPages(d.agent1.accessToken, '/api/staff/complaints', 2);
    expect(inboxes.pages).toBeGreaterThan(1);
    expect(new Set(inboxes.items.map((i) => i.id)).size).toBe(inboxes.items.length);
  });

  it('#5 date query parameters must be real calendar days, and from ≤ to', async () => {
    const tok = d.agent1.accessToken;
    const both = await repairs.list(tok, 'from=2026-99-99&to=2026-00-00');
    refused(both, 'from');
    expect(both.body.code).toBe('VALIDATION_FAILED');
    expect((both.body.details as { field: string }[]).map((p) => p.field).sort()).toEqual(['from', 'to']);
    expect(both.body.message).toContain('YYYY-MM-DD');
    for (const q of ['from=2026-02-30', 'to=2026-02-29', 'from=0001-01-01', 'to=9999-12-31', 'from=2026-11-1', 'from=2026-W05'])
      refused(await repairs.list(tok, q), q.split('=')[0]);
    const reversed = await repairs.list(tok, 'from=2026-11-30&to=2026-11-01');
    refused(reversed, 'to');
    expect(reversed.body.message).toBe('「to」不能早于「from」');
    expect((await repairs.list(tok, 'from=2026-11-23&to=2026-11-23')).status).toBe(200);
    expect((await repairs.mine(d.zhangsan.accessToken, 'from=2024-02-29')).status).toBe(200);
    // the duty roster's instants too (2026-W05 passed IsISO8601 and broke the query)
    const cid = d.room101.communityId;
    for (const q of ['from=2026-W05', 'from=2026-02-30T08:00:00Z', 'to=20261123'])
      refused(await t.get(`/api/staff/duty/shifts?communityId=${cid}&${q}`, { token: d.agent1.accessToken }));
    refused(
      await t.get(
        `/api/staff/duty/shifts?communityId=${cid}&from=${encodeURIComponent(at('2026-11-24 08:00'))}&to=${encodeURIComponent(at('2026-11-23 08:00'))}`,
        {
          token: d.agent1.accessToken,
        },
      ),
      'to',
    );
  });

  it('every other date or instant field refuses impossible dates instead of shifting them (preferredFrom 2026-02-30 became 03-02)', async () => {
    const z = d.zhangsan.accessToken;
    const tickets = await count('tickets');
    for (const preferredFrom of ['2026-02-30T09:00:00+08:00', '2026-11-31', '2026-W48', '0001-01-01T00:00:00Z'])
      refused(await repairs.create(z, { category: 'water', description: '漏水', roomId: d.room101.id, preferredFrom }), 'preferredFrom');
    const reversed = { preferredFrom: at('2026-11-25 14:00'), preferredTo: at('2026-11-25 09:00') };
    refused(await repairs.create(z, { category: 'water', description: '漏水', roomId: d.room101.id, ...reversed }), 'preferredTo');
    expect(await count('tickets')).toBe(tickets);
    const ok = await repairs.file(z, d.room101.id, { preferredFrom: '2026-11-25T09:00', preferredTo: '2026-11-25T12:00' });
    expect([ok.preferredFrom, ok.preferredTo]).toEqual([at('2026-11-25 09:00'), at('2026-11-25 12:00')]);
    // a community's handover date
    const communities = await count('communities');
    refused(
      await t.post('/api/admin/communities', { name: '新小区', code: 'NEWC1', handoverDate: '2026-02-30' }, { token: d.admin.accessToken }),
      'handoverDate',
    );
    expect(await count('communities')).toBe(communities);
  });

  it('#6 receivedAt: only real instants, not in the future, at most BACKFILL_MAX_DAYS (30) back; nothing stored otherwise', async () => {
    const base = { channel: 'front_desk', kind: 'complaint', category: 'other', communityId: d.room101.communityId };
    const before = await count('tickets');
    for (const receivedAt of [
      '2026-02-30',
      '2026-02-30T10:00:00+08:00',
      '0001-01-01',
      '1970-01-01',
      '1970-01-01T00:00:00Z',
      at('2026-10-24 09:59'),
      '2026-W47',
    ]) {
      const r = await complaints.intake(d.agent1.accessToken, { ...base, text: `纸质投诉 ${receivedAt}`, receivedAt });
      refused(r, 'receivedAt');
    }
    const old = await complaints.intake(d.agent1.accessToken, { ...base, text: '纸质投诉', receivedAt: '1970-01-01T00:00:00Z' });
    expect(old.body.message).toBe('只能补录 30 天内受理的投诉');
    expect(await count('tickets')).toBe(before);
    expect(await count("ticket_events WHERE type = 'escalated'")).toBe(0);
    // the edge of the window, in Asia/Shanghai when no offset is given
    const edge = await complaints.take(d.agent1.accessToken, { ...base, text: '纸质投诉（30 天前）', receivedAt: '2026-10-24T10:01' });
    expect(edge.receivedAt).toBe(at('2026-10-24 10:01'));
  });

  it('#7 a visit may be agreed or proposed only within VISIT_MAX_DAYS (30), and the error names the limit', async () => {
    const cast = { resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id };
    const o = await repairs.orderIn(cast, 'dispatched');
    expect(o.visitMaxDays).toBe(30);
    const events = await count('ticket_events WHERE ticket_id = ?', [o.id]);
    for (const visitAt of ['9999-12-31', '2099-12-31T10:00:00+08:00', at('2026-12-24 00:00'), '2026-02-30T10:00:00+08:00', at('2026-11-23 09:58')]) {
      const r = await repairs.attempt(d.tech1.accessToken, o.id, 'propose_time', { visitAt });
      refused(r, 'visitAt');
      refused(await repairs.attempt(d.agent1.accessToken, o.id, 'schedule', { visitAt }), 'visitAt');
      const p = await repairs.attempt(d.zhangsan.accessToken, o.id, 'propose_time', { visitAt });
      refused(p, 'visitAt');
    }
    const far = await repairs.attempt(d.tech1.accessToken, o.id, 'propose_time', { visitAt: '2099-12-31T10:00:00+08:00' });
    expect(far.body.message).toBe('上门时间须在 30 天内（最晚 2026-12-23）');
    expect(await repairs.status(o.id)).toBe('dispatched');
    expect((await t.query('SELECT agreed_visit_at FROM tickets WHERE id = ?', [o.id]))[0].agreed_visit_at).toBeNull();
    expect(await count('ticket_events WHERE ticket_id = ?', [o.id])).toBe(events);
    // the picker's last day is fine, to its last minute
    await repairs.step(d.tech1.accessToken, o.id, 'propose_time', { visitAt: at('2026-12-23 23:59') });
    const last = await repairs.step(d.zhangsan.accessToken, o.id, 'accept_time');
    expect(last.agreedVisitAt).toBe(at('2026-12-23 23:59'));
  });

  it('#8 whitespace-only text is refused; text is stored trimmed; a blank optional comment is not stored', async () => {
    const z = d.zhangsan.accessToken;
    const tickets = await count('tickets');
    for (const blank of BLANKS) {
      refused(await repairs.create(z, { category: 'water', description: blank, roomId: d.room101.id }), 'description');
      refused(await complaints.create(z, { kind: 'complaint', category: 'other', text: blank, roomId: d.room101.id }), 'text');
      refused(
        await repairs.create(z, { category: 'water', description: '楼道灯不亮', communityId: d.room101.communityId, publicLocation: blank }),
        'publicLocation',
      );
      refused(
        await repairs.intake(d.agent1.accessToken, {
          channel: 'hotline',
          category: 'water',
          description: '漏水',
          communityId: d.room101.communityId,
          roomId: d.room101.id,
          contactName: blank,
          contactPhone: '13800000001',
        }),
        'contactName',
      );
      refused(
        await complaints.intake(d.agent1.accessToken, {
          channel: 'hotline',
          kind: 'complaint',
          category: 'other',
          text: blank,
          communityId: d.room101.communityId,
        }),
        'text',
      );
    }
    expect(await count('tickets')).toBe(tickets);
    const blankDesc = await repairs.create(z, { category: 'water', description: '   ', roomId: d.room101.id });
    expect(blankDesc.body.message).toBe('「description」不能为空');

    // reasons on actions: nothing changes
    const o = await repairs.orderIn({ resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id }, 'accepted');
    const v = await repairs.version(o.id);
    refused(await repairs.attempt(d.agent1.accessToken, o.id, 'cancel', { reason: ' \u3000 ' }), 'reason');
    refused(await repairs.attempt(z, o.id, 'cancel', { reason: '   ' }), 'reason');
    expect([await repairs.status(o.id), await repairs.version(o.id)]).toEqual(['accepted', v]);

    // names in the org tree
    const buildings = await count('buildings');
    refused(await t.post('/api/admin/buildings', { communityId: d.room101.communityId, name: '  ' }, { token: d.admin.accessToken }), 'name');
    refused(await t.post('/api/admin/communities', { name: '\u3000', code: 'BLANK1' }, { token: d.admin.accessToken }), 'name');
    expect(await count('buildings')).toBe(buildings);

    // stored trimmed; a blank optional comment is no comment
    const trimmed = await repairs.file(z, d.room101.id, { description: '  厨房水龙头漏水 \u3000' });
    expect(trimmed.description).toBe('厨房水龙头漏水');
    const done = await repairs.orderIn({ resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id }, 'confirmed');
    await repairs.step(z, done.id, 'rate', { rating: 5, comment: '   ' });
    expect((await t.query('SELECT rating, rating_comment FROM tickets WHERE id = ?', [done.id]))[0]).toEqual({ rating: 5, rating_comment: null });
  });

  it('#9 duty shifts: end after start, at most 24 hours, starting at most 90 days ahead', async () => {
    const communityId = d.room101.communityId;
    const plan = { communityId, userId: d.agent1.me.id, role: 'agent' };
    const shift = (startsAt: string, endsAt: string) => t.post('/api/staff/duty/shifts', { ...plan, startsAt, endsAt }, { token: d.supervisor1.accessToken });
    const before = await count('duty_shifts');
    const cases: [string, string, string, string][] = [
      [at('2026-11-23 18:00'), '2099-12-31T23:59:59Z', 'endsAt', '一个班次最长 24 小时'],
      [at('2026-11-23 18:00'), at('2026-11-24 18:01'), 'endsAt', '一个班次最长 24 小时'],
      [at('2026-11-23 18:00'), at('2026-11-23 17:00'), 'endsAt', '下班时间必须晚于上班时间'],
      [at('2027-02-22 08:00'), at('2027-02-22 18:00'), 'startsAt', '只能排 90 天内的班次'],
      ['2099-01-01T08:00:00Z', '2099-01-01T18:00:00Z', 'startsAt', '只能排 90 天内的班次'],
      ['2026-02-30T08:00:00Z', '2026-02-30T18:00:00Z', 'startsAt', ''],
    ];
    for (const [s, e, field, message] of cases) {
      const r = await shift(s, e);
      refused(r, field);
      if (message) expect(r.body.message).toBe(message);
    }
    expect(await count('duty_shifts')).toBe(before);
    // a 24-hour watch 90 days ahead is fine
    expect((await shift(at('2027-02-21 08:00'), at('2027-02-22 08:00'))).status).toBe(201);
  });

  it('#10 search treats % and _ literally (LIKE … ESCAPE), on rooms and residents', async () => {
    const tok = { token: d.admin.accessToken };
    const b = await t.post('/api/admin/buildings', { communityId: d.room101.communityId, name: '9栋' }, tok);
    const u = await t.post('/api/admin/units', { buildingId: b.body.id, name: '1单元' }, tok);
    for (const name of ['1_01', '1101', '5%', '5!0', '5\\0']) expect((await t.post('/api/admin/rooms', { unitId: u.body.id, name }, tok)).status).toBe(201);
    const rooms = async (q: string) => (await t.get<RoomStaffView[]>(`/api/staff/rooms?q=${encodeURIComponent(q)}`, tok)).body.map((r) => r.label);
    expect(await rooms('1_01')).toEqual(['9栋1单元1_01']);
    expect(await rooms('_')).toEqual(['9栋1单元1_01']);
    expect(await rooms('%')).toEqual(['9栋1单元5%']);
    expect(await rooms('5!')).toEqual(['9栋1单元5!0']);
    expect(await rooms('5\\')).toEqual(['9栋1单元5\\0']);
    expect(await rooms('1101')).toContain('9栋1单元1101');
    const residents = async (q: string) => (await t.get(`/api/staff/residents?q=${encodeURIComponent(q)}`, tok)).body;
    expect(await residents('%')).toEqual([]);
    expect(await residents('_')).toEqual([]);
    expect((await residents('张三')).length).toBeGreaterThan(0);
  });
});
