/**
 * The WeChat Pay journey of issue #13 in a real browser, development mode (the server's own fake WeChat Pay):
 * 张三 pays two bills in the simulated payment sheet → the receipt; cashier1 finds it under 线上收款 in 日结 and asks
 * for a partial refund; manager1 approves it in 减免审批; the fake WeChat Pay finishes the refund and posts its signed
 * REFUND.SUCCESS callback; 张三 sees 已退款 on the receipt and in 已缴记录, the bill open again; manager1's
 * 微信支付对账 of the day balances. Screenshots: miniapp/e2e/screenshots/pay-journey/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR } from './helpers/browser';
import { confirmModal, hookText, residentLogin, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

const DAY = '2026-12-20';

describe('browser: pay two bills → receipt → 日结 → partial refund approved → WeChat returns it → the resident sees it (real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  const lines: number[] = [];
  let paymentId = 0;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    await t.post('/api/test/clock', { set: `${DAY}T02:00:00.000Z` });
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
        [room.community_id, room.id, period, `journey:${period}`, due],
      );
      lines.push(Number((await t.query('SELECT id FROM bill_lines WHERE room_id = ? AND source_key = ?', [room.id, `journey:${period}`]))[0].id));
    }
    b = await E2EBrowser.launch('pay-journey', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it(
    'the whole journey, each step on screen',
    () =>
      b.run('journey', async () => {
        // 1. the resident pays October and November (December is not due yet)
        const r = await b.open('resident');
        await residentLogin(r, 'zhangsan');
        await r.click('service-fee');
        await r.waitHook('pay-estimate', '已选 3 项');
        await r.click(`pick-${lines[2]}`);
        await r.waitHook('pay-estimate', '已选 2 项');
        await snap(r, 'bills-two-picked');
        await r.click('pay-selected');
        await r.waitHook('pay-sheet', '微信支付（开发模拟）');
        const [order] = await t.query('SELECT id, amount_cents FROM payment_orders ORDER BY id DESC LIMIT 1');
        const amount = Number(order.amount_cents);
        const yuan = (c: number) => `¥${(c / 100).toFixed(2)}`;
        await r.shot('dev-pay-sheet');
        await r.click('pay-confirm');
        await r.waitHook('receipt', 'SJ-20261220-');
        await snap(r, 'receipt');
        const [paid] = await t.query("SELECT id, receipt_no FROM payments WHERE method = 'wechat'");
        paymentId = Number(paid.id);

        // 2. the cashier sees it under 线上收款 and asks for a partial refund of ¥10.00
        const s = await b.open('staff', 'cashier');
        await staffIn(s, 'cashier1');
        await s.click('module-fees');
        await s.click('cashier-close');
        await s.waitHook('online-total', `1 笔 · ${yuan(amount)}`);
        await scrollTo(s, 'online');
        await snap(s, 'cashier-online');
        await s.click('online-payment', paid.receipt_no);
        await s.waitHook('receipt', paid.receipt_no);
        await s.click('receipt-reverse');
        await typeInto(s, 'reversal-amount', '10.00');
        await typeInto(s, 'reversal-reason', '重复计收的公摊电费退回');
        await snap(s, 'refund-request');
        await s.click('reversal-submit');
        await confirmModal(s, 'refund-request-confirm');
        await s.waitHook('pending-reversal', '退款 ¥10.00 待经理审批');
        await snap(s, 'refund-pending');
        const [req] = await t.query("SELECT id FROM fee_requests WHERE kind = 'refund' AND payment_id = ?", [paid.id]);

        // 3. the manager approves it: the ledger changes now, the money goes back through WeChat Pay
        const m = await b.open('staff', 'manager');
        await staffIn(m, 'manager1');
        await m.click('module-fee-approvals');
        await m.waitHook(`fee-request-${req.id}`, '退款 ¥10.00');
        await snap(m, 'manager-approvals');
        await m.click(`fee-request-${req.id} .e2e-decide-approve`);
        await confirmModal(m, 'approve-confirm');
        await m.waitText('没有待审批的申请');
        const no = `RV${req.id}`;
        const [wx] = await t.query('SELECT status FROM pay_refunds WHERE out_refund_no = ?', [no]);
        expect(wx.status).toBe('processing');
        await m.goto(`pages-cashier/receipt/index?id=${paid.id}`);
        await m.waitHook('receipt-refund', '退款中');
        await snap(m, 'receipt-refund-processing');

        // 4. the fake WeChat Pay returns the money and posts its signed, encrypted REFUND.SUCCESS callback
        const done = await t.post<{ status: number }>('/api/test/pay/finish-refund', { outRefundNo: no });
        expect(done.body.status).toBe(204);
        expect((await t.query('SELECT status FROM pay_refunds WHERE out_refund_no = ?', [no]))[0].status).toBe('success');

        // 5. the resident: 已退款 on the receipt and in 已缴记录, November open again for ¥10.00
        await r.goto(`pages-fees/receipt/index?id=${paid.id}`);
        expect(await hookText(r, 'receipt-refunded')).toContain(`已退款 ¥10.00，实收 ${yuan(amount - 1000)}`);
        expect(await hookText(r, 'receipt-refund')).toContain('微信原路退回：已退款');
        await snap(r, 'resident-receipt-refunded');
        await r.goto();
        await r.click('service-fee');
        await r.waitHook(`bill-line-${lines[1]}`, '¥10.00');
        await snap(r, 'resident-bill-reopened');
        await r.click('tab-paid');
        expect(await hookText(r, 'paid-refund')).toBe('已退款 ¥10.00');
        await snap(r, 'resident-paid-history');

        // 6. the manager's 微信支付对账 of the day: WeChat's trade bill matches ours
        await t.post('/api/test/jobs/pay-reconcile', { date: DAY });
        await m.goto(`pages-pay/recon/index?date=${DAY}`);
        await m.waitHook('recon-status', '已对账');
        expect(await hookText(m, 'recon-payments')).toBe(`收款 1 笔 · ${yuan(amount)} 1 笔 · ${yuan(amount)}`);
        expect(await hookText(m, 'recon-refunds')).toBe('退款 1 笔 · ¥10.00 1 笔 · ¥10.00');
        await m.waitHook('mismatch-count', '0 项');
        await snap(m, 'manager-reconciliation');
      }),
    240_000,
  );

  it(
    'a refund WeChat Pay cannot make (ABNORMAL) reaches the manager: the inbox notice opens 退款异常',
    () =>
      b.run('refund-failed', async () => {
        const [cashier, manager] = [await t.staff('cashier1'), await t.staff('manager1')];
        const req = await t.post<{ id: number; version: number }>(
          `/api/fees/payments/${paymentId}/reversals`,
          { kind: 'refund', amountCents: 500, reason: '物业费多收退回' },
          { token: cashier.accessToken },
        );
        await t.post(`/api/fees/reversals/${req.body.id}/decide`, { decision: 'approve', version: req.body.version }, { token: manager.accessToken });
        const no = `RV${req.body.id}`;
        expect((await t.post<{ status: number }>('/api/test/pay/finish-refund', { outRefundNo: no, status: 'ABNORMAL' })).body.status).toBe(204);

        const m = await b.open('staff', 'manager-failed');
        await staffIn(m, 'manager1');
        await m.goto('pages-notify/inbox/index');
        await m.waitHook('notification-pay_refund_failed', no);
        await snap(m, 'manager-inbox-refund-failed');
        await m.click('notification-pay_refund_failed');
        const card = await hookText(m, 'refund-failure', no);
        expect(card).toContain('¥5.00');
        expect(card).toContain('1栋1单元101');
        expect(card).toContain('物业费多收退回');
        expect(card).toContain('退款异常');
        await snap(m, 'manager-refund-failures');
        await m.goto(`pages-cashier/receipt/index?id=${paymentId}`);
        await m.waitHook('receipt-refund', '退款失败');
        await snap(m, 'receipt-refund-failed');
      }),
    120_000,
  );
});
