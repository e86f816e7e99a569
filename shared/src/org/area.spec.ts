import { formatAreaCenti, parseAreaCenti } from './area';

describe('parseAreaCenti', () => {
  it('converts m² with up to 2 decimals to integer centi-m² without floating point', () => {
    expect(parseAreaCenti('89.56')).toBe(8956);
    expect(parseAreaCenti('124.3')).toBe(12430);
    expect(parseAreaCenti('100')).toBe(10000);
    expect(parseAreaCenti('0.01')).toBe(1);
    expect(parseAreaCenti('0')).toBe(0);
    // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseAreaCenti('0.29')).toBe(29);
    expect(parseAreaCenti('1.15')).toBe(115);
    expect(parseAreaCenti('9999999.99')).toBe(999_999_999);
    expect(parseAreaCenti('007.5')).toBe(750);
  });

  it('trims, and treats empty as unknown (null)', () => {
    expect(parseAreaCenti(' 89.56 ')).toBe(8956);
    expect(parseAreaCenti('')).toBeNull();
    expect(parseAreaCenti('   ')).toBeNull();
  });

  it('anything else is NaN', () => {
    for (const bad of ['89.567', '-1', '+1', '1e3', 'abc', '89.', '.5', '1,234.5', '12 34', '12345678', '89.56m²', '８９', 'NaN', 'Infinity', '0x10']) {
      expect(parseAreaCenti(bad)).toBeNaN();
    }
  });
});

describe('formatAreaCenti', () => {
  it('writes centi-m² back as the m² a person types, and round-trips', () => {
    expect(formatAreaCenti(8956)).toBe('89.56');
    expect(formatAreaCenti(12430)).toBe('124.3');
    expect(formatAreaCenti(10000)).toBe('100');
    expect(formatAreaCenti(1)).toBe('0.01');
    expect(formatAreaCenti(null)).toBe('');
    for (const c of [0, 1, 29, 115, 8956, 12430, 999_999_999]) expect(parseAreaCenti(formatAreaCenti(c))).toBe(c);
  });
});
