/**
 * The resident's 缴费 in a real browser: 首页 → 缴费 shows the open bills by period with the late fee and its formula,
 * the paid history with its receipt, the price table; the manager enters and publishes a quarter's public income in
 * the staff app and the resident reads it. Screenshots: miniapp/e2e/screenshots/fees-resident/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BillRunView } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, hookText, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: the resident’s 缴费 and the public income (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let paymentId: number;

  async function billRun(token: string, communityId: number, period: string) {
    const r = await t.post<BillRunView>('/api/fees/runs', { communityId, period }, { token });
    for (let i = 0; i < 200; i++) {
      if ((await t.get<BillRunView>(`/api/fees/runs/${r.body.id}`, { token })).body.status === 'done') return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('bill run still running');
  }

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('fees-resident', t.url);
    await t.post('/api/test/clock', { set: '2026-11-02T02:00:00.000Z' });
    const [admin, cashier] = await Promise.all([t.staff('admin'), t.staff('cashier1')]);
    const room = await t.room('锦绣花园', '1栋1单元101');
    await t.post(
      '/api/fees/items',
      {
        communityId: room.communityId,
        name: '公共能耗分摊',
        kind: 'area',
        payer: 'occupant',
        periodUnit: 'month',
        priceE4: 2000,
        dueDay: 15,
        lateFeeRatePpm: 500,
        lateFeeGraceDays: 0,
        serviceContent: '电梯、公共照明、二次供水能耗按面积分摊',
        startsOn: '2026-01-01',
      },
      { token: admin.accessToken },
    );
    await billRun(cashier.accessToken, room.communityId, '2026-10');
    await t.post('/api/test/clock', { set: '2026-12-02T02:00:00.000Z' });
    await billRun(cashier.accessToken, room.communityId, '2026-11');
    // October's property fee paid at the counter (the payment API is another feature: the rows as it writes them)
    const [fee] = await t.query("SELECT id, amount_cents FROM bill_lines WHERE room_id = ? AND period = '2026-10' AND name = '物业服务费'", [room.id]);
    const amount = Number(fee.amount_cents);
    await t.query(
      `INSERT INTO payments (company_id, community_id, room_id, receipt_no, method, amount_cents, principal_cents, late_fee_cents, refunded_cents, status,
         payer_name, invoice_title, invoice_tax_id, note, cashier_id, business_date, close_id, version, created_at, updated_at)
       VALUES (1, ?, ?, 'SJ-20261203-0001', 'cash', ?, ?, 0, 0, 'paid', NULL, NULL, NULL, NULL, ?, '2026-12-03', NULL, 1, ?, ?)`,
      [room.communityId, room.id, amount, amount, cashier.me.id, '2026-12-03 02:00:00.000', '2026-12-03 02:00:00.000'],
    );
    paymentId = Number((await t.query("SELECT id FROM payments WHERE receipt_no = 'SJ-20261203-0001'"))[0].id);
    await t.query('INSERT INTO payment_allocations (payment_id, bill_line_id, principal_cents, late_fee_cents) VALUES (?, ?, ?, 0)', [
      paymentId,
      fee.id,
      amount,
    ]);
    await t.query("UPDATE bill_lines SET paid_cents = amount_cents, status = 'paid', version = version + 1 WHERE id = ?", [fee.id]);
    // 2026-12-10: October's energy share is 25 days overdue
    await t.post('/api/test/clock', { set: '2026-12-10T02:00:00.000Z' });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'the resident opens 缴费 from 首页: bills by period with the late fee formula, the paid tab with its receipt, the price table',
    () =>
      b.run('resident-bills', async () => {
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.shot('home');
        await r.click('service-fee');
        expect(await hookText(r, 'total-open')).toMatch(/^¥\d+\.\d\d$/);
        const open = await hookText(r, 'open-bills', '2026年10月');
        expect(open).toContain('2026年11月');
        expect(open).toContain('公共能耗分摊');
        expect(open).toContain('89.56 ㎡ × 0.20 元/㎡·月 × 1 个月');
        expect(open).toContain('已逾期');
        expect(await hookText(r, 'late-fee-formula')).toMatch(/^滞纳金 = ¥17\.91 × 万分之5\/天 × 25 天 = ¥0\.22$/);
        await snap(r, 'bills');
        await scrollTo(r, 'late-fee');
        await r.shot('bills-late-fee');

        await r.click('tab-paid');
        const paid = await hookText(r, 'paid-history', 'SJ-20261203-0001');
        expect(paid).toContain('2026年10月 物业服务费');
        expect(paid).toContain('已缴清');
        expect(await r.css(`.e2e-receipt-${paymentId}`).count()).toBe(1);
        await r.shot('paid-history');

        await r.click('link-prices');
        expect(await hookText(r, 'price-table')).toContain('公共能耗分摊');
        await r.shot('price-table');
      }),
    180_000,
  );

  it(
    'a resident without a bound room is sent to bind one',
    () =>
      b.run('no-room', async () => {
        const r = await b.open('resident');
        await residentLogin(r, 'fees-newcomer');
        await r.click('service-fee');
        await r.page.locator('.page-fee-bills').getByText('绑定房屋后可查询账单和缴费记录').waitFor();
        await r.shot('no-room');
        await r.page.locator('.page-fee-bills .e2e-go-bind').click();
        await r.waitHook('step-community');
      }),
    120_000,
  );

  it(
    'the manager enters and publishes 2026 Q3’s public income; the resident reads it from 服务',
    () =>
      b.run('public-income', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-public-income');
        await s.waitHook('income-new');
        await s.shot('income-empty');
        await s.click('income-new');
        await typeInto(s, 'income-quarter', '2026-Q3');
        await typeInto(s, 'income-in-0', '12000');
        await typeInto(s, 'income-note-0', '电梯广告 12 部');
        await typeInto(s, 'income-in-1', '8600.50');
        await typeInto(s, 'income-out-1', '1500');
        await typeInto(s, 'income-note-1', '地面临停收费；道闸维修');
        await typeInto(s, 'income-in-2', '300');
        await typeInto(s, 'income-note-2', '快递柜场地');
        expect(await hookText(s, 'income-totals')).toBe('收入 ¥20,900.50 − 支出 ¥1,500.00 = 结余 ¥19,400.50');
        await s.shot('income-form');
        await s.click('income-save');
        const card = await hookText(s, 'income-card-2026-Q3', '草稿');
        expect(card).toContain('结余 ¥19,400.50');
        await snap(s, 'income-draft');
        await (await s.waitHook('income-card-2026-Q3')).locator('.e2e-income-publish').click();
        await confirmModal(s, 'income-publish-confirm');
        await s.waitHook('income-card-2026-Q3', '已公示');
        await snap(s, 'income-published');

        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-income');
        const q = await hookText(r, 'income-2026-Q3');
        expect(q).toContain('2026年第3季度公共收益');
        expect(q).toContain('¥19,400.50');
        expect(q).toContain('电梯广告 12 部');
        await r.shot('resident-income');
      }),
    180_000,
  );
});
