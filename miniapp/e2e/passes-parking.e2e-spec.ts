/**
 * 停车证 in a real browser: 张三 applies (new-energy plate, insurance photo and expiry) → the fee is billed → the
 * cashier takes it at the counter → the pass is issued within the payment → the guard looks the plate up (phone
 * masked). Screenshots: miniapp/e2e/screenshots/passes-parking/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { PNG } from '../../server/test/helpers/repairs';
import { parkitemsApi } from '../../server/test/helpers/passes-parkitems';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('browser: parking pass — insurance upload → fee paid at the cashier → issued → guard’s plate lookup (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let photo: string;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('passes-parking', t.url);
    const jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    await parkitemsApi(t).parkingItems(await t.staff('admin'), jxhy, { '停车证 月卡': 15_000, '停车证 季卡': 42_000 });
    photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-')), '保险单.png');
    fs.writeFileSync(photo, PNG);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    '张三 applies, the cashier takes the fee, the pass is issued, the guard finds the plate',
    () =>
      b.run('parking', async () => {
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.tab('服务');
        await r.click('service-row-parking');
        await r.waitText('还没有停车证');
        await r.click('parking-new');
        await typeInto(r, 'plate', '粤BD12345');
        await r.click('term-monthly');
        await r.click(`start-day-${shanghaiDay(0)}`);
        const chooser = r.page.waitForEvent('filechooser');
        await r.click('insurance-upload');
        await (await chooser).setFiles(photo);
        await r.waitHook('insurance-preview');
        // an expiry before the end of the month is refused before it is sent
        await typeInto(r, 'insurance-until', shanghaiDay(10));
        await r.click('parking-submit');
        await r.waitHook('form-problem', '保险须覆盖停车证有效期');
        await typeInto(r, 'insurance-until', shanghaiDay(365));
        await scrollTo(r, 'parking-submit');
        await snap(r, 'apply-form');
        await r.click('parking-submit');
        await r.waitHook('pass-status', '待缴费');
        const [pass] = await t.query("SELECT id, bill_line_id FROM passes WHERE kind = 'parking'");
        await r.waitHook(`parking-${pass.id}`, '待缴费');
        expect(await (await r.waitHook(`parking-${pass.id}`)).innerText()).toContain('¥150.00');
        await snap(r, 'pending-payment');

        // the cashier takes the fee at the counter
        const s = await b.open('staff');
        await staffIn(s, 'cashier1');
        await s.click('module-fees');
        await typeInto(s, 'room-search', '13800000001');
        await s.click('room-search-go');
        await s.waitHook('room-picked', '138****0001');
        await s.waitHook(`bill-${pass.bill_line_id}`, '停车证 月卡 粤B·D12345');
        await snap(s, 'cashier-open-bill');
        await s.click('method-cash');
        await scrollTo(s, 'pay-submit');
        await s.click('pay-submit');
        await confirmModal(s, 'cashier-confirm');
        await s.waitHook('receipt');
        await snap(s, 'cashier-receipt');

        // issued in the payment's own transaction: the clock met at once
        const [clock] = await t.query("SELECT state, breached FROM clocks WHERE subject_type = 'pass' AND subject_id = ?", [pass.id]);
        expect([clock.state, Number(clock.breached)]).toEqual(['met', 0]);
        await r.page.reload();
        await r.waitHook(`parking-${pass.id}`, '有效');
        await r.waitHook(`parking-open-${pass.id}`);
        await snap(r, 'issued');

        // the guard's plate lookup
        const g = await b.open('staff');
        await staffIn(g, 'guard1');
        await g.click('module-plate-lookup');
        await typeInto(g, 'plate-query', '粤bd12345');
        await g.click('plate-search');
        expect(await (await g.waitHook('plate-verdict')).innerText()).toBe('有效停车证');
        const card = await g.waitHook(`plate-pass-${pass.id}`);
        const text = await card.innerText();
        expect(text).toContain('1栋1单元101');
        expect(text).toContain('138****0001');
        expect(text).not.toContain('13800000001');
        await snap(g, 'guard-plate-lookup');
        expect([...r.errors, ...s.errors, ...g.errors]).toEqual([]);
      }),
    240_000,
  );
});
