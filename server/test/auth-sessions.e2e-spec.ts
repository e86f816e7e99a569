import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { firstLogin } from './helpers/staff-accounts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** the cache may hold an account's state for 5 s; the margin covers a loaded machine */
const WITHIN_MS = 5000 + 2000;

/** Polls GET /api/me with the token until it is refused; how long that took (ms), or Infinity. */
async function refusedWithin(t: TestApp, token: string, limitMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limitMs + 3000) {
    if ((await t.get('/api/me', { token })).status === 401) return Date.now() - start;
    await sleep(100);
  }
  return Infinity;
}

async function newAgent(t: TestApp, admin: LoginResponse, username: string) {
  const created = await t.post<{ id: number }>(
    '/api/admin/staff',
    { username, password: 'temp-pass-1', name: '临时客服', roles: ['agent'], communityIds: [] },
    { token: admin.accessToken },
  );
  expect(created.status).toBe(201);
  return { id: created.body.id, session: await firstLogin(t, username, 'temp-pass-1', 'temp-pass-2') };
}

describe('[#9.14] auth: deactivation and logout end access tokens at once', () => {
  let t: TestApp;
  let admin: LoginResponse;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.staff('admin');
  });
  afterAll(() => t.close());

  it('a deactivated staff member’s access token gets 401 on the next request (this instance invalidates its cache)', async () => {
    const { id, session } = await newAgent(t, admin, 'sess.deact');
    expect((await t.get('/api/me', { token: session.accessToken })).status).toBe(200);
    expect((await t.get('/api/staff/repairs', { token: session.accessToken })).status).toBe(200);
    expect((await t.patch(`/api/admin/staff/${id}`, { active: false }, { token: admin.accessToken })).status).toBe(200);
    for (const path of ['/api/me', '/api/staff/repairs']) {
      const r = await t.get(path, { token: session.accessToken });
      expect([path, r.status, r.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
    // reactivated: the old token stays dead (its version is gone); a new login works
    expect((await t.patch(`/api/admin/staff/${id}`, { active: true }, { token: admin.accessToken })).status).toBe(200);
    expect((await t.get('/api/me', { token: session.accessToken })).status).toBe(401);
    const again = await t.staff('sess.deact', 'temp-pass-2');
    expect((await t.get('/api/me', { token: again.accessToken })).status).toBe(200);
  });

  it('logout ends the access token too; another device refreshes and goes on', async () => {
    const phone = await t.staff('agent1');
    const laptop = await t.staff('agent1');
    expect((await t.get('/api/me', { token: phone.accessToken })).status).toBe(200);
    expect((await t.post('/api/auth/logout', { refreshToken: phone.refreshToken })).status).toBe(204);
    const r = await t.get('/api/me', { token: phone.accessToken });
    expect([r.status, r.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await t.post('/api/auth/refresh', { refreshToken: phone.refreshToken })).status).toBe(401);
    // the other session's refresh token still works and its new access token carries the new version
    const renewed = await t.post<{ accessToken: string }>('/api/auth/refresh', { refreshToken: laptop.refreshToken });
    expect(renewed.status).toBe(200);
    expect((await t.get('/api/me', { token: renewed.body.accessToken })).status).toBe(200);
  });

  it('a resident’s logout ends their access token', async () => {
    const z = await t.resident('zhangsan');
    expect((await t.get('/api/repairs/mine', { token: z.accessToken })).status).toBe(200);
    expect((await t.post('/api/auth/logout', { refreshToken: z.refreshToken })).status).toBe(204);
    expect((await t.get('/api/repairs/mine', { token: z.accessToken })).status).toBe(401);
  });
});

/** Two server processes on one MariaDB: the other instance refuses within the cache's 5 s. */
(process.env.TEST_DB === 'mysql' ? describe : describe.skip)('[#9.14] auth: deactivation and logout across two instances', () => {
  let a: TestApp, b: TestApp;
  let admin: LoginResponse;
  beforeAll(async () => {
    a = await TestApp.start();
    b = await TestApp.start({}, a.db);
    admin = await a.staff('admin');
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.close();
  });

  it('deactivated on instance A: instance B refuses the access token within 5 s', async () => {
    const { id, session } = await newAgent(a, admin, 'sess.twin');
    // B has the account cached as active
    expect((await b.get('/api/me', { token: session.accessToken })).status).toBe(200);
    expect((await a.patch(`/api/admin/staff/${id}`, { active: false }, { token: admin.accessToken })).status).toBe(200);
    expect(await refusedWithin(b, session.accessToken, WITHIN_MS)).toBeLessThanOrEqual(WITHIN_MS);
  }, 30_000);

  it('logged out on instance A: instance B refuses the access token within 5 s', async () => {
    const s = await b.staff('agent2');
    expect((await b.get('/api/me', { token: s.accessToken })).status).toBe(200);
    expect((await a.post('/api/auth/logout', { refreshToken: s.refreshToken })).status).toBe(204);
    expect(await refusedWithin(b, s.accessToken, WITHIN_MS)).toBeLessThanOrEqual(WITHIN_MS);
  }, 30_000);

  it('[#9.15] the lockout counts failures on both instances together', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await (i % 2 ? a : b).post('/api/auth/staff-login', { username: 'supervisor2', password: `wrong-${i}` });
      expect(r.status).toBe(401);
    }
    for (const x of [a, b]) expect((await x.post('/api/auth/staff-login', { username: 'supervisor2', password: 'linli123' })).status).toBe(423);
  });
});

describe('[#9.15] auth: per-account lockout, whatever address the attempts come from', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' })));
  afterAll(() => t.close());

  const fromAddress = (i: number) => ({ headers: { 'x-forwarded-for': `198.51.100.${i}` } });

  it('10 wrong passwords from 10 addresses lock the account for 15 min: the right password is refused (423 + retry-after), owner and admins are told', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await t.post('/api/auth/staff-login', { username: 'technician1', password: `guess-${i}` }, fromAddress(i));
      expect([i, r.status, r.body.code]).toEqual([i, 401, 'INVALID_CREDENTIALS']);
    }
    const locked = await t.post('/api/auth/staff-login', { username: 'technician1', password: 'linli123' }, fromAddress(99));
    expect([locked.status, locked.body.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(locked.body.message).toMatch(/账号已锁定，请 15 分钟后再试/);
    expect(Object.keys(locked.body).sort()).toEqual(['code', 'message']);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // the owner and every admin of the company get one inbox message
    const [tech] = await t.query("SELECT id FROM users WHERE username = 'technician1'");
    const admins = await t.query("SELECT id FROM users WHERE company_id = 1 AND kind = 'staff' AND roles LIKE '%admin%'");
    const rows = await t.query("SELECT recipient_id, body FROM notifications WHERE template = 'account_locked'");
    expect(rows.map((r) => Number(r.recipient_id)).sort()).toEqual([Number(tech.id), ...admins.map((x) => Number(x.id))].sort());
    expect(rows[0].body).toContain('technician1');
    const admin = await t.staff('admin');
    const inbox = await t.get<{ items: { title: string }[] }>('/api/notifications', { token: admin.accessToken });
    expect(inbox.body.items.map((n) => n.title)).toContain('账号已临时锁定');

    // another account is not affected
    expect((await t.post('/api/auth/staff-login', { username: 'guard1', password: 'linli123' }, fromAddress(5))).status).toBe(200);

    // 15 minutes later the right password works again, and the count starts over
    await t.post('/api/test/clock', { advanceMs: 15 * 60_000 + 1000 });
    expect((await t.post('/api/auth/staff-login', { username: 'technician1', password: 'linli123' }, fromAddress(7))).status).toBe(200);
    expect(await t.query("SELECT failed_logins, locked_until FROM users WHERE username = 'technician1'")).toEqual([
      expect.objectContaining({ locked_until: null }),
    ]);
  });

  it('a success in between resets the streak', async () => {
    for (let i = 0; i < 9; i++) expect((await t.post('/api/auth/staff-login', { username: 'agent2', password: 'nope' }, fromAddress(i))).status).toBe(401);
    expect((await t.post('/api/auth/staff-login', { username: 'agent2', password: 'linli123' })).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await t.post('/api/auth/staff-login', { username: 'agent2', password: 'nope' }, fromAddress(i))).status).toBe(401);
    expect((await t.post('/api/auth/staff-login', { username: 'agent2', password: 'linli123' })).status).toBe(200);
  });
});

describe('[#9.15] auth: X-Forwarded-For is not believed unless TRUST_PROXY names the proxy', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' })));
  afterAll(() => t.close());

  it('a client rotating X-Forwarded-For is still one address: the 4th login within a minute is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await t.post('/api/auth/staff-login', { username: 'admin', password: 'wrong' }, { headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
