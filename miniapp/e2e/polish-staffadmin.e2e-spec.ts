/**
 * [#11.12–13] Staff self-service in a real browser: the admin creates an account in 我的 → 员工账号 (the initial
 * password is shown once); its first login lands on 修改密码 and nothing else opens until it is changed; the admin
 * edits roles and communities, resets the password (forced change again) and deactivates the account, each with a
 * confirmation; the price list is added to, edited and withdrawn (¥ from integer cents); a non-admin has no 管理.
 * Screenshots: miniapp/e2e/screenshots/polish-staffadmin/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PriceItemView, StaffView } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, snap, staffIn, typeInto } from './helpers/flows';

/** 我的 → 管理 → the entry with this hook (员工账号 / 有偿服务价目表). */
async function openAdmin(s: App, hook: 'admin-staff' | 'admin-prices') {
  await s.tab('我的');
  await s.click(hook);
  await s.settled();
}

/** Login with a password the server says is an initial one: the change-password page, not the workbench. */
async function forcedLogin(s: App, username: string, password: string) {
  await s.goto();
  await s.fill('username', username);
  await s.fill('password', password);
  await s.click('login-submit');
  await s.waitHook('password-forced', '首次登录，请先修改初始密码');
}

describe('browser: staff self-service (passwords, staff accounts, price list)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let initial = '';
  const api = async <T>(path: string, username = 'admin') => (await t.get<T>(path, { token: (await t.staff(username)).accessToken })).body;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('polish-staffadmin', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('the admin creates an account; its first login must change the initial password before anything else', () =>
    b.run('create-and-first-login', async () => {
      const admin = await b.open('staff', 'admin');
      await staffIn(admin, 'admin');
      await openAdmin(admin, 'admin-staff');
      await admin.waitHook('staff-row', '赵师傅');
      await snap(admin, 'staff-list');
      await typeInto(admin, 'staff-q', '赵师傅');
      await admin.click('staff-search');
      await admin.waitHook('staff-row', '赵师傅');
      expect(await admin.hook('staff-row').count()).toBe(1);
      await snap(admin, 'staff-search');

      await admin.click('staff-new');
      await admin.waitHook('staff-username');
      await admin.click('staff-save');
      await admin.waitHook('staff-error', '用户名为 3–64 位字母、数字或 _ . -');
      await typeInto(admin, 'staff-username', 'newtech');
      await typeInto(admin, 'staff-name', '钱师傅');
      await typeInto(admin, 'staff-phone', '13900005555');
      await admin.click('role-technician');
      await admin.click('community-1');
      await snap(admin, 'staff-create-form');
      await admin.click('staff-save');
      initial = (await hookText(admin, 'initial-password-value')).trim();
      expect(initial).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{10}$/);
      await admin.waitHook('staff-status', '待改初始密码');
      await snap(admin, 'staff-created-initial-password');
      const created = (await api<StaffView[]>('/api/admin/staff?q=newtech'))[0];
      expect(created).toEqual(
        expect.objectContaining({ name: '钱师傅', roles: ['technician'], communityIds: [1], mustChangePassword: true, phoneMasked: '139****5555' }),
      );

      // the new technician's first login
      const tech = await b.open('staff', 'newtech');
      await forcedLogin(tech, 'newtech', initial);
      await snap(tech, 'first-login-forced');
      // nothing else opens: the workbench sends them back
      await tech.goto('pages/workbench/index');
      await tech.waitHook('password-forced');
      await typeInto(tech, 'password-current', initial);
      await typeInto(tech, 'password-new', 'abcdefgh');
      await tech.waitHook('password-problem', '新密码须同时包含字母和数字');
      await typeInto(tech, 'password-new', initial);
      await tech.waitHook('password-problem', '新密码不能与原密码相同');
      await snap(tech, 'first-login-policy');
      await typeInto(tech, 'password-new', 'Qian2026pw');
      await typeInto(tech, 'password-again', 'Qian2026pw');
      await tech.click('password-submit');
      await tech.waitHook('greeting', '您好，钱师傅');
      await snap(tech, 'first-login-done-workbench');
      expect((await api<StaffView[]>('/api/admin/staff?q=newtech'))[0].mustChangePassword).toBe(false);

      // later, from 我的 → 修改密码: a wrong current password is said so
      await tech.tab('我的');
      expect(await tech.hook('me-admin').count()).toBe(0);
      await tech.click('me-password');
      await typeInto(tech, 'password-current', 'not-my-pass-1');
      await typeInto(tech, 'password-new', 'Qian2027pw');
      await typeInto(tech, 'password-again', 'Qian2027pw');
      await tech.click('password-submit');
      await tech.waitHook('password-error', '当前密码不正确');
      expect(await tech.hook('password-forced').count()).toBe(0);
      await snap(tech, 'me-change-password-wrong-current');
    }));

  it('the admin edits roles and communities, resets the password (forced change again) and deactivates, each confirmed', () =>
    b.run('edit-reset-deactivate', async () => {
      const admin = await b.open('staff', 'admin');
      await staffIn(admin, 'admin');
      await openAdmin(admin, 'admin-staff');
      await admin.click('staff-row', '钱师傅');
      await admin.waitHook('staff-status', 'newtech');
      await admin.click('role-supervisor');
      await admin.click('community-2');
      await snap(admin, 'staff-edit-form');
      await admin.click('staff-save');
      await admin.waitText('已保存');
      expect((await api<StaffView[]>('/api/admin/staff?q=newtech'))[0]).toEqual(
        expect.objectContaining({ roles: ['technician', 'supervisor'], communityIds: [1, 2] }),
      );

      // reset: confirmed, the new initial password shown once
      await admin.click('staff-reset');
      await confirmModal(admin, 'staff-reset-confirm');
      const reset = (await hookText(admin, 'initial-password-value')).trim();
      expect(reset).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{10}$/);
      expect(reset).not.toBe(initial);
      await admin.waitHook('staff-status', '待改初始密码');
      await snap(admin, 'staff-reset-initial-password');
      const tech = await b.open('staff', 'newtech');
      await forcedLogin(tech, 'newtech', reset);
      await snap(tech, 'after-reset-forced-again');

      // deactivate: confirmed; the account can no longer sign in
      await admin.click('staff-deactivate');
      await confirmModal(admin, 'staff-deactivate-confirm');
      await admin.waitHook('staff-status', '已停用');
      await admin.waitHook('staff-activate', '重新启用');
      await snap(admin, 'staff-deactivated');
      expect((await t.post('/api/auth/staff-login', { username: 'newtech', password: reset })).status).toBe(401);
      await admin.page.goBack();
      await admin.waitHook('staff-row', '钱师傅');
      await (await admin.waitHook('staff-row', '已停用')).scrollIntoViewIfNeeded();
      const listed = await admin.visibleText();
      expect(listed).toContain('139****5555');
      expect(listed).not.toMatch(/1[3-9]\d{9}/);
      await snap(admin, 'staff-list-deactivated');
    }));

  it('the price list: add, edit and withdraw items; amounts in ¥ from integer cents', () =>
    b.run('price-list', async () => {
      const admin = await b.open('staff', 'admin');
      await staffIn(admin, 'admin');
      await openAdmin(admin, 'admin-prices');
      await admin.waitHook('price-value', /¥\d+\.\d{2}\//);
      await snap(admin, 'price-list');
      await admin.click('price-new');
      await typeInto(admin, 'price-name', '清洗油烟机');
      await typeInto(admin, 'price-unit', '台');
      await admin.click('price-save'); // no price yet
      await admin.waitHook('price-error', '单价请填写金额');
      await typeInto(admin, 'price-amount', '120.5');
      await admin.waitText('将显示为 ¥120.50');
      await snap(admin, 'price-add-form');
      await admin.click('price-save');
      const card = () => admin.css('.ad-card', '清洗油烟机').first();
      await admin.waitOnScreen(card(), 'the new item');
      expect(await card().innerText()).toContain('¥120.50/台');
      let item = (await api<PriceItemView[]>('/api/price-items')).find((p) => p.name === '清洗油烟机')!;
      expect(item.priceCents).toBe(12050);

      await card().locator('.e2e-price-edit').click();
      await typeInto(admin, 'price-amount', '150');
      await snap(admin, 'price-edit-form');
      await admin.click('price-save');
      await admin.page.waitForFunction(() => [...document.querySelectorAll('.ad-card')].some((e) => e.textContent?.includes('¥150.00/台')));
      item = (await api<PriceItemView[]>('/api/price-items')).find((p) => p.id === item.id)!;
      expect([item.priceCents, item.version]).toEqual([15000, 2]);

      await card().locator('.e2e-price-deactivate').click();
      await confirmModal(admin, 'price-deactivate-confirm');
      await admin.page.waitForFunction(() => [...document.querySelectorAll('.ad-card.is-off')].some((e) => e.textContent?.includes('清洗油烟机')));
      await snap(admin, 'price-withdrawn');
      const forTech = await api<PriceItemView[]>('/api/price-items', 'technician1');
      expect(forTech.map((p) => p.id)).not.toContain(item.id);
    }));

  it('a non-admin has no 管理 in 我的; the demo logins go straight to the workbench', () =>
    b.run('non-admin', async () => {
      const agent = await b.open('staff', 'agent1');
      await staffIn(agent, 'agent1');
      await agent.tab('我的');
      await agent.waitHook('me-password');
      expect(await agent.hook('me-admin').count()).toBe(0);
      await snap(agent, 'agent-me-no-admin');
      await agent.goto('pages-admin/staff/index');
      await agent.waitHook('error', '您没有权限');
      await snap(agent, 'agent-admin-page-denied');
    }));
});
