import { isQuarter, previousQuarter, publicIncomeProblems, publicIncomeTotals, quarterLabel } from './public-income';

describe('public income (公共收益公示)', () => {
  it('balance is income less use, in cents', () => {
    expect(
      publicIncomeTotals([
        { incomeCents: 1_200_000, expenseCents: 0 },
        { incomeCents: 860_050, expenseCents: 150_000 },
        { incomeCents: 0, expenseCents: 420_000 },
      ]),
    ).toEqual({ incomeCents: 2_060_050, expenseCents: 570_000, balanceCents: 1_490_050 });
    expect(publicIncomeTotals([{ incomeCents: 100, expenseCents: 300 }]).balanceCents).toBe(-200);
    expect(publicIncomeTotals([])).toEqual({ incomeCents: 0, expenseCents: 0, balanceCents: 0 });
  });

  it('quarters', () => {
    expect(isQuarter('2026-Q4')).toBe(true);
    expect(isQuarter('2026-Q5')).toBe(false);
    expect(isQuarter('1999-Q1')).toBe(false);
    expect(isQuarter('2026-11')).toBe(false);
    expect(quarterLabel('2026-Q3')).toBe('2026年第3季度');
    expect(previousQuarter('2026-01-15')).toBe('2025-Q4');
    expect(previousQuarter('2026-12-03')).toBe('2026-Q3');
  });

  it('problems in words', () => {
    const ok = { category: '广告收益' as const, incomeCents: 100, expenseCents: 0, note: '' };
    expect(publicIncomeProblems([ok])).toEqual([]);
    expect(publicIncomeProblems([]).map((p) => p.message)).toEqual(['请至少填写一项收益']);
    expect(publicIncomeProblems([{ ...ok, incomeCents: 0 }]).map((p) => p.message)).toEqual(['第 1 项的收入和支出不能都为 0']);
    expect(publicIncomeProblems([{ ...ok, incomeCents: 1.5 }])[0].field).toBe('rows.0.incomeCents');
    expect(publicIncomeProblems([{ ...ok, category: '彩票' as never }])[0].field).toBe('rows.0.category');
    expect(publicIncomeProblems([{ ...ok, note: 'x'.repeat(101) }])[0].field).toBe('rows.0.note');
    expect(publicIncomeProblems(Array.from({ length: 21 }, () => ok))[0].message).toBe('最多 20 项');
  });
});
