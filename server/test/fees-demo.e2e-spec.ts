import { ArrearsView, LoginResponse, monthBefore, Page, PaymentListItem, RoomBillsView, shanghaiDate, StatementView } from '@linli/shared';
import { TestApp } from './helpers/test-app';

/** The development demo (SEED_DEMO_BILLS): two months of 锦绣花园 bills and payments that the ledger agrees with. */
describe('fees: the demo ledger', () => {
  let t: TestApp;
  let manager: LoginResponse;
  let cashier: LoginResponse;
  let zhangsan: LoginResponse;
  let communityId: number;
  let roomId: number;
  const today = shanghaiDate(new Date());
  const [older, newer] = [monthBefore(today, 2), monthBefore(today, 1)];

  beforeAll(async () => {
    t = await TestApp.start({ SEED_DEMO_BILLS: 'true' });
    [manager, cashier] = await Promise.all([t.staff('manager1'), t.staff('cashier1')]);
    zhangsan = await t.resident('zhangsan');
    [{ id: roomId, community_id: communityId }] = await t.query(
      "SELECT id, community_id FROM rooms WHERE label = '1栋1单元101' AND community_id = (SELECT id FROM communities WHERE code = 'JXHY')",
    );
    communityId = Number(communityId);
  }, 180_000);
  afterAll(async () => t?.close());

  it('each month of the demo balances, and what was billed and paid is in it', async () => {
    // a period is billed on the 1st of the month after it: those are the months of the statement
    for (const month of [newer, monthBefore(today, 0)]) {
      const s = (await t.get<StatementView>(`/api/fees/statement?communityId=${communityId}&month=${month}`, { token: manager.accessToken })).body;
      expect(s.balanced).toBe(true);
      expect(s.totals.billed).toBeGreaterThan(0);
    }
    const [{ n, paid }] = await t.query("SELECT COUNT(*) AS n, SUM(amount_cents) AS paid FROM payments WHERE status = 'paid'");
    expect(Number(n)).toBeGreaterThan(0);
    const [{ closed }] = await t.query('SELECT SUM(amount_cents) AS closed FROM cashier_closes');
    expect(Number(closed)).toBe(Number(paid));
  });

  it('张三 has last-but-one month overdue; paid rooms have numbered receipts; the arrears list the overdue rooms', async () => {
    const bills = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${roomId}`, { token: zhangsan.accessToken })).body;
    const overdue = bills.open.find((l) => l.period === older)!;
    expect(overdue.overdue).toBe(true);
    if (overdue.lateFeeCents > 0) expect(overdue.lateFeeFormula).toMatch(/^滞纳金 = /);
    const [paid] = await t.query("SELECT room_id FROM payments WHERE status = 'paid' ORDER BY id LIMIT 1");
    const list = (await t.get<Page<PaymentListItem>>(`/api/fees/payments?roomId=${paid.room_id}`, { token: cashier.accessToken })).body;
    expect(list.items[0].receiptNo).toMatch(/^SJ-\d{8}-\d{4}$/);
    const arrears = (await t.get<ArrearsView>(`/api/fees/arrears?communityId=${communityId}&period=${older}`, { token: manager.accessToken })).body;
    expect(arrears.totals.overdueRooms).toBeGreaterThan(0);
    expect(arrears.totals.paidCents).toBeGreaterThan(0);
  });
});
