import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';

const SERVER_MAIN = path.resolve(process.cwd(), 'server/dist/main.js');

const isApiError = (body: any, code: string) => {
  expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
};

/** Runs the compiled server with exactly this environment (no DB) and collects how it ends. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  // a scratch working directory, so no .env of the checkout leaks into the configuration under test
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-cfg-'));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SERVER_MAIN], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not exit on a bad configuration:\n${stdout}\n${stderr}`));
    }, 20_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stderr, stdout });
    });
  });
}

describe('auth: dev login, staff login, refresh tokens', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('dev login: the same code is the same resident, a new code a new resident', async () => {
    const a = await t.resident('auth-dev-a');
    const again = await t.resident('auth-dev-a');
    const b = await t.resident('auth-dev-b');
    expect(a.me).toEqual(
      expect.objectContaining({ kind: 'resident', roles: ['resident'], companyName: '邻里物业服务有限公司', bindings: [], currentRoomId: null }),
    );
    expect(again.me.id).toBe(a.me.id);
    expect(b.me.id).not.toBe(a.me.id);
    expect(a.accessToken).toEqual(expect.any(String));
    expect(a.refreshToken).not.toBe(again.refreshToken);
    const rows = await t.query('SELECT user_id FROM wechat_identities WHERE openid = ?', ['dev:auth-dev-a']);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].user_id)).toBe(a.me.id);
  });

  it('a seeded demo resident logs in with their code and sees their binding', async () => {
    const z = await t.resident('zhangsan');
    expect(z.me.name).toBe('张三');
    expect(z.me.bindings).toEqual([expect.objectContaining({ roomLabel: '1栋1单元101', communityName: '锦绣花园', status: 'approved' })]);
    expect(z.me.currentRoomId).toBe((await t.room('锦绣花园', '1栋1单元101')).id);
    expect(z.me.phoneMasked).toBe('138****0001');
  });

  it('demo accounts are listed while dev login is on', async () => {
    const r = await t.get('/api/auth/demo-accounts');
    expect(r.status).toBe(200);
    expect(r.body.staff.map((s: any) => s.username)).toContain('supervisor1');
    expect(r.body.residents.map((s: any) => s.code)).toContain('wangwu');
  });

  it('staff login: right password ok; wrong password and unknown user both 401 INVALID_CREDENTIALS', async () => {
    const ok = await t.post<LoginResponse>('/api/auth/staff-login', { username: 'supervisor1', password: 'linli123' });
    expect(ok.status).toBe(200);
    expect(ok.body.me).toEqual(
      expect.objectContaining({ kind: 'staff', roles: ['supervisor'], name: '李主管', communities: [expect.objectContaining({ name: '锦绣花园' })] }),
    );

    const wrong = await t.post('/api/auth/staff-login', { username: 'supervisor1', password: 'linli124' });
    const unknown = await t.post('/api/auth/staff-login', { username: 'nobody-here', password: 'linli123' });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      isApiError(r.body, 'INVALID_CREDENTIALS');
    }
    // nothing tells the two apart
    expect(unknown.body).toEqual(wrong.body);
  });

  it('a deactivated staff member cannot log in and their refresh token stops working', async () => {
    const admin = await t.staff('admin');
    const created = await t.post(
      '/api/admin/staff',
      { username: 'temp.agent', password: 'temp-pass-1', name: '临时客服', roles: ['agent'], communityIds: [] },
      { token: admin.accessToken },
    );
    expect(created.status).toBe(201);
    const session = await t.staff('temp.agent', 'temp-pass-1');

    const off = await t.patch(`/api/admin/staff/${created.body.id}`, { active: false }, { token: admin.accessToken });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    const login = await t.post('/api/auth/staff-login', { username: 'temp.agent', password: 'temp-pass-1' });
    expect(login.status).toBe(401);
    isApiError(login.body, 'INVALID_CREDENTIALS');
    const refresh = await t.post('/api/auth/refresh', { refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
    isApiError(refresh.body, 'REFRESH_TOKEN_INVALID');

    // the audit trail names who did it
    const audit = await t.query('SELECT actor_id FROM audit_logs WHERE action = ? AND subject_id = ?', ['staff.deactivate', created.body.id]);
    expect(audit.map((a) => Number(a.actor_id))).toEqual([admin.me.id]);
  });

  it('refresh rotates: a new pair; the old refresh token then fails', async () => {
    const s = await t.staff('agent1');
    const r1 = await t.post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    expect((await t.get('/api/me', { token: r1.body.accessToken })).body.id).toBe(s.me.id);

    const old = await t.post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(old.status).toBe(401);
    isApiError(old.body, 'REFRESH_TOKEN_INVALID');
  });

  it('reusing an already-used refresh token revokes the whole family, the newest token too', async () => {
    const s = await t.staff('agent1');
    const r1 = await t.post('/api/auth/refresh', { refreshToken: s.refreshToken });
    const r2 = await t.post('/api/auth/refresh', { refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);

    // someone replays the first token
    const replay = await t.post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(replay.status).toBe(401);
    isApiError(replay.body, 'REFRESH_TOKEN_INVALID');

    const newest = await t.post('/api/auth/refresh', { refreshToken: r2.body.refreshToken });
    expect(newest.status).toBe(401);
    isApiError(newest.body, 'REFRESH_TOKEN_INVALID');

    // other sessions of the same user are not affected
    const other = await t.staff('agent1');
    expect((await t.post('/api/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('two concurrent refreshes with one token: exactly one wins, and the family is revoked', async () => {
    const s = await t.staff('manager1');
    const [a, b] = await Promise.all([
      t.post('/api/auth/refresh', { refreshToken: s.refreshToken }),
      t.post('/api/auth/refresh', { refreshToken: s.refreshToken }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const winner = a.status === 200 ? a : b;
    // the loser presented a used token: a copy exists, so the winner's token is revoked as well
    expect((await t.post('/api/auth/refresh', { refreshToken: winner.body.refreshToken })).status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const s = await t.resident('auth-logout');
    const out = await t.post('/api/auth/logout', { refreshToken: s.refreshToken });
    expect(out.status).toBe(204);
    const r = await t.post('/api/auth/refresh', { refreshToken: s.refreshToken });
    expect(r.status).toBe(401);
    isApiError(r.body, 'REFRESH_TOKEN_INVALID');
    // logging out with an unknown token is quietly fine
    expect((await t.post('/api/auth/logout', { refreshToken: 'x'.repeat(43) })).status).toBe(204);
  });

  it('an unknown refresh token is 401, a malformed one 400', async () => {
    const r = await t.post('/api/auth/refresh', { refreshToken: 'y'.repeat(43) });
    expect(r.status).toBe(401);
    isApiError(r.body, 'REFRESH_TOKEN_INVALID');
    expect((await t.post('/api/auth/refresh', { refreshToken: 'short' })).status).toBe(400);
  });

  it('staff app: without WeChat credentials, dev mode links a fake openid', async () => {
    const s = await t.staff('guard1');
    expect(s.me.wechatLinked).toBe(false);
    const r = await t.post('/api/me/link-wechat', { code: 'guard-phone' }, { token: s.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.wechatLinked).toBe(true);
    // a resident has nothing to link
    const z = await t.resident('zhangsan');
    expect((await t.post('/api/me/link-wechat', { code: 'x' }, { token: z.accessToken })).status).toBe(403);
  });
});

describe('auth: login rate limit', () => {
  let t: TestApp;
  // the test talks from loopback, named here as the reverse proxy (without TRUST_PROXY no forwarded header is believed)
  beforeAll(async () => (t = await TestApp.start({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' })));
  afterAll(() => t.close());

  it('the 4th staff login within a minute is 429 TOO_MANY_REQUESTS in our error shape', async () => {
    for (let i = 0; i < 3; i++) expect((await t.post('/api/auth/staff-login', { username: 'admin', password: 'wrong-guess' })).status).toBe(401);
    const r = await t.post('/api/auth/staff-login', { username: 'admin', password: 'linli123' });
    expect(r.status).toBe(429);
    isApiError(r.body, 'TOO_MANY_REQUESTS');
    expect(Object.keys(r.body).sort()).toEqual(['code', 'message']);
  });

  it('behind a proxy the limit is per client: a forged X-Forwarded-For entry does not reset it', async () => {
    // the test talks from loopback, i.e. as a trusted reverse proxy that appends the real client (203.0.113.7)
    const from = (forged: string, client: string) => ({ headers: { 'x-forwarded-for': `${forged}, ${client}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await t.post('/api/auth/staff-login', { username: 'admin', password: 'wrong-guess' }, from(`198.51.100.${i}`, '203.0.113.7'))).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // another client behind the same proxy has its own allowance
    expect((await t.post('/api/auth/staff-login', { username: 'admin', password: 'linli123' }, from('198.51.100.1', '203.0.113.8'))).status).toBe(200);
  });
});

describe('auth: configuration refused at boot', () => {
  it('production with the default JWT secret, no DB_URL and DEV_LOGIN=true exits non-zero naming all three', async () => {
    const r = await runServer({ NODE_ENV: 'production', DEV_LOGIN: 'true', PORT: '0' });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toContain('JWT_SECRET');
    expect(r.stderr).toContain('DB_URL');
    expect(r.stderr).toContain('DEV_LOGIN');
    expect(r.stdout).not.toContain('LINLI_LISTENING');
  });

  it('a PORT that is not a number is named, with the value given', async () => {
    const r = await runServer({ NODE_ENV: 'test', PORT: 'abc' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/PORT="abc"/);
    expect(r.stdout).not.toContain('LINLI_LISTENING');
  });
});
