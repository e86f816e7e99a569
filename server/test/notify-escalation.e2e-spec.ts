import { LoginResponse } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { MIN, repairsApi } from './helpers/repairs';
import { notifyApi, notifyEnv } from './helpers/notify';
import { TestApp } from './helpers/test-app';

/** 2026-11-23 10:00 in Asia/Shanghai */
const MORNING = '2026-11-23T10:00:00+08:00';

describe('notify: the SLA sweeper moves breached clocks up the escalation ladder, each level once', () => {
  const fake = new FakeWechat();
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
    await fake.start();
    t = await TestApp.start(notifyEnv(fake.url));
    api = repairsApi(t);
    n = notifyApi(t);
    [supervisor1, manager1, admin, agent1, guard1] = await Promise.all(['supervisor1', 'manager1', 'admin', 'agent1', 'guard1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    ({ id: roomId, communityId } = await t.room('锦绣花园', '1栋1单元101'));
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
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

  it("the managers' daily digest at 08:30: open, overdue and yesterday's breaches, once a day", async () => {
    await api.clockSet('2026-11-24T08:31:00+08:00');
    const run = async () => (await t.post('/api/test/jobs/daily-digest')).body.communities as number;
    expect(await run()).toBeGreaterThan(0);
    await run();
    const digests = (await n.inbox(manager1, 'limit=100')).items.filter((i) => i.title === '锦绣花园 每日简报 2026-11-24');
    expect(digests).toHaveLength(1);
    const [open] = await t.query('SELECT COUNT(*) AS n FROM tickets WHERE community_id = ? AND is_open = 1', [communityId]);
    expect(digests[0].body).toMatch(new RegExp(`^未办结 ${Number(open.n)} 单，已超时 \\d+ 单，昨日超时 [1-9]\\d* 次。$`));
    // nobody can subscribe to the digest on WeChat: no outbox rows that could never be delivered (inbox + WeCom only)
    expect(await n.outbox("channel = 'wechat' AND dedupe_key LIKE 'digest:%'")).toEqual([]);
  });
});
