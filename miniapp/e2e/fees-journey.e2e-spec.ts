/**
 * The fee ledger end to end in a real browser: the admin defines an item (收费项目), the cashier bills last month
 * (出账, with its progress bar), the resident sees the bill with its late fee and formula, the cashier takes the
 * payment and prints the receipt, and the resident sees the bill paid with that receipt.
 * Screenshots: miniapp/e2e/screenshots/fees-journey/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, dueDateOf, monthBefore, shanghaiDate } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: item → bill run → resident bill with late fee → cashier payment and receipt → resident sees it paid (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  // the app offers last month (by the browser's date); the server's clock is 5 days past that month's due date
  const period = monthBefore(shanghaiDate(new Date()), 1);
  const due = dueDateOf(period, 15);
  const serverDay = addDays(due, 5);

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    await t.post('/api/test/clock', { set: `${serverDay}T02:00:00.000Z` });
    b = await E2EBrowser.launch('fees-journey', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'the whole month of one room, through both apps',
    () =>
      b.run('journey', async () => {
        const admin = await b.open('staff');
        await staffIn(admin, 'admin');
        await admin.click('module-fee-items');
        await admin.click('fee-new');
        await typeInto(admin, 'fee-name', '公共能耗分摊');
        await typeInto(admin, 'fee-price', '0.20');
        await typeInto(admin, 'fee-late-rate', '5');
        await typeInto(admin, 'fee-starts', '2026-01-01');
        await typeInto(admin, 'fee-basis', '业主大会决议（2026）第 3 号');
        await typeInto(admin, 'fee-content', '电梯、公共照明、二次供水能耗按建筑面积分摊');
        await admin.click('fee-save');
        await admin.waitHook('fee-standard', '0.20 元/㎡·月');
        await snap(admin, 'admin-item-added');

        // 出账 by the cashier: the preview, then the run and its progress
        const s = await b.open('staff');
        await staffIn(s, 'cashier1');
        await s.click('module-bill-runs');
        await s.click(`period-${period}`);
        const preview = await s.waitHook('run-preview');
        await s.waitHook('run-preview', '公共能耗分摊');
        expect(await preview.innerText()).toContain('物业服务费');
        await snap(s, 'run-preview');
        await s.click('run-start');
        await confirmModal(s, 'run-start-confirm');
        await s.waitHook('run-bar');
        await snap(s, 'run-progress');
        await s.waitHook('run-progress', '100%');
        await (await s.waitHook('run-status-done')).waitFor();
        await snap(s, 'run-done');

        // the resident: the bill, overdue, with the late fee and its formula
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-fee');
        const bills = await r.waitHook('open-bills');
        await r.waitHook('open-bills', '公共能耗分摊');
        expect(await bills.innerText()).toContain('已逾期');
        const formula = await r.waitHook('late-fee-formula');
        expect(await formula.innerText()).toMatch(/^滞纳金 = ¥[\d.]+ × 万分之5\/天 × 5 天 = ¥[\d.]+$/);
        await snap(r, 'resident-bill-late-fee');

        // the cashier takes the payment at the counter and prints the receipt
        await s.goto('pages-cashier/index/index');
        await typeInto(s, 'room-search', '13800000001');
        await s.click('room-search-go');
        await s.waitHook('room-picked', '138****0001');
        await s.waitHook('open-bills', '公共能耗分摊');
        await s.click('method-cash');
        await scrollTo(s, 'pay-submit');
        await snap(s, 'cashier-payment-form');
        await s.click('pay-submit');
        await confirmModal(s, 'payment-confirm');
        const receipt = await s.waitHook('receipt');
        expect(await receipt.innerText()).toContain('公共能耗分摊');
        expect(await receipt.innerText()).toContain('滞纳金');
        await s.page.evaluate(() => {
          (window as unknown as { printed: number }).printed = 0;
          window.print = () => void ((window as unknown as { printed: number }).printed += 1);
        });
        await s.click('receipt-print');
        expect(await s.page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
        await snap(s, 'cashier-receipt');
        const [p] = await t.query('SELECT id, receipt_no FROM payments ORDER BY id DESC LIMIT 1');

        // the resident: nothing open, and the paid tab shows the lines with the receipt
        await r.page.reload();
        await r.waitHook('bills-summary');
        await r.waitHook('total-open', '¥0.00');
        await r.click('tab-paid');
        await r.waitHook('paid-history', '公共能耗分摊');
        await snap(r, 'resident-paid-history');
        await r.click(`receipt-${p.id}`);
        await r.waitHook('receipt', p.receipt_no);
        await snap(r, 'resident-receipt');
      }),
    240_000,
  );
});
