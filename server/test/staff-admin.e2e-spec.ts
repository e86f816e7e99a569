/**
 * [#11.12–13] Staff self-service: changing one's password (policy, token version, lockout), the forced change of an
 * initial password (created or reset by an admin), and the admin's staff accounts and price list — with their
 * denial paths (not an admin, another company, stale versions).
 */
import { LoginResponse, PriceItemView, StaffView } from '@linli/shared';
import { otherCompany, OtherCompany } from './helpers/repairs';
import { firstLogin } from './helpers/staff-accounts';
import { TestApp } from './helpers/test-app';

const isApiError = (body: any, code: string, message?: RegExp) => {
  expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  if (message) expect(body.message).toMatch(message);
};

describe('[#11.12–13] staff accounts, passwords and the price list', () => {
  let t: TestApp;
  let admin: LoginResponse;
  let jxhy: number;
  let chy: number;
  const as = (s: LoginResponse) => ({ token: s.accessToken });

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.staff('admin');
    [jxhy, chy] = admin.me.communities.map((c) => c.id);
  });
  afterAll(() => t.close());

  describe('changing one’s password', () => {
    it('demo accounts are not on an initial password', async () => {
      const s = await t.staff('agent1');
      expect(s.mustChangePassword).toBe(false);
      expect(s.me.mustChangePassword).toBe(false);
      expect((await t.get('/api/staff/repairs', as(s))).status).toBe(200);
    });

    it('the policy: 8+ characters, letters and digits, not the old one; zh-CN messages; nothing changes', async () => {
      const s = await t.staff('cashier1');
      const cases: [string, string, string, RegExp][] = [
        ['linli123', 'abc12', 'VALIDATION_FAILED', /至少 8 位/],
        ['linli123', 'abcdefgh', 'VALIDATION_FAILED', /字母和数字/],
        ['linli123', '1234567890', 'VALIDATION_FAILED', /字母和数字/],
        ['linli123', 'linli123', 'VALIDATION_FAILED', /不能与原密码相同/],
        ['wrong-pass-1', 'Better2026x', 'WRONG_PASSWORD', /当前密码不正确/],
      ];
      for (const [currentPassword, newPassword, code, message] of cases) {
        const r = await t.post('/api/auth/password', { currentPassword, newPassword }, as(s));
        expect([newPassword, r.status]).toEqual([newPassword, 400]);
        isApiError(r.body, code, message);
      }
      const missing = await t.post('/api/auth/password', { newPassword: 'Better2026x' }, as(s));
      expect(missing.status).toBe(400);
      isApiError(missing.body, 'VALIDATION_FAILED');
      // still the old password, and the session still works
      expect((await t.post('/api/auth/staff-login', { username: 'cashier1', password: 'linli123' })).status).toBe(200);
      expect((await t.get('/api/me', as(s))).status).toBe(200);
    });

    it('a change ends every other session (token version bumped, refresh tokens revoked); this one goes on with the new pair', async () => {
      const { body: created } = await t.post<StaffView>(
        '/api/admin/staff',
        { username: 'pw.changer', password: 'first-pass-1', name: '改密码', roles: ['agent'], communityIds: [jxhy] },
        as(admin),
      );
      const phone = await firstLogin(t, 'pw.changer', 'first-pass-1', 'second-pass-2');
      const laptop = await t.staff('pw.changer', 'second-pass-2');
      const [tv] = await t.query('SELECT token_version FROM users WHERE id = ?', [created.id]);
      const r = await t.post<LoginResponse>('/api/auth/password', { currentPassword: 'second-pass-2', newPassword: 'third-pass-3' }, as(phone));
      expect(r.status).toBe(200);
      expect(r.body.mustChangePassword).toBe(false);
      const [after] = await t.query('SELECT token_version FROM users WHERE id = ?', [created.id]);
      expect(Number(after.token_version)).toBe(Number(tv.token_version) + 1);
      for (const old of [phone, laptop]) {
        const me = await t.get('/api/me', as(old));
        expect([me.status, me.body.code]).toEqual([401, 'UNAUTHENTICATED']);
        expect((await t.post('/api/auth/refresh', { refreshToken: old.refreshToken })).status).toBe(401);
      }
      expect((await t.get('/api/staff/repairs', { token: r.body.accessToken })).status).toBe(200);
      expect((await t.post('/api/auth/refresh', { refreshToken: r.body.refreshToken })).status).toBe(200);
      expect((await t.post('/api/auth/staff-login', { username: 'pw.changer', password: 'second-pass-2' })).status).toBe(401);
      expect((await t.post('/api/auth/staff-login', { username: 'pw.changer', password: 'third-pass-3' })).status).toBe(200);
      const audit = await t.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'password.change' AND subject_id = ?", [created.id]);
      expect(Number(audit[0].n)).toBe(2);
    });

    it('wrong current passwords count towards the login lockout; a locked account cannot change its password', async () => {
      await t.post('/api/admin/staff', { username: 'pw.guesser', password: 'guess-pass-1', name: '猜密码', roles: ['agent'], communityIds: [] }, as(admin));
      const s = await firstLogin(t, 'pw.guesser', 'guess-pass-1', 'guess-pass-2');
      for (let i = 0; i < 10; i++) {
        const r = await t.post('/api/auth/password', { currentPassword: `nope-${i}`, newPassword: 'guess-pass-3' }, as(s));
        expect([i, r.status]).toEqual([i, 400]);
      }
      const locked = await t.post('/api/auth/password', { currentPassword: 'guess-pass-2', newPassword: 'guess-pass-3' }, as(s));
      expect(locked.status).toBe(423);
      isApiError(locked.body, 'ACCOUNT_LOCKED');
      expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await t.post('/api/auth/staff-login', { username: 'pw.guesser', password: 'guess-pass-2' })).status).toBe(423);
    });

    it('residents have no password to change', async () => {
      const z = await t.resident('zhangsan');
      const r = await t.post('/api/auth/password', { currentPassword: 'x', newPassword: 'Better2026x' }, as(z));
      expect(r.status).toBe(403);
      isApiError(r.body, 'FORBIDDEN');
    });
  });

  describe('initial passwords: the forced change', () => {
    let created: StaffView;
    let first: LoginResponse;

    it('an account the admin creates without a password gets one, shown once; its first login says mustChangePassword', async () => {
      const r = await t.post<StaffView>(
        '/api/admin/staff',
        { username: 'new.agent', name: '新客服', roles: ['agent'], phone: '13900001111', communityIds: [jxhy] },
        as(admin),
      );
      expect(r.status).toBe(201);
      created = r.body;
      expect(created).toEqual(expect.objectContaining({ username: 'new.agent', mustChangePassword: true, phoneMasked: '139****1111', communityIds: [jxhy] }));
      expect(created.initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{10}$/);
      const [row] = await t.query('SELECT password_hash FROM users WHERE id = ?', [created.id]);
      expect(row.password_hash).not.toContain(created.initialPassword);
      expect((await t.get<StaffView[]>('/api/admin/staff?q=new.agent', as(admin))).body[0].initialPassword).toBeUndefined();
      first = await t.staff('new.agent', created.initialPassword!);
      expect(first.mustChangePassword).toBe(true);
      expect(first.me.mustChangePassword).toBe(true);
    });

    it('until changed, every other staff API answers 403 PASSWORD_CHANGE_REQUIRED; GET /api/me answers in ≤ 2 statements', async () => {
      for (const path of ['/api/staff/repairs', '/api/notifications/unread-count', '/api/price-items', '/api/org/communities']) {
        const r = await t.get(path, as(first));
        expect([path, r.status, r.body.code]).toEqual([path, 403, 'PASSWORD_CHANGE_REQUIRED']);
        expect(r.body.message).toMatch(/修改初始密码/);
      }
      const intake = await t.post('/api/staff/repairs', { category: 'water', description: '绕过' }, as(first));
      expect([intake.status, intake.body.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
      await t.get('/api/me', as(first)); // warm the access cache
      const me = await t.get('/api/me', { ...as(first), headers: { 'x-sql-log': '1' } });
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);
      const n = Number(me.headers.get('x-sql-statements') ?? NaN);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(2);
      // refreshing does not get round it
      const renewed = await t.post<LoginResponse>('/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(renewed.status).toBe(200);
      expect((await t.get('/api/staff/repairs', { token: renewed.body.accessToken })).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      first = { ...first, ...renewed.body };
    });

    it('the change opens the staff API and clears the flag', async () => {
      const r = await t.post<LoginResponse>('/api/auth/password', { currentPassword: created.initialPassword, newPassword: 'MyOwn2026pw' }, as(first));
      expect(r.status).toBe(200);
      expect([r.body.mustChangePassword, r.body.me.mustChangePassword]).toEqual([false, false]);
      expect((await t.get('/api/staff/repairs', { token: r.body.accessToken })).status).toBe(200);
      expect((await t.get('/api/me', as(first))).status).toBe(401); // the pre-change session has ended
      const again = await t.staff('new.agent', 'MyOwn2026pw');
      expect(again.mustChangePassword).toBe(false);
      const listed = (await t.get<StaffView[]>('/api/admin/staff?q=新客服', as(admin))).body;
      expect(listed.map((s) => [s.username, s.mustChangePassword])).toEqual([['new.agent', false]]);
    });

    it('an admin’s reset: a new initial password once, sessions end, a lockout lifts, the change is forced again', async () => {
      const session = await t.staff('new.agent', 'MyOwn2026pw');
      for (let i = 0; i < 10; i++) await t.post('/api/auth/staff-login', { username: 'new.agent', password: `bad-${i}` });
      expect((await t.post('/api/auth/staff-login', { username: 'new.agent', password: 'MyOwn2026pw' })).status).toBe(423);
      expect((await t.get<StaffView[]>('/api/admin/staff?q=new.agent', as(admin))).body[0].lockedUntil).not.toBeNull();
      const reset = await t.post<{ initialPassword: string }>(`/api/admin/staff/${created.id}/reset-password`, {}, as(admin));
      expect(reset.status).toBe(200);
      expect(reset.body.initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{10}$/);
      expect((await t.get('/api/me', as(session))).status).toBe(401);
      expect((await t.post('/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
      expect((await t.post('/api/auth/staff-login', { username: 'new.agent', password: 'MyOwn2026pw' })).status).toBe(401);
      const next = await t.staff('new.agent', reset.body.initialPassword);
      expect(next.mustChangePassword).toBe(true);
      expect((await t.get('/api/staff/repairs', as(next))).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const view = (await t.get<StaffView[]>('/api/admin/staff?q=new.agent', as(admin))).body[0];
      expect([view.mustChangePassword, view.lockedUntil]).toEqual([true, null]);
      const audit = await t.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'staff.reset-password' AND subject_id = ?", [created.id]);
      expect(Number(audit[0].n)).toBe(1);
    });
  });

  describe('staff accounts (admin)', () => {
    let other: OtherCompany;
    beforeAll(async () => (other = await otherCompany(t)));

    it('the list: the company’s staff only, searchable, phones masked', async () => {
      const all = (await t.get<StaffView[]>('/api/admin/staff', as(admin))).body;
      expect(all.map((s) => s.username)).toEqual(expect.arrayContaining(['admin', 'agent1', 'technician1']));
      expect(all.map((s) => s.username)).not.toContain('far.admin');
      expect(JSON.stringify(all)).not.toMatch(/1[3-9]\d{9}/);
      const byName = (await t.get<StaffView[]>(`/api/admin/staff?q=${encodeURIComponent('赵师傅')}`, as(admin))).body;
      expect(byName.map((s) => s.username)).toEqual(['technician1']);
      expect((await t.get<StaffView[]>('/api/admin/staff?q=%25', as(admin))).body).toEqual([]);
      expect((await t.get<StaffView[]>('/api/admin/staff?q=far', as(admin))).body).toEqual([]);
    });

    it('edit: name, phone, roles, communities; a stale version is 409; roles and communities apply at once', async () => {
      const created = (
        await t.post<StaffView>(
          '/api/admin/staff',
          { username: 'edit.me', password: 'edit-pass-1', name: '待编辑', roles: ['agent'], communityIds: [jxhy] },
          as(admin),
        )
      ).body;
      const s = await firstLogin(t, 'edit.me', 'edit-pass-1');
      expect((await t.get('/api/staff/bindings', as(s))).status).toBe(403);
      const r = await t.patch<StaffView>(
        `/api/admin/staff/${created.id}`,
        { version: created.version, name: '已编辑', phone: '13900002222', roles: ['supervisor'], communityIds: [jxhy, chy] },
        as(admin),
      );
      expect(r.status).toBe(200);
      expect(r.body).toEqual(
        expect.objectContaining({ name: '已编辑', phoneMasked: '139****2222', roles: ['supervisor'], communityIds: [jxhy, chy], version: created.version + 1 }),
      );
      expect((await t.get('/api/staff/bindings', as(s))).status).toBe(200);
      expect((await t.get<any>('/api/me', as(s))).body.communities.map((c: any) => c.id)).toEqual([jxhy, chy]);
      const stale = await t.patch(`/api/admin/staff/${created.id}`, { version: created.version, name: '旧版本' }, as(admin));
      expect(stale.status).toBe(409);
      isApiError(stale.body, 'VERSION_CONFLICT');
      const cleared = await t.patch<StaffView>(`/api/admin/staff/${created.id}`, { phone: '' }, as(admin));
      expect(cleared.body.phoneMasked).toBeNull();
      for (const bad of [{ roles: [] }, { roles: ['resident'] }, { phone: '12345' }, { communityIds: ['x'] }, { name: '' }]) {
        const x = await t.patch(`/api/admin/staff/${created.id}`, bad, as(admin));
        expect([JSON.stringify(bad), x.status]).toEqual([JSON.stringify(bad), 400]);
        isApiError(x.body, 'VALIDATION_FAILED');
      }
    });

    it('deactivate ends the sessions; an admin cannot deactivate themselves nor drop their own admin role', async () => {
      const created = (
        await t.post<StaffView>(
          '/api/admin/staff',
          { username: 'leaver', password: 'leave-pass-1', name: '离职', roles: ['agent'], communityIds: [] },
          as(admin),
        )
      ).body;
      const s = await firstLogin(t, 'leaver', 'leave-pass-1');
      const off = await t.patch<StaffView>(`/api/admin/staff/${created.id}`, { version: created.version, active: false }, as(admin));
      expect([off.status, off.body.active]).toEqual([200, false]);
      expect((await t.get('/api/me', as(s))).status).toBe(401);
      expect((await t.post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
      const self = await t.patch(`/api/admin/staff/${admin.me.id}`, { active: false }, as(admin));
      expect(self.status).toBe(409);
      isApiError(self.body, 'CONFLICT', /不能停用自己/);
      const demote = await t.patch(`/api/admin/staff/${admin.me.id}`, { roles: ['agent'] }, as(admin));
      expect(demote.status).toBe(409);
      const selfReset = await t.post(`/api/admin/staff/${admin.me.id}/reset-password`, {}, as(admin));
      expect(selfReset.status).toBe(409);
      expect((await t.get('/api/staff/repairs', as(admin))).status).toBe(200);
    });

    it('not an admin: 403 on every staff-account route; nothing changes', async () => {
      const manager = await t.staff('manager1');
      const agent = (await t.get<StaffView[]>('/api/admin/staff?q=agent1', as(admin))).body[0];
      for (const s of [manager, await t.staff('agent1')]) {
        const rs = [
          await t.get('/api/admin/staff', as(s)),
          await t.post('/api/admin/staff', { username: 'sneak', name: '越权', roles: ['admin'], communityIds: [] }, as(s)),
          await t.patch(`/api/admin/staff/${agent.id}`, { roles: ['admin'] }, as(s)),
          await t.post(`/api/admin/staff/${agent.id}/reset-password`, {}, as(s)),
          await t.post('/api/price-items', { name: '越权', unit: '次', priceCents: 1 }, as(s)),
          await t.patch('/api/price-items/1', { priceCents: 1 }, as(s)),
        ];
        expect(rs.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
        for (const r of rs) isApiError(r.body, 'FORBIDDEN');
      }
      const z = await t.resident('zhangsan');
      expect((await t.get('/api/admin/staff', as(z))).status).toBe(403);
      expect((await t.get<StaffView[]>('/api/admin/staff?q=agent1', as(admin))).body[0]).toEqual(agent);
      expect(Number((await t.query("SELECT COUNT(*) AS n FROM users WHERE username = 'sneak'"))[0].n)).toBe(0);
    });

    it('another company’s admin: 404 on our accounts, our communities and our price items; we on theirs', async () => {
      const ours = (await t.get<StaffView[]>('/api/admin/staff?q=agent1', as(admin))).body[0];
      const far = other.admin;
      expect((await t.get<StaffView[]>('/api/admin/staff', as(far))).body.map((s) => s.username)).toEqual(['far.admin']);
      expect((await t.patch(`/api/admin/staff/${ours.id}`, { name: '被改' }, as(far))).status).toBe(404);
      expect((await t.post(`/api/admin/staff/${ours.id}/reset-password`, {}, as(far))).status).toBe(404);
      const steal = await t.post('/api/admin/staff', { username: 'far.agent', name: '远方', roles: ['agent'], communityIds: [jxhy] }, as(far));
      expect(steal.status).toBe(404);
      const farAdminId = far.me.id;
      expect((await t.patch(`/api/admin/staff/${farAdminId}`, { communityIds: [jxhy] }, as(admin))).status).toBe(404);
      expect((await t.patch(`/api/admin/staff/${ours.id}`, { communityIds: [other.communityId] }, as(admin))).status).toBe(404);
      const item = (await t.get<PriceItemView[]>('/api/price-items', as(admin))).body[0];
      expect((await t.patch(`/api/price-items/${item.id}`, { priceCents: 1 }, as(far))).status).toBe(404);
      expect((await t.get<PriceItemView[]>('/api/price-items', as(far))).body).toEqual([]);
      expect((await t.get<StaffView[]>('/api/admin/staff?q=agent1', as(admin))).body[0]).toEqual(ours);
    });
  });

  describe('the price list (admin)', () => {
    it('add, edit (stale version 409), withdraw: others see only active items; money in integer cents', async () => {
      const created = await t.post<PriceItemView>(
        '/api/price-items',
        { name: '疏通下水道', unit: '次', priceCents: 12050 },
        { ...as(admin), headers: { 'idempotency-key': 'pi-1' } },
      );
      expect(created.status).toBe(201);
      expect(created.body).toEqual(expect.objectContaining({ name: '疏通下水道', unit: '次', priceCents: 12050, active: true, version: 1 }));
      const replay = await t.post<PriceItemView>(
        '/api/price-items',
        { name: '疏通下水道', unit: '次', priceCents: 12050 },
        { ...as(admin), headers: { 'idempotency-key': 'pi-1' } },
      );
      expect(replay.body.id).toBe(created.body.id);
      for (const bad of [{ priceCents: 12.5 }, { priceCents: -1 }, { priceCents: '100' }, { name: '' }]) {
        const r = await t.patch(`/api/price-items/${created.body.id}`, bad, as(admin));
        expect([JSON.stringify(bad), r.status]).toEqual([JSON.stringify(bad), 400]);
      }
      const edited = await t.patch<PriceItemView>(`/api/price-items/${created.body.id}`, { version: 1, priceCents: 15000, unit: '处' }, as(admin));
      expect(edited.body).toEqual(expect.objectContaining({ priceCents: 15000, unit: '处', version: 2 }));
      const stale = await t.patch(`/api/price-items/${created.body.id}`, { version: 1, priceCents: 1 }, as(admin));
      expect(stale.status).toBe(409);
      isApiError(stale.body, 'VERSION_CONFLICT');
      const off = await t.patch<PriceItemView>(`/api/price-items/${created.body.id}`, { version: 2, active: false }, as(admin));
      expect(off.body.active).toBe(false);
      const tech = await t.staff('technician1');
      expect((await t.get<PriceItemView[]>('/api/price-items', as(tech))).body.map((p) => p.id)).not.toContain(created.body.id);
      const adminList = (await t.get<PriceItemView[]>('/api/price-items', as(admin))).body;
      expect(adminList.find((p) => p.id === created.body.id)).toEqual(expect.objectContaining({ active: false, priceCents: 15000 }));
      expect(adminList[adminList.length - 1].active).toBe(false); // withdrawn items last
    });
  });

  describe('statement budgets (writes ≤ 8, lists ≤ 3; warm access cache)', () => {
    /** The statements of one request sent right after warming the caller's access cache entry. */
    async function measured(token: string, send: (opts: { token: string; headers: Record<string, string> }) => Promise<any>) {
      await t.get('/api/me', { token });
      const r = await send({ token, headers: { 'x-sql-log': '1' } });
      expect(r.status).toBeLessThan(300);
      const n = Number(r.headers.get('x-sql-statements') ?? NaN);
      const sql = (await t.get<string[]>('/api/test/last-sql')).body ?? [];
      const coldCache = /^SELECT \? AS t, active AS a, token_version/.test(sql[0] ?? '') ? 1 : 0;
      return { r, n: n - coldCache };
    }

    it('create, edit, reset, change password, list, price list', async () => {
      const tok = admin.accessToken;
      const created = await measured(tok, (o) =>
        t.post('/api/admin/staff', { username: 'budget.one', name: '预算', roles: ['agent'], communityIds: [jxhy] }, o),
      );
      const id = created.r.body.id;
      const edited = await measured(tok, (o) =>
        t.patch(`/api/admin/staff/${id}`, { version: 1, name: '预算2', roles: ['supervisor'], communityIds: [jxhy, chy] }, o),
      );
      const off = await measured(tok, (o) => t.patch(`/api/admin/staff/${id}`, { active: false }, o));
      await t.patch(`/api/admin/staff/${id}`, { active: true }, as(admin));
      const reset = await measured(tok, (o) => t.post(`/api/admin/staff/${id}/reset-password`, {}, o));
      const s = await t.staff('budget.one', reset.r.body.initialPassword);
      const changed = await measured(s.accessToken, (o) =>
        t.post('/api/auth/password', { currentPassword: reset.r.body.initialPassword, newPassword: 'Budget2026x' }, o),
      );
      const list = await measured(tok, (o) => t.get('/api/admin/staff?q=预算', o));
      const item = await measured(tok, (o) => t.post('/api/price-items', { name: '预算项目', unit: '次', priceCents: 100 }, o));
      const itemEdit = await measured(tok, (o) => t.patch(`/api/price-items/${item.r.body.id}`, { version: 1, priceCents: 200 }, o));
      const counts = { created, edited, off, reset, changed, list, item, itemEdit };
      const n = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.n]));
      for (const k of ['created', 'edited', 'off', 'reset', 'changed', 'item', 'itemEdit']) expect([k, n[k] <= 8]).toEqual([k, true]);
      expect(n.list).toBeLessThanOrEqual(3);
      for (const v of Object.values(n)) expect(v).toBeGreaterThan(0);
    });
  });
});
