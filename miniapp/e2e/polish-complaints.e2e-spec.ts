/**
 * Issue #11 (polish), the complaints desk in a real browser (resident and staff H5 apps, real server, demo seed):
 * - item 3: a complaint whose resident asked for a 书面答复 cannot be resolved until it is on record; the checklist
 *   says so on the staff detail page;
 * - item 5: one status per line (已受理, no 待客服受理 beside it), 推荐 (not 建议) for the class, one deadline format
 *   on both apps ("12月7日 24:00"), the printed notice with one deadline and the supervisor's words;
 * - item 6: each kind with its own topics and wording (resident form, staff intake);
 * - item 8b: staff 撤销 of a resident's suggestion asks for a reason, then confirms in a dialog.
 * Screenshots: miniapp/e2e/screenshots/polish-complaints/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { formatDue } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { complaintsApi, desk, type Desk } from '../../server/test/helpers/complaints';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, scrollTo, scrollToTop, snap, typeInto } from './helpers/flows';

const PASSWORD = 'linli123';
const RAW_TEXT = '主卧外墙渗漏，下雨后墙面发霉，我是张三 13800000001';
const DEADLINE = /\d{1,2}月\d{1,2}日 24:00/;

async function residentIn(b: E2EBrowser): Promise<App> {
  const r = await b.open('resident', 'zhangsan');
  await r.goto();
  await r.click('login-zhangsan');
  await r.waitHook('greeting', '张三');
  return r;
}

async function staffIn(b: E2EBrowser, username: string): Promise<App> {
  const s = await b.open('staff', username);
  await s.goto();
  await s.fill('username', username);
  await s.fill('password', PASSWORD);
  await s.click('login-submit');
  await s.waitHook('module-complaints', '投诉建议');
  return s;
}

async function openDetail(s: App, id: number): Promise<void> {
  await s.goto(`pages-complaint/detail/index?id=${id}`);
  await s.waitHook('complaint-head');
  await s.settled();
}

const classOf = async (a: App, hook: string) => (await a.hook(hook).first().getAttribute('class')) ?? '';

describe('browser: complaints polish (#11 items 3, 5, 6, 8b)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let api: ReturnType<typeof complaintsApi>;
  let d: Desk;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('polish-complaints', t.url);
    api = complaintsApi(t);
    d = await desk(t);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** The printable notice (a blob: window): its text, screenshotted. */
  async function printNotice(s: App, shotName: string): Promise<string> {
    const popupOpened = s.context.waitForEvent('page');
    await s.click('print-notice', '打印通知');
    const popup: Page = await popupOpened;
    await popup.waitForURL(/^blob:/);
    await popup.waitForLoadState();
    await popup.locator('body').waitFor();
    const text = (await popup.locator('body').innerText()).replace(/\s+/g, ' ');
    await popup.screenshot({ path: b.nextShotPath(shotName), fullPage: true });
    await popup.close();
    return text;
  }

  it('item 6: each kind has its own topics and words on the resident form; item 5: a new suggestion reads 已受理 once', () =>
    b.run('kinds', async () => {
      const r = await residentIn(b);
      await r.tab('服务');
      await r.click('service-row-complaints');
      await r.click('complaint-new');
      await r.waitHook('complaint-categories-complaint');
      for (const k of ['fee_dispute', 'neighbour_dispute', 'service_attitude']) await r.waitHook(`complaint-category-${k}`);
      expect(await hookText(r, 'complaint-anonymous-label')).toBe('不向被投诉人显示我的姓名');
      await snap(r, 'resident-complaint-topics');

      await r.click('complaint-kind-suggestion', '建议');
      await r.waitHook('complaint-categories-suggestion');
      for (const k of ['fee_dispute', 'neighbour_dispute', 'service_attitude', 'house_quality'])
        expect(await r.hook(`complaint-category-${k}`).count()).toBe(0);
      const topics = await hookText(r, 'complaint-categories-suggestion');
      for (const label of ['公共区域', '保洁绿化', '停车管理', '服务改进', '社区活动', '其他']) expect(topics).toContain(label);
      expect(await hookText(r, 'complaint-anonymous-label')).toBe('匿名提出建议');
      expect(await r.hook('complaint-text').locator('textarea').first().getAttribute('placeholder')).toContain('您的建议');
      expect(await r.visibleText()).not.toContain('被投诉人');
      await r.click('complaint-category-parking', '停车管理');
      expect(await hookText(r, 'complaint-category-hint')).toContain('充电桩');
      await snap(r, 'resident-suggestion-topics');

      await r.click('complaint-kind-inquiry', '咨询');
      expect(await hookText(r, 'complaint-categories-inquiry')).toContain('（选填）');
      await r.waitHook('complaint-category-fees_billing', '缴费与发票');
      expect(await hookText(r, 'complaint-anonymous-label')).toBe('匿名咨询');
      // the suggestion's 停车管理 is an inquiry topic too: kept; 表扬 has none of it
      expect(await classOf(r, 'complaint-category-parking')).toContain('is-active');
      await snap(r, 'resident-inquiry-topics');
      await r.click('complaint-kind-praise', '表扬');
      await r.waitHook('complaint-category-staff_service', '员工服务');
      expect(await r.hook('complaint-category-parking').count()).toBe(0);
      await snap(r, 'resident-praise-topics');

      // file a suggestion: 已受理, and no second line that says it is still waiting to be accepted
      await r.click('complaint-kind-suggestion', '建议');
      await r.click('complaint-category-service_improvement', '服务改进');
      await typeInto(r, 'complaint-text', '建议前台周末也开放半天');
      await scrollTo(r, 'complaint-submit');
      await r.click('complaint-submit', '提交建议');
      const status = await hookText(r, 'complaint-status');
      expect(status).toBe('已受理');
      expect(await r.hook('complaint-owner').count()).toBe(0);
      const page = await r.visibleText();
      expect(page).not.toContain('待客服受理');
      expect(page).not.toContain('不向被投诉人');
      expect(await hookText(r, 'complaint-kind')).toBe('建议 · 服务改进');
      await snap(r, 'resident-suggestion-filed');
    }));

  it('item 6: the staff intake offers each kind its own topics and anonymity wording', () =>
    b.run('intake', async () => {
      const s = await staffIn(b, 'agent1');
      await s.goto('pages-complaint/intake/index');
      await s.waitHook('kind-complaint');
      await s.waitHook('category-fee_dispute', '收费争议');
      expect(await hookText(s, 'anonymous-label')).toBe('匿名（不向被投诉人显示我的姓名）');
      await s.click('kind-suggestion', '建议');
      await s.waitHook('category-service_improvement', '服务改进');
      expect(await s.hook('category-fee_dispute').count()).toBe(0);
      expect(await s.hook('category-neighbour_dispute').count()).toBe(0);
      expect(await hookText(s, 'anonymous-label')).toBe('匿名提出建议');
      await scrollTo(s, 'anonymous-label');
      await snap(s, 'staff-intake-suggestion-topics');
    }));

  it('items 3 and 5: 书面答复 on the checklist before 办结; 推荐 for the class; one deadline format on both apps; the notice with one deadline and no resident text', () =>
    b.run('written', async () => {
      const sup = d.supervisor1.me;
      const filed = await api.file(d.zhangsan.accessToken, d.room101.id, { category: 'house_quality', text: RAW_TEXT, writtenReplyWanted: true });
      const id = filed.id;
      const writtenDue = filed.clocks.find((c) => c.name === 'written_reply')!.dueAt;
      const dueText = formatDue(writtenDue);
      expect(dueText).toMatch(DEADLINE);

      // the resident: 已受理 alone, the deadline written the one way
      const r = await residentIn(b);
      await r.goto(`pages-complaint/detail/index?id=${id}`);
      await r.waitHook(`complaint-${id} .e2e-complaint-status`, '已受理');
      expect(await r.hook('complaint-owner').count()).toBe(0);
      expect(await hookText(r, 'clock-written_reply')).toContain(`截止 ${dueText}`);
      expect(await hookText(r, 'complaint-thread')).toContain(`书面答复将在 ${dueText} 前送达`);
      await snap(r, 'resident-complaint-deadline');

      // agent1: the class picker recommends (推荐), never 建议; the same deadline
      const s = await staffIn(b, 'agent1');
      await openDetail(s, id);
      expect(await hookText(s, 'clock-written_reply')).toContain(`时限 ${dueText}`);
      await s.click('action-classify', '确认分类');
      await s.waitHook('panel-classify');
      expect(await hookText(s, 'panel-classify .e2e-class-2')).toContain('（推荐）');
      expect(await hookText(s, 'panel-classify')).not.toContain('建议');
      await scrollTo(s, 'panel-classify');
      await snap(s, 'agent-classify-recommended');
      await s.click(`panel-classify .e2e-owner-${sup.id}`, sup.name);
      await s.click('action-submit', '确认分类');
      await s.waitHook('complaint-head .e2e-status-in_progress', '处理中');

      // supervisor1: both duties listed, 办结 not offered
      const v = await staffIn(b, 'supervisor1');
      await openDetail(v, id);
      await v.waitHook('missing-record-developer-contact', '记录联系开发商');
      await v.waitHook('missing-written-reply', '书面答复住户');
      expect(await v.hook('action-resolve').count()).toBe(0);
      await snap(v, 'supervisor-checklist-both');
      await api.step(d.supervisor1.accessToken, id, 'record_developer_contact', { contactPerson: '锦绣地产 王经理', content: '同意三日内派人查看' });
      await v.page.reload();
      await v.waitHook('missing-written-reply', '书面答复住户');
      expect(await v.hook('missing-record-developer-contact').count()).toBe(0);
      expect(await v.hook('action-resolve').count()).toBe(0);
      await scrollToTop(v);
      await snap(v, 'supervisor-checklist-written-missing');

      // the notice: the supervisor's summary, one deadline (defaults to the written reply's due day)
      await v.click('action-issue-notice', '发出书面通知');
      await v.waitHook('panel-issue-notice');
      expect(await hookText(v, 'notice-due')).toBe(`${dueText} 前`);
      await typeInto(v, 'panel-issue-notice .e2e-action-content', '1栋1单元101 主卧外墙渗漏，请派员查看并维修外墙防水');
      await scrollTo(v, 'panel-issue-notice');
      await snap(v, 'supervisor-notice-form');
      await v.click('action-submit', '发出通知');
      await confirmModal(v, 'supervisor-notice-confirm');
      await v.waitHook('record-notice');
      expect(await hookText(v, 'record-notice')).toContain(`回复期限：${dueText} 前`);
      const notice = await printNotice(v, 'supervisor-notice-printable');
      expect(notice).toContain('二、问题情况及处理要求：1栋1单元101 主卧外墙渗漏');
      expect(notice).toContain(`于${formatDue(writtenDue, { year: true })}前书面回复`);
      expect(notice.match(/前书面回复/g)).toHaveLength(1);
      for (const s2 of ['下雨后墙面发霉', '张三', '13800000001']) expect(notice).not.toContain(s2);

      // the written reply is sent: the checklist is complete and 办结 appears
      await scrollToTop(v);
      await v.click('action-reply', '答复');
      await typeInto(v, 'panel-reply .e2e-action-content', '书面答复：已书面通知开发商，三日内派人查看并维修。');
      await v.hook('panel-reply .e2e-reply-written').first().click();
      await v.click('action-submit', '发送答复');
      await v.waitHook('steps-done', '可以办结');
      await v.waitHook('action-resolve', '办结');
      await scrollToTop(v);
      await snap(v, 'supervisor-checklist-done');
    }));

  it("item 8b: staff 撤销 of a resident's suggestion needs a reason and a confirmation dialog; 再想想 keeps it", () =>
    b.run('cancel', async () => {
      const sug = await api.file(d.zhangsan.accessToken, d.room101.id, { kind: 'suggestion', category: 'public_area', text: '建议 3 栋门口加装雨棚' });
      const s = await staffIn(b, 'agent1');
      await openDetail(s, sug.id);
      await s.click('action-cancel', '撤销');
      await s.waitHook('panel-cancel');
      // no reason: nothing is sent
      await s.click('action-submit', '确认撤销');
      await s.waitText('请填写撤销原因');
      expect(await s.css('.taro-model__confirm').count()).toBe(0);
      await typeInto(s, 'panel-cancel .e2e-action-reason', '与前一条重复');
      await s.click('action-submit', '确认撤销');
      await s.css('.taro-model__cancel').first().waitFor();
      const dialog = await s.visibleText();
      expect(dialog).toContain(`撤销后建议 ${sug.no}`);
      expect(dialog).toContain('原因「与前一条重复」将记入处理记录');
      await snap(s, 'staff-cancel-dialog');
      await s.css('.taro-model__cancel').first().click();
      await s.css('.taro-model__cancel').first().waitFor({ state: 'hidden' });
      expect((await api.detail(d.agent1.accessToken, sug.id)).body.status).toBe('received');
      await s.waitHook('complaint-head .e2e-status-received');

      await s.click('action-submit', '确认撤销');
      await confirmModal(s, 'staff-cancel-confirm');
      await s.waitHook('complaint-head .e2e-status-cancelled', '已撤销');
      expect(await hookText(s, 'cancel-reason')).toContain('与前一条重复');
      await scrollTo(s, 'cancel-reason');
      await snap(s, 'staff-cancelled');
      const [row] = await t.query('SELECT status FROM tickets WHERE id = ?', [sug.id]);
      expect(row.status).toBe('cancelled');
    }));
});
