import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { TestApp } from './helpers/test-app';

const CLOCKS = 1000;
const LEVELS = 3;
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Three server processes on one MariaDB, each running the SLA sweeper and the delivery worker on its own timer.
 * 1,000 clocks of a generic subject are past every level of the ladder; every level's message must reach the fake
 * WeChat server — none missing, none twice except the killed instance's in-flight batch — although one instance is
 * SIGKILLed in the middle of the run.
 * (SQLite is one process by design: this file runs with TEST_DB=mysql only.)
 */
(process.env.TEST_DB === 'mysql' ? describe : describe.skip)(
  'notify: 3 instances on MariaDB, one SIGKILLed — nothing lost, nothing sent twice but in-flight',
  () => {
    const fake = new FakeWechat();
    let a: TestApp, b: TestApp, c: TestApp;
    const received = new Map<string, number>();

    beforeAll(async () => {
      await fake.start();
      fake.on(SUBSCRIBE, (call) => {
        const d = call.body.data;
        const key = `${call.body.touser}|${d.character_string1.value}|${d.phrase4.value}`;
        received.set(key, (received.get(key) ?? 0) + 1);
        return { body: { errcode: 0, errmsg: 'ok' } };
      });
      const env = notifyEnv(fake.url, {
        NOTIFY_INTERVAL_MS: '100',
        SLA_SWEEP_INTERVAL_MS: '200',
        NOTIFY_LEASE_MS: '3000',
        NOTIFY_BATCH: '50',
        // every level's own message is what this test counts (no per-sweep summaries)
        ESCALATION_SUMMARY_THRESHOLD: '1000000',
      });
      a = await TestApp.start({ ...env, NOTIFY_INTERVAL_MS: '0', SLA_SWEEP_INTERVAL_MS: '0' });
      const n = notifyApi(a);
      const staff = await a.query("SELECT id, username FROM users WHERE username IN ('supervisor1', 'manager1')");
      for (const s of staff) {
        await n.linkOpenid(Number(s.id), 'staff', `o-${s.username}`);
        await a.query('INSERT INTO subscribe_balances (user_id, template, balance, updated_at) VALUES (?, ?, ?, ?)', [
          s.id,
          'clock_escalation',
          100000,
          sqlTime(new Date()),
        ]);
      }
      const [community] = await a.query("SELECT id, company_id FROM communities WHERE code = 'JXHY'");
      const now = Date.now();
      const rows = Array.from({ length: CLOCKS }, (_, i) => [
        community.company_id,
        community.id,
        'bench',
        i + 1,
        'arrival',
        'running',
        sqlTime(new Date(now - 3 * 3600_000)),
        sqlTime(new Date(now - 2 * 3600_000)),
      ]);
      await a.query(
        'INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at) VALUES ' +
          rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
        rows.flat(),
      );
      // three workers: a second and a third instance on the same database, and the first one's timers via the hooks
      [b, c] = await Promise.all([TestApp.start(env, a.db), TestApp.start(env, a.db)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([b?.stop(), c?.stop()]);
      await a?.close();
      await fake.stop();
    });

    it('every expected message arrives; only the in-flight batch of the killed instance may arrive twice', async () => {
      const n = notifyApi(a);
      // let the run get going, then kill one instance without a chance to clean up
      const start = Date.now();
      while (received.size < 600 && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 20));
      b.proc.kill('SIGKILL');
      const killedAt = received.size;
      // the first instance joins in through the hooks while the third keeps running on its timers
      const deadline = Date.now() + 90_000;
      for (;;) {
        await Promise.all([n.sweep(), n.deliver()]);
        const [open] = await a.query("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')");
        const [left] = await a.query('SELECT COUNT(*) AS n FROM clocks WHERE escalation_level < 3');
        if (!Number(open.n) && !Number(left.n)) break;
        if (Date.now() > deadline) throw new Error(`not done: ${open.n} outbox rows open, ${left.n} clocks below level 3`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const expected = new Set<string>();
      const [{ min_id: firstClock }] = await a.query("SELECT MIN(id) AS min_id FROM clocks WHERE subject_type = 'bench'");
      for (let i = 0; i < CLOCKS; i++) {
        const no = `bench#${i + 1}`;
        expected.add(`o-supervisor1|${no}|一级升级`);
        expected.add(`o-manager1|${no}|二级升级`);
        expected.add(`o-manager1|${no}|三级升级`);
      }
      expect(Number(firstClock)).toBeGreaterThan(0);
      const missing = [...expected].filter((k) => !received.has(k));
      const twice = [...received.entries()].filter(([, v]) => v > 1);
      const extra = [...received.keys()].filter((k) => !expected.has(k));
      console.log(
        `3 instances, ${CLOCKS} clocks × ${LEVELS} levels: ${received.size} distinct messages, SIGKILL after ${killedAt}; missing ${missing.length}, duplicates ${twice.length}`,
      );
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      // WeChat has no idempotency key: a message the killed instance had sent but not yet recorded is sent again
      // after its lease (at-least-once). Only the killed instance's in-flight batch can be repeated, each at most once.
      expect(twice.length).toBeLessThanOrEqual(50);
      expect(twice.every(([, v]) => v === 2)).toBe(true);
      // (the ladder's rows only: after 08:30 Shanghai the sweepers also enqueue the managers' daily digest)
      const status = await a.query("SELECT status, COUNT(*) AS n FROM outbox WHERE channel = 'wechat' AND dedupe_key LIKE 'clock:%' GROUP BY status");
      expect(status.map((s: { status: string; n: number }) => [s.status, Number(s.n)])).toEqual([['sent', CLOCKS * LEVELS]]);
      const events = await a.query("SELECT COUNT(*) AS n FROM notifications WHERE dedupe_key LIKE 'clock:%'");
      expect(Number(events[0].n)).toBe(CLOCKS * LEVELS);
    }, 180_000);
  },
);
