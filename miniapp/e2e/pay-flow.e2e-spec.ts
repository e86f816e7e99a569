/**
 * WeChat Pay in a real browser, development mode: 张三 picks two of three open bills in 缴费, pays them in the
 * simulated WeChat payment sheet (the server's fake WeChat Pay sends its signed, encrypted callback), lands on the
 * receipt; cashier1 sees the payment under 线上收款 in the daily close. Screenshots: miniapp/e2e/screenshots/pay-flow/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { residentLogin, scrollTo, snap, staffIn } from './helpers/flows';

describe('browser: the resident pays two bills with WeChat Pay (dev sheet); the cashier sees it (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  const lines: number[] = [];

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
      ['2026-12', '2027-01-15'],
    ]) {
      await t.query(
        `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
           late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at)
         VALUES (1, ?, ?, NULL, ?, ?, '物业服务费', 'owner', 16121, '{"areaE2":8956,"priceE4":18000,"months":1}', ?, 500, 0, NULL, 0, 0, 0, 'open', NULL, 1,
           '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')`,
        [room.community_id, room.id, period, `e2e:${period}`, due],
      );
      lines.push(Number((await t.query('SELECT id FROM bill_lines WHERE room_id = ? AND source_key = ?', [room.id, `e2e:${period}`]))[0].id));
    }
    b = await E2EBrowser.launch('pay-flow', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'selects two bills → the dev sheet shows the server’s amount → 确认支付 → the receipt; the cashier sees it under 线上收款',
    () =>
      b.run('pay', async () => {
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.click('service-fee');
        await r.waitHook('pay-estimate', '已选 3 项');
        await snap(r, 'bills-all-picked');
        // December is not due yet: leave it for later
        await r.click(`pick-${lines[2]}`);
        await r.waitHook('pay-estimate', '已选 2 项');
        await snap(r, 'bills-two-picked');
        await r.click('pay-selected');
        const sheet = await r.waitHook('pay-sheet', '微信支付（开发模拟）');
        const [order] = await t.query('SELECT id, amount_cents, lines_json FROM payment_orders ORDER BY id DESC LIMIT 1');
        expect(JSON.parse(order.lines_json).map((l: { id: number }) => l.id)).toEqual([lines[0], lines[1]]);
        const yuan = `¥${(Number(order.amount_cents) / 100).toFixed(2)}`;
        expect(await (await r.waitHook('pay-sheet-amount')).innerText()).toBe(yuan);
        expect(await sheet.innerText()).toContain('共 2 项账单');
        await r.shot('dev-pay-sheet');
        await r.click('pay-confirm');

        const receipt = await r.waitHook('receipt', 'SJ-20261220-');
        const text = await receipt.innerText();
        expect(text).toContain('微信支付');
        expect(text).toContain(yuan.slice(1));
        await snap(r, 'receipt');
        const [paid] = await t.query("SELECT id, receipt_no, cashier_id FROM payments WHERE method = 'wechat'");
        expect(paid.cashier_id).toBeNull();
        const [{ n }] = await t.query("SELECT COUNT(*) AS n FROM bill_lines WHERE id IN (?, ?) AND status = 'paid'", [lines[0], lines[1]]);
        expect(Number(n)).toBe(2);

        const s = await b.open('staff');
        await staffIn(s, 'cashier1');
        await s.click('module-fees');
        await s.click('cashier-close');
        await s.waitHook('online-total', `1 笔 · ${yuan}`);
        await scrollTo(s, 'online');
        const online = await s.waitHook('online-payment', paid.receipt_no);
        expect(await online.innerText()).toContain('1栋1单元101');
        // the cashier's own takings are untouched
        await s.waitHook('day-total', '0 笔');
        await snap(s, 'cashier-online');
      }),
    180_000,
  );
});
