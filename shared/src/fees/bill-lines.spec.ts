import { billLineFor, BillableItem, itemSourceKey, openAmounts, runItemProblem } from './bill-lines';

const property: BillableItem = {
  id: 1,
  name: '物业服务费',
  kind: 'area',
  periodUnit: 'month',
  priceE4: 18_000,
  amountCents: null,
  dueDay: 15,
  startsOn: '2026-01-01',
};
const room = { id: 9, label: '1栋1单元101', areaCenti: 8956 };

describe('fees: bill lines', () => {
  it('one line per room × item × period, with its due date and how it was computed', () => {
    expect(billLineFor(property, room, '2026-11')).toEqual({
      amountCents: 16_121, // 89.56 × 1.80 = 161.208
      dueDate: '2026-12-15',
      sourceKey: 'item:1:2026-11',
      detail: { areaE2: 8956, priceE4: 18_000, months: 1 },
    });
    const q = billLineFor({ ...property, periodUnit: 'quarter' }, room, '2026-Q4');
    expect(q).toEqual(expect.objectContaining({ amountCents: 48_362, dueDate: '2027-01-15', detail: { areaE2: 8956, priceE4: 18_000, months: 3 } }));
    expect(billLineFor(property, { ...room, areaCenti: null }, '2026-11')).toEqual({ problem: '1栋1单元101 未登记建筑面积' });
    expect(itemSourceKey(1, '2026-11')).toBe('item:1:2026-11');
  });

  it('a periodic run bills area items of its unit that have started; the rest are listed', () => {
    expect(runItemProblem(property, '2026-11')).toBeNull();
    expect(runItemProblem(property, '2026-Q4')).toContain('与账期不符');
    expect(runItemProblem({ ...property, startsOn: '2026-12-01' }, '2026-11')).toBe('「物业服务费」自 2026-12-01 起执行，本期不收');
    expect(runItemProblem({ ...property, startsOn: '2026-11-30' }, '2026-11')).toBeNull();
    expect(runItemProblem({ ...property, kind: 'metered', name: '水费' }, '2026-11')).toBe('「水费」按表计量，抄表后出账，本次不包含');
    // fixed items are billed to the rooms with a contract (the run picks them)
    expect(runItemProblem({ ...property, kind: 'fixed' }, '2026-11')).toBeNull();
    expect(runItemProblem({ ...property, kind: 'fixed', periodUnit: 'quarter', name: '车位' }, '2026-11')).toBe('「车位」按季度计费，与账期不符，本次不包含');
    const parking = { ...property, kind: 'fixed' as const, periodUnit: 'quarter' as const, amountCents: 90_000 };
    expect(billLineFor(parking, { ...room, contractNote: '车位号 B-023' }, '2026-Q4')).toEqual({
      amountCents: 90_000,
      dueDate: '2027-01-15',
      sourceKey: 'item:1:2026-Q4',
      detail: { amountCents: 90_000, note: '车位号 B-023' },
    });
    expect(runItemProblem({ ...property, kind: 'one_off' }, '2026-11')).toContain('一次性');
  });

  it('what is open: the principal left and its late fee as of a date', () => {
    const rule = { dailyRatePpm: 500, graceDays: 0, capPercent: 100 };
    const line = { amountCents: 100_000, paidCents: 30_000, waivedCents: 0, dueDate: '2026-11-15' };
    const o = openAmounts(line, rule, '2026-11-25');
    expect(o.principalCents).toBe(70_000);
    expect(o.late.cents).toBe(350); // 700 × 0.0005 × 10
    expect(openAmounts({ ...line, paidCents: 100_000 }, rule, '2026-12-25').late.cents).toBe(0);
  });

  it('late fee already paid on the line (frozen by a payment) is not charged again', () => {
    const rule = { dailyRatePpm: 500, graceDays: 0, capPercent: 100 };
    const line = { amountCents: 100_000, paidCents: 0, waivedCents: 0, dueDate: '2026-11-15', lateFeePaidCents: 100 };
    const o = openAmounts(line, rule, '2026-11-25');
    expect(o.late.cents).toBe(400); // 500 − 100 paid
    expect(o.late.formula).toContain('已缴 ¥1.00，尚欠 ¥4.00');
    expect(openAmounts({ ...line, lateFeePaidCents: 900 }, rule, '2026-11-25').late.cents).toBe(0);
  });
});
