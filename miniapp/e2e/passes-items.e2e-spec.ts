/**
 * 大件物品放行 in a real browser: the tenant 李四 lists two items for tomorrow → the owner 张三 agrees on 放行申请确认 →
 * an agent issues it from 大件放行审核 (live clock) → 李四 sees it 有效. Screenshots: miniapp/e2e/screenshots/passes-items/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('browser: large-item release — tenant → owner consent → staff issue (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('passes-items', t.url);
    const room = await t.room('锦绣花园', '2栋2单元202');
    const [zs] = await t.query("SELECT id FROM users WHERE name = '张三'");
    await t.query(
      `INSERT INTO room_bindings (company_id, community_id, room_id, user_id, relation, status, name, verified_by, reject_reason, decided_by, decided_at, version, created_at)
       VALUES (1, ?, ?, ?, 'owner', 'approved', '张三', 'staff', NULL, NULL, '2026-11-01 00:00:00.000', 1, '2026-11-01 00:00:00.000')`,
      [room.communityId, room.id, zs.id],
    );
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    '李四 applies, 张三 agrees, the agent issues it',
    () =>
      b.run('items', async () => {
        const r = await b.open('resident');
        await residentLogin(r, 'lisi');
        await r.tab('服务');
        await r.click('service-row-items');
        await r.waitText('还没有放行申请');
        await r.click('item-new');
        await typeInto(r, 'item-name-0', '衣柜');
        await r.click('item-add');
        await typeInto(r, 'item-name-1', '书桌');
        await r.click(`item-day-${shanghaiDay(1)}`);
        await scrollTo(r, 'item-submit');
        await snap(r, 'tenant-form');
        await r.click('item-submit');
        await r.waitHook('pass-status', '待业主同意');
        const [pass] = await t.query("SELECT id FROM passes WHERE kind = 'item_release'");
        await snap(r, 'tenant-pending-consent');

        const o = await b.open('resident');
        await residentLogin(o, 'zhangsan');
        await o.goto('pages-passes/item-consents/index');
        const card = await o.waitHook(`item-consent-${pass.id}`, '衣柜 ×1、书桌 ×1');
        expect(await card.innerText()).toContain('138****0012');
        await snap(o, 'owner-consent');
        await o.click(`item-agree-${pass.id}`);
        await confirmModal(o, 'owner-agree-confirm');
        await o.waitText('没有待确认的放行申请');

        const s = await b.open('staff');
        await staffIn(s, 'agent1');
        await s.click('module-item-review');
        const review = await s.waitHook(`item-review-${pass.id}`, '业主已同意，等待物业审核');
        expect(await review.innerText()).toContain('2栋2单元202');
        await s.waitHook('countdown');
        await snap(s, 'staff-queue');
        await s.click(`item-approve-${pass.id}`);
        await s.waitText('没有待审核的放行申请');

        await r.page.reload();
        await r.waitHook(`item-${pass.id}`, '有效');
        await r.waitHook(`item-open-${pass.id}`);
        await snap(r, 'tenant-issued');
        const [clock] = await t.query("SELECT state, breached FROM clocks WHERE subject_type = 'pass' AND subject_id = ?", [pass.id]);
        expect([clock.state, Number(clock.breached)]).toEqual(['met', 0]);
        expect([...r.errors, ...o.errors, ...s.errors]).toEqual([]);
      }),
    240_000,
  );
});
