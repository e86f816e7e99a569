/**
 * Notices in a real browser (issue #15): manager1 writes a power-outage notice for 锦绣花园 1栋 and publishes it →
 * zhangsan (1栋) sees it on the home page and opens it (the markup in its text shows literally) → lisi (2栋) sees
 * nothing and the notice's page is an error for him → the staff detail's read receipts show 1 read; and a notice to one
 * unit, picked in the editor's unit picker and kept through an edit of the draft; more than 20 notices: both lists show
 * 20, 加载更多 brings the rest once.
 * Screenshots: miniapp/e2e/screenshots/engage-notices/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse, NoticeFeedView, NoticePageView } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { App, assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { hookText, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

const TITLE = '1栋计划停电通知';
const BODY = '线路检修<script>alert(1)</script><img src=x onerror=alert(1)>';

describe('browser: a building outage notice → the building’s resident sees it, another building’s does not (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let jxhy: number;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('engage-notices', t.url);
    await t.post('/api/test/clock', { set: '2026-12-03T02:00:00.000Z' });
    jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'manager1 publishes to 1栋; zhangsan sees it on home and detail; lisi does not; receipts show 1 read',
    () =>
      b.run('outage-notice', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        // the manager's workbench flags the communities with no notice published this month
        await s.waitHook('notice-gaps');
        expect(await hookText(s, 'notice-gaps')).toContain('锦绣花园');
        await snap(s, 'manager-workbench-notice-gap');
        await s.click('module-notices');
        await s.click('notice-new');
        await s.click(`community-${jxhy}`);
        await s.click('kind-outage');
        await s.click('utility-power');
        await typeInto(s, 'notice-starts', '2026-12-05 09:00');
        await typeInto(s, 'notice-ends', '2026-12-05 17:00');
        await typeInto(s, 'notice-title', TITLE);
        await typeInto(s, 'notice-body', BODY);
        await s.click('target-building');
        await s.click('building-1栋');
        await s.shot('staff-notice-editor');
        await s.click('notice-save');
        await s.waitHook('notice-publish');
        await s.click('notice-publish');
        await s.waitHook('receipts');
        expect(await hookText(s, 'notice-status')).toContain('已发布');
        await snap(s, 'staff-notice-published');
        const [row] = await t.query('SELECT id FROM notices WHERE title = ? ORDER BY id DESC', [TITLE]);
        const id = Number(row.id);

        const z = await b.open('resident', 'zhangsan');
        // the page's own clock at the server's test time: the outage (12-05 09:00) is still ahead, so the page offers its reminder
        await z.page.clock.setFixedTime(new Date('2026-12-03T02:00:00.000Z'));
        await residentLogin(z, 'zhangsan');
        await z.waitHook(`home-notice-${id}`);
        expect(await hookText(z, 'home-notices')).toContain(TITLE);
        await snap(z, 'zhangsan-home-with-notice');
        await z.click(`home-notice-${id}`);
        expect(await hookText(z, 'notice-title')).toBe(TITLE);
        const body = await hookText(z, 'notice-body');
        expect(body).toContain('<script>alert(1)</script><img src=x onerror=alert(1)>');
        expect(await hookText(z, 'outage-when')).toContain('12-05 09:00 至 12-05 17:00');
        expect(await z.page.locator('.e2e-notice-body script, .e2e-notice-body img[src="x"]').count()).toBe(0);
        await z.waitHook('subscribe-outage');
        await snap(z, 'zhangsan-notice-detail');

        const l = await b.open('resident', 'lisi');
        await residentLogin(l, 'lisi');
        await l.waitHook('home-notices');
        await l.waitHook('notices-empty');
        expect(await hookText(l, 'home-notices')).not.toContain(TITLE);
        await snap(l, 'lisi-home-without-notice');
        await l.goto(`pages-notice/detail/index?id=${id}`);
        await l.waitText(/找不到该通知/);
        await snap(l, 'lisi-notice-not-found');

        await s.page.reload();
        await s.waitHook('receipt-reads');
        expect(await hookText(s, 'receipt-reads')).toBe('已读 1 人');
        expect(await hookText(s, 'receipt-rooms')).toMatch(/^已读户数 1 \/ 范围内已绑定 \d+ 户/);
        await snap(s, 'staff-receipts-one-read');
        s.assertNoPageErrors();
        z.assertNoPageErrors();
      }),
    240_000,
  );

  it(
    'a notice to one unit: picked unit by unit, kept when the draft is edited; zhangsan (1栋1单元) sees it, lisi (2栋2单元) does not',
    () =>
      b.run('unit-notice', async () => {
        const title = '1栋1单元电梯维保通知';
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-notices');
        await s.click('notice-new');
        await s.click(`community-${jxhy}`);
        await typeInto(s, 'notice-title', title);
        await typeInto(s, 'notice-body', '本周四电梯维保，请走楼梯。');
        await s.click('target-unit');
        await s.click('unit-building-1栋');
        await s.click('unit-1栋-1单元');
        expect(await hookText(s, 'unit-count')).toBe('已选 1 个单元');
        await s.shot('staff-notice-unit-picker');
        await s.click('notice-save');
        await s.waitHook('notice-status', '1栋1单元');
        // editing the draft keeps its unit (it used to fall back to the whole community)
        await s.click('notice-edit');
        await s.waitHook('unit-count', '已选 1 个单元');
        await s.click('notice-save');
        await s.waitHook('notice-status', '1栋1单元');
        await s.click('notice-publish');
        await s.waitHook('receipts');
        await snap(s, 'staff-unit-notice-published');
        const [row] = await t.query('SELECT id, target_kind FROM notices WHERE title = ? ORDER BY id DESC', [title]);
        expect(row.target_kind).toBe('unit');

        const z = await b.open('resident', 'zhangsan');
        // the page's own clock at the server's test time: the outage (12-05 09:00) is still ahead, so the page offers its reminder
        await z.page.clock.setFixedTime(new Date('2026-12-03T02:00:00.000Z'));
        await residentLogin(z, 'zhangsan');
        await z.waitHook(`home-notice-${Number(row.id)}`);
        const l = await b.open('resident', 'lisi');
        await residentLogin(l, 'lisi');
        await l.waitHook('home-notices');
        expect(await hookText(l, 'home-notices')).not.toContain(title);
        s.assertNoPageErrors();
      }),
    240_000,
  );

  /** every item of a keyset-paged list, through the API */
  async function allPages<P extends { items: { id: number }[]; nextCursor: string | null }>(path: string, who: LoginResponse) {
    const items: P['items'] = [];
    let cursor: string | null = null;
    let first: P | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: P = (await t.get<P>(`${path}${sep}limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: who.accessToken })).body;
      first ??= page;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { items, first: first as P };
  }

  /** the notice rows on screen */
  const rowCount = (a: App) => a.css('.nt-row').count();

  it(
    'more than 20 notices: the resident list and the staff list show 20, 加载更多 shows the rest once (pinned first; none of another building)',
    () =>
      b.run('paging', async () => {
        const manager = await t.staff('manager1');
        const building2 = Number((await t.query("SELECT building_id FROM rooms WHERE label = '2栋2单元202' AND community_id = ?", [jxhy]))[0].building_id);
        for (let i = 1; i <= 26; i++) {
          const target = i > 24 ? { targetKind: 'building', targetIds: [building2] } : { targetKind: 'community' };
          const title = `分页通知 ${String(i).padStart(2, '0')}${i > 24 ? '（2栋）' : ''}`;
          const d = await t.post<{ id: number; version: number }>(
            '/api/notices',
            { communityId: jxhy, kind: 'notice', title, body: '分页', pinned: i === 3 || i === 7, ...target },
            { token: manager.accessToken },
          );
          await t.post(`/api/notices/${d.body.id}/publish`, { version: d.body.version }, { token: manager.accessToken });
        }
        const zhangsan = await t.resident('zhangsan');
        const feed = await allPages<NoticeFeedView>('/api/notices/feed', zhangsan);
        expect(feed.items.length).toBeGreaterThan(20);
        expect(feed.items.map((n) => n.title).filter((x) => x.includes('（2栋）'))).toEqual([]);

        const z = await b.open('resident', 'zhangsan');
        await residentLogin(z, 'zhangsan');
        await z.click('notices-all');
        await z.waitHook(`notice-${feed.items[0].id}`);
        expect(await rowCount(z)).toBe(20);
        expect(await z.css('.nt-row').first().innerText()).toContain('置顶');
        await z.waitText(`通知公告（${feed.first.unread} 条未读）`);
        await z.waitHook('subscribe-notices');
        await snap(z, 'resident-notices-first-20');
        await z.click('load-more', '加载更多');
        await z.waitText('没有更多了');
        expect(await rowCount(z)).toBe(feed.items.length);
        const shown = await z.css('.nt-row').evaluateAll((els) => els.map((e) => Number(/\be2e-notice-(\d+)\b/.exec(e.className)?.[1])));
        expect(shown).toEqual(feed.items.map((n) => n.id));
        expect(await z.visibleText()).not.toContain('（2栋）');
        await scrollTo(z, 'notice-' + feed.items[feed.items.length - 1].id);
        await snap(z, 'resident-notices-all');

        const staff = await allPages<NoticePageView>('/api/notices', manager);
        expect(staff.items.length).toBeGreaterThan(20);
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-notices');
        await s.waitHook(`notice-${staff.items[0].id}`);
        expect(await rowCount(s)).toBe(20);
        await snap(s, 'staff-notices-first-20');
        await s.click('load-more', '加载更多');
        await s.waitText('没有更多了');
        expect(await rowCount(s)).toBe(staff.items.length);
        await scrollTo(s, 'notice-' + staff.items[staff.items.length - 1].id);
        await snap(s, 'staff-notices-all');
      }),
    240_000,
  );
});
