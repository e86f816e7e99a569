/**
 * #11 polish, in a real browser: a tenant's binding needs the owner's consent in the app (the owner agrees in
 * 租户绑定确认) or a lease the supervisor sees before approving (通过 asks for confirmation); a duty shift already
 * over shows a warning and cannot be saved; the workbench tiles show their to-do counts, and with no agent on
 * duty new work reaches every agent; the 消息通知 tile and entry open with one tap.
 * Screenshots: miniapp/e2e/screenshots/polish-org/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG, repairsApi } from '../../server/test/helpers/repairs';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { authorisePhone, confirmModal, findBindingCard, hookText, residentLogin, snap, staffIn } from './helpers/flows';

const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/;

/** 我的 → 绑定房屋 → phone → the room (锦绣花园 1栋 <unit> <room>) as a tenant, with lease photos if given; the result text. */
async function tenantRequests(r: App, code: string, phone: string, unit: string, room: string, name: string, lease?: string): Promise<string> {
  await residentLogin(r, code);
  await r.click('go-bind');
  await authorisePhone(r, phone);
  const choose = async (kind: string, text: string) => {
    await r.settled();
    await r.click(`step-${kind} .ll-chip`, new RegExp(`^\\s*${text}\\s*$`));
  };
  await choose('community', '锦绣花园');
  await choose('building', '1栋');
  await choose('unit', unit);
  await choose('room', room);
  await r.click('relation-tenant');
  await r.waitHook('lease', '租户绑定需该房屋业主在小程序中同意');
  await r.fill('bind-name', name);
  if (lease) {
    const chooser = r.page.waitForEvent('filechooser');
    await r.click('lease-add');
    await (await chooser).setFiles(lease);
    await r.page.locator('.ll-photo-mask').filter({ visible: true }).first().waitFor({ state: 'detached' });
  }
  await snap(r, `tenant-form${lease ? '-lease' : ''}`);
  await r.click('bind-submit');
  return (await (await r.waitHook('bind-result')).innerText()).replace(/\s+/g, ' ');
}

/** A NutUI button the user cannot press (a real `disabled`, or NutUI's disabled class). */
async function isOff(a: App, hook: string): Promise<boolean> {
  const l = a.hook(hook).first();
  return (await l.isDisabled()) || /nut-button-disabled/.test((await l.getAttribute('class')) ?? '');
}

/** The Shanghai calendar day of an instant, `days` later. */
const shanghaiDay = (at: number, days = 0) => new Date(at + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('browser: #11 polish — tenant bindings, past shifts, workbench counts, one-tap tiles', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let leaseFile: string;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR, NOTIFY_INTERVAL_MS: '1000' });
    b = await E2EBrowser.launch('polish-org', t.url);
    leaseFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-')), '租赁合同.png');
    fs.writeFileSync(leaseFile, PNG);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
    if (leaseFile) fs.rmSync(path.dirname(leaseFile), { recursive: true, force: true });
  });

  it('8c: a tenant of 1栋1单元101 → the supervisor cannot approve yet → owner 张三 agrees in the app (name and masked phone only) → 已绑定', () =>
    b.run('owner-consent', async () => {
      const phone = '13955550001';
      const r = await b.open('resident', 'tenant');
      const result = await tenantRequests(r, 'e2e-tenant-consent', phone, '1单元', '101', '林租户');
      expect(result).toContain('已提交，等待业主确认');
      expect(result).toContain('已通知该房屋的业主');
      await snap(r, 'tenant-submitted-owner-asked');
      await r.click('bind-to-me');
      await r.waitHook('owner-consent', '待业主确认');
      await snap(r, 'tenant-me-waiting-for-owner');

      const s = await b.open('staff', 'supervisor1');
      await staffIn(s, 'supervisor1');
      await s.click('module-bindings', '房屋绑定审核');
      const card = await findBindingCard(s, '林租户');
      expect(card.text).toContain('业主确认：待业主确认');
      expect(card.text).toContain('租赁合同：未上传');
      expect(await hookText(s, `approve-blocked-${card.id}`)).toContain('等待业主在小程序中确认');
      expect(await isOff(s, `approve-${card.id}`)).toBe(true);
      await snap(s, 'supervisor-tenant-waiting-for-owner');

      // the owner: 消息通知 → the request → 租户绑定确认
      const o = await b.open('resident', 'owner');
      await residentLogin(o, 'zhangsan');
      await o.tab('我的');
      await o.waitHook('consents-entry', '租户绑定待您确认');
      await snap(o, 'owner-me-consents-entry');
      await o.click('inbox-entry');
      const note = await o.waitHook('notification', '租户绑定待您确认');
      expect((await note.innerText()).replace(/\s+/g, ' ')).toContain('林租户（139****0001）申请以租户身份绑定 锦绣花园 1栋1单元101');
      await snap(o, 'owner-inbox-consent-request');
      await note.click();
      const consent = o.css('.cs-card', '林租户').first();
      await o.waitOnScreen(consent, 'the consent card');
      expect((await consent.innerText()).replace(/\s+/g, ' ')).toContain('林租户 139****0001');
      expect(await o.visibleText()).not.toMatch(ELEVEN_DIGITS);
      expect(await o.page.content()).not.toContain(phone);
      await snap(o, 'owner-consent-page');
      const id = Number(/\be2e-consent-(\d+)\b/.exec((await consent.getAttribute('class')) ?? '')?.[1]);
      await o.click(`consent-agree-${id}`);
      await confirmModal(o, 'owner-consent-confirm');
      await o.waitHook('empty', '没有待确认的租户绑定');
      await snap(o, 'owner-consent-done');

      const [row] = await t.query('SELECT status, verified_by, owner_consent FROM room_bindings WHERE id = ?', [id]);
      expect(row).toEqual({ status: 'approved', verified_by: 'owner_consent', owner_consent: 'approved' });
      await r.page.reload();
      await r.waitHook(`binding-${id} .e2e-status-approved`, '已绑定');
      await snap(r, 'tenant-me-approved');
    }));

  it('8c: no owner in the app — without a lease 通过 is refused with the reason; with a lease the supervisor sees it and confirms 通过', () =>
    b.run('lease', async () => {
      // without a lease (by the API): blocked, the reason on the card
      const bare = await t.resident('e2e-tenant-bare');
      const room501 = await t.room('锦绣花园', '1栋2单元501');
      expect((await t.post('/api/bindings', { roomId: room501.id, relation: 'tenant', name: '冯租户' }, { token: bare.accessToken })).status).toBe(201);

      const r = await b.open('resident', 'tenant');
      const result = await tenantRequests(r, 'e2e-tenant-lease', '13955550002', '2单元', '502', '何租户', leaseFile);
      expect(result).toContain('已提交，等待物业审核');
      expect(result).toContain('已上传租赁合同 1 张');

      const s = await b.open('staff', 'supervisor1');
      await staffIn(s, 'supervisor1');
      await s.click('module-bindings', '房屋绑定审核');
      const blocked = await findBindingCard(s, '冯租户');
      expect(await hookText(s, `approve-blocked-${blocked.id}`)).toBe(
        '暂不能通过：该房屋没有业主在小程序中登记，租户也未上传租赁合同，不能通过；请驳回并请租户上传租赁合同',
      );
      expect(await isOff(s, `approve-${blocked.id}`)).toBe(true);
      await s.hook(`approve-${blocked.id}`).first().click({ force: true });
      expect(await s.css('.taro-model__confirm').count()).toBe(0);
      await s.hook(`binding-${blocked.id}`).first().scrollIntoViewIfNeeded();
      await snap(s, 'supervisor-tenant-blocked-no-proof');

      const card = await findBindingCard(s, '何租户');
      expect(card.text).toContain('租赁合同：1 张');
      const photo = s.hook(`lease-${card.id}`).locator('.e2e-photo img, .e2e-photo .ll-photo-img').first();
      await photo.waitFor();
      await s.hook(`binding-${card.id}`).first().scrollIntoViewIfNeeded();
      await snap(s, 'supervisor-sees-lease');
      await s.click(`approve-${card.id}`);
      // one tap does not approve: the modal names who, which room and the proof
      await s.css('.taro-model__confirm').first().waitFor();
      expect(await s.visibleText()).toContain('何租户 将以租户身份绑定 锦绣花园 1栋2单元502，已核对租赁合同（1 张）');
      expect((await t.query('SELECT status FROM room_bindings WHERE id = ?', [card.id]))[0].status).toBe('pending');
      await confirmModal(s, 'supervisor-approve-confirm');
      await s.hook(`binding-${card.id}`).waitFor({ state: 'hidden' });
      expect((await t.query('SELECT status, verified_by FROM room_bindings WHERE id = ?', [card.id]))[0]).toEqual({ status: 'approved', verified_by: 'staff' });
      await snap(s, 'supervisor-approved-with-lease');
    }));

  it('9: a shift that is already over shows the warning and 保存排班 is disabled', () =>
    b.run('past-shift', async () => {
      // the browser's clock: yesterday (Shanghai) 19:59, so today's default 08:00–20:00 is still ahead when the form opens
      const yesterday = shanghaiDay(Date.now(), -1);
      const s = await b.open('staff', 'supervisor1');
      await s.context.clock.install({ time: new Date(`${yesterday}T19:59:00+08:00`) });
      await staffIn(s, 'supervisor1');
      await s.click('module-duty', '值班交接');
      await s.click('plan-shift', '新增排班');
      const agentId = Number((await t.query("SELECT id FROM users WHERE username = 'agent1'"))[0].id);
      await s.click(`shift-staff-${agentId}`, '张客服');
      expect(await hookText(s, 'shift-date')).toBe(yesterday);
      expect(await s.hook('shift-warning').count()).toBe(0);
      await snap(s, 'shift-form-ahead');
      // 20:00 passes while the form is open
      await s.page.clock.fastForward('02:00');
      // the form checks again as the user goes on (here: picks someone else, then agent1 again)
      await s.click('shift-staff-' + Number((await t.query("SELECT id FROM users WHERE username = 'supervisor1'"))[0].id));
      await s.click(`shift-staff-${agentId}`, '张客服');
      expect(await hookText(s, 'shift-warning')).toBe('该班次已整段过去，不能再排；补记请联系管理员');
      expect(await isOff(s, 'shift-save')).toBe(true);
      await snap(s, 'shift-form-past-warning');
      const before = (await t.query('SELECT COUNT(*) AS n FROM duty_shifts'))[0].n;
      await s.hook('shift-save').first().click({ force: true });
      await s.page.waitForTimeout(500);
      expect((await t.query('SELECT COUNT(*) AS n FROM duty_shifts'))[0].n).toBe(before);
    }));

  it('10: with no agent on duty a new repair reaches agent1’s workbench: 待受理 on the tile, the 消息通知 badge; the supervisor sees 待审批', () =>
    b.run('counts', async () => {
      const api = repairsApi(t);
      const zhangsan = await t.resident('zhangsan');
      const room = await t.room('锦绣花园', '1栋1单元101');
      const d = await api.file(zhangsan.accessToken, room.id);
      // the fan-out runs after the commit (the server's worker): wait for agent1's inbox row
      const agentId = Number((await t.query("SELECT id FROM users WHERE username = 'agent1'"))[0].id);
      for (let i = 0; i < 100; i++) {
        if ((await t.query('SELECT id FROM notifications WHERE recipient_id = ? AND title = ?', [agentId, `新报修 ${d.no}`])).length) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      const a = await b.open('staff', 'agent1');
      await staffIn(a, 'agent1');
      const submitted = Number(
        (await t.query("SELECT COUNT(*) AS n FROM tickets WHERE community_id = ? AND status = 'submitted' AND kind = 'repair'", [room.communityId]))[0].n,
      );
      expect(submitted).toBeGreaterThan(0);
      expect(await hookText(a, 'count-repairs-toAccept')).toBe(`待受理 ${submitted}`);
      await a.waitHook('module-notifications .e2e-unread-badge');
      await snap(a, 'agent-workbench-counts');
      await a.click('module-notifications', '消息通知');
      await a.waitHook('notification', `新报修 ${d.no}`);
      await snap(a, 'agent-inbox-new-work-off-duty');

      const s = await b.open('staff', 'supervisor1');
      await staffIn(s, 'supervisor1');
      const pending = Number((await t.query("SELECT COUNT(*) AS n FROM room_bindings WHERE status = 'pending' AND community_id = ?", [room.communityId]))[0].n);
      expect(pending).toBeGreaterThan(0);
      expect(await hookText(s, 'count-bindings-toApprove')).toBe(`待审批 ${pending}`);
      await snap(s, 'supervisor-workbench-counts');
    }));

  it('11: one tap on 消息通知 opens the inbox — on the staff workbench right after login and on the resident’s 我的, also while the page’s code is still loading', () =>
    b.run('one-tap', async () => {
      const s = await b.open('staff', 'agent1');
      await staffIn(s, 'agent1');
      // the first opening of the inbox downloads its code (chunks not loaded yet): make that slow, as on a phone network
      let delayed = 0;
      await s.page.route(/\/js\/\d+\.[0-9a-f]+\.js$/, async (route) => {
        delayed++;
        await new Promise((res) => setTimeout(res, 1500));
        await route.continue();
      });
      const tile = s.hook('module-notifications', '消息通知').first();
      await tile.tap();
      // an impatient second tap while the code loads must not undo the first (with a plain navigateTo it pushed a
      // second entry and the router dropped the first render: back then led to another inbox, not the workbench)
      await s.page.waitForTimeout(300);
      await tile.tap().catch(() => undefined);
      await s.css('.page-notifications').first().waitFor();
      await snap(s, 'staff-inbox-after-one-tap');
      expect(delayed).toBeGreaterThan(0);
      // one page was opened: back once is the workbench
      await s.page.goBack();
      await s.waitHook('greeting');
      await s.page.locator('.page-notifications').last().waitFor({ state: 'hidden' });
      await snap(s, 'staff-back-on-workbench');

      const r = await b.open('resident', 'zhangsan');
      await residentLogin(r, 'zhangsan');
      await r.tab('我的');
      await (await r.waitHook('inbox-entry')).tap();
      await r.css('.page-notifications').first().waitFor();
      await snap(r, 'resident-inbox-after-one-tap');
    }));
});
