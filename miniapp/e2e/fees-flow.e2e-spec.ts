/**
 * Fee items in a real browser: the admin adds one in the staff app (收费项目), the resident reads it in the
 * published 收费价目表 (服务 → 收费标准). Screenshots: miniapp/e2e/screenshots/fees-flow/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: fee items and the price table (staff app → resident app, real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('fees-flow', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'admin adds a tiered electricity item and stops the parking rent; the resident sees the table with the 12358 hotline',
    () =>
      b.run('fees', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'admin');
        await s.click('module-fee-items');
        await s.waitHook('fee-standard', '1.80 元/㎡·月');
        await s.shot('items');

        // a tiered tariff: 0–200 kWh 0.5653 元, above 0.6153 元
        await s.click('fee-new');
        await typeInto(s, 'fee-name', '居民用电');
        await s.click('fee-kind-metered');
        await s.click('fee-payer-occupant');
        await typeInto(s, 'fee-meter-unit', 'kWh');
        await s.click('fee-tier-add');
        await typeInto(s, 'fee-tier-upto-0', '200');
        await typeInto(s, 'fee-tier-price-0', '0.5653');
        await typeInto(s, 'fee-tier-price-1', '0.6153');
        await typeInto(s, 'fee-starts', '2026-12-01');
        await typeInto(s, 'fee-basis', '省发展改革委居民阶梯电价文件');
        await typeInto(s, 'fee-content', '代收居民生活用电电费（按户表计量）');
        // a bad day first: the form says so before anything is sent
        await typeInto(s, 'fee-due', '31');
        await s.click('fee-save');
        await s.waitHook('fee-error', '缴费截止日应在每月 1–28 日之间');
        await snap(s, 'item-form-error');
        await typeInto(s, 'fee-due', '20');
        await s.click('fee-save');
        await s.waitHook('fee-standard', '0–200 kWh：0.5653 元/kWh；200 kWh 以上：0.6153 元/kWh');
        await snap(s, 'items-with-electricity');

        const [parking] = await t.query(
          "SELECT id FROM fee_items WHERE name = '地下车位租金' AND community_id = (SELECT id FROM communities WHERE code = 'JXHY')",
        );
        await scrollTo(s, `fee-item-${parking.id}`);
        await (await s.waitHook(`fee-item-${parking.id}`)).locator('.e2e-fee-toggle').click();
        await confirmModal(s, 'stop-parking-confirm');
        await s.waitHook(`fee-item-${parking.id}`, '已停用');
        await snap(s, 'parking-stopped');

        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-prices');
        const table = await r.waitHook('price-table');
        const text = await table.innerText();
        expect(text).toContain('锦绣花园 收费价目表');
        expect(text).toContain('1.80 元/㎡·月');
        expect(text).toContain('0–200 kWh：0.5653 元/kWh；200 kWh 以上：0.6153 元/kWh');
        expect(text).toContain('逾期 15 天后每日按欠费的万分之5加收，最高不超过本金的 100%');
        expect(text).not.toContain('地下车位租金');
        expect(await (await r.waitHook('price-hotline')).innerText()).toBe('12358');
        await r.shot('price-table');
        await scrollTo(r, 'price-hotline');
        await r.shot('price-table-hotline');
      }),
    180_000,
  );
});
