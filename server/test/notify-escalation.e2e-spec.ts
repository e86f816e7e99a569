import { LoginResponse } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { MIN, repairsApi } from './helpers/repairs';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { TestApp } from './helpers/test-app';

/** 2026-11-23 10:00 in Asia/Shanghai */
const MORNING = '2026-11-23T10:00:00+08:00';
const WEBHOOK = '/cgi-bin/webhook/send';
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

describe('notify: the SLA sweeper moves breached clocks up the escalation ladder, each level once', () => {
  const fake = new FakeWechat();
  const wecom = new FakeWechat();
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let n: ReturnType<typeof notifyApi>;
  let supervisor1: LoginResponse, manager1: LoginResponse, admin: LoginResponse, agent1: LoginResponse, guard1: LoginResponse, zhangsan: LoginResponse;
  let roomId: number, communityId: number;

  const clockOf = async (ticketId: number, name = 'initial_feedback') =>
    (await t.query('SELECT id, escalation_level FROM clocks WHERE subject_type = ? AND subject_id = ? AND name = ?', ['ticket', ticketId, name]))[0];
  const events = async (ticketId: number) =>
    (await t.query("SELECT type, payload FROM ticket_events WHERE ticket_id = ? AND type IN ('clock_breached', 'escalated') ORDER BY id", [ticketId])).map(
      (e: { type: string; payload: string }) => ({ type: e.type, level: JSON.parse(e.payload).level }),
    );
  const titles = async (who: LoginResponse, no: string) => (await n.inbox(who, 'limit=100')).items.filter((i) => i.title.includes(no)).map((i) => i.title);

  beforeAll(async () => {
    await Promise.all([fake.start(), wecom.start()]);
    fake.on(SUBSCRIBE, () => ({ body: { errcode: 0, errmsg: 'ok' } }));
    wecom.on(WEBHOOK, () => ({ body: { errcode: 0, errmsg: 'ok' } }));
    t = await TestApp.start(notifyEnv(fake.url, { WECOM_WEBHOOK_BASE: `${wecom.url}${WEBHOOK}` }));
    api = repairsApi(t);
    n = notifyApi(t);
    [supervisor1, manager1, admin, agent1, guard1] = await Promise.all(['supervisor1', 'manager1', 'admin', 'agent1', 'guard1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    ({ id: roomId, communityId } = await t.room('锦绣花园', '1栋1单元101'));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([fake.stop(), wecom.stop()]);
  });

  it('level 1 at due (owner / supervisors), level 2 at due + 50% (managers), level 3 at due + 100% (the company managers)', async () => {
    await api.clockSet(MORNING);
    const d = await api.file(zhangsan.accessToken, roomId);
    expect(await n.sweep()).toBe(0);
    await api.clockAdvance(59 * MIN);
    expect(await n.sweep()).toBe(0);
    expect((await clockOf(d.id)).escalation_level).toBe(0);

    await api.clockAdvance(2 * MIN); // 61 min: past due
    expect(await n.sweep()).toBe(1);
    expect((await clockOf(d.id)).escalation_level).toBe(1);
    expect(await events(d.id)).toEqual([{ type: 'clock_breached', level: 1 }]);
    expect(await titles(supervisor1, d.no)).toEqual(expect.arrayContaining([`【超时一级】${d.no} 初步反馈`]));
    expect((await titles(manager1, d.no)).filter((x) => x.includes('超时'))).toEqual([]);

    // each level fires once, however often (and however concurrently) the sweeper runs
    expect(await n.sweep()).toBe(0);
    expect((await Promise.all([n.sweep(), n.sweep(), n.sweep()])).reduce((a, b) => a + b, 0)).toBe(0);

    await api.clockAdvance(30 * MIN); // 91 min: due + 50% of 60 min
    expect(await n.sweep()).toBe(1);
    expect((await clockOf(d.id)).escalation_level).toBe(2);
    expect(await titles(manager1, d.no)).toEqual([`【超时二级】${d.no} 初步反馈`]);

    await api.clockAdvance(30 * MIN); // 121 min: due + 100%
    expect(await n.sweep()).toBe(1);
    expect(await n.sweep()).toBe(0);
    expect((await clockOf(d.id)).escalation_level).toBe(3);
    expect(await events(d.id)).toEqual([
      { type: 'clock_breached', level: 1 },
      { type: 'escalated', level: 2 },
      { type: 'escalated', level: 3 },
    ]);
    expect((await titles(manager1, d.no)).sort()).toEqual([`【超时三级】${d.no} 初步反馈`, `【超时二级】${d.no} 初步反馈`].sort());
    const keys = await t.query('SELECT dedupe_key FROM notifications WHERE dedupe_key LIKE ?', [`clock:${(await clockOf(d.id)).id}:level:%`]);
    expect(new Set(keys.map((k: { dedupe_key: string }) => k.dedupe_key)).size).toBe(keys.length);

    // shown on the timeline of both apps
    const detail = (await api.detail(zhangsan.accessToken, d.id)).body;
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['clock_breached', 'escalated']));
  });

  it('a clock found late fires every level it passed, each once; a met clock never escalates', async () => {
    await api.clockSet(MORNING);
    const late = await api.file(zhangsan.accessToken, roomId);
    const met = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, met.id, 'accept', { tier: 'normal' });
    await api.step(agent1.accessToken, met.id, 'dispatch', { technicianId: (await t.staff('technician1')).me.id });
    await api.clockAdvance(5 * 60 * MIN);
    await n.sweep();
    expect((await clockOf(late.id)).escalation_level).toBe(3);
    expect((await events(late.id)).map((e) => e.level)).toEqual([1, 2, 3]);
    expect((await clockOf(met.id)).escalation_level).toBe(0);
    expect(await n.sweep()).toBe(0);
  });

  it('a breach of an order nobody owns yet goes to the agent on duty, whoever else is on duty and the supervisors, e.g. at night', async () => {
    await api.clockSet('2026-11-23T23:30:00+08:00');
    expect((await t.post('/api/staff/duty/sign-in', { communityId }, { token: agent1.accessToken })).status).toBe(200);
    expect((await t.post('/api/staff/duty/sign-in', { communityId }, { token: guard1.accessToken })).status).toBe(200);
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.clockAdvance(61 * MIN);
    await n.sweep();
    expect(await titles(agent1, d.no)).toContain(`【超时一级】${d.no} 初步反馈`);
    expect(await titles(supervisor1, d.no)).toContain(`【超时一级】${d.no} 初步反馈`);
    expect(await titles(guard1, d.no)).toContain(`【超时一级】${d.no} 初步反馈`);
    await t.post('/api/staff/duty/sign-out', { communityId, notes: '无' }, { token: agent1.accessToken });
    await t.post('/api/staff/duty/sign-out', { communityId }, { token: guard1.accessToken });
  });

  it('the ladder is configurable per community (admin API)', async () => {
    expect((await t.put(`/api/staff/communities/${communityId}/channels`, { level2Pct: 100 }, { token: supervisor1.accessToken })).status).toBe(403);
    expect((await t.put(`/api/staff/communities/${communityId}/channels`, { level2Pct: 300, level3Pct: 200 }, { token: admin.accessToken })).status).toBe(400);
    const r = await t.put(`/api/staff/communities/${communityId}/channels`, { level2Pct: 100, level3Pct: 200 }, { token: admin.accessToken });
    expect(r.body).toEqual(expect.objectContaining({ communityId, level2Pct: 100, level3Pct: 200 }));
    await api.clockSet(MORNING);
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.clockAdvance(100 * MIN); // past due + 50%, not yet due + 100%
    await n.sweep();
    expect((await clockOf(d.id)).escalation_level).toBe(1);
    await api.clockAdvance(21 * MIN);
    await n.sweep();
    expect((await clockOf(d.id)).escalation_level).toBe(2);
    await t.put(`/api/staff/communities/${communityId}/channels`, { level2Pct: 50, level3Pct: 100 }, { token: admin.accessToken });
  });

  /** a running clock of a generic subject in the community: started at `start`, due `minutes` later */
  const genericClock = async (start: Date, minutes: number) => {
    const [c] = await t.query('SELECT company_id FROM communities WHERE id = ?', [communityId]);
    const subjectId = Math.floor(Math.random() * 1e9);
    await t.query(
      "INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at) VALUES (?, ?, 'probe', ?, 'dispatch', 'running', ?, ?)",
      [c.company_id, communityId, subjectId, sqlTime(start), sqlTime(new Date(start.getTime() + minutes * MIN))],
    );
    return async () =>
      Number((await t.query("SELECT escalation_level FROM clocks WHERE subject_type = 'probe' AND subject_id = ?", [subjectId]))[0].escalation_level);
  };

  it('short clocks have floors: a 2-minute clock reaches the managers no sooner than 15 min (level 2) and 60 min (level 3) past due', async () => {
    const start = await api.clockSet(MORNING);
    const level = await genericClock(start, 2);
    await api.clockAdvance(4 * MIN); // due + 2 min: the old ladder had fired level 3 (+100% of 2 min) by now
    await n.sweep();
    expect(await level()).toBe(1);
    await api.clockAdvance(12 * MIN); // due + 14 min
    await n.sweep();
    expect(await level()).toBe(1);
    await api.clockAdvance(1 * MIN); // due + 15 min
    await n.sweep();
    expect(await level()).toBe(2);
    await api.clockAdvance(44 * MIN); // due + 59 min
    await n.sweep();
    expect(await level()).toBe(2);
    await api.clockAdvance(1 * MIN); // due + 60 min
    await n.sweep();
    expect(await level()).toBe(3);
  });

  it('the floors are set per community by the admin (channels API), validated', async () => {
    const url = `/api/staff/communities/${communityId}/channels`;
    const view = (await t.get(url, { token: manager1.accessToken })).body;
    expect(view).toEqual(expect.objectContaining({ level2MinMinutes: 15, level3MinMinutes: 60 }));
    expect((await t.put(url, { level2MinMinutes: 5 }, { token: supervisor1.accessToken })).status).toBe(403);
    expect((await t.put(url, { level2MinMinutes: 30, level3MinMinutes: 10 }, { token: admin.accessToken })).status).toBe(400);
    expect((await t.put(url, { level2MinMinutes: 99_999 }, { token: admin.accessToken })).status).toBe(400);
    expect((await t.put(url, { level2MinMinutes: -1 }, { token: admin.accessToken })).status).toBe(400);
    const r = await t.put(url, { level2MinMinutes: 5, level3MinMinutes: 10 }, { token: admin.accessToken });
    expect(r.body).toEqual(expect.objectContaining({ level2Pct: 50, level3Pct: 100, level2MinMinutes: 5, level3MinMinutes: 10 }));
    const start = await api.clockSet(MORNING);
    const level = await genericClock(start, 2);
    await api.clockAdvance(6 * MIN); // due + 4
    await n.sweep();
    expect(await level()).toBe(1);
    await api.clockAdvance(1 * MIN); // due + 5
    await n.sweep();
    expect(await level()).toBe(2);
    await api.clockAdvance(5 * MIN); // due + 10
    await n.sweep();
    expect(await level()).toBe(3);
    await t.put(url, { level2MinMinutes: 15, level3MinMinutes: 60 }, { token: admin.accessToken });
  });

  it('a back-log in one sweep: one summary per person on WeChat and one in the WeCom group; every escalation in the inbox', async () => {
    const webhook = `${wecom.url}${WEBHOOK}?key=esc`;
    expect((await t.put(`/api/staff/communities/${communityId}/channels`, { wecomWebhookUrl: webhook }, { token: admin.accessToken })).status).toBe(200);
    for (const who of [manager1, supervisor1]) {
      await n.linkOpenid(who.me.id, 'staff', `o-${who.me.id}`);
      await t.query('DELETE FROM subscribe_balances WHERE user_id = ?', [who.me.id]);
      await t.query("INSERT INTO subscribe_balances (user_id, template, balance, updated_at) VALUES (?, 'clock_escalation', 60, ?)", [
        who.me.id,
        sqlTime(new Date()),
      ]);
    }
    // earlier tests' rows (queued at other test-clock times) are not part of this sweep
    await t.query("UPDATE outbox SET status = 'skipped' WHERE status = 'pending'");
    await api.clockSet(MORNING);
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await api.file(zhangsan.accessToken, roomId, { description: `积压工单${i}🔥漏水` }));
    const [{ max }] = await t.query('SELECT COALESCE(MAX(id), 0) AS max FROM outbox');
    await api.clockAdvance(5 * 60 * MIN);
    const fired = await n.sweep();
    expect(fired).toBeGreaterThanOrEqual(orders.length * 3);
    const rows: { channel: string; recipient_id: number | null; payload: string | { title: string; link: string } }[] = await n.outbox(
      "id > ? AND dedupe_key LIKE 'clock:%'",
      [max],
    );
    const payload = (r: (typeof rows)[number]) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload);
    const wechat = rows.filter((r) => r.channel === 'wechat');
    const perPerson = new Map<number, number>();
    for (const r of wechat) perPerson.set(Number(r.recipient_id), (perPerson.get(Number(r.recipient_id)) ?? 0) + 1);
    expect([...perPerson.values()].every((c) => c <= 1)).toBe(true);
    for (const who of [manager1, supervisor1]) {
      const mine = wechat.filter((r) => Number(r.recipient_id) === who.me.id);
      expect(mine).toHaveLength(1);
      expect(payload(mine[0]).title).toMatch(/^【超时汇总】\d+ 项超时升级$/);
      expect(payload(mine[0]).link).toBe('/repairs?breached=1');
    }
    const group = rows.filter((r) => r.channel === 'wecom');
    expect(group).toHaveLength(1);
    expect(payload(group[0]).title).toMatch(/^【超时汇总】/);
    // the worst three are named (level 3 first)
    expect(payload(group[0]).body).toMatch(/最严重的：.+（三级）；.+（三级）；.+（三级）。/);
    // the inbox has every level of every order
    for (const d of orders) {
      expect(await titles(supervisor1, d.no)).toContain(`【超时一级】${d.no} 初步反馈`);
      expect((await titles(manager1, d.no)).sort()).toEqual(expect.arrayContaining([`【超时二级】${d.no} 初步反馈`, `【超时三级】${d.no} 初步反馈`]));
    }
    expect((await n.inbox(manager1, 'limit=100')).items.some((i) => i.title.startsWith('【超时汇总】'))).toBe(false);
    // delivered: one consent each, one group post, nothing refused by the strict fake
    const before = fake.callsTo(SUBSCRIBE).length;
    await n.drain();
    expect(fake.callsTo(SUBSCRIBE).length - before).toBe(2);
    expect(await n.balance(manager1.me.id, 'clock_escalation')).toBe(59);
    expect(await n.balance(supervisor1.me.id, 'clock_escalation')).toBe(59);
    expect(wecom.callsTo(WEBHOOK).filter((c) => c.query.key === 'esc' && c.body.markdown.content.includes('超时汇总'))).toHaveLength(1);
    expect(fake.refused).toEqual([]);
    await t.put(`/api/staff/communities/${communityId}/channels`, { wecomWebhookUrl: null }, { token: admin.accessToken });
  });

  it("the managers' daily digest at 08:30: open, overdue and yesterday's breaches, once a day", async () => {
    await api.clockSet('2026-11-24T08:31:00+08:00');
    const run = async () => (await t.post('/api/test/jobs/daily-digest')).body.communities as number;
    expect(await run()).toBeGreaterThan(0);
    await run();
    const digests = (await n.inbox(manager1, 'limit=100')).items.filter((i) => i.title === '锦绣花园 每日简报 2026-11-24');
    expect(digests).toHaveLength(1);
    const [open] = await t.query('SELECT COUNT(*) AS n FROM tickets WHERE community_id = ? AND is_open = 1', [communityId]);
    expect(digests[0].body).toMatch(
      new RegExp(`^未办结 ${Number(open.n)} 单，已超时 \\d+ 单，昨日超时 [1-9]\\d* 次。(\\n昨日时限达标率 \\d+\\.\\d%（到期 \\d+ 个，超时 \\d+ 个）。)?$`),
    );
    // nobody can subscribe to the digest on WeChat: no outbox rows that could never be delivered (inbox + WeCom only)
    expect(await n.outbox("channel = 'wechat' AND dedupe_key LIKE 'digest:%'")).toEqual([]);
  });
});
