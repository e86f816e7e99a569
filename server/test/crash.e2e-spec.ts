import { LoginResponse } from '@linli/shared';
import { DbProxy } from './helpers/db-proxy';
import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { countSends, outboxStatus, queueMessages, sleep, waitFor, wechatRecipient } from './helpers/outbox';
import { TestApp } from './helpers/test-app';
import { createTestDb, TestDb } from './helpers/test-db';

type Outcome = { key: string; status: number | 'none'; code?: string; id?: number; retryAfter?: string | null };
interface Resident {
  token: string;
  roomId: number;
}

/** One create with an Idempotency-Key; a dropped connection or a timeout is 'none' (no answer). */
async function createRepair(url: string, who: Resident, key: string): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/api/repairs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ category: 'water', description: `崩溃测试 ${key}`, roomId: who.roomId }),
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await res.json().catch(() => ({}))) as { code?: string; id?: number };
    return { key, status: res.status, code: body.code, id: body.id, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { key, status: 'none' };
  }
}

/** `clients` residents filing repairs back to back, each with a fresh key, until stop() */
function startLoad(url: () => string, residents: Resident[], prefix: string, clients = 6) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  let seq = 0;
  const runs = Array.from({ length: clients }, async (_, c) => {
    while (!stopped) {
      const key = `${prefix}-${c}-${seq++}`;
      const o = await createRepair(url(), residents[c % residents.length], key);
      outcomes.push({ ...o, key: `${c % residents.length}|${key}` });
      if (o.status === 'none' || o.status >= 500) await sleep(50);
    }
  });
  return {
    outcomes,
    stop: async () => {
      stopped = true;
      await Promise.all(runs);
      return outcomes;
    },
  };
}

const ok = (o: Outcome) => typeof o.status === 'number' && o.status >= 200 && o.status < 300;

(process.env.TEST_DB === 'mysql' ? describe : describe.skip)('crash suite on MariaDB: SIGKILL, a database outage and SIGTERM under load', () => {
  let db: TestDb;
  let proxy: DbProxy;
  let t: TestApp;
  let env: Record<string, string>;
  let residents: Resident[];
  const outcomes: Outcome[] = [];
  const finals = new Map<string, Outcome>();

  beforeAll(async () => {
    db = await createTestDb();
    proxy = await new DbProxy('127.0.0.1', Number(new URL(process.env.TEST_DB_URL!).port || 3306)).start();
    env = { DB_URL: proxy.url(db.env.DB_URL), SHUTDOWN_TIMEOUT_MS: '3000' };
    t = await TestApp.start(env, db, 90_000);
    const rooms = [
      ['zhangsan', '锦绣花园', '1栋1单元101'],
      ['lisi', '锦绣花园', '2栋2单元202'],
      ['chenliu', '翠湖苑', '1栋1单元101'],
    ];
    residents = await Promise.all(
      rooms.map(async ([code, community, label]) => {
        const login: LoginResponse = await t.resident(code);
        return { token: login.accessToken, roomId: (await t.room(community, label)).id };
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('SIGKILL under load, twice: the server comes back and answers', async () => {
    for (const round of [1, 2]) {
      const load = startLoad(() => t.url, residents, `kill${round}`);
      await waitFor('some repairs filed', () => load.outcomes.filter(ok).length >= 20, 60_000);
      t.proc.kill('SIGKILL');
      await sleep(300);
      outcomes.push(...(await load.stop()));
      t = await TestApp.start(env, db, 90_000);
    }
    expect(outcomes.filter(ok).length).toBeGreaterThanOrEqual(40);
    expect(outcomes.filter((o) => o.status === 500)).toEqual([]);
  }, 300_000);

  it('a database outage is answered 503 DB_UNAVAILABLE with Retry-After, logged once, not per request (#9.21)', async () => {
    const load = startLoad(() => t.url, residents, 'outage');
    await waitFor('some repairs filed', () => load.outcomes.filter(ok).length >= 10, 60_000);
    const logFrom = t.output.length;
    const from = load.outcomes.length;
    proxy.cut();
    await sleep(4000);
    const health = await fetch(`${t.url}/api/health`);
    proxy.restore();
    await waitFor('repairs filed again', () => load.outcomes.slice(from).filter(ok).length >= 10, 60_000);
    const during = (await load.stop()).slice(from);
    outcomes.push(...load.outcomes);

    const refused = during.filter((o) => o.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(during.filter((o) => o.status === 500)).toEqual([]);
    for (const o of refused) {
      expect(o.code).toBe('DB_UNAVAILABLE');
      expect(Number(o.retryAfter)).toBeGreaterThan(0);
    }
    expect(health.status).toBe(503);
    expect(((await health.json()) as { code: string }).code).toBe('DB_UNAVAILABLE');
    const errorLines = t.output
      .slice(logFrom)
      .join('')
      .split('\n')
      .filter((l) => l.includes('"level":50'));
    expect(errorLines.length).toBeLessThanOrEqual(2);
    expect(errorLines.join('\n')).not.toContain('unhandled error');
  }, 180_000);

  it('every acknowledged repair is durable and no key made two repairs', async () => {
    const acked = outcomes.filter(ok);
    const ids = acked.map((o) => o.id!);
    const found = await t.query(`SELECT id FROM tickets WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    expect(found).toHaveLength(ids.length);
    const twice = await t.query("SELECT description, COUNT(*) AS n FROM tickets WHERE description LIKE '崩溃测试 %' GROUP BY description HAVING COUNT(*) > 1");
    expect(twice).toEqual([]);
  }, 60_000);

  it('every unanswered or refused request, retried with its key, is never answered 500 and never makes a second repair', async () => {
    for (const o of outcomes) finals.set(o.key, o);
    for (const [k, o] of finals) {
      if (ok(o)) continue;
      const [who, key] = k.split('|');
      let r = o;
      for (let i = 0; i < 5 && !ok(r); i++) {
        r = await createRepair(t.url, residents[Number(who)], key);
        if (!ok(r)) await sleep(200);
      }
      finals.set(k, r);
    }
    const answered = [...finals.values()].filter(ok);
    // whatever #9.18 decides for an in-progress key, a retry never answers 500 and never makes a second repair
    expect([...finals.values()].filter((o) => o.status === 500 || o.status === 'none')).toEqual([]);
    const twice = await t.query("SELECT description, COUNT(*) AS n FROM tickets WHERE description LIKE '崩溃测试 %' GROUP BY description HAVING COUNT(*) > 1");
    expect(twice).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
  }, 180_000);

  it('each key ends exactly once: a 2xx and one repair, no key left in progress', async () => {
    const stuck = [...finals.entries()].filter(([, o]) => !ok(o)).map(([k, o]) => `${k} → ${o.status} ${o.code ?? ''}`);
    console.log(`crash suite: ${finals.size} keys, ${finals.size - stuck.length} ended with a repair, ${stuck.length} stuck: ${stuck.slice(0, 5).join('; ')}`);
    expect(stuck).toEqual([]);
    for (const [k, o] of finals) {
      const [, key] = k.split('|');
      const rows = await t.query('SELECT id FROM tickets WHERE description = ?', [`崩溃测试 ${key}`]);
      expect([k, rows.map((r: { id: number }) => Number(r.id))]).toEqual([k, [o.id]]);
    }
    const inProgress = await t.query('SELECT user_id, `key` FROM idempotency_keys WHERE response IS NULL');
    expect(inProgress).toEqual([]);
  }, 120_000);

  it('SIGTERM while the outbox is delivering: no message is sent twice (#9.20, #9.22)', async () => {
    const fake = await new FakeWechat().start();
    try {
      const received = countSends(fake);
      const notify = notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '100', SHUTDOWN_TIMEOUT_MS: '8000' });
      await t.stop();
      t = await TestApp.start({ ...env, ...notify }, db, 90_000);
      const userId = await wechatRecipient(t);
      fake.delayMs = 400;
      await queueMessages(t, userId, 'term', 60);
      for (let round = 0; round < 2; round++) {
        const before = fake.callsTo(SUBSCRIBE).length;
        await waitFor('a round in flight', () => fake.callsTo(SUBSCRIBE).length > before, 60_000);
        expect(await t.stop()).toBe(0);
        expect((await outboxStatus(t, 'term')).sending ?? 0).toBe(0);
        t = await TestApp.start({ ...env, ...notify }, db, 90_000);
      }
      fake.delayMs = 0;
      await t.post('/api/test/clock', { advanceMs: 10 * 60_000 });
      await waitFor('the outbox delivered', async () => (await outboxStatus(t, 'term')).sent === 60, 60_000);
      await notifyApi(t).drain();
      const sent = [...received.entries()].filter(([k]) => k.startsWith('term-'));
      expect(sent).toHaveLength(60);
      expect(sent.filter(([, n]) => n > 1)).toEqual([]);
    } finally {
      await fake.stop();
    }
  }, 300_000);
});
