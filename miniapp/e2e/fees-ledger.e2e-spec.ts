/**
 * Month-end statement and arrears in a real browser: the manager opens 月度对账 (November balances, item by item)
 * and 欠费统计 (buildings with 收缴率), drills into a building and sends it a 催缴 reminder — a second one the
 * same day is refused with the time it is allowed again. Screenshots: miniapp/e2e/screenshots/fees-ledger/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BillRunView, LoginResponse } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, scrollTo, snap, staffIn } from './helpers/flows';

describe('browser: 月度对账 and 欠费统计 (staff app, real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let jxhy: number;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('fees-ledger', t.url);
    const cashier = (await t.post<LoginResponse>('/api/auth/staff-login', { username: 'cashier1', password: 'linli123' })).body;
    [{ id: jxhy }] = (await t.query("SELECT id FROM communities WHERE code = 'JXHY'")).map((r) => ({ id: Number(r.id) }));
    // November billed on Nov 20; a third of the rooms paid at the counter on Nov 25 (payment + allocation + line)
    await t.post('/api/test/clock', { set: '2026-11-20T02:00:00.000Z' });
    const run = (await t.post<BillRunView>('/api/fees/runs', { communityId: jxhy, period: '2026-11' }, { token: cashier.accessToken })).body;
    for (let i = 0; i < 200 && (await t.get<BillRunView>(`/api/fees/runs/${run.id}`, { token: cashier.accessToken })).body.status !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const lines = await t.query("SELECT id, room_id, amount_cents FROM bill_lines WHERE community_id = ? AND period = '2026-11' ORDER BY room_id", [jxhy]);
    for (const [i, l] of lines.entries()) {
      if (i % 3 !== 1) continue;
      const id = 700_000 + i;
      await t.query(
        `INSERT INTO payments (id, company_id, community_id, room_id, receipt_no, method, amount_cents, principal_cents, late_fee_cents, refunded_cents, status, business_date, version, created_at, updated_at)
         VALUES (?, 1, ?, ?, ?, 'cash', ?, ?, 0, 0, 'paid', '2026-11-25', 1, '2026-11-25 02:00:00.000', '2026-11-25 02:00:00.000')`,
        [id, jxhy, l.room_id, `SJ-20261125-${String(i).padStart(4, '0')}`, l.amount_cents, l.amount_cents],
      );
      await t.query('INSERT INTO payment_allocations (payment_id, bill_line_id, principal_cents, late_fee_cents) VALUES (?, ?, ?, 0)', [
        id,
        l.id,
        l.amount_cents,
      ]);
      await t.query("UPDATE bill_lines SET paid_cents = amount_cents, status = 'paid', version = version + 1 WHERE id = ?", [l.id]);
    }
    await t.post('/api/test/clock', { set: '2026-12-20T02:00:00.000Z' });
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'the manager reads November’s statement and the arrears, then reminds building 1 once',
    () =>
      b.run('ledger', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'manager1');
        await s.click('module-fee-statement');
        await s.waitHook('month');
        // back to November (the page opens on the current month)
        while (!(await (await s.waitHook('month')).innerText()).includes('2026年11月')) {
          await s.click('month-prev');
          await s.settled();
        }
        await s.waitHook('statement-balanced', '账已平');
        const total = await (await s.waitHook('statement-total')).innerText();
        expect(total).toContain('本期应收');
        expect(await (await s.waitHook('statement-identity')).innerText()).toContain('期末欠费 = 期初欠费 + 本期应收 − 实收 − 减免 + 退款');
        const api = await t.get(`/api/fees/statement?communityId=${jxhy}&month=2026-11`, {
          token: (await t.post<LoginResponse>('/api/auth/staff-login', { username: 'manager1', password: 'linli123' })).body.accessToken,
        });
        const yuan = (c: number) => `¥${(c / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
        expect(total).toContain(yuan(api.body.totals.billed));
        expect(total).toContain(yuan(api.body.totals.closingArrears));
        await snap(s, 'statement-november');
        await scrollTo(s, 'statement-export');
        await snap(s, 'statement-items');

        await s.page.goBack();
        await s.click('module-arrears');
        while (!(await (await s.waitHook('month')).innerText()).includes('2026年11月')) {
          await s.click('month-prev');
          await s.settled();
        }
        const totals = await (await s.waitHook('arrears-total')).innerText();
        expect(totals).toMatch(/收缴率\s*3\d\.\d\d%/);
        await snap(s, 'arrears-buildings');

        const [{ building_id }] = await t.query("SELECT building_id FROM rooms WHERE community_id = ? AND label = '1栋1单元101'", [jxhy]);
        const building = `arrears-building-${Number(building_id)}`;
        await (await s.waitHook(building)).locator('.lg-name').click();
        await s.waitHook('arrears-room');
        await snap(s, 'arrears-rooms');
        await s.click('rooms-remind');
        await confirmModal(s, 'remind-confirm');
        await s.waitText(/已提醒 \d+ 户/);
        await snap(s, 'reminded');
        const sent = await t.query("SELECT COUNT(*) AS n FROM notifications WHERE template = 'fee_reminder'");
        expect(Number(sent[0].n)).toBeGreaterThan(0);

        // the same day again: refused with when it is allowed
        await s.click('rooms-remind');
        // the confirmation, then the refusal in a modal of its own
        await s.css('.taro-model__confirm').first().waitFor();
        await s.css('.taro-model__confirm').first().click();
        await s.waitText(/今天已催缴过/);
        await s.shot('remind-refused');
        await s.css('.taro-model__confirm').first().click();
        await s.page.goBack();
        await s.click('month-next');
        await s.click('month-prev');
        await s.waitHook('remind-wait', '后可再次催缴');
        await scrollTo(s, building);
        await snap(s, 'arrears-reminded');
        s.assertNoPageErrors();
      }),
    240_000,
  );
});
