import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { LoginResponse } from '@linli/shared';
import { createTestDb, TestDb } from './test-db';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

type Opts = { token?: string; headers?: Record<string, string>; raw?: string; contentType?: string };

const SERVER_MAIN = path.resolve(process.cwd(), 'server/dist/main.js');

/**
 * The real, compiled server (`server/dist/main.js`, as `npm start` runs it) in a child process on a fresh
 * database, spoken to over HTTP on a loopback port. The test reads the same database through `db.query`.
 */
export class TestApp {
  readonly output: string[] = [];
  private constructor(
    readonly proc: ChildProcess,
    readonly url: string,
    readonly db: TestDb,
    readonly env: Record<string, string>,
  ) {}

  // a fresh MariaDB schema migrates with many DDL statements: on a loaded 2-core machine that can take over 30 s
  static async start(env: Record<string, string> = {}, db?: TestDb, startTimeoutMs = 120_000): Promise<TestApp> {
    db ??= await createTestDb();
    const fullEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      UPLOAD_RATE_PER_MINUTE: '10000',
      H5_DIR: '/nonexistent',
      TEST_HOOKS: 'true',
      JOB_INTERVAL_SECONDS: '0',
      // the log lines in order and at once: specs read the server's output (privacy scans it for leaks)
      LOG_SYNC: 'true',
      NOTIFY_INTERVAL_MS: '0',
      SLA_SWEEP_INTERVAL_MS: '0',
      ...db.env,
      ...env,
    };
    const proc = spawn(process.execPath, [SERVER_MAIN], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL'); // a server that starts after the test gave up would be left running
        reject(new Error(`server did not start in ${startTimeoutMs / 1000} s:\n${output.join('')}`));
      }, startTimeoutMs);
      const onData = (b: Buffer) => {
        output.push(b.toString());
        const m = /LINLI_LISTENING (\S+)/.exec(output.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output.join('')}`));
      });
    });
    const t = new TestApp(proc, url, db, fullEnv);
    t.output.push(...output);
    proc.stdout!.on('data', (b: Buffer) => t.output.push(b.toString()));
    proc.stderr!.on('data', (b: Buffer) => t.output.push(b.toString()));
    proc.removeAllListeners('exit');
    return t;
  }

  /** SIGTERM and wait: the server must close gracefully. */
  async stop(): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode;
    const exited = new Promise<number | null>((r) => this.proc.once('exit', (code) => r(code)));
    // 'close' comes after the last of the process's output has been read (pino flushes its buffer on exit)
    const drained = new Promise<void>((r) => {
      this.proc.once('close', () => r());
      setTimeout(r, 10_000).unref();
    });
    this.proc.kill('SIGTERM');
    const code = await exited;
    await drained;
    return code;
  }

  async close() {
    await this.stop();
    await this.db.drop();
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.query<T>(sql, params);
  }

  async req<T = any>(method: string, p: string, body?: unknown, opts: Opts = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) {
      payload = opts.raw;
      headers['content-type'] = opts.contentType ?? 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.url + p, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    // an unhandled error fails the test at once, with the server's last log lines; a deliberate 502/503 in our
    // error shape (WeChat down, service unavailable) is an answer the test may assert on
    const code = (parsed as { code?: unknown } | null)?.code;
    if (res.status >= 500 && (res.status === 500 || typeof code !== 'string' || code === 'INTERNAL')) {
      // the server logs the error after answering: give the log a moment, then lead with its error lines
      await new Promise((r) => setTimeout(r, 300));
      const errors = this.output
        .join('')
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l))
        .slice(-5);
      throw new Error(`${method} ${p} → ${res.status} ${text}\n${errors.join('\n')}\n--- last output ---\n${this.output.slice(-20).join('')}`);
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get = <T = any>(p: string, opts?: Opts) => this.req<T>('GET', p, undefined, opts);
  post = <T = any>(p: string, body?: unknown, opts?: Opts) => this.req<T>('POST', p, body, opts);
  put = <T = any>(p: string, body?: unknown, opts?: Opts) => this.req<T>('PUT', p, body, opts);
  patch = <T = any>(p: string, body?: unknown, opts?: Opts) => this.req<T>('PATCH', p, body, opts);
  del = <T = any>(p: string, opts?: Opts) => this.req<T>('DELETE', p, undefined, opts);

  async staff(username: string, password = 'linli123'): Promise<LoginResponse> {
    const r = await this.post<LoginResponse>('/api/auth/staff-login', { username, password });
    if (r.status !== 200) throw new Error(`staff login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async resident(code: string): Promise<LoginResponse> {
    const r = await this.post<LoginResponse>('/api/auth/dev-login', { app: 'resident', code });
    if (r.status !== 200) throw new Error(`dev login ${code}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** A demo room by community name and label, e.g. room('锦绣花园', '2栋1单元301'). */
  async room(communityName: string, label: string): Promise<{ id: number; communityId: number }> {
    const rows = await this.query('SELECT r.id, r.community_id FROM rooms r JOIN communities c ON c.id = r.community_id WHERE c.name = ? AND r.label = ?', [
      communityName,
      label,
    ]);
    if (!rows.length) throw new Error(`no room ${communityName} ${label}`);
    return { id: Number(rows[0].id), communityId: Number(rows[0].community_id) };
  }
}
