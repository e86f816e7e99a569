/**
 * Notifications in a real browser: agent1 signs in for duty in 值班交接; resident 张三 files an elevator
 * entrapment (特急, auto-accepted by the system); the on-duty agent finds 新报修 in 消息通知 (badge on the
 * workbench) and opens the order from it; manager1 finds the emergency in their notification list; 张三 sees
 * 报修已受理 behind the 我的 badge; agent1 signs out with hand-over notes and supervisor1 reads them with the
 * open items and plans agent1's next shift. Screenshots: miniapp/e2e/screenshots/notify-flow/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeWechat } from '../../server/test/helpers/fake-wechat';
import { notifyApi } from '../../server/test/helpers/notify';
import { repairsApi } from '../../server/test/helpers/repairs';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, snap, staffIn, typeInto } from './helpers/flows';

const HANDOVER = '3栋电梯困人已报维保单位，待回访';

/** A DATETIME column as read back: a Date (MariaDB) or 'YYYY-MM-DD HH:MM:SS' in UTC (SQLite). */
const utcMs = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(' ', 'T').replace(/Z?$/, 'Z')}`));

/** Workbench → 消息通知 → the notification with this text; returns the item. */
async function openInbox(s: App, text: string | RegExp) {
  await s.click('module-notifications', '消息通知');
  await s.settled();
  return s.waitHook('notification', text);
}

describe('browser: notifications (on-duty agent, manager, resident, hand-over)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let no = '';
  const wecom = new FakeWechat();

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    await wecom.start();
    // the worker on, as in production (a commit kicks the fan-out into the inbox); the only robot address the
    // server accepts is WeCom's API, here the loopback fake
    t = await TestApp.start({ H5_DIR, NOTIFY_INTERVAL_MS: '1000', WECOM_WEBHOOK_BASE: `${wecom.url}/cgi-bin/webhook/send` });
    b = await E2EBrowser.launch('notify-flow', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
    await wecom.stop();
  });

  it('a critical repair filed by a resident reaches the on-duty agent’s inbox and the manager’s notification list', () =>
    b.run('critical', async () => {
      // agent1 goes on duty
      const agent = await b.open('staff', 'agent1');
      await staffIn(agent, 'agent1');
      await agent.click('module-duty', '值班交接');
      await agent.waitHook('off-duty');
      await agent.waitHook('handover');
      await snap(agent, 'agent-duty-off');
      await agent.click('sign-in', '签到上班');
      await agent.waitHook('on-duty', '您正在值班');
      await agent.waitHook('on-duty-row', '张客服');
      await snap(agent, 'agent-duty-on');
      await agent.page.goBack();
      await agent.waitHook('greeting');

      // 张三 files an elevator entrapment
      const r = await b.open('resident', 'zhangsan');
      await r.goto();
      await r.click('login-zhangsan');
      await r.waitHook('greeting', '张三');
      await r.tab('服务');
      await r.click('service-row-repair');
      await r.click('category-elevator', '电梯');
      await r.click('emergency-elevator_entrapment', '电梯困人');
      await r.waitHook('emergency-note');
      await typeInto(r, 'repair-description', '3栋2单元电梯停在8楼和9楼之间，里面有人');
      await typeInto(r, 'contact-phone', '13800000001');
      await r.hook('repair-submit').scrollIntoViewIfNeeded();
      await r.click('repair-submit', '提交报修');
      await r.waitHook('repair-no');
      no = (await hookText(r, 'repair-no')).replace(/^.*?(BX-\d{8}-\d{4}).*$/, '$1');
      expect(no).toMatch(/^BX-\d{8}-\d{4}$/);
      await snap(r, 'resident-critical-filed');

      // the on-duty agent: badge on the workbench tile, 新报修 in the inbox, opens the order
      // (the inbox rows are written just after the commit, by the worker: wait for them as a user would)
      for (let i = 0; i < 100 && !(await t.query("SELECT id FROM notifications WHERE template = 'manager_critical_intake'")).length; i++)
        await new Promise((res) => setTimeout(res, 50));
      await agent.page.reload();
      await agent.waitHook('module-notifications .e2e-unread-badge');
      await snap(agent, 'agent-workbench-badge');
      const item = await openInbox(agent, `新报修 ${no}`);
      expect(await item.getAttribute('class')).toContain('e2e-unread');
      expect(await item.innerText()).toContain('电梯停在8楼和9楼之间');
      await snap(agent, 'agent-inbox');
      await item.click();
      await agent.waitHook('repair-head', no);
      await snap(agent, 'agent-opened-from-inbox');
      await agent.page.goBack();
      await agent.waitHook('notification', `新报修 ${no}`);
      expect(await agent.hook('notification', `新报修 ${no}`).first().getAttribute('class')).toContain('is-read');

      // the manager: the emergency at intake in their notification list
      const manager = await b.open('staff', 'manager1');
      await staffIn(manager, 'manager1');
      await manager.waitHook('module-notifications .e2e-unread-badge');
      const critical = await openInbox(manager, new RegExp(`【紧急：电梯困人】.*${no}`));
      expect(await critical.getAttribute('class')).toContain('e2e-notification-manager_critical_intake');
      // new work went to the agent on duty, not to the manager
      expect(await manager.hook('notification', `新报修 ${no}`).count()).toBe(0);
      await snap(manager, 'manager-notifications');
      await manager.click('read-all', '全部已读');
      await manager.page.waitForFunction(() => document.querySelectorAll('.e2e-unread').length === 0);
      await snap(manager, 'manager-all-read');
      await manager.page.goBack();
      await manager.waitHook('greeting');
      await manager.page.waitForFunction(() => !document.querySelector('.e2e-module-notifications .e2e-unread-badge'));

      // 张三: accepted by the system at intake → 报修已受理 behind the 我的 badge
      await r.goto('pages/index/index');
      await r.waitHook('inbox-entry', '条未读');
      await snap(r, 'resident-home-unread');
      await r.goto('pages/me/index');
      await r.waitHook('inbox-entry', '条未读');
      await snap(r, 'resident-me-unread');
      await r.click('inbox-entry');
      const accepted = await r.waitHook('notification', '报修已受理');
      expect(await accepted.innerText()).toContain(no);
      await snap(r, 'resident-inbox');
      await accepted.click();
      await r.waitHook('repair-no', no);
    }));

  it('hand-over: agent1 signs out with notes; supervisor1 reads them with the open items and plans the next shift', () =>
    b.run('handover', async () => {
      const agent = await b.open('staff', 'agent1');
      await staffIn(agent, 'agent1');
      await agent.click('module-duty', '值班交接');
      await agent.waitHook('on-duty');
      await typeInto(agent, 'handover-notes', HANDOVER);
      await agent.click('sign-out', '签退交班');
      await confirmModal(agent, 'agent-sign-out-confirm');
      await agent.waitHook('off-duty');
      await snap(agent, 'agent-signed-out');

      const sup = await b.open('staff', 'supervisor1');
      await staffIn(sup, 'supervisor1');
      await sup.click('module-duty', '值班交接');
      expect(await hookText(sup, 'handover-from')).toBe(HANDOVER);
      await sup.waitHook('open-item', no);
      await snap(sup, 'supervisor-handover');
      await sup.click('plan-shift', '新增排班');
      const agentId = Number((await t.query("SELECT id FROM users WHERE username = 'agent1'"))[0].id);
      await sup.click(`shift-staff-${agentId}`, '张客服');
      await sup.click('shift-save', '保存排班');
      await sup.waitHook('roster-row', /张客服.*未签到/);
      await snap(sup, 'supervisor-roster');
      const [shift] = await t.query('SELECT role, starts_at, ends_at FROM duty_shifts WHERE user_id = ? AND signed_in_at IS NULL', [agentId]);
      expect(shift.role).toBe('agent');
      expect(utcMs(shift.ends_at) - utcMs(shift.starts_at)).toBe(12 * 3600_000); // the form's default 08:00–20:00
    }));

  it('通知渠道设置: the admin sets the community’s WeCom group robot and ladder; the next new repair is posted there; a manager only reads', () =>
    b.run('channels', async () => {
      const hook = `${wecom.url}/cgi-bin/webhook/send?key=e2e-key`;
      wecom.on('/cgi-bin/webhook/send', () => ({ body: { errcode: 0, errmsg: 'ok' } }));
      const admin = await b.open('staff', 'admin');
      await staffIn(admin, 'admin');
      await admin.click('module-notify-channels', '通知渠道设置');
      await admin.waitHook('wecom-state', '未配置');
      await typeInto(admin, 'wecom-url', 'http://example.com/hook');
      await admin.click('channels-save', '保存');
      expect(await hookText(admin, 'channels-error')).toBe(`企业微信机器人地址必须是 ${wecom.url}/cgi-bin/webhook/send?key=… （群机器人的 Webhook 地址）`);
      await snap(admin, 'admin-channels-bad-url');
      await typeInto(admin, 'wecom-url', hook);
      await typeInto(admin, 'level2', '60');
      await admin.click('channels-save', '保存');
      await admin.waitHook('wecom-state', '已配置');
      await snap(admin, 'admin-channels-saved');

      // a resident's new repair of that community is posted to the group as markdown
      const { id: roomId } = await t.room('锦绣花园', '1栋1单元101');
      const zhangsan = await t.resident('zhangsan');
      const d = await repairsApi(t).file(zhangsan.accessToken, roomId);
      await notifyApi(t).drain();
      const posts = wecom.callsTo('/cgi-bin/webhook/send').filter((c) => JSON.stringify(c.body).includes(d.no));
      expect(posts).toHaveLength(1);
      expect(posts[0].query.key).toBe('e2e-key');
      expect(posts[0].body.msgtype).toBe('markdown');
      const [policy] = await t.query('SELECT level2_pct FROM escalation_policies WHERE community_id = (SELECT community_id FROM rooms WHERE id = ?)', [roomId]);
      expect(Number(policy.level2_pct)).toBe(60);

      const manager = await b.open('staff', 'manager1');
      await staffIn(manager, 'manager1');
      await manager.click('module-notify-channels', '通知渠道设置');
      await manager.waitHook('wecom-state', '已配置');
      await manager.waitText('仅系统管理员可修改');
      expect(await (await manager.waitHook('wecom-url')).locator('input').inputValue()).toMatch(/key=\*\*\*\*$/);
      expect(await manager.hook('channels-save').count()).toBe(0);
      await snap(manager, 'manager-channels-readonly');
    }));

  it('消息通知 pages: the newest 20 first, 加载更多 brings the rest once, each read on tap', () =>
    b.run('paging', async () => {
      const [sup] = await t.query("SELECT id, company_id FROM users WHERE username = 'supervisor2'");
      for (let i = 1; i <= 25; i++)
        await t.query(
          'INSERT INTO notifications (dedupe_key, company_id, recipient_id, template, title, body, link, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL)',
          [
            `e2e:paging:${i}`,
            sup.company_id,
            sup.id,
            'manager_daily_digest',
            `简报 ${i}`,
            `第 ${i} 条`,
            new Date(Date.now() - (30 - i) * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
          ],
        );
      const s = await b.open('staff', 'supervisor2');
      await staffIn(s, 'supervisor2');
      await s.click('module-notifications', '消息通知');
      await s.waitHook('notification', '简报 25');
      expect(await s.hook('notification').count()).toBe(20);
      await s.click('load-more', '加载更多');
      await s.waitHook('notification', /第 1 条$/);
      expect(await s.hook('notification').count()).toBe(25);
      await s.waitText('没有更多了');
      await snap(s, 'supervisor-inbox-all-pages');
      // a digest has no ticket to open: a tap only marks it read
      await s.hook('notification', /第 1 条$/).click();
      await s.page.waitForFunction(() => document.querySelectorAll('.e2e-unread').length === 24);
      const readAt = async () => (await t.query('SELECT read_at FROM notifications WHERE dedupe_key = ?', ['e2e:paging:1']))[0].read_at;
      for (let i = 0; i < 30 && !(await readAt()); i++) await s.page.waitForTimeout(100);
      expect(await readAt()).not.toBeNull();
    }));
});
