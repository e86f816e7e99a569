/**
 * 免交 in a real browser: the cashier finds the room (房屋收费登记), charges it once, files a waiver on the line; the
 * general manager approves it (减免审批); the room's bill shows the waiver with who approved it. Also the parking
 * contract page. Screenshots: miniapp/e2e/screenshots/fees-charges/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, snap, staffIn, typeInto } from './helpers/flows';

describe('browser: one-off charge, waiver request and approval, parking contract (staff app, real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let room101: number;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('fees-charges', t.url);
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'cashier charges 1栋1单元101 and requests a ¥50 waiver; the manager approves; the bill shows it',
    () =>
      b.run('waiver', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'cashier1');
        await s.click('module-fee-charges');
        await typeInto(s, 'room-q', '1栋1单元101');
        await s.click(`room-${room101}`);
        await s.waitHook('room-charge');
        await s.shot('room-empty');

        // a one-off charge with a free name
        await s.click('room-charge');
        await typeInto(s, 'charge-name', '门禁卡补办费');
        await typeInto(s, 'charge-amount', '200');
        await typeInto(s, 'charge-reason', '补办门禁卡 4 张');
        await snap(s, 'charge-form');
        await s.click('charge-save');
        await confirmModal(s, 'charge-confirm');
        const [line] = await t.query("SELECT id FROM bill_lines WHERE room_id = ? AND name = '门禁卡补办费'", [room101]);
        const lineId = Number(line.id);
        await s.waitHook(`bill-line-${lineId}`, '¥200.00');
        await snap(s, 'room-with-charge');

        // the waiver request: too much first, then ¥50
        await (await s.waitHook(`bill-line-${lineId}`)).locator('.e2e-line-request').click();
        await s.waitHook('request-line', '未缴本金 ¥200.00');
        await typeInto(s, 'request-amount', '250');
        await typeInto(s, 'request-reason', '业主家庭困难，社区出具证明');
        await s.click('request-submit');
        await s.waitHook('request-error', '减免金额不能超过未缴本金 ¥200.00');
        await snap(s, 'request-too-much');
        await typeInto(s, 'request-amount', '50');
        await s.click('request-submit');
        await s.waitHook(`bill-line-${lineId}`);
        const [req] = await t.query("SELECT id, status FROM fee_requests WHERE bill_line_id = ? AND kind = 'waive'", [lineId]);
        expect(req.status).toBe('pending');

        // the general manager approves it
        const m = await b.open('staff');
        await staffIn(m, 'manager1');
        await m.click('module-fee-approvals');
        const card = await m.waitHook(`fee-request-${req.id}`, '免交 ¥50.00');
        expect(await card.innerText()).toContain('孙收银');
        await m.shot('approvals');
        await typeInto(m, 'decide-note', '同意减免');
        await m.click('decide-approve');
        await confirmModal(m, 'approve-confirm');
        await m.waitText('没有待审批的申请');
        await snap(m, 'approvals-done');

        // the cashier's view of the room: ¥150 open, the waiver with who approved it
        await s.goto(`pages-charges/room/index?roomId=${room101}`);
        const adj = await s.waitHook('bill-adjustment', '王经理');
        expect(await adj.innerText()).toContain('免交 ¥50.00');
        expect(await adj.innerText()).toContain('业主家庭困难，社区出具证明');
        await s.waitHook(`bill-line-${lineId}`, '¥150.00');
        await snap(s, 'room-with-waiver');
        const [after] = await t.query('SELECT waived_cents, status FROM bill_lines WHERE id = ?', [lineId]);
        expect([Number(after.waived_cents), after.status]).toEqual([5000, 'open']);
      }),
    180_000,
  );

  it(
    'cashier contracts a parking space for the room',
    () =>
      b.run('contract', async () => {
        const s = await b.open('staff');
        await staffIn(s, 'cashier1');
        await s.goto(`pages-charges/contracts/index?roomId=${room101}`);
        const [parking] = await t.query(
          "SELECT id FROM fee_items WHERE name = '地下车位租金' AND community_id = (SELECT id FROM communities WHERE code = 'JXHY')",
        );
        await s.click(`contract-item-${parking.id}`);
        await typeInto(s, 'contract-starts', '2026-10-01');
        await typeInto(s, 'contract-note', '车位号 B-023');
        await s.click('contract-add');
        await s.waitText('2026-10-01 起');
        const [c] = await t.query('SELECT id FROM fee_contracts WHERE room_id = ?', [room101]);
        await s.waitHook(`contract-${c.id}`, '车位号 B-023');
        await snap(s, 'contract-added');
      }),
    120_000,
  );
});
