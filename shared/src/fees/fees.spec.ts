import { allocatePayment } from './allocation';
import { areaFeeCents, fixedFeeCents, meteredFeeCents, PriceTier, tierBreakdown, tierProblem } from './fee-amounts';
import { formatDailyRate, lateFee } from './late-fee';
import { divRoundHalfUp, formatPriceE4, formatYuan, MAX_AREA_E2, MAX_PRICE_E4, parseScaled } from './money';
import { dueDateOf, isPeriod, monthBefore, periodDays, periodLabel, periodOf, receiptNo } from './periods';
import { closingArrears, collectionRateBp, unbalanced } from './statement';

describe('fees: money', () => {
  it('rounds half up once, exactly', () => {
    expect(divRoundHalfUp(5, 10)).toBe(1);
    expect(divRoundHalfUp(4999, 10_000)).toBe(0);
    expect(divRoundHalfUp(5000, 10_000)).toBe(1);
    expect(divRoundHalfUp(0, 7)).toBe(0);
    expect(() => divRoundHalfUp(-1, 2)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1.5, 2)).toThrow(RangeError);
  });

  it('formats yuan with thousands separators and prices without float noise', () => {
    expect(formatYuan(1250)).toBe('¥12.50');
    expect(formatYuan(123_456_789)).toBe('¥1,234,567.89');
    expect(formatYuan(-300)).toBe('-¥3.00');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatPriceE4(18_000)).toBe('1.80');
    expect(formatPriceE4(5653)).toBe('0.5653');
    expect(formatPriceE4(34_500)).toBe('3.45');
    expect(formatPriceE4(23_450)).toBe('2.345');
  });
});

describe('fees: amounts', () => {
  it('area × price × months, rounded once at the fen (0.5 fen rounds up)', () => {
    // 89.57 m² × 1.80 元 = 161.226 → ¥161.23
    expect(areaFeeCents(8957, 18_000)).toBe(16_123);
    expect(areaFeeCents(10_000, 0)).toBe(0);
    expect(areaFeeCents(100, 50)).toBe(1); // 1 m² × 0.005 元 = 0.5 分 → 1 分
    expect(areaFeeCents(100, 49)).toBe(0); // 0.49 分 → 0
    // quarterly: 3 months at once, rounded once (not three roundings)
    expect(areaFeeCents(8957, 18_000, 3)).toBe(48_368); // 483.678
    expect(3 * areaFeeCents(8957, 18_000)).toBe(48_369);
  });

  it('huge areas and prices stay exact; out-of-range inputs are refused', () => {
    // 100,000 m² × ¥1,000 × 12 months = ¥1.2 billion
    expect(areaFeeCents(MAX_AREA_E2, MAX_PRICE_E4, 12)).toBe(120_000_000_000);
    expect(() => areaFeeCents(MAX_AREA_E2 + 1, 1)).toThrow(RangeError);
    expect(() => areaFeeCents(-1, 1)).toThrow(RangeError);
    expect(() => areaFeeCents(100.5, 1)).toThrow(RangeError);
    expect(() => areaFeeCents(100, 1, 13)).toThrow(RangeError);
  });

  const water: PriceTier[] = [
    { uptoE2: 2000, priceE4: 34_500 },
    { uptoE2: 3000, priceE4: 48_300 },
    { uptoE2: null, priceE4: 58_300 },
  ];

  it('tiered meters: each tier priced exactly, one rounding for the line', () => {
    expect(meteredFeeCents(0, water)).toBe(0); // zero reading delta
    expect(meteredFeeCents(1234, water)).toBe(4257); // 12.34 × 3.45 = 42.573
    expect(meteredFeeCents(2000, water)).toBe(6900);
    // 20 × 3.45 + 10 × 4.83 + 5.5 × 5.83 = 69 + 48.3 + 32.065 = 149.365 → 149.37
    expect(meteredFeeCents(3550, water)).toBe(14_937);
    expect(tierBreakdown(3550, water)).toEqual([
      { fromE2: 0, toE2: 2000, priceE4: 34_500 },
      { fromE2: 2000, toE2: 3000, priceE4: 48_300 },
      { fromE2: 3000, toE2: 3550, priceE4: 58_300 },
    ]);
    expect(tierBreakdown(0, water)).toEqual([]);
    // one flat tier = quantity × price
    expect(meteredFeeCents(12_345, [{ uptoE2: null, priceE4: 5653 }])).toBe(6979); // 123.45 × 0.5653 = 69.786...
  });

  it('tiers must rise and end open', () => {
    expect(tierProblem(water)).toBeNull();
    expect(tierProblem([])).toBe('至少需要一档价格');
    expect(tierProblem([{ uptoE2: 100, priceE4: 1 }])).toBe('最后一档应不设上限');
    expect(
      tierProblem([
        { uptoE2: null, priceE4: 1 },
        { uptoE2: null, priceE4: 2 },
      ]),
    ).toBe('第 1 档需要上限');
    expect(
      tierProblem([
        { uptoE2: 100, priceE4: 1 },
        { uptoE2: 100, priceE4: 2 },
        { uptoE2: null, priceE4: 3 },
      ]),
    ).toBe('第 2 档上限应大于上一档');
    expect(() => meteredFeeCents(100, [])).toThrow(RangeError);
  });

  it('fixed fees per period', () => {
    expect(fixedFeeCents(30_000)).toBe(30_000);
    expect(fixedFeeCents(30_000, 3)).toBe(90_000);
    expect(() => fixedFeeCents(-1)).toThrow(RangeError);
  });
});

describe('fees: late fee (滞纳金)', () => {
  const rule = { dailyRatePpm: 500, graceDays: 0, capPercent: null };

  it('simple interest per day after the due date, itemised with its formula', () => {
    expect(lateFee(100_000, '2026-11-15', '2026-11-15', rule)).toEqual(expect.objectContaining({ cents: 0, days: 0 }));
    const f = lateFee(100_000, '2026-11-15', '2026-11-27', rule);
    expect(f).toEqual(expect.objectContaining({ cents: 600, days: 12, cappedAt: null }));
    expect(f.formula).toBe('滞纳金 = ¥1,000.00 × 万分之5/天 × 12 天 = ¥6.00');
    // before the due date: nothing, never negative
    expect(lateFee(100_000, '2026-11-15', '2026-11-01', rule).cents).toBe(0);
  });

  it('grace days, 0.5 fen rounding, and the cap', () => {
    expect(lateFee(100_000, '2026-11-15', '2026-11-20', { ...rule, graceDays: 5 }).days).toBe(0);
    expect(lateFee(100_000, '2026-11-15', '2026-11-21', { ...rule, graceDays: 5 }).days).toBe(1);
    // 1 分 × 500 ppm × 1000 days = 0.5 分 → 1 分
    expect(lateFee(1, '2020-01-01', '2022-09-27', rule).cents).toBe(1);
    const capped = lateFee(10_000, '2020-01-01', '2026-01-01', { ...rule, capPercent: 100 });
    expect(capped.cents).toBe(10_000);
    expect(capped.cappedAt).toBe(10_000);
    expect(capped.formula).toContain('以本金的 100% 为上限：¥100.00');
    // across a month and a year end
    expect(lateFee(100_000, '2026-12-31', '2027-01-01', rule).days).toBe(1);
  });

  it('writes rates as a bill does', () => {
    expect(formatDailyRate(500)).toBe('万分之5');
    expect(formatDailyRate(3000)).toBe('千分之3');
    expect(formatDailyRate(250)).toBe('0.025%');
  });
});

describe('fees: allocation', () => {
  const bills = [
    { id: 7, period: '2026-11', principalCents: 16_123, lateFeeCents: 0 },
    { id: 3, period: '2026-10', principalCents: 16_123, lateFeeCents: 250 },
  ];

  it('oldest bill first, its late fee before its principal', () => {
    expect(allocatePayment(bills, 200)).toEqual([{ billId: 3, lateFeeCents: 200, principalCents: 0 }]);
    expect(allocatePayment(bills, 20_000)).toEqual([
      { billId: 3, lateFeeCents: 250, principalCents: 16_123 },
      { billId: 7, lateFeeCents: 0, principalCents: 3627 },
    ]);
    expect(allocatePayment(bills, 32_496)).toEqual([
      { billId: 3, lateFeeCents: 250, principalCents: 16_123 },
      { billId: 7, lateFeeCents: 0, principalCents: 16_123 },
    ]);
  });

  it('refuses more than is open, zero, negative and fractions', () => {
    expect(allocatePayment(bills, 32_497)).toBeNull();
    expect(allocatePayment(bills, 0)).toBeNull();
    expect(allocatePayment(bills, -5)).toBeNull();
    expect(allocatePayment(bills, 10.5)).toBeNull();
    expect(allocatePayment([], 1)).toBeNull();
  });
});

describe('fees: periods, receipts, statements', () => {
  it('periods', () => {
    expect(isPeriod('2026-11')).toBe(true);
    expect(isPeriod('2026-Q4', 'quarter')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-Q5')).toBe(false);
    expect(isPeriod('1999-01')).toBe(false);
    expect(isPeriod('2026-11', 'quarter')).toBe(false);
    expect(periodOf('2026-11-30', 'month')).toBe('2026-11');
    expect(periodOf('2026-11-30', 'quarter')).toBe('2026-Q4');
    expect(periodDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', months: 1 });
    expect(periodDays('2028-02').to).toBe('2028-02-29');
    expect(periodDays('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', months: 3 });
    expect(periodLabel('2026-Q4')).toBe('2026年第4季度');
    expect(periodLabel('2026-01')).toBe('2026年1月');
    expect(dueDateOf('2026-11', 15)).toBe('2026-12-15');
    expect(dueDateOf('2026-12', 15)).toBe('2027-01-15');
    expect(dueDateOf('2026-Q4', 10)).toBe('2027-01-10');
    expect(dueDateOf('2026-01', 28)).toBe('2026-02-28');
    expect(() => dueDateOf('2026-01', 31)).toThrow(RangeError);
  });

  it('receipt numbers', () => {
    expect(receiptNo('2026-12-02', 7)).toBe('SJ-20261202-0007');
    expect(() => receiptNo('2026-12-02', 0)).toThrow(RangeError);
    expect(() => receiptNo('2026-12-02', 10_000)).toThrow(RangeError);
  });

  it('the month-end identity and the collection rate', () => {
    const line = { openingArrears: 50_000, billed: 320_000, paid: 300_000, waived: 10_000, refunded: 2000 };
    expect(closingArrears(line)).toBe(62_000);
    expect(unbalanced([{ ...line, closingArrears: 62_000 }])).toEqual([]);
    expect(unbalanced([{ ...line, closingArrears: 62_001 }])).toHaveLength(1);
    expect(collectionRateBp(9512, 10_000)).toBe(9512);
    expect(collectionRateBp(0, 0)).toBeNull();
  });
});

describe('fees: typed amounts', () => {
  it('parses decimals to scaled integers without floats', () => {
    expect(parseScaled('1.80', 4)).toBe(18_000);
    expect(parseScaled('0.5653', 4)).toBe(5653);
    expect(parseScaled(' 89.57 ', 2)).toBe(8957);
    expect(parseScaled('300', 2)).toBe(30_000);
    expect(parseScaled('0.1', 2)).toBe(10);
    expect(parseScaled('1.005', 2)).toBeNull();
    expect(parseScaled('-1', 2)).toBeNull();
    expect(parseScaled('1e3', 2)).toBeNull();
    expect(parseScaled('', 2)).toBeNull();
    expect(parseScaled('1,000', 2)).toBeNull();
    expect(parseScaled('1001', 4, 10_000_000)).toBeNull();
  });
});

describe('monthBefore', () => {
  it('steps back across year ends', () => {
    expect(monthBefore('2026-12-03', 0)).toBe('2026-12');
    expect(monthBefore('2026-12-31', 2)).toBe('2026-10');
    expect(monthBefore('2027-01-15', 1)).toBe('2026-12');
    expect(monthBefore('2027-02-28', 14)).toBe('2025-12');
  });
});
