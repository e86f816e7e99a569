import { describe, expect, it } from '@jest/globals';
import { capitalAmount, isTaxId, takeBack } from './cashier';

describe('capitalAmount (大写金额)', () => {
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [1050, '壹拾元伍角整'],
    [10005, '壹佰元零伍分'],
    [16121, '壹佰陆拾壹元贰角壹分'],
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [100000, '壹仟元整'],
    [1000100, '壹万零壹元整'],
    [10000000, '壹拾万元整'],
    [100000000, '壹佰万元整'],
    [1010000000, '壹仟零壹拾万元整'],
    [10000000000, '壹亿元整'],
    [10000010000, '壹亿零壹佰元整'],
    [1200000700, '壹仟贰佰万零柒元整'],
    [32238, '叁佰贰拾贰元叁角捌分'],
    [100010, '壹仟元壹角整'],
  ])('%i 分 → %s', (cents, text) => expect(capitalAmount(cents)).toBe(text));
  it('refuses negative or fractional cents', () => {
    expect(() => capitalAmount(-1)).toThrow(RangeError);
    expect(() => capitalAmount(1.5)).toThrow(RangeError);
  });
});

describe('isTaxId', () => {
  it('accepts 15/18/20 uppercase letters and digits only', () => {
    expect(isTaxId('91310000MA1FL8XQ3B')).toBe(true);
    expect(isTaxId('310101123456789')).toBe(true);
    expect(isTaxId('31010112345678901234')).toBe(true);
    expect(isTaxId('91310000ma1fl8xq3b')).toBe(false);
    expect(isTaxId('9131000MA1FL8XQ3B')).toBe(false);
    expect(isTaxId('91310000-MA1FL8XQ3')).toBe(false);
  });
});

describe('takeBack (作废 / 退款)', () => {
  const held = [
    { billId: 1, order: 0, principalCents: 1000, lateFeeCents: 50 },
    { billId: 2, order: 1, principalCents: 2000, lateFeeCents: 30 },
  ];
  it('takes the newest line first, principal before late fee', () => {
    expect(takeBack(held, 2010)).toEqual([{ billId: 2, principalCents: 2000, lateFeeCents: 10 }]);
    expect(takeBack(held, 2100)).toEqual([
      { billId: 2, principalCents: 2000, lateFeeCents: 30 },
      { billId: 1, principalCents: 70, lateFeeCents: 0 },
    ]);
  });
  it('a void takes everything back', () => {
    expect(takeBack(held, 3080)).toEqual([
      { billId: 2, principalCents: 2000, lateFeeCents: 30 },
      { billId: 1, principalCents: 1000, lateFeeCents: 50 },
    ]);
  });
  it('refuses more than held, zero or fractions', () => {
    expect(takeBack(held, 3081)).toBeNull();
    expect(takeBack(held, 0)).toBeNull();
    expect(takeBack(held, 1.5)).toBeNull();
  });
});
