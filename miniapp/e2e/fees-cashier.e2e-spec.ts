/**
 * The cashier's counter in a real browser: cashier1 finds 1栋1单元101 by the owner's phone, takes one POS payment
 * for its two open bills, prints the receipt, asks for a refund, closes the day (日结); 张三 opens the receipt in the
 * resident app.
 * Screenshots: miniapp/e2e/screenshots/fees-cashier/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: the cashier takes a payment and prints the receipt; the resident sees it (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    await t.post('/api/test/clock', { set: '2026-12-20T02:00:00.000Z' });
    const [room] = await t.query(
      "SELECT r.id, r.community_id FROM rooms r JOIN communities c ON c.id = r.community_id WHERE c.code = 'JXHY' AND r.label = '1栋1单元101'",
    );
    for (const [period, due] of [
      ['2026-10', '2026-11-15'],
      ['2026-11', '2026-12-15'],
    ])
      await t.query(
        `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
           late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at)
         VALUES (1, ?, ?, NULL, ?, ?, '物业服务费', 'owner', 16121, '{"areaE2":8956,"priceE4":18000,"months":1}', ?, 500, 0, NULL, 0, 0, 0, 'open', NULL, 1,
           '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')`,
        [room.community_id, room.id, period, `e2e:${period}`, due],
      );
    b = await E2EBrowser.launch('fees-cashier', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'cashier finds the room by phone, takes payment for two bills, prints the receipt; the resident opens it',
    () =>
      b.run('cashier', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'cashier1');
        await s.click('module-fees');
        await s.waitHook('takings', '0 笔');
        await typeInto(s, 'room-search', '13800000001');
        await s.click('room-search-go');
        await s.waitHook('room-picked', '138****0001');
        const bills = await s.waitHook('open-bills');
        expect(await bills.innerText()).toContain('2026年10月 物业服务费');
        expect(await (await s.waitHook('allocation-rule')).innerText()).toContain('先冲抵滞纳金');
        await snap(s, 'open-bills');
        await s.click('method-pos');
        await scrollTo(s, 'pay-submit');
        await snap(s, 'payment-form');
        await s.click('pay-submit');
        await confirmModal(s, 'payment-confirm');
        const receipt = await s.waitHook('receipt');
        const text = await receipt.innerText();
        expect(text).toMatch(/SJ-20261220-0001/);
        expect(text).toContain('POS 刷卡');
        expect(await s.hook('receipt-line').count()).toBe(2);
        expect(await (await s.waitHook('receipt-capital')).innerText()).toMatch(/人民币（大写）叁佰.*元/);
        await snap(s, 'receipt');
        // print: H5 calls window.print(); the print layout hides the app's buttons
        await s.page.evaluate(() => {
          (window as unknown as { printed: number }).printed = 0;
          window.print = () => void ((window as unknown as { printed: number }).printed += 1);
        });
        await s.click('receipt-print');
        expect(await s.page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
        await s.page.emulateMedia({ media: 'print' });
        await s.shot('receipt-print-layout');
        await s.page.emulateMedia({ media: 'screen' });
        const [p] = await t.query("SELECT id FROM payments WHERE receipt_no = 'SJ-20261220-0001'");

        // a refund of ¥2.82 goes to the manager for approval
        await s.click('receipt-reverse');
        await typeInto(s, 'reversal-amount', '2.82');
        await typeInto(s, 'reversal-reason', '滞纳金减免（业主已提前申请）');
        await snap(s, 'refund-request');
        await s.click('reversal-submit');
        await confirmModal(s, 'refund-request-confirm');
        await s.waitHook('pending-reversal', '退款 ¥2.82 待经理审批');
        await snap(s, 'receipt-refund-pending');

        // 日结: the day by method, then closed
        await s.click('receipt-back');
        await s.click('cashier-close');
        await s.waitHook('day-total', '1 笔 · ¥325.64');
        await s.click('day-close');
        await confirmModal(s, 'day-close-confirm');
        await s.waitHook('day-closed', '1 笔 ¥325.64');
        await snap(s, 'day-closed');

        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.goto(`pages-fees/receipt/index?id=${p.id}`);
        const mine = await r.waitHook('receipt');
        expect(await mine.innerText()).toContain('SJ-20261220-0001');
        await snap(r, 'resident-receipt');
      }),
    180_000,
  );
});
