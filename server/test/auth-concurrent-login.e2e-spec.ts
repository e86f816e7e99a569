import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';

/**
 * Logins write rows (a new resident's user and WeChat identity, every login's refresh token): at once, on either
 * database, they all succeed, and one identity's first logins at once end up as one user.
 */
describe('auth: concurrent logins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('20 logins at once (new residents twice each, seeded residents, staff) are all 200; one code is one user', async () => {
    for (let round = 0; round < 3; round++) {
      const codes = [...Array.from({ length: 12 }, (_, i) => `conc${round}-${i % 6}`), 'zhangsan', 'lisi', 'chenliu', 'zhangsan'];
      const staff = ['agent1', 'supervisor1', 'admin', 'agent1'];
      const res = await Promise.all([
        ...codes.map((code) => t.post<LoginResponse>('/api/auth/dev-login', { app: 'resident', code })),
        ...staff.map((username) => t.post<LoginResponse>('/api/auth/staff-login', { username, password: 'linli123' })),
      ]);
      expect(res.map((r) => r.status)).toEqual(res.map(() => 200));
      const userOf = new Map<string, Set<number>>();
      codes.forEach((code, i) => userOf.set(code, (userOf.get(code) ?? new Set()).add(res[i].body.me.id)));
      expect([...userOf.values()].map((ids) => ids.size)).toEqual([...userOf.keys()].map(() => 1));
    }
    const [{ n }] = await t.query(`SELECT COUNT(*) AS n FROM wechat_identities WHERE openid LIKE 'dev:conc%'`);
    expect(Number(n)).toBe(18);
  });
});
