/**
 * Visitor passes in a real browser (issue #14): the resident creates a visitor pass → the visitor's link page shows the
 * QR without a login → the guard types the code under it → green → the resident revokes → the guard's next scan is
 * red; and the guard's 无法联网 state with a manual entry that syncs when back online. Screenshots:
 * miniapp/e2e/screenshots/passes-visitor/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, residentLogin, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: visitor pass → visitor link → guard scan → revoke (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('passes-visitor', t.url);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  async function guardScan(s: App, code: string, shot: string): Promise<string> {
    await typeInto(s, 'scan-code', code);
    await s.click('scan-verify');
    const answer = await hookText(s, 'scan-answer');
    await s.shot(shot);
    await s.click('scan-next');
    return answer;
  }

  it(
    'resident creates and shares; the visitor sees the QR without logging in; green, then red after revocation',
    () =>
      b.run('visitor-pass', async () => {
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-pass');
        await r.waitHook('new-visitor-pass');
        await r.shot('passes-index');
        await r.click('new-visitor-pass');
        await typeInto(r, 'visitor-name', '王小明');
        await typeInto(r, 'visitor-phone', '13900001111');
        await typeInto(r, 'visitor-plate', '粤B12345');
        await r.click('entries .e2e-plus');
        await r.shot('new-visitor-pass');
        await r.click('submit-pass');
        const link = await hookText(r, 'share-link');
        expect(link).toMatch(/#\/pages-passes\/visit\/index\?token=[A-Za-z0-9_-]{32}$/);
        await r.waitHook('pass-qr');
        expect(await hookText(r, 'pass-state')).toContain('有效');
        await snap(r, 'pass-detail-with-qr');

        // the visitor: a fresh browser, no session
        const v = await b.open('resident', 'visitor');
        await v.page.goto(link);
        await v.waitHook('visit-pass');
        const code = await hookText(v, 'pass-code');
        expect(code).toMatch(/^LP1\.\d+\.\d+\.[A-Za-z0-9_-]{16}$/);
        const page = await hookText(v, 'visit-pass');
        expect(page).toContain('王小明');
        expect(page).toContain('1栋1单元101（张*）');
        expect(page).not.toMatch(/1[3-9]\d{9}/);
        expect(await v.hook('dev-login').count()).toBe(0);
        await v.shot('visitor-link-page');

        const s = await b.open('staff');
        await staffIn(s, 'guard1');
        await s.click('module-passes');
        await typeInto(s, 'gate', '东门');
        const green = await guardScan(s, code, 'guard-green');
        expect(green).toContain('放行');
        expect(green).toContain('王小明');
        expect(green).toContain('剩余 1/2 次');

        await r.click('revoke-pass');
        await confirmModal(r, 'resident-revoke-confirm');
        await r.waitHook('pass-state', '已作废');
        await snap(r, 'pass-revoked');

        const red = await guardScan(s, code, 'guard-red-revoked');
        expect(red).toContain('拒绝通行');
        expect(red).toContain('通行证已作废');
        expect(await hookText(s, 'scan-log')).toContain('通行证已作废');
        await s.shot('guard-scan-log');

        await v.page.reload();
        await v.waitHook('visit-state', '已作废');
        expect(await v.hook('pass-qr').count()).toBe(0);
        await v.shot('visitor-link-revoked');
      }),
    240_000,
  );

  it(
    'offline: 无法联网 and a manual entry kept on the phone, synced when back online and shown as manual',
    () =>
      b.run('offline', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'guard1');
        await s.click('module-passes');
        await s.page.route('**/api/passes/verify', (route) => route.abort('internetdisconnected'));
        await s.page.route('**/api/passes/scans/manual', (route) => route.abort('internetdisconnected'));
        await typeInto(s, 'scan-code', 'LP1.1.1.AAAAAAAAAAAAAAAA');
        await s.click('scan-verify');
        await s.waitHook('offline', '无法联网');
        await typeInto(s, 'manual-name', '快递员小李');
        await typeInto(s, 'manual-room', '3栋101');
        await typeInto(s, 'manual-note', '送件');
        await s.click('manual-save');
        await s.waitHook('manual-pending', '待上传 1 条');
        await snap(s, 'guard-offline-manual');

        await s.page.unroute('**/api/passes/verify');
        await s.page.unroute('**/api/passes/scans/manual');
        await s.click('retry-online');
        await s.click('log-manual');
        expect(await hookText(s, 'scan-manual')).toContain('快递员小李');
        await s.shot('guard-manual-synced');
        const [row] = await t.query('SELECT manual, manual_note FROM pass_scans WHERE manual = 1');
        expect(JSON.parse(row.manual_note)).toMatchObject({ name: '快递员小李', room: '3栋101' });
      }),
    180_000,
  );
});
