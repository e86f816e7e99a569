/**
 * Surveys in a real browser (issue #15): the manager builds a survey from the yearly satisfaction template and
 * publishes it → 张三 finds it under 服务 → 问卷调查, is told what is missing, answers and submits (read-only after) →
 * the manager sees the response rate, the bars and the satisfaction index with its formula. Screenshots:
 * miniapp/e2e/screenshots/engage-surveys/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { hookText, residentLogin, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: survey from the template → resident answers → results with the index formula (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('engage-surveys', t.url);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'manager publishes the yearly survey; 张三 answers once; the manager sees the chart and the formula',
    () =>
      b.run('survey', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-surveys');
        await s.click('survey-from-template');
        await s.waitHook('survey-title');
        expect(await s.hook('q-7').innerText()).toContain('总体');
        await s.shot('manager-template');
        await s.click('survey-publish');
        await s.waitHook('index-formula');
        const [row] = await t.query('SELECT id, status, anonymous FROM surveys');
        expect(row.status).toBe('published');
        await s.shot('manager-results-empty');

        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-surveys');
        await r.waitHook('subscribe-surveys');
        await snap(r, 'resident-survey-list');
        await r.click(`survey-${row.id}`);
        await r.waitHook('q-1');
        expect(await hookText(r, 'survey-anonymous')).toContain('匿名');
        await r.click('q-1 .e2e-opt-5');
        await r.click('survey-submit');
        expect(await hookText(r, 'survey-error')).toBe('第 2 题为必答题，请作答');
        await snap(r, 'resident-required');
        for (let q = 2; q <= 7; q++) await r.click(`q-${q} .e2e-opt-${q === 7 ? 4 : 5}`);
        await typeInto(r, 'q-8', '希望地库照明再亮一些');
        await r.click('survey-draft');
        await r.waitHook('survey-state', '草稿');
        await r.click('survey-submit');
        await r.waitHook('survey-submitted');
        expect(await r.hook('survey-submit').count()).toBe(0);
        await snap(r, 'resident-submitted');

        await s.page.reload();
        const formula = await hookText(s, 'index-formula');
        expect(formula).toBe('满意度 = (满意 6 + 较满意 1) ÷ 有效答卷 7 × 100% = 100.0%');
        expect(await hookText(s, 'index')).toBe('100.0%');
        // the whole of 锦绣花园: 张三's and 李四's households are targeted
        expect(await hookText(s, 'response-rate')).toContain('50.0%');
        expect(await hookText(s, 'result-q-8')).toContain('希望地库照明再亮一些');
        expect(await hookText(s, 'result-q-8')).not.toContain('1栋1单元101');
        await s.shot('manager-results');
        await (await s.waitHook('result-q-1')).scrollIntoViewIfNeeded();
        await s.shot('manager-results-bars');
        s.assertNoPageErrors();
        r.assertNoPageErrors();
      }),
    240_000,
  );
});
