/**
 * #11 repairs, in a real browser (resident and staff H5 apps against the real server): the 完工说明 on both
 * detail pages and in the resident's notification; the visit time agreed in the app (the technician proposes a
 * sensible default, the resident counter-proposes, the technician accepts); 到场 asks first; an emergency shows
 * the community's duty phone instead of appointment slots, which an admin sets in 小区值班电话; the repair form's
 * level follows the resident's choice and the authorised phone is prefilled.
 * Screenshots: miniapp/e2e/screenshots/polish-repairs/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { repairsApi, type Cast } from '../../server/test/helpers/repairs';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

const NOTE = '已更换厨房水龙头，试水无渗漏。';
const DUTY = '021-60001234';

async function residentIn(b: E2EBrowser): Promise<App> {
  const r = await b.open('resident', 'zhangsan');
  await r.goto();
  await r.click('login-zhangsan');
  await r.waitHook('greeting', '张三');
  return r;
}

async function staff(b: E2EBrowser, username: string): Promise<App> {
  const s = await b.open('staff', username);
  await staffIn(s, username);
  return s;
}

const detail = (a: App, id: number) => a.goto(`pages-repair/detail/index?id=${id}`);

describe('browser: repairs polish (#11)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let api: ReturnType<typeof repairsApi>;
  let cast: Cast;
  let agent1: LoginResponse, tech1: LoginResponse, zhangsan: LoginResponse;
  let room: { id: number; communityId: number };

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('polish-repairs', t.url);
    api = repairsApi(t);
    [agent1, tech1] = await Promise.all(['agent1', 'technician1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room = await t.room('锦绣花园', '1栋1单元101');
    cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room.id };
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('item 5a + 7: the level shown follows 不紧急 / an emergency; the authorised phone is prefilled and editable', () =>
    b.run('form', async () => {
      const r = await residentIn(b);
      await r.goto('pages-repair/new/index');
      await r.click('category-water', '水暖');
      await r.click('emergency-none', '不紧急');
      const level = await hookText(r, 'suggested-tier');
      expect(level).toBe('处理等级：客服受理时按问题确定');
      expect(level).not.toMatch(/急/);
      await r.click('emergency-elevator_entrapment', '电梯困人');
      expect(await hookText(r, 'suggested-tier')).toBe('处理等级：特急（紧急情况）');
      await r.click('emergency-none', '不紧急');
      const phone = (await r.waitHook('contact-phone')).locator('input').first();
      expect(await phone.inputValue()).toBe('13800000001');
      expect(await hookText(r, 'contact-phone-prefilled')).toContain('已填入您授权的手机号');
      await scrollTo(r, 'contact-phone');
      await snap(r, 'resident-form-prefilled');
      await typeInto(r, 'contact-phone', '13900000009');
      expect(await phone.inputValue()).toBe('13900000009');
      expect(await r.hook('contact-phone-prefilled').count()).toBe(0);
      await typeInto(r, 'repair-description', '厨房水龙头滴水');
      await r.hook('repair-submit').scrollIntoViewIfNeeded();
      await r.click('repair-submit', '提交报修');
      await r.waitHook('repair-no');
      const id = Number(/[?&]id=(\d+)/.exec(r.page.url())?.[1]);
      const [row] = await t.query('SELECT contact_phone FROM tickets WHERE id = ?', [id]);
      expect(row.contact_phone).toBe('13900000009');
    }));

  it('item 2 + 8a: the technician proposes the next free slot, 张三 counter-proposes, the technician agrees; 到场 asks first', () =>
    b.run('visit', async () => {
      const o = await api.orderIn(cast, 'dispatched');
      const tc = await staff(b, 'technician1');
      await detail(tc, o.id);
      await tc.click('action-propose-time', '提议上门时间');
      await tc.waitHook('panel-propose-time');
      // the default is a working-hours slot at least an hour ahead, never 00:00
      const time = await hookText(tc, 'schedule-time');
      const hour = Number(time.slice(0, 2));
      expect(time).toMatch(/^\d\d:00$/);
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThanOrEqual(20);
      await snap(tc, 'tech-propose-default');
      await tc.click('action-submit', '提议此时间');
      await tc.waitHook('proposed-visit', '待住户确认');
      await snap(tc, 'tech-proposed');
      const proposed = (await api.detail(tech1.accessToken, o.id)).body;
      expect(proposed).toEqual(expect.objectContaining({ status: 'dispatched', proposedBy: 'staff', agreedVisitAt: null }));

      const r = await residentIn(b);
      await detail(r, o.id);
      expect(await hookText(r, 'repair-hint')).toMatch(/^维修方提议 .* 上门，请同意或另约时间。$/);
      expect(await hookText(r, 'info-visit')).toContain('待您确认');
      await snap(r, 'resident-asked-to-agree');
      await r.click('repair-propose', '另约时间');
      await r.waitHook('propose-form');
      // preselected: the next free slot, not the technician's (taken) time
      expect(await r.css('.e2e-propose-form .rd-hour.is-active').count()).toBe(1);
      await snap(r, 'resident-counter-proposal');
      await r.click('propose-submit', '提交');
      await r.waitHook('info-visit', '待维修方确认');
      const counter = (await api.detail(zhangsan.accessToken, o.id)).body;
      expect(counter.proposedBy).toBe('resident');
      expect(counter.proposedVisitAt).not.toBe(proposed.proposedVisitAt);

      await detail(tc, o.id);
      await tc.waitHook('proposed-visit', '住户提议，待您确认');
      await tc.click('action-accept-time', '同意上门时间');
      await confirmModal(tc, 'tech-accept-confirm');
      await tc.waitHook('repair-head .e2e-status-scheduled', '已预约');
      await tc.waitHook('agreed-visit');
      await snap(tc, 'tech-agreed');

      await tc.click('action-arrive', '到场');
      // a dialog first; 再想想 leaves the order as it was
      await tc.css('.taro-model__cancel').first().click();
      await tc.waitHook('repair-head .e2e-status-scheduled', '已预约');
      expect((await api.detail(tech1.accessToken, o.id)).body.status).toBe('scheduled');
      await tc.click('action-arrive', '到场');
      await confirmModal(tc, 'tech-arrive-confirm');
      await tc.waitHook('repair-head .e2e-status-in_progress', '维修中');

      await detail(r, o.id);
      expect(await hookText(r, 'info-visit')).toContain('（已约定）');
      await snap(r, 'resident-agreed');
    }));

  it('item 1: the 完工说明 on the resident’s and the staff’s detail pages and in the resident’s notification', () =>
    b.run('notes', async () => {
      const o = await api.orderIn(cast, 'in_progress');
      await api.step(tech1.accessToken, o.id, 'complete', { freeOfCharge: true, notes: NOTE });
      const r = await residentIn(b);
      await detail(r, o.id);
      expect(await hookText(r, 'completion-notes')).toContain(NOTE);
      await scrollTo(r, 'completion-notes');
      await snap(r, 'resident-completion-notes');
      await t.post('/api/test/jobs/notify-expand');
      await r.goto('pages-notify/inbox/index');
      await r.waitHook('notification-repair_completed', NOTE);
      await snap(r, 'resident-inbox-completion-notes');

      const s = await staff(b, 'agent1');
      await detail(s, o.id);
      expect(await hookText(s, 'completion-notes')).toContain(NOTE);
      await scrollTo(s, 'completion-notes');
      await snap(s, 'agent-completion-notes');
    }));

  it('item 4: an admin sets the duty phone in 小区值班电话; an emergency shows it with one tap instead of appointment slots', () =>
    b.run('emergency', async () => {
      const admin = await staff(b, 'admin');
      await admin.tab('我的');
      await admin.click('me-duty-phones', '小区值班电话');
      await admin.waitHook(`duty-community-${room.communityId}`, '锦绣花园');
      await typeInto(admin, `duty-input-${room.communityId}`, '12345');
      await admin.click(`duty-save-${room.communityId}`);
      expect(await hookText(admin, `duty-error-${room.communityId}`)).toContain('请填写正确的值班电话');
      await snap(admin, 'admin-duty-phone-invalid');
      await typeInto(admin, `duty-input-${room.communityId}`, DUTY);
      await admin.click(`duty-save-${room.communityId}`, '保存');
      await admin.waitHook(`duty-current-${room.communityId}`, DUTY);
      await snap(admin, 'admin-duty-phone-saved');
      const [c] = await t.query('SELECT duty_phone FROM communities WHERE id = ?', [room.communityId]);
      expect(c.duty_phone).toBe(DUTY);

      const e = await api.create(zhangsan.accessToken, {
        category: 'elevator',
        description: '电梯困人，3 楼和 4 楼之间',
        emergency: 'elevator_entrapment',
        communityId: room.communityId,
        publicLocation: '1栋电梯',
      });
      const r = await residentIn(b);
      await detail(r, e.body.id);
      await r.waitHook('emergency-card');
      expect(await hookText(r, 'duty-call')).toContain(DUTY);
      expect(await hookText(r, 'emergency-safety')).toContain('按下电梯内警铃');
      expect(await hookText(r, 'emergency-next')).toContain('无需预约上门时间');
      expect(await r.hook('repair-propose').count()).toBe(0);
      expect(await r.hook('propose-form').count()).toBe(0);
      expect(await hookText(r, 'info-visit')).toBe('上门时间 紧急情况，立即上门');
      await snap(r, 'resident-emergency-duty-phone');

      // 火情 keeps its 119 hint
      const fire = await api.create(zhangsan.accessToken, {
        category: 'electric',
        description: '配电箱冒烟',
        emergency: 'fire',
        communityId: room.communityId,
        publicLocation: '1栋配电间',
      });
      await detail(r, fire.body.id);
      expect(await hookText(r, 'emergency-safety')).toContain('119');
      expect(await hookText(r, 'duty-call')).toContain(DUTY);
      await snap(r, 'resident-fire-119');
    }));
});
