import { TestApp } from './helpers/test-app';
import { at, clockOf, complaintsApi, desk, Desk, MIN, ms, near, otherCompany } from './helpers/complaints';

/**
 * Every clock on the injectable server clock (POST /api/test/clock), never a sleep: first reply 1 hour (calendar
 * time), written reply 3 working days on the company's calendar (the seeded 2025/2026 official arrangements, then an
 * admin-edited one), resolution by the owner's due date.
 */
describe('complaints: clocks on the working calendar', () => {
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;

  /** a complaint of 张三 filed at a local time, optionally asking for a written reply */
  const fileAt = async (local: string, extra: Record<string, unknown> = {}) => {
    await api.clockSet(at(local));
    return api.file(d.zhangsan.accessToken, d.room101.id, extra);
  };
  const writtenDue = async (local: string) => clockOf(await fileAt(local, { writtenReplyWanted: true }), 'written_reply')!.dueAt;
  const classified = async (local: string, extra: Record<string, unknown> = {}) => {
    const c = await fileAt(local, extra);
    return api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: 1 });
  };

  beforeAll(async () => {
    t = await TestApp.start();
    api = complaintsApi(t);
    d = await desk(t);
  });
  afterAll(() => t.close());

  describe('first reply within 1 hour of receipt, day and night', () => {
    it('a staff reply within the hour meets it; the acknowledgement and the resident’s follow-ups do not', async () => {
      const c = await fileAt('2026-11-28 23:30'); // a Saturday night: the duty desk answers by 00:30
      expect(near(clockOf(c, 'first_reply')!.dueAt, at('2026-11-29 00:30'))).toBe(true);
      await api.clockAdvance(20 * MIN);
      const f = await api.step(d.zhangsan.accessToken, c.id, 'follow_up', { content: '请尽快处理' });
      expect(clockOf(f, 'first_reply')!.state).toBe('running');
      await api.clockAdvance(20 * MIN);
      const r = await api.step(d.agent1.accessToken, c.id, 'reply', { content: '您好，已收到，明早安排主管核实' });
      expect(clockOf(r, 'first_reply')).toEqual(expect.objectContaining({ state: 'met', breached: false }));
      expect(ms(clockOf(r, 'first_reply')!.metAt) - ms(c.receivedAt)).toBeGreaterThanOrEqual(40 * MIN);
      expect(r.breached).toBe(false);
      expect(r.nextClock).toBeNull();
      // answering an unowned ticket takes it (首问负责)
      expect(r.ownerName).toBe('张客服');
      expect(r.thread.map((m) => m.authorRole)).toEqual(['system', 'resident', 'agent']);
      expect(r.timeline.at(-1)!.text).toBe('答复');
    });

    it('answered after the hour: met late, breached on the ticket and in the lists', async () => {
      const c = await fileAt('2026-11-23 10:00');
      await api.clockAdvance(61 * MIN);
      const listed = (await api.list(d.agent1.accessToken, 'breached=true&limit=100')).body.items.find((i) => i.id === c.id);
      expect(listed?.breached).toBe(true);
      const r = await api.step(d.agent1.accessToken, c.id, 'reply', { content: '抱歉回复晚了' });
      expect(clockOf(r, 'first_reply')).toEqual(expect.objectContaining({ state: 'met', breached: true }));
      expect(r.breached).toBe(true);
      const [row] = await t.query('SELECT breached, sla_due_at FROM tickets WHERE id = ?', [c.id]);
      expect(Boolean(Number(row.breached))).toBe(true);
      expect(row.sla_due_at).toBeNull();
    });
  });

  describe('written reply within 3 working days (seeded official calendars)', () => {
    it('the day of receipt never counts, whatever the hour: 23:59 Thursday and 00:00 Friday are a working day apart', async () => {
      expect(await writtenDue('2026-11-26 23:59')).toBe(at('2026-12-02 00:00'));
      expect(await writtenDue('2026-11-27 00:00')).toBe(at('2026-12-03 00:00'));
      // received on a Saturday: Mon, Tue, Wed
      expect(await writtenDue('2026-11-28 10:00')).toBe(at('2026-12-03 00:00'));
    });

    it('2026: a Friday evening before the Spring Festival counts the make-up Saturday, then skips the 9 days off', async () => {
      // off 02-15 … 02-23; make-up working days 02-14 (Sat) and 02-28 (Sat)
      expect(await writtenDue('2026-02-13 20:00')).toBe(at('2026-02-26 00:00'));
      // before National Day: off 10-01 … 10-07, make-up Saturday 10-10
      expect(await writtenDue('2026-09-30 19:00')).toBe(at('2026-10-11 00:00'));
    });

    it('2025: the make-up Sunday before National Day and the make-up Saturday after it count', async () => {
      // off 10-01 … 10-08; make-up working days 09-28 (Sun) and 10-11 (Sat)
      expect(await writtenDue('2025-09-26 21:00')).toBe(at('2025-10-01 00:00'));
      expect(await writtenDue('2025-09-30 18:00')).toBe(at('2025-10-12 00:00'));
    });

    it('a written reply meets it (an ordinary reply does not); late, it stays breached', async () => {
      const c = await classified('2026-11-23 10:00', { writtenReplyWanted: true });
      const plain = await api.step(d.agent1.accessToken, c.id, 'reply', { content: '已安排核实' });
      expect(clockOf(plain, 'first_reply')!.state).toBe('met');
      expect(clockOf(plain, 'written_reply')!.state).toBe('running');
      expect(plain.nextClock?.name).toBe('written_reply');
      await api.clockSet(at('2026-11-26 23:59'));
      const w = await api.step(d.agent1.accessToken, c.id, 'reply', { content: '书面答复：……', written: true });
      expect(clockOf(w, 'written_reply')).toEqual(expect.objectContaining({ state: 'met', breached: false }));
      expect(w.thread.at(-1)).toEqual(expect.objectContaining({ written: true, authorName: '张客服' }));
      expect(w.timeline.at(-1)!.text).toBe('书面答复');

      const late = await classified('2026-11-23 10:00', { writtenReplyWanted: true });
      await api.clockSet(at('2026-11-27 00:01'));
      const lw = await api.step(d.agent1.accessToken, late.id, 'reply', { content: '书面答复（逾期）', written: true });
      expect(clockOf(lw, 'written_reply')).toEqual(expect.objectContaining({ state: 'met', breached: true }));
    });

    it('asked for later in the thread: the clock starts from the follow-up', async () => {
      const c = await classified('2026-11-23 10:00');
      expect(clockOf(c, 'written_reply')).toBeUndefined();
      await api.clockSet(at('2026-11-25 16:00'));
      const f = await api.step(d.zhangsan.accessToken, c.id, 'follow_up', { content: '请给我书面答复', writtenReplyWanted: true });
      expect(f.writtenReplyWanted).toBe(true);
      expect(clockOf(f, 'written_reply')).toEqual(expect.objectContaining({ state: 'running', dueAt: at('2026-12-01 00:00') }));
      expect(near(clockOf(f, 'written_reply')!.startedAt, at('2026-11-25 16:00'))).toBe(true);
      expect(f.timeline.at(-1)!.text).toBe('住户追问，要求书面答复');
      // asking again changes nothing
      await api.clockSet(at('2026-11-26 09:00'));
      const again = await api.step(d.zhangsan.accessToken, c.id, 'follow_up', { content: '再催一下', writtenReplyWanted: true });
      expect(clockOf(again, 'written_reply')!.startedAt).toBe(clockOf(f, 'written_reply')!.startedAt);
    });
  });

  describe('the admin-edited calendar', () => {
    it('staff read the year with its source; residents may not; admins only edit', async () => {
      const y = await api.calendar(d.agent1.accessToken, 2026);
      expect(y.status).toBe(200);
      expect(y.body).toEqual(expect.objectContaining({ year: 2026, source: 'official', updatedAt: null }));
      expect(y.body.overrides).toEqual(
        expect.arrayContaining([
          { date: '2026-10-01', kind: 'off', name: '国庆节' },
          { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
        ]),
      );
      // 261 weekdays − 19 weekday holidays + 6 make-up days (01-04, 02-14, 02-28, 05-09, 09-20, 10-10)
      expect(y.body.workingDays).toBe(261 - 19 + 6);
      const none = await api.adminCalendar(d.admin.accessToken, 2027);
      expect(none.body).toEqual(expect.objectContaining({ source: 'default' }));
      expect(none.body.overrides.map((o) => o.date)).toEqual(['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03']);
      expect((await api.calendar(d.zhangsan.accessToken, 2026)).status).toBe(403);
      expect((await api.adminCalendar(d.agent1.accessToken, 2026)).status).toBe(403);
      expect((await api.putCalendar(d.manager1.accessToken, 2026, [])).status).toBe(403);
      expect((await api.calendar(d.agent1.accessToken, 1999)).status).toBe(400);
    });

    it('a bad year is refused with every problem listed', async () => {
      const r = await api.putCalendar(d.admin.accessToken, 2026, [
        { date: '2026-02-30', kind: 'off' },
        { date: '2026-05-06', kind: 'workday' },
        { date: '2026-10-01', kind: 'off' },
        { date: '2026-10-01', kind: 'workday' },
        { date: '2027-01-01', kind: 'off' },
      ]);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect((r.body.details as { date: string; problem: string }[]).map((p) => `${p.date} ${p.problem}`).sort()).toEqual([
        '2026-02-30 invalid_date',
        '2026-05-06 redundant_workday',
        '2026-10-01 conflict',
        '2026-10-01 redundant_workday',
        '2027-01-01 other_year',
      ]);
      expect((await api.putCalendar(d.admin.accessToken, 2026, [{ date: '2026-10-01', kind: 'holiday' }])).status).toBe(400);
      expect((await api.calendar(d.agent1.accessToken, 2026)).body.source).toBe('official');
    });

    it('an extra day off moves running written-reply clocks and counts for new ones; other companies keep theirs', async () => {
      const running = await fileAt('2026-11-23 10:00', { writtenReplyWanted: true });
      expect(clockOf(running, 'written_reply')!.dueAt).toBe(at('2026-11-27 00:00'));
      const official = (await api.adminCalendar(d.admin.accessToken, 2026)).body.overrides;
      const put = await api.putCalendar(d.admin.accessToken, 2026, [...official, { date: '2026-11-25', kind: 'off', name: '台风停工' }]);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(expect.objectContaining({ source: 'company', updatedByName: '周管理', workingDays: 261 - 19 + 6 - 1 }));
      expect(put.body.overrides).toContainEqual({ date: '2026-11-25', kind: 'off', name: '台风停工' });
      // Tue 24, (Wed 25 off), Thu 26, Fri 27
      const moved = (await api.detail(d.zhangsan.accessToken, running.id)).body;
      expect(clockOf(moved, 'written_reply')!.dueAt).toBe(at('2026-11-28 00:00'));
      expect(moved.version).toBe(running.version);
      expect(await writtenDue('2026-11-23 15:00')).toBe(at('2026-11-28 00:00'));
      expect((await api.calendar(d.agent1.accessToken, 2026)).body.source).toBe('company');
      const far = await otherCompany(t);
      expect((await api.adminCalendar(far.admin.accessToken, 2026)).body.source).toBe('official');
    });

    it('a year nobody entered keeps the fixed-date holidays; once entered (even empty) it is exactly what the admin said', async () => {
      // Thursday 2026-12-31: 2027-01-01 is 元旦 by the fixed-date fallback → Mon 4, Tue 5, Wed 6
      const c = await fileAt('2026-12-31 10:00', { writtenReplyWanted: true });
      expect(clockOf(c, 'written_reply')!.dueAt).toBe(at('2027-01-07 00:00'));
      const put = await api.putCalendar(d.admin.accessToken, 2027, []);
      expect(put.body).toEqual(expect.objectContaining({ source: 'company', overrides: [] }));
      // now 2027-01-01 is an ordinary Friday: Fri 1, Mon 4, Tue 5
      expect(clockOf((await api.detail(d.zhangsan.accessToken, c.id)).body, 'written_reply')!.dueAt).toBe(at('2027-01-06 00:00'));
      const back = await api.putCalendar(d.admin.accessToken, 2027, [{ date: '2027-01-01', kind: 'off', name: '元旦' }]);
      expect(back.body.overrides).toEqual([{ date: '2027-01-01', kind: 'off', name: '元旦' }]);
      expect(clockOf((await api.detail(d.zhangsan.accessToken, c.id)).body, 'written_reply')!.dueAt).toBe(at('2027-01-07 00:00'));
    });
  });

  describe('resolution due date set by the owner', () => {
    it('due at 24:00 of the date; not in the past; resolving meets it (late: breached)', async () => {
      const c = await classified('2026-11-23 10:00');
      expect((await api.attempt(d.agent1.accessToken, c.id, 'set_resolution_due', { dueDate: '2026-11-22' })).body.details).toEqual([
        expect.objectContaining({ field: 'dueDate', rule: 'due_date_past' }),
      ]);
      expect((await api.attempt(d.agent1.accessToken, c.id, 'set_resolution_due', { dueDate: '2026-11-31' })).status).toBe(400);
      expect((await api.attempt(d.supervisor2.accessToken, c.id, 'set_resolution_due', { dueDate: '2026-11-30' })).status).toBe(404);
      const s = await api.step(d.agent1.accessToken, c.id, 'set_resolution_due', { dueDate: '2026-11-23' });
      expect(s.resolutionDueDate).toBe('2026-11-23');
      expect(clockOf(s, 'resolution')).toEqual(expect.objectContaining({ state: 'running', dueAt: at('2026-11-24 00:00') }));
      expect(s.timeline.at(-1)!.text).toBe('办结时限 11月23日 24:00');
      const later = await api.step(d.agent1.accessToken, c.id, 'set_resolution_due', { dueDate: '2026-11-25' });
      expect(clockOf(later, 'resolution')!.dueAt).toBe(at('2026-11-26 00:00'));
      await api.clockSet(at('2026-11-26 08:00'));
      const r = await api.step(d.agent1.accessToken, c.id, 'resolve', { measures: '已约谈当事员工并回访致歉' });
      expect(clockOf(r, 'resolution')).toEqual(expect.objectContaining({ state: 'met', breached: true }));
      // resolving also counts as the (late) first reply: the measures are reported to the resident
      expect(clockOf(r, 'first_reply')).toEqual(expect.objectContaining({ state: 'met', breached: true }));
    });
  });
});
