import { meteredLineFor, runItemProblem, BillableItem } from './bill-lines';
import { decideReading, meteredBasisText, outlierReason, readingUsage, shiftPeriod } from './meter-readings';

describe('meter readings (抄表)', () => {
  it('usage is the current reading minus the previous one; the first reading is the start (usage 0)', () => {
    expect(readingUsage({ previousE2: 12_300, readingE2: 14_550, replacement: null })).toEqual({ usageE2: 2_250 });
    expect(readingUsage({ previousE2: 12_300, readingE2: 12_300, replacement: null })).toEqual({ usageE2: 0 });
    expect(readingUsage({ previousE2: null, readingE2: 50_000, replacement: null })).toEqual({ usageE2: 0 });
  });

  it('a reading below the previous one is refused unless the meter was replaced', () => {
    const r = readingUsage({ previousE2: 12_300, readingE2: 500, replacement: null });
    expect(r).toEqual({ problem: '本期读数 5.00 小于上期读数 123.00；如已换表，请登记换表（旧表止码、新表起码）' });
    // old meter 123.00 → 130.00 (7.00), new meter 0.00 → 5.00 (5.00)
    expect(readingUsage({ previousE2: 12_300, readingE2: 500, replacement: { oldFinalE2: 13_000, newStartE2: 0 } })).toEqual({ usageE2: 1_200 });
  });

  it('a replacement must be consistent with both dials', () => {
    expect(readingUsage({ previousE2: 12_300, readingE2: 500, replacement: { oldFinalE2: 12_000, newStartE2: 0 } })).toEqual({
      problem: '旧表止码 120.00 不能小于上期读数 123.00',
    });
    expect(readingUsage({ previousE2: 12_300, readingE2: 500, replacement: { oldFinalE2: 13_000, newStartE2: 600 } })).toEqual({
      problem: '本期读数 5.00 不能小于新表起码 6.00',
    });
    expect(readingUsage({ previousE2: null, readingE2: 500, replacement: { oldFinalE2: 0, newStartE2: 0 } })).toEqual({
      problem: '该表尚无上期读数，首次抄表无需登记换表',
    });
  });

  it('bad numbers are refused, never thrown', () => {
    for (const readingE2 of [-1, 1.5, Number.NaN, 10 ** 12]) expect('problem' in readingUsage({ previousE2: 0, readingE2, replacement: null })).toBe(true);
    expect('problem' in readingUsage({ previousE2: 0, readingE2: 5, replacement: { oldFinalE2: -3, newStartE2: 0 } })).toBe(true);
  });

  it('an outlier is a usage over 3 × the average of the history; no history holds nothing; a zero average holds any usage', () => {
    expect(outlierReason(10_000, [])).toBeNull();
    expect(outlierReason(1_500, [500, 500])).toBeNull(); // exactly 3 ×
    expect(outlierReason(1_501, [500, 500], 'm³')).toBe('本期用量 15.01 m³ 超过近 6 个月平均用量 5.00 m³ 的 3 倍，请核实后审核');
    expect(outlierReason(0, [0, 0])).toBeNull();
    expect(outlierReason(100, [0, 0], 'kWh')).toBe('本期用量 1.00 kWh，近 6 个月平均用量为 0，请核实后审核');
  });

  it('periods shift by months, quarters by whole quarters', () => {
    expect(shiftPeriod('2026-11', -6)).toBe('2026-05');
    expect(shiftPeriod('2026-03', -6)).toBe('2025-09');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-Q1', -6)).toBe('2025-Q3');
  });

  const water: BillableItem = {
    id: 7,
    name: '水费',
    kind: 'metered',
    periodUnit: 'month',
    priceE4: null,
    amountCents: null,
    dueDay: 20,
    startsOn: '2026-01-01',
    tiers: [
      { uptoE2: 2000, priceE4: 34_500 },
      { uptoE2: 3000, priceE4: 48_300 },
      { uptoE2: null, priceE4: 58_300 },
    ],
    meterUnit: 'm³',
  };
  const room = { id: 1, label: '1栋1单元101', areaCenti: null };

  it('a metered line bills the usage by tiers and says how', () => {
    const d = meteredLineFor(water, room, { previousE2: 12_300, readingE2: 14_550, usageE2: 2_250, oldFinalE2: null, newStartE2: null }, '2026-11');
    if ('problem' in d) throw new Error(d.problem);
    // 20 × 3.45 + 2.5 × 4.83 = 69.00 + 12.075 → 81.08
    expect(d).toEqual(expect.objectContaining({ amountCents: 8_108, dueDate: '2026-12-20', sourceKey: 'item:7:2026-11' }));
    expect(meteredBasisText(d.detail as never)).toBe('上期 123.00 → 本期 145.50，用量 22.50 m³：20.00 m³ × 3.45 元 + 2.50 m³ × 4.83 元');
    const flat = { ...water, tiers: [{ uptoE2: null, priceE4: 5_653 }], meterUnit: 'kWh' };
    const e = meteredLineFor(flat, room, { previousE2: 100, readingE2: 600, usageE2: 1_200, oldFinalE2: 800, newStartE2: 0 }, '2026-11');
    if ('problem' in e) throw new Error(e.problem);
    expect(e.amountCents).toBe(678);
    expect(meteredBasisText(e.detail as never)).toBe('上期 1.00 → 旧表止码 8.00，换表后新表起码 0.00 → 本期 6.00，用量 12.00 kWh × 0.5653 元/kWh');
    expect(meteredLineFor(water, room, { previousE2: null, readingE2: 5, usageE2: 0, oldFinalE2: null, newStartE2: null }, '2026-11')).toEqual({
      problem: '1栋1单元101 为首次抄表（起始读数），本期不计费',
    });
  });

  it('a run includes a metered item only once its period has readings', () => {
    expect(runItemProblem(water, '2026-11')).toBe('「水费」按表计量，抄表后出账，本次不包含');
    expect(runItemProblem(water, '2026-11', true)).toBeNull();
    expect(runItemProblem(water, '2026-Q4', true)).toBe('「水费」按月计费，与账期不符，本次不包含');
  });
});

describe('deciding a reading against the room’s other readings', () => {
  const h = (period: string, readingE2: number, usageE2: number, previousE2: number | null = 0, status: 'recorded' | 'held' | 'billed' = 'billed') => ({
    period,
    readingE2,
    usageE2,
    previousE2,
    status,
  });
  it('takes the latest earlier reading as previous and the last 6 months as history', () => {
    const others = [h('2026-04', 1_000, 9_000), h('2026-09', 1_000, 0, null), h('2026-10', 1_500, 500)];
    expect(decideReading(others, '2026-11', { readingE2: 2_000, replacement: null })).toEqual({
      previousE2: 1_500,
      usageE2: 500,
      status: 'recorded',
      holdReason: null,
    });
    // 04 is outside the window and the first reading (09) does not count: average 5.00
    expect(decideReading(others, '2026-11', { readingE2: 3_100, replacement: null })).toEqual(expect.objectContaining({ usageE2: 1_600, status: 'held' }));
  });
  it('refuses when a later period has a reading; a first reading is never held', () => {
    expect(decideReading([h('2026-12', 5, 5)], '2026-11', { readingE2: 1, replacement: null })).toEqual({
      problem: '已有 2026-12 的读数，不能录入或修改更早月份的读数',
    });
    expect(decideReading([], '2026-11', { readingE2: 99_999, replacement: null })).toEqual({
      previousE2: null,
      usageE2: 0,
      status: 'recorded',
      holdReason: null,
    });
    expect(decideReading([h('2026-10', 2_000, 0)], '2026-11', { readingE2: 1_000, replacement: null })).toEqual({
      problem: expect.stringContaining('小于上期读数 20.00'),
    });
  });
});
