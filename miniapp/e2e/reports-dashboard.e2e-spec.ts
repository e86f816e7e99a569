/**
 * The manager's dashboard (issue #16) in a real browser against the real server: manager1 opens 月度报表 from the
 * workbench, sees the company-wide month with its F2 charts drawn, switches to a community and to the month before,
 * drills from a red SLA line (a repair accepted and left undispatched past its 2-minute clock, swept by the SLA job)
 * to the breached ticket, and exports the monthly and quarterly workbooks; the drill lists of customer visits and of
 * notices open the visit's and the notice's own page. Screenshots:
 * miniapp/e2e/screenshots/reports-dashboard/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shanghaiDate } from '@linli/shared';
import { desk } from '../../server/test/helpers/complaints';
import { MIN, repairsApi } from '../../server/test/helpers/repairs';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { hookText, scrollTo, scrollToTop, snap, staffIn } from './helpers/flows';

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const shiftMonth = (m: string, d: number) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + d, 1)).toISOString().slice(0, 7);

/** Whether the chart's canvas has any painted pixel (F2 drew something). */
async function chartDrawn(a: App, id: string): Promise<boolean> {
  const canvas = a.css(`.e2e-chart-${id} canvas`).first();
  await canvas.waitFor();
  await a.page.waitForTimeout(300);
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return c.width > 0;
    return false;
  });
}

describe('browser: the manager’s dashboard — scope and month, red SLA → breached tickets, Excel (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let breachedNo: string;
  let communityId: number;
  let month: string;
  let visitId: number;
  let noticeId: number;
  const NOTICE_TITLE = '报表明细·电梯年检通知';

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('reports-dashboard', t.url);
    const d = await desk(t);
    const repairs = repairsApi(t);
    // accepted and left undispatched past its 2-minute dispatch clock; the sweeper marks it breached
    const order = await repairs.orderIn({ resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id }, 'accepted');
    await repairs.clockAdvance(3 * MIN);
    await t.post('/api/test/jobs/sla-sweep');
    breachedNo = order.no;
    communityId = d.room101.communityId;
    month = shanghaiDate(await repairs.serverNow()).slice(0, 7);
    // this month's customer visit (客户访谈) and published notice, for their drill lists
    const visit = await t.post(
      '/api/staff/visits',
      { communityId, roomId: d.room101.id, mode: 'door', householdName: '张三', notes: '报表明细·住户满意' },
      { token: d.supervisor1.accessToken },
    );
    expect(visit.status).toBe(201);
    visitId = visit.body.id;
    const notice = await t.post(
      '/api/notices',
      { communityId, kind: 'notice', title: NOTICE_TITLE, body: '本周六上午电梯年检，请走楼梯。', targetKind: 'community' },
      { token: d.manager1.accessToken },
    );
    expect(notice.status).toBe(201);
    const published = await t.post(`/api/notices/${notice.body.id}/publish`, { version: notice.body.version }, { token: d.manager1.accessToken });
    expect(published.status).toBe(200);
    noticeId = notice.body.id;
    // the closed months of the trend come from the roll-ups
    for (let i = 0, built = 1; i < 12 && built > 0; i++) built = (await t.post('/api/test/jobs/report-rollups', {})).body.monthsBuilt;
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'opens the dashboard, switches community and month, drills from a red SLA line, exports Excel',
    () =>
      b.run('dashboard', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-reports');
        expect(await hookText(s, 'report-title')).toBe(`全公司 · ${monthLabel(month)}`);
        expect(await hookText(s, 'rolled-up')).toMatch(/^往月数据为定时汇总，更新于 \d{4}-\d\d-\d\d \d\d:\d\d；本月为实时数据$/);
        await s.waitHook('key-numbers');
        expect(await chartDrawn(s, 'trend-tickets')).toBe(true);
        expect(await chartDrawn(s, 'sla-gauges')).toBe(true);
        await snap(s, 'company-wide');
        await scrollTo(s, 'trend');
        await s.shot('company-trend-and-community-bars');

        // one community
        await scrollToTop(s);
        await s.click(`scope-${communityId}`);
        await s.waitHook('report-title', `锦绣花园 · ${monthLabel(month)}`);
        await snap(s, 'community');

        // the month before, and back
        await s.click('month-prev');
        await s.waitHook('report-title', `锦绣花园 · ${monthLabel(shiftMonth(month, -1))}`);
        await snap(s, 'community-previous-month');
        await s.click('month-next');
        await s.waitHook('report-title', `锦绣花园 · ${monthLabel(month)}`);

        // the red dispatch line: its target and formula beside it, then its breaches
        const red = await s.waitHook('sla-red', '派单');
        const line = (await red.innerText()).replace(/\s+/g, ' ');
        expect(line).toMatch(/时限 ≤ ?2 ?分钟/);
        expect(line).toContain('目标达标率 ≥ 95%');
        await red.scrollIntoViewIfNeeded();
        await s.shot('sla-red-dispatch');
        await red.locator('.e2e-sla-breaches').click();
        const row = await s.waitHook('drill-row', breachedNo);
        expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('锦绣花园');
        await snap(s, 'drill-breached-tickets');
        expect(await hookText(s, 'drill-count')).toBe('共 1 条 · 已显示 1 条');

        // a count drills to as many tickets as it says, with the same filter
        await s.page.goBack();
        const figure = await s.waitHook('figure-repairs-total');
        const count = Number(await figure.locator('.e2e-figure-value').innerText());
        expect(count).toBeGreaterThanOrEqual(1);
        await figure.scrollIntoViewIfNeeded();
        await figure.click();
        await s.waitHook('drill-row', breachedNo);
        expect(await s.hook('drill-row').count()).toBe(count);
        await snap(s, 'drill-repairs');

        // back to the report: both workbooks download with 200 and an xlsx body
        await s.page.goBack();
        await s.waitHook('report-title', '锦绣花园');
        for (const [hook, path] of [
          ['export-monthly', '/api/reports/monthly.xlsx'],
          ['export-quarterly', '/api/reports/quarterly.xlsx'],
        ]) {
          const answer = s.page.waitForResponse((r) => new URL(r.url()).pathname === path);
          await scrollTo(s, hook);
          await s.click(hook);
          const r = await answer;
          expect(r.status()).toBe(200);
          expect(r.headers()['content-type']).toContain('spreadsheetml');
          expect((await r.body()).subarray(0, 2).toString()).toBe('PK');
        }
        await snap(s, 'exported');

        // a wider window widens the phone column: the charts are drawn again to its width
        await s.page.setViewportSize({ width: 1280, height: 800 });
        await scrollTo(s, 'chart-trend-tickets');
        await s.page.waitForFunction(() => {
          const c = [...document.querySelectorAll<HTMLCanvasElement>('.e2e-chart-trend-tickets canvas')].find((e) => e.offsetParent !== null);
          return !!c && Math.abs(c.clientWidth - c.parentElement!.clientWidth) <= 1 && c.width === Math.round(c.clientWidth * devicePixelRatio);
        });
        expect(await chartDrawn(s, 'trend-tickets')).toBe(true);
        await s.shot('wide-window-charts');
      }),
    300_000,
  );

  it(
    'drills from 客户访谈·完成 to the visit’s page and from 通知公告·发布 to the notice’s page',
    () =>
      b.run('drill-to-pages', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-reports');
        await s.waitHook('key-numbers');

        // the customer visits of the month: the row opens the visit (访谈详情)
        await scrollTo(s, 'figure-visits-done');
        await s.click('figure-visits-done');
        const visitRow = s.hook('drill-row').filter({ has: s.page.locator('.rp-row-no', { hasText: new RegExp(`^#${visitId}$`) }) });
        await s.waitOnScreen(visitRow, `the drill row #${visitId}`);
        expect((await visitRow.innerText()).replace(/\s+/g, ' ')).toContain('客户访谈·1栋1单元101');
        await snap(s, 'drill-visits');
        await visitRow.click();
        await s.waitOnScreen(s.css('.page-visit-detail', '报表明细·住户满意').first(), 'the visit page');
        expect(s.page.url()).toContain(`pages-visits/visit/index?id=${visitId}`);
        await snap(s, 'drill-visit-page');

        // back to the report: the notices published this month, the row opens the notice with its readers
        await s.page.goBack();
        await s.page.goBack();
        await s.waitHook('key-numbers');
        await scrollTo(s, 'figure-notices-published');
        await s.click('figure-notices-published');
        const noticeRow = await s.waitHook('drill-row', NOTICE_TITLE);
        await snap(s, 'drill-notices');
        await noticeRow.click();
        await s.waitOnScreen(s.css('.page-staff-notice', NOTICE_TITLE).first(), 'the notice page');
        expect(s.page.url()).toContain(`pages-notice/detail/index?id=${noticeId}`);
        await s.waitHook('notice-status', '已发布');
        await snap(s, 'drill-notice-page');
      }),
    180_000,
  );
});
