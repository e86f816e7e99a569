/**
 * Return visits and customer visits in a real browser (issue #15): manager1 records a door visit at 1栋1单元101 with
 * an issue, turns it into a repair in one tap and sees its number; the coverage page with its chart; the new
 * residents' return-visit list with an overdue task, recorded. Screenshots: miniapp/e2e/screenshots/engage-visits/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { hookText, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: customer visit → repair in one tap, coverage chart, new-resident return visits (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let room101: { id: number; communityId: number };

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('engage-visits', t.url);
    room101 = await t.room('锦绣花园', '1栋1单元101');
    // two new residents bound and approved: two return-visit tasks; the first made overdue (its month is up)
    const sup = await t.staff('supervisor1');
    for (const [code, label, name] of [
      ['wangwu', '2栋1单元301', '王五'],
      ['visit-e2e', '3栋2单元502', '赵新'],
    ]) {
      const who = await t.resident(code);
      const room = await t.room('锦绣花园', label);
      const bound = await t.post('/api/bindings', { roomId: room.id, relation: 'owner', name }, { token: who.accessToken });
      await t.post(`/api/staff/bindings/${bound.body.id}/approve`, { version: bound.body.version }, { token: sup.accessToken });
    }
    await t.query(
      "UPDATE new_resident_visits SET due_at = '2026-01-01 00:00:00.000' WHERE binding_id = (SELECT MIN(id) FROM room_bindings WHERE name = '王五')",
    );
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'manager1 records a door visit, adds an issue and turns it into a repair in one tap',
    () =>
      b.run('door-visit', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-customer-visits');
        await s.click('mode-door');
        await typeInto(s, 'room-q', '101');
        await s.click(`room-${room101.id}`);
        await typeInto(s, 'household', '张三');
        await s.click('issue-kind-repair');
        await typeInto(s, 'issue-text', '厨房水龙头漏水');
        await s.click('issue-add');
        await s.waitHook('issue-draft', '厨房水龙头漏水');
        await typeInto(s, 'visit-notes', '住户对保洁满意，反映厨房漏水');
        await scrollTo(s, 'visit-submit');
        await s.shot('door-visit-form');
        await s.click('visit-submit');
        await s.waitHook('add-issue');
        await snap(s, 'visit-detail');
        await s.css('[class*="e2e-issue-to-ticket-"]').first().click();
        const no = await hookText(s, 'issue-ticket-no');
        expect(no).toMatch(/^报修单号 BX-\d{8}-\d+$/);
        await snap(s, 'visit-issue-repair-number');
        const [ticket] = await t.query("SELECT channel, room_id FROM tickets WHERE description = '厨房水龙头漏水'");
        expect(ticket.channel).toBe('visit');
        expect(Number(ticket.room_id)).toBe(room101.id);
        // the repair is in the desk's inbox
        await s.goto('pages-repair/inbox/index');
        await s.waitText(no.replace('报修单号 ', ''));
        await s.shot('repairs-inbox-with-visit-repair');
        s.assertNoPageErrors();
      }),
    180_000,
  );

  it(
    'the coverage page: the plan from 72 households, the monthly chart and the households not visited',
    () =>
      b.run('coverage', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-visit-coverage');
        await s.waitHook('coverage-chart');
        expect(await hookText(s, 'plan-rule')).toContain('每月访谈不少于 25 户');
        expect(await hookText(s, 'plan-covered')).toContain('今年已访谈 1 户');
        await s.waitHook('unvisited');
        await s.shot('coverage-chart');
        await scrollTo(s, 'unvisited');
        await s.shot('coverage-unvisited');
        s.assertNoPageErrors();
      }),
    180_000,
  );

  it(
    'the new residents’ return visits: the overdue one marked, recorded as 满意',
    () =>
      b.run('new-resident-tasks', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'agent1');
        await s.waitHook('counts-new-resident-visits');
        expect(await hookText(s, 'counts-new-resident-visits')).toContain('已超时 1');
        await s.shot('workbench-visit-counts');
        await s.click('module-new-resident-visits');
        await s.waitHook('task-overdue');
        await s.shot('new-resident-tasks');
        const card = s.css('[class*="e2e-task-"]', '王五').first();
        await card.locator('.e2e-task-notes input').fill('已电话回访，入住顺利');
        await card.locator('.e2e-task-satisfied').click();
        await s.page.waitForFunction(() => !document.body.innerText.includes('王五'), undefined, { timeout: 10_000 });
        await s.click('tab-done');
        await s.waitHook('task-result', '满意');
        await snap(s, 'new-resident-task-done');
        const [row] = await t.query("SELECT status, result FROM new_resident_visits WHERE notes = '已电话回访，入住顺利'");
        expect(row).toEqual({ status: 'done', result: 'satisfied' });
        s.assertNoPageErrors();
      }),
    180_000,
  );
});
