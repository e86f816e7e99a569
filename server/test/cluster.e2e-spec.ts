import * as fs from 'node:fs';
import * as http from 'node:http';
import { TestApp } from './helpers/test-app';

/** One request on a fresh connection (the cluster hands out connections, not requests, round-robin). */
function freshGet(url: string): Promise<{ status: number; worker: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-linli-worker'] as string | undefined }));
      })
      .on('error', reject);
  });
}

/** pids whose parent is `ppid` (Linux /proc) */
function childrenOf(ppid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** WEB_CONCURRENCY workers share one port (MariaDB only: on SQLite the server is always one process). */
(process.env.TEST_DB === 'mysql' ? describe : describe.skip)('cluster: WEB_CONCURRENCY=2 on MariaDB', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ WEB_CONCURRENCY: '2', DB_POOL_SIZE: '4' }, undefined, 120_000)), 150_000);
  afterAll(() => t?.close());

  it('both workers answer on the same port; SIGTERM to the primary stops them all', async () => {
    const workers = childrenOf(t.proc.pid!);
    expect(workers).toHaveLength(2);
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const r = await freshGet(`${t.url}/api/health`);
      expect(r.status).toBe(200);
      seen.add(String(r.worker));
    }
    expect([...seen].sort()).toEqual(['1', '2']);
    // the demo seed ran once, in the primary, not once per worker
    const [admins] = await t.query("SELECT COUNT(*) AS n FROM users WHERE username = 'admin'");
    expect(Number(admins.n)).toBe(1);

    expect(await t.stop()).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
  }, 60_000);
});
