import { FeeItemInput, feeItemProblems, feeMethodText, feeStandardText, lateFeeRuleText } from './fee-items';

const property: FeeItemInput = {
  name: '物业服务费',
  kind: 'area',
  payer: 'owner',
  periodUnit: 'month',
  priceE4: 18_000,
  tiers: null,
  meterUnit: null,
  amountCents: null,
  dueDay: 15,
  lateFeeRatePpm: 500,
  lateFeeGraceDays: 15,
  lateFeeCapPercent: 100,
  startsOn: '2026-01-01',
};
const water: FeeItemInput = {
  ...property,
  name: '水费',
  kind: 'metered',
  payer: 'occupant',
  priceE4: null,
  tiers: [
    { uptoE2: 2000, priceE4: 34_500 },
    { uptoE2: null, priceE4: 48_300 },
  ],
  meterUnit: 'm³',
  lateFeeRatePpm: 0,
};
const parking: FeeItemInput = { ...property, name: '车位租金', kind: 'fixed', periodUnit: 'quarter', priceE4: null, amountCents: 90_000 };

describe('fees: fee items', () => {
  it('accepts a valid item of each kind', () => {
    expect(feeItemProblems(property)).toEqual([]);
    expect(feeItemProblems(water)).toEqual([]);
    expect(feeItemProblems(parking)).toEqual([]);
    expect(feeItemProblems({ ...parking, kind: 'one_off', periodUnit: null })).toEqual([]);
  });

  it('names every field missing or contradicting the kind', () => {
    const fields = (i: FeeItemInput) => feeItemProblems(i).map((p) => p.field);
    expect(fields({ ...property, priceE4: null })).toEqual(['priceE4']);
    expect(fields({ ...property, priceE4: 0 })).toEqual(['priceE4']);
    expect(fields({ ...property, amountCents: 100 })).toEqual(['amountCents']);
    expect(fields({ ...property, tiers: [{ uptoE2: null, priceE4: 1 }] })).toEqual(['tiers']);
    expect(fields({ ...water, meterUnit: null })).toEqual(['meterUnit']);
    expect(fields({ ...water, tiers: [{ uptoE2: 100, priceE4: 1 }] })).toEqual(['tiers']);
    expect(fields({ ...parking, amountCents: 0 })).toEqual(['amountCents']);
    expect(fields({ ...parking, kind: 'one_off' })).toEqual(['periodUnit']);
    expect(fields({ ...property, periodUnit: null })).toEqual(['periodUnit']);
    expect(fields({ ...property, dueDay: 31, lateFeeGraceDays: -1, lateFeeCapPercent: 1001, lateFeeRatePpm: 1.5 })).toEqual([
      'dueDay',
      'lateFeeRatePpm',
      'lateFeeGraceDays',
      'lateFeeCapPercent',
    ]);
    expect(feeItemProblems({ ...property, priceE4: null })[0].message).toBe('请填写每平方米每月的单价');
  });

  it('prints the standard, the method and the late-fee rule as a price table does', () => {
    expect(feeStandardText(property)).toBe('1.80 元/㎡·月');
    expect(feeStandardText(water)).toBe('0–20 m³：3.45 元/m³；20 m³ 以上：4.83 元/m³');
    expect(feeStandardText({ ...water, tiers: [{ uptoE2: null, priceE4: 5653 }], meterUnit: 'kWh' })).toBe('0.5653 元/kWh');
    expect(feeStandardText(parking)).toBe('¥900.00/季度');
    expect(feeStandardText({ ...parking, kind: 'one_off', periodUnit: null, amountCents: 5000 })).toBe('¥50.00（一次性）');
    expect(feeMethodText(property)).toBe('按建筑面积按月计收');
    expect(feeMethodText(water)).toBe('按表计量，按月抄表计收');
    expect(feeMethodText(parking)).toBe('按季度定额计收');
    expect(lateFeeRuleText(property)).toBe('逾期 15 天后每日按欠费的万分之5加收，最高不超过本金的 100%');
    expect(lateFeeRuleText(water)).toBe('不收取滞纳金');
    expect(lateFeeRuleText({ ...property, lateFeeGraceDays: 0, lateFeeCapPercent: null })).toBe('逾期次日起每日按欠费的万分之5加收');
  });
});
