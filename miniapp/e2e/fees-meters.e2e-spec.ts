/**
 * 抄表 in a real browser: the technician enters 1栋's readings room after room (the next room comes up by itself),
 * an outlier is held, the supervisor approves it. Screenshots: miniapp/e2e/screenshots/fees-meters/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { periodOf, shanghaiDate, shiftPeriod } from '@linli/shared';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: meter readings (technician enters, supervisor reviews; real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  // the pages offer last month by default (the browser's clock)
  const period = shiftPeriod(periodOf(shanghaiDate(new Date()), 'month'), -1);

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('fees-meters', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const latest = async (label: string) => {
    const [r] = await t.query(
      `SELECT m.reading_e2, m.usage_e2, m.room_id FROM meter_readings m JOIN rooms r ON r.id = m.room_id JOIN communities c ON c.id = r.community_id
       WHERE c.code = 'JXHY' AND r.label = ? AND m.period < ? ORDER BY m.period DESC LIMIT 1`,
      [label, period],
    );
    return { readingE2: Number(r.reading_e2), usageE2: Number(r.usage_e2), roomId: Number(r.room_id) };
  };
  const text = (e2: number) => (e2 / 100).toFixed(2);

  it(
    'the technician enters two rooms (the next one advances), the third is an outlier and held; the supervisor approves it',
    () =>
      b.run('meters', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'technician1');
        await s.click('module-meters');
        await s.waitHook('meter-room', '1栋1单元101');
        const a = await latest('1栋1单元101');
        await s.waitHook('meter-previous', text(a.readingE2));
        await snap(s, 'entry-first-room');

        await typeInto(s, 'meter-reading', text(a.readingE2 + 1_250));
        await s.click('meter-save');
        await s.waitHook('meter-room', '1栋1单元102');
        await s.waitHook('meter-progress', '已录 1 /');
        const c = await latest('1栋1单元102');
        await typeInto(s, 'meter-reading', text(c.readingE2 + 900));
        await s.click('meter-save');
        await s.waitHook('meter-room', '1栋1单元201');
        await snap(s, 'advanced-to-third-room');

        // three times last month's usage and more: held for review
        const d = await latest('1栋1单元201');
        await typeInto(s, 'meter-reading', text(d.readingE2 + 3 * d.usageE2 + 500));
        await s.click('meter-save');
        const held = await s.waitHook('meter-held', '1栋1单元201 读数异常');
        expect(await held.innerText()).toMatch(/超过近 6 个月平均用量/);
        await s.waitHook('meter-room', '1栋1单元202');
        await snap(s, 'outlier-held');
        // a reading below last month's is refused with the way out
        const e = await latest('1栋1单元202');
        await typeInto(s, 'meter-reading', text(Math.max(0, e.readingE2 - 100)));
        await s.click('meter-save');
        await s.waitHook('meter-error', '如已换表');
        await snap(s, 'backwards-refused');
        const rows = await t.query('SELECT status FROM meter_readings WHERE period = ? AND room_id IN (?, ?, ?) ORDER BY room_id', [
          period,
          a.roomId,
          c.roomId,
          d.roomId,
        ]);
        expect(rows.map((r) => r.status).sort()).toEqual(['held', 'recorded', 'recorded']);

        const sup = await b.open('staff');
        await staffIn(sup, 'supervisor1');
        await sup.click('module-meters');
        await sup.click('meter-go-review');
        const [h] = await t.query("SELECT id FROM meter_readings WHERE status = 'held'");
        const card = await sup.waitHook(`held-${h.id}`, '1栋1单元201');
        expect(await card.innerText()).toContain('赵师傅');
        await snap(sup, 'review-held');
        await card.locator('.e2e-held-approve').click();
        await confirmModal(sup, 'approve-confirm');
        await sup.waitHook('empty', '没有待审核的读数');
        await snap(sup, 'review-done');
        const [after] = await t.query('SELECT status FROM meter_readings WHERE id = ?', [h.id]);
        expect(after.status).toBe('approved');
      }),
    240_000,
  );
});
