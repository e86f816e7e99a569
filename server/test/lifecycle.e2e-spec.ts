import * as net from 'node:net';
import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { countSends, outboxStatus, queueMessages, sleep, waitFor, wechatRecipient } from './helpers/outbox';
import { TestApp } from './helpers/test-app';

/**
 * Raw HTTP/1.1 on one kept-alive socket: sends `first`, and `second` once the answer to `first` is complete;
 * returns everything the server wrote until it closed the socket.
 */
function keptAlive(url: string, first: string, second: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let out = '';
    let sent = false;
    const s = net.connect(Number(port), hostname, () => s.write(first));
    s.on('data', (c) => {
      out += c.toString('utf8');
      const head = out.indexOf('\r\n\r\n');
      const len = Number(/content-length: (\d+)/i.exec(out)?.[1] ?? -1);
      if (!sent && head > 0 && len >= 0 && Buffer.byteLength(out) >= head + 4 + len) {
        sent = true;
        s.write(second);
      }
    });
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}
const post = (path: string, body: unknown) => {
  const json = JSON.stringify(body);
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
};

describe('lifecycle: SIGTERM drains in bounded time and keeps the error shape (#9.22)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ SHUTDOWN_TIMEOUT_MS: '1500', API_DOCS: 'false' })));
  afterAll(() => t.close());

  it('API_DOCS=false: no /api/docs (#9.16)', async () => {
    expect((await t.get('/api/docs-json')).status).toBe(404);
    expect((await t.get('/api/docs')).status).toBe(404);
  });

  it('SQLite: a writer lock held past busy_timeout is 503 DB_UNAVAILABLE with Retry-After, not 500 (#9.21)', async () => {
    if (t.db.kind !== 'sqlite') return; // MariaDB outages: crash.e2e-spec.ts
    const zhangsan = await t.resident('zhangsan');
    const room = await t.room('锦绣花园', '1栋1单元101');
    await t.query('BEGIN EXCLUSIVE');
    try {
      const r = await t.post('/api/repairs', { category: 'water', description: '锁库测试：厨房漏水', roomId: room.id }, { token: zhangsan.accessToken });
      expect([r.status, r.body.code, r.headers.get('retry-after')]).toEqual([503, 'DB_UNAVAILABLE', '5']);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    } finally {
      await t.query('COMMIT');
    }
    expect(t.output.join('')).not.toContain('unhandled error');
  }, 60_000);

  it('a request kept alive on a connection during shutdown gets 503 {code, message}; a blocked one is cut after SHUTDOWN_TIMEOUT_MS', async () => {
    // connection 1: a short request, then on the same kept-alive connection a second one while the server closes
    const pipe = keptAlive(t.url, post('/api/test/sleep', { ms: 700 }), 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    // connection 2: a request that would block the drain for a minute
    const blocked = fetch(`${t.url}/api/test/sleep`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms": 60000}' }).then(
      () => 'answered',
      () => 'cut',
    );
    await sleep(300);
    const started = Date.now();
    const code = await t.stop();
    const tookMs = Date.now() - started;

    const out = await pipe;
    const responses = out.split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[1]).toMatch(/retry-after: 1/i);
    const body = JSON.parse(responses[1].slice(responses[1].indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });

    expect(await blocked).toBe('cut');
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(5000);
    expect(t.output.join('')).toContain('requests still running after 1500 ms');
  }, 90_000);
});

describe('lifecycle: the outbox on SIGTERM and after a crash (#9.20)', () => {
  const fake = new FakeWechat();
  let received: Map<string, number>;
  let t: TestApp;
  let userId: number;
  beforeAll(async () => {
    await fake.start();
    received = countSends(fake);
  });
  afterAll(async () => {
    await t?.close();
    await fake.stop();
  });

  it('SIGTERM stops claiming and finishes the round in flight: nothing left in sending, nothing sent twice after a restart', async () => {
    const env = notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '100', NOTIFY_LEASE_MS: '5000', SHUTDOWN_TIMEOUT_MS: '8000' });
    const first = await TestApp.start({ ...env, NOTIFY_INTERVAL_MS: '0' });
    userId = await wechatRecipient(first);
    await first.stop();
    fake.delayMs = 800;
    const running = await TestApp.start(env, first.db);
    await queueMessages(running, userId, 'term', 40);
    await waitFor('a round in flight', () => fake.callsTo(SUBSCRIBE).length > 0);
    expect(await running.stop()).toBe(0);
    const atStop = await outboxStatus(running, 'term');
    expect(atStop.sending ?? 0).toBe(0);
    expect(atStop.sent).toBeGreaterThan(0);
    expect(atStop.pending).toBeGreaterThan(0); // it stopped claiming

    // the next deploy: everything left is delivered, even once the old lease would have run out
    fake.delayMs = 0;
    t = await TestApp.start({ ...env, NOTIFY_INTERVAL_MS: '0' }, first.db);
    await t.post('/api/test/clock', { advanceMs: 10 * 60_000 });
    await notifyApi(t).drain();
    expect(await outboxStatus(t, 'term')).toEqual({ sent: 40 });
    const keys = [...received.entries()].filter(([k]) => k.startsWith('term-'));
    expect(keys).toHaveLength(40);
    expect(keys.filter(([, n]) => n > 1)).toEqual([]);
  }, 90_000);

  it('expired leases are re-offered before the backlog, in rounds of NOTIFY_BATCH', async () => {
    await t?.close();
    t = await TestApp.start(notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '0', NOTIFY_BATCH: '10' }));
    userId = await wechatRecipient(t);
    const now = Date.now();
    await queueMessages(t, userId, 'backlog', 25, { nextAttemptAt: new Date(now - 3600_000) });
    // left in flight by an instance that died: claimed once, lease over a minute ago
    await queueMessages(t, userId, 'orphan', 3, { status: 'sending', attempts: 1, nextAttemptAt: new Date(now - 60_000) });
    const before = fake.callsTo(SUBSCRIBE).length;
    await notifyApi(t).drain();
    const order = fake
      .callsTo(SUBSCRIBE)
      .slice(before)
      .map((c) => String(c.body.data.character_string1.value));
    expect(order).toHaveLength(28);
    expect(order.slice(0, 10).filter((k) => k.startsWith('orphan-'))).toHaveLength(3);
    expect(await outboxStatus(t, 'orphan')).toEqual({ sent: 3 });
  }, 90_000);

  it('the lease is short and renewed while a slow round is still sending', async () => {
    const env = notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '0', NOTIFY_LEASE_MS: '1000' });
    await t?.close();
    t = await TestApp.start(env);
    userId = await wechatRecipient(t);
    await queueMessages(t, userId, 'slow', 1);
    fake.delayMs = 2500;
    const delivering = notifyApi(t).deliver();
    await waitFor('the send to start', async () => (await outboxStatus(t, 'slow')).sending === 1);
    await sleep(1800);
    const [row] = await t.query("SELECT status, next_attempt_at FROM outbox WHERE dedupe_key = 'slow-1'");
    expect(row.status).toBe('sending');
    // still leased: another instance would not claim it although the 1 s lease it was claimed with is over
    const leaseEnd = row.next_attempt_at instanceof Date ? row.next_attempt_at : new Date(String(row.next_attempt_at).replace(' ', 'T') + 'Z');
    expect(leaseEnd.getTime()).toBeGreaterThan(Date.now());
    await delivering;
    fake.delayMs = 0;
    expect(await outboxStatus(t, 'slow')).toEqual({ sent: 1 });
  }, 90_000);
});
