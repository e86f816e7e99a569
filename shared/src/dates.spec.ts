import { isRealDate, isOrdered, parseInstant } from './dates';

const iso = (s: string) => parseInstant(s)?.toISOString() ?? null;

describe('strict dates', () => {
  it('calendar dates: real days only, leap years right, sane years', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '2026-12-31', '1995-06-01', '2100-01-01']) expect([ok, isRealDate(ok)]).toEqual([ok, true]);
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-99-99',
      '2026-00-00',
      '2026-13-01',
      '0001-01-01',
      '9999-12-31',
      '2026-1-1',
      '20260101',
      '2026-W05',
      ' 2026-01-01',
      '',
      20260101,
      null,
    ])
      expect([bad, isRealDate(bad)]).toEqual([bad, false]);
  });

  it('instants: explicit offsets as given, bare dates and times in Asia/Shanghai', () => {
    expect(iso('2026-11-20T09:30:00Z')).toBe('2026-11-20T09:30:00.000Z');
    expect(iso('2026-11-20T09:30:00.123Z')).toBe('2026-11-20T09:30:00.123Z');
    expect(iso('2026-11-20T09:30:00.123456Z')).toBe('2026-11-20T09:30:00.123Z');
    expect(iso('2026-11-20T09:30:00+08:00')).toBe('2026-11-20T01:30:00.000Z');
    expect(iso('2026-11-20T09:30-0500')).toBe('2026-11-20T14:30:00.000Z');
    expect(iso('2026-11-20T09:30')).toBe('2026-11-20T01:30:00.000Z');
    expect(iso('2026-11-20 09:30:00')).toBe('2026-11-20T01:30:00.000Z');
    expect(iso('2026-11-20')).toBe('2026-11-19T16:00:00.000Z');
  });

  it('instants: impossible or foreign forms are refused, never shifted', () => {
    for (const bad of [
      '2026-02-30',
      '2026-02-30T10:00:00Z',
      '0001-01-01',
      '9999-12-31',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:60Z',
      '2026-01-01T10:00:00+25:00',
      '2026-W05',
      '2026-123',
      '2026',
      '+002026-01-01',
      'yesterday',
      '',
      1767225600000,
    ])
      expect([bad, parseInstant(bad)]).toEqual([bad, null]);
  });

  it('ordered: to not before from; missing or invalid ends are left to their own checks', () => {
    expect(isOrdered('2026-11-01', '2026-11-30')).toBe(true);
    expect(isOrdered('2026-11-30', '2026-11-30')).toBe(true);
    expect(isOrdered('2026-11-30', '2026-11-01')).toBe(false);
    expect(isOrdered('2026-11-30T10:00:00Z', '2026-11-30T09:59:59Z')).toBe(false);
    expect(isOrdered(undefined, '2026-11-01')).toBe(true);
    expect(isOrdered('2026-99-99', '2026-11-01')).toBe(true);
  });
});
