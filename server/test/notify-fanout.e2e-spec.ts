import { LoginResponse } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { newStaff, repairsApi } from './helpers/repairs';
import { notifyApi, notifyEnv } from './helpers/notify';
import { TestApp } from './helpers/test-app';

const SUPERVISORS = 30;
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
const num = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.query(sql, params))[0].n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** waits until `check` holds (the running server's own worker at work), failing after `ms` */
async function eventually(check: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(50);
  }
}

/** SUPERVISORS more supervisors of 锦绣花园: with nobody on duty, each receives new work there */
async function seedSupervisors(t: TestApp, communityId: number): Promise<number[]> {
  const [c] = await t.query('SELECT company_id FROM communities WHERE id = ?', [communityId]);
  const rows = Array.from({ length: SUPERVISORS }, (_, i) => [c.company_id, 'staff', `主管${i}`, `fan.sup${i}`, 'supervisor', 1, sqlTime(new Date())]);
  await t.query(
    'INSERT INTO users (company_id, kind, name, username, roles, active, created_at) VALUES ' + rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', '),
    rows.flat(),
  );
  const ids = (await t.query("SELECT id FROM users WHERE username LIKE 'fan.sup%' ORDER BY id")).map((r) => Number(r.id));
  await t.query(
    'INSERT INTO staff_communities (user_id, community_id) VALUES ' + ids.map(() => '(?, ?)').join(', '),
    ids.flatMap((id) => [id, communityId]),
  );
  return ids;
}

/** the active agents of a community (who see new work on their workbench when no agent is on duty) */
const communityAgents = async (t: TestApp, communityId: number) =>
  (
    await t.query(
      "SELECT u.id, u.roles FROM users u JOIN staff_communities sc ON sc.user_id = u.id WHERE sc.community_id = ? AND u.kind = 'staff' AND u.active = 1 ORDER BY u.id",
      [communityId],
    )
  )
    .filter((r) => String(r.roles).split(',').includes('agent'))
    .map((r) => Number(r.id));

const ticketRows = async (t: TestApp, ticketId: number) => ({
  events: await num(t, 'SELECT COUNT(*) AS n FROM notify_events WHERE dedupe_key LIKE ?', [`ticket:${ticketId}:%`]),
  inbox: await num(t, 'SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key LIKE ?', [`ticket:${ticketId}:%`]),
  outbox: await num(t, 'SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE ?', [`ticket:${ticketId}:%`]),
});

describe('notify: a ticket change writes one event row; the worker fans it out after the commit', () => {
  const fake = new FakeWechat();
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let n: ReturnType<typeof notifyApi>;
  let zhangsan: LoginResponse, agent1: LoginResponse, tech1: LoginResponse, tech2: LoginResponse;
  let roomId: number, communityId: number;
  let supervisors: number[];

  beforeAll(async () => {
    await fake.start();
    t = await TestApp.start(notifyEnv(fake.url));
    api = repairsApi(t);
    n = notifyApi(t);
    let admin: LoginResponse;
    [agent1, tech1, admin] = await Promise.all(['agent1', 'technician1', 'admin'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    ({ id: roomId, communityId } = await t.room('锦绣花园', '1栋1单元101'));
    tech2 = await newStaff(t, admin, 'fan.tech2', '吴师傅', ['technician'], [communityId]);
    supervisors = await seedSupervisors(t, communityId);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('(a) the request writes exactly one notify_events row and no inbox / outbox rows, whatever the number of recipients', async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    expect(await ticketRows(t, d.id)).toEqual({ events: 1, inbox: 0, outbox: 0 });
    const [row] = await t.query('SELECT * FROM notify_events WHERE dedupe_key LIKE ?', [`ticket:${d.id}:%`]);
    const [ev] = await t.query("SELECT id FROM ticket_events WHERE ticket_id = ? AND type = 'created'", [d.id]);
    expect(row).toEqual(expect.objectContaining({ dedupe_key: `ticket:${d.id}:event:${ev.id}`, kind: 'ticket_event', status: 'pending', attempts: 0 }));
    // a state change: one more row, still nothing fanned out
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'normal' });
    expect(await ticketRows(t, d.id)).toEqual({ events: 2, inbox: 0, outbox: 0 });
    // a refused change (stale version) leaves no event row behind
    expect((await api.act(agent1.accessToken, d.id, 'dispatch', { version: 999, technicianId: tech1.me.id })).status).toBe(409);
    expect((await ticketRows(t, d.id)).events).toBe(2);
  });

  it('(b) one drain fans every event out: each recipient has its inbox row and its WeChat outbox row', async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    await n.deliver();
    const key = (await t.query('SELECT dedupe_key FROM notify_events WHERE dedupe_key LIKE ?', [`ticket:${d.id}:%`]))[0].dedupe_key;
    const recipients = [...supervisors, (await t.query("SELECT id FROM users WHERE username = 'supervisor1'"))[0].id].map(Number).sort((a, b) => a - b);
    // nobody on duty: the supervisors (inbox + WeChat) and the community's agents (inbox only)
    const agents = await communityAgents(t, communityId);
    expect(agents).toContain(agent1.me.id);
    const inbox = await t.query('SELECT recipient_id, title FROM notifications WHERE dedupe_key LIKE ? ORDER BY recipient_id', [`${key}:%`]);
    expect(inbox.map((r) => Number(r.recipient_id))).toEqual([...recipients, ...agents].sort((a, b) => a - b));
    expect(inbox.every((r) => r.title === `新报修 ${d.no}`)).toBe(true);
    const wechat = await t.query("SELECT recipient_id FROM outbox WHERE dedupe_key LIKE ? AND channel = 'wechat' ORDER BY recipient_id", [`${key}:%`]);
    expect(wechat.map((r) => Number(r.recipient_id))).toEqual(recipients);
    // the same drain also delivered them (no openid linked: inbox only)
    expect(await num(t, "SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE ? AND status = 'pending'", [`${key}:%`])).toBe(0);
    expect((await t.query('SELECT status, done_at FROM notify_events WHERE dedupe_key = ?', [key]))[0]).toEqual(
      expect.objectContaining({ status: 'done', done_at: expect.anything() }),
    );
  });

  it('an event is told as the change saw the ticket, even if the ticket has moved on before the fan-out', async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'normal' });
    await api.step(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
    await api.step(agent1.accessToken, d.id, 'reassign', { technicianId: tech2.me.id, reason: '赵师傅请假' });
    expect((await ticketRows(t, d.id)).inbox).toBe(0);
    await n.expand();
    const staff = await t.query("SELECT recipient_id FROM notifications WHERE dedupe_key LIKE ? AND template = 'staff_dispatched' ORDER BY id", [
      `ticket:${d.id}:%`,
    ]);
    expect(staff.map((r) => Number(r.recipient_id))).toEqual([tech1.me.id, tech2.me.id]);
    const told = await t.query("SELECT body FROM notifications WHERE dedupe_key LIKE ? AND template = 'repair_dispatched' ORDER BY id", [`ticket:${d.id}:%`]);
    expect(told.map((r) => r.body)).toEqual([expect.stringContaining('赵师傅'), expect.stringContaining('吴师傅')]);
  });

  it('(c) draining again, re-expanding a done event and concurrent drains add nothing', async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'urgent' });
    await Promise.all([n.expand(), n.deliver(), n.expand(), n.deliver()]);
    const once = await ticketRows(t, d.id);
    // the supervisors + supervisor1 + the community's agents (nobody on duty), then the resident
    expect(once.inbox).toBe(SUPERVISORS + 2 + (await communityAgents(t, communityId)).length);
    await n.deliver();
    expect(await ticketRows(t, d.id)).toEqual(once);
    // as if an expansion ran twice (its first run committed, the mark lost): INSERT … IGNORE on the dedupe keys
    await t.query("UPDATE notify_events SET status = 'pending' WHERE dedupe_key LIKE ?", [`ticket:${d.id}:%`]);
    expect(await n.expand()).toBe(2);
    expect(await ticketRows(t, d.id)).toEqual(once);
    expect(await num(t, 'SELECT COUNT(*) AS n FROM (SELECT dedupe_key FROM notifications GROUP BY dedupe_key HAVING COUNT(*) > 1) x')).toBe(0);
  });

  it('a failed expansion is retried with backoff like an outbox row, then recorded as failed', async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    // the ticket is gone (as if deleted by hand): nothing to tell, recorded at once
    const [ev] = await t.query('SELECT id, payload FROM notify_events WHERE dedupe_key LIKE ?', [`ticket:${d.id}:%`]);
    const broken = JSON.parse(ev.payload);
    await t.query('UPDATE notify_events SET payload = ? WHERE id = ?', [JSON.stringify({ ...broken, ticketId: 999999 }), ev.id]);
    await n.expand();
    expect((await t.query('SELECT status, last_error FROM notify_events WHERE id = ?', [ev.id]))[0]).toEqual({
      status: 'failed',
      last_error: expect.stringMatching(/^gone: ticket 999999/),
    });
    // unreadable payload: an error, retried up to NOTIFY_MAX_ATTEMPTS (3 here) with the reason kept
    await t.query("UPDATE notify_events SET payload = '{', status = 'pending', last_error = NULL WHERE id = ?", [ev.id]);
    await n.expand();
    expect((await t.query('SELECT status, attempts FROM notify_events WHERE id = ?', [ev.id]))[0]).toEqual({ status: 'pending', attempts: 1 });
    for (let i = 0; i < 5; i++) {
      await sleep(20);
      await n.expand();
    }
    const [row] = await t.query('SELECT status, attempts, last_error FROM notify_events WHERE id = ?', [ev.id]);
    expect(row).toEqual({ status: 'failed', attempts: 3, last_error: expect.stringMatching(/^gave up after 3 attempts: /) });
  });
});

describe('notify: the fan-out in a running server — kicked after the commit, nothing lost in a crash', () => {
  const fake = new FakeWechat();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('the commit kicks the worker: the inbox row follows at once, without waiting for the worker round', async () => {
    // a round only every 10 minutes: only the kick can fan the event out within the test
    const t = await TestApp.start(notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '600000' }));
    try {
      const api = repairsApi(t);
      const zhangsan = await t.resident('zhangsan');
      const d = await api.file(zhangsan.accessToken, (await t.room('锦绣花园', '1栋1单元101')).id);
      await eventually(async () => (await ticketRows(t, d.id)).inbox > 0, 3000, 'inbox rows of the new ticket');
      await eventually(async () => (await num(t, "SELECT COUNT(*) AS n FROM notify_events WHERE status = 'pending'")) === 0, 3000, 'event done');
    } finally {
      await t.close();
    }
  }, 120_000);

  it('(d) a crash between the commit and the fan-out loses nothing: the restarted server expands the event', async () => {
    const a = await TestApp.start(notifyEnv(fake.url));
    const api = repairsApi(a);
    const zhangsan = await a.resident('zhangsan');
    const d = await api.file(zhangsan.accessToken, (await a.room('锦绣花园', '1栋1单元101')).id);
    const exited = new Promise((r) => a.proc.once('exit', r));
    a.proc.kill('SIGKILL');
    await exited;
    expect(await ticketRows(a, d.id)).toEqual({ events: 1, inbox: 0, outbox: 0 });
    // the restarted server's own worker round finds the committed event
    const b = await TestApp.start(notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '100' }), a.db);
    try {
      await eventually(async () => (await ticketRows(b, d.id)).inbox > 0, 10_000, 'inbox rows after the restart');
      const [sup1] = await b.query("SELECT id FROM users WHERE username = 'supervisor1'");
      expect(await num(b, 'SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = ? AND dedupe_key LIKE ?', [sup1.id, `ticket:${d.id}:%`])).toBe(1);
    } finally {
      await b.close();
    }
  }, 120_000);
});

(process.env.TEST_DB === 'mysql' ? describe : describe.skip)('notify: two instances on MariaDB expand the same events concurrently', () => {
  const fake = new FakeWechat();
  let a: TestApp, b: TestApp;
  const TICKETS = 40;

  beforeAll(async () => {
    await fake.start();
    a = await TestApp.start(notifyEnv(fake.url));
    const { communityId } = await a.room('锦绣花园', '1栋1单元101');
    await seedSupervisors(a, communityId);
    b = await TestApp.start(notifyEnv(fake.url), a.db);
  }, 120_000);
  afterAll(async () => {
    await b?.stop();
    await a?.close();
    await fake.stop();
  });

  it('(c) every event is expanded by exactly one instance; no row twice, none missing', async () => {
    const api = repairsApi(a);
    const zhangsan = await a.resident('zhangsan');
    const { id: roomId } = await a.room('锦绣花园', '1栋1单元101');
    for (let i = 0; i < TICKETS; i++) await api.file(zhangsan.accessToken, roomId);
    const expand = async (x: TestApp) => (await x.post('/api/test/jobs/notify-expand')).body.expanded as number;
    let byA = 0;
    let byB = 0;
    while (await num(a, "SELECT COUNT(*) AS n FROM notify_events WHERE status = 'pending'")) {
      const [x, y] = await Promise.all([expand(a), expand(b)]);
      byA += x;
      byB += y;
    }
    expect(byA + byB).toBe(TICKETS);
    expect(await num(a, "SELECT COUNT(*) AS n FROM notify_events WHERE status = 'done'")).toBe(TICKETS);
    // 30 seeded supervisors + supervisor1 per ticket (WeChat), and the community's agents (inbox only: nobody on duty)
    const agents = (await communityAgents(a, (await a.room('锦绣花园', '1栋1单元101')).communityId)).length;
    expect(await num(a, 'SELECT COUNT(*) AS n FROM notifications')).toBe(TICKETS * (SUPERVISORS + 1 + agents));
    expect(await num(a, "SELECT COUNT(*) AS n FROM outbox WHERE channel = 'wechat'")).toBe(TICKETS * (SUPERVISORS + 1));
    console.log(`2 instances: ${TICKETS} events expanded, ${byA} by one, ${byB} by the other`);
  }, 120_000);
});
