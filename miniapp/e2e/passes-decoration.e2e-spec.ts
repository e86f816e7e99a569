/**
 * 装修申请 in a real browser against the real server: the manager sets the community's work hours (通行规则); the owner
 * applies for decoration with two workers (a mistyped ID number refused on the form, the ID numbers shown masked
 * after submit); a supervisor approves it from the 装修审核 queue; the owner sees each worker's pass — 现在可通行
 * inside the work hours, 不在允许的施工时间内 at lunch; the worker opens the pass link (no login) and the guard scans
 * its code: green at 10:00, red at 12:30 with the permitted hours. Screenshots: miniapp/e2e/screenshots/passes-decoration/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { idCheckChar, shanghaiDate } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, hookText, residentLogin, snap, staffIn, typeInto } from './helpers/flows';

const idNo = (seq: number) => {
  const body = `31010119900307${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
};

describe('browser: decoration permit — owner applies, supervisor approves, worker passes (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  // today (the browser's date pickers default to it) at 10:00 and 12:30 in Shanghai
  const today = shanghaiDate(new Date());
  const at = (hhmm: string) => new Date(`${today}T${hhmm}:00+08:00`).toISOString();

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    await t.post('/api/test/clock', { set: at('10:00') });
    b = await E2EBrowser.launch('passes-decoration', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'manager sets work hours; owner applies; supervisor approves; the owner sees each worker pass green in hours, red at lunch',
    () =>
      b.run('decoration', async () => {
        // the manager allows work every day of the week (so the test does not depend on the weekday it runs on)
        const m = await b.open('staff');
        await staffIn(m, 'manager1');
        await m.click('module-pass-policy');
        await m.waitHook('policy-current', '周一至周五 08:00–12:00、14:00–18:00');
        await m.click('policy-day-6');
        await m.click('policy-day-7');
        await snap(m, 'policy-form');
        await m.click('policy-save');
        await m.waitHook('policy-current', '周一至周日 08:00–12:00、14:00–18:00');
        await snap(m, 'policy-saved');

        // the owner applies: a mistyped ID number first
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-decoration');
        await r.waitText('还没有装修申请');
        await r.shot('permits-empty');
        await r.click('permit-new');
        await typeInto(r, 'permit-contractor', '好家装饰 王经理');
        await typeInto(r, 'permit-phone', '13900001111');
        await typeInto(r, 'permit-desc', '厨卫翻新');
        await typeInto(r, 'worker-name', '王建国');
        const bad = idNo(1).slice(0, 17) + (idNo(1).endsWith('0') ? '1' : '0');
        await typeInto(r, 'worker-id', bad);
        await r.click('worker-add');
        const rows = r.hook('permit-worker-row');
        await rows.nth(1).locator('.e2e-worker-name input').fill('李卫东');
        await rows.nth(1).locator('.e2e-worker-id input').fill(idNo(2));
        await r.click('permit-submit');
        await r.waitHook('permit-apply-error', '第 1 位施工人员：身份证号校验位不正确');
        await snap(r, 'apply-bad-id');
        await typeInto(r, 'worker-id', idNo(1));
        await snap(r, 'apply-form');
        await r.click('permit-submit');
        await r.waitHook('permit-status', '待审核');
        const masked = await r.hook('id-masked').allInnerTexts();
        expect(masked).toEqual([`310***********${idNo(1).slice(-4)}`, `310***********${idNo(2).slice(-4)}`]);
        expect(await r.page.content()).not.toContain(idNo(1));
        await snap(r, 'applied');
        const [permit] = await t.query('SELECT id, workers_json FROM decoration_permits');
        expect(String(permit.workers_json)).not.toContain(idNo(1));
        const id = Number(permit.id);

        // the supervisor's queue with its review clock, then the review page
        const s = await b.open('staff');
        await staffIn(s, 'supervisor1');
        await s.click('module-permits');
        await s.waitHook(`permit-${id}`, '1栋1单元101');
        await s.waitHook('countdown', '装修审核');
        await s.shot('queue');
        await s.click(`permit-${id}`);
        await s.waitHook('permit-approve');
        await s.shot('review');
        await s.click('permit-approve');
        await confirmModal(s, 'approve-confirm');
        await s.waitHook('permit-status', '已批准');
        await s.waitHook('pass-green');
        await snap(s, 'approved');
        const passes = await t.query('SELECT id, status, kind FROM passes WHERE permit_id = ? ORDER BY id', [id]);
        expect(passes.map((p) => [p.kind, p.status])).toEqual([
          ['worker', 'active'],
          ['worker', 'active'],
        ]);

        // the owner: both passes, green at 10:00 (inside the hours), with the pass page and the share link
        await r.goto(`pages-passes/permit/index?id=${id}`);
        await r.waitHook(`worker-pass-${passes[0].id}`, '现在可通行');
        await r.waitHook(`worker-pass-${passes[1].id}`, '现在可通行');
        expect(await r.hook('pass-share').count()).toBe(2);
        await snap(r, 'passes-green');

        // the worker opens the pass link (no login); the guard types the code shown under the QR: green
        const [{ link_token: token }] = await t.query('SELECT link_token FROM passes WHERE id = ?', [passes[0].id]);
        const w = await b.open('resident', 'worker');
        const workerLink = `${r.page.url().split('#')[0]}#/pages-passes/visit/index?token=${token}`;
        const guard = await b.open('staff', 'guard');
        await staffIn(guard, 'guard1');
        await guard.click('module-passes');
        const guardScan = async (shot: string) => {
          await w.page.goto(workerLink);
          await w.waitHook('visit-pass');
          const code = await hookText(w, 'pass-code');
          await typeInto(guard, 'scan-code', code);
          await guard.click('scan-verify');
          const answer = await hookText(guard, 'scan-answer');
          await guard.shot(shot);
          await guard.click('scan-next');
          return answer;
        };
        const green = await guardScan('guard-green-in-hours');
        expect(green).toContain('放行');
        expect(green).toContain('装修出入证');

        // at 12:30 (lunch break) the same passes would scan red, with the reason
        await t.post('/api/test/clock', { set: at('12:30') });
        await r.goto(`pages-passes/permit/index?id=${id}`);
        await r.waitHook(`worker-pass-${passes[0].id}`, '不在允许的施工时间内');
        await snap(r, 'passes-outside-hours');
        const red = await guardScan('guard-red-outside-hours');
        expect(red).toContain('拒绝通行');
        expect(red).toContain('不在允许的施工时间内');
      }),
    240_000,
  );
});
