import { formatDue, formatDueDate } from './due-format';

describe('formatDue — one deadline format', () => {
  it('reads a midnight deadline as the end of the day before (24:00), not 00:00 of the next', () => {
    // 2026-12-08 00:00 Asia/Shanghai
    expect(formatDue(new Date('2026-12-07T16:00:00Z'))).toBe('12月7日 24:00');
    expect(formatDue('2026-12-07T16:00:00.000Z')).toBe('12月7日 24:00');
    expect(formatDue(new Date('2026-12-31T16:00:00Z'), { year: true })).toBe('2026年12月31日 24:00');
  });

  it('writes other times as they are, in Asia/Shanghai', () => {
    expect(formatDue(new Date('2026-11-23T02:05:00Z'))).toBe('11月23日 10:05');
    expect(formatDue(new Date('2026-12-07T16:01:00Z'))).toBe('12月8日 00:01');
    expect(formatDue(new Date('2026-12-07T15:59:59Z'))).toBe('12月7日 23:59');
    expect(formatDue(new Date('2026-01-01T01:00:00Z'), { year: true })).toBe('2026年1月1日 09:00');
  });

  it('gives nothing for nothing and the input back when unreadable', () => {
    expect(formatDue(null)).toBe('');
    expect(formatDue(undefined)).toBe('');
    expect(formatDue('later')).toBe('later');
  });

  it('writes a due date (a local day) as its 24:00, the same as the instant', () => {
    expect(formatDueDate('2026-12-07')).toBe('12月7日 24:00');
    expect(formatDueDate('2026-12-07')).toBe(formatDue(new Date('2026-12-07T16:00:00Z')));
    expect(formatDueDate('2027-01-05', { year: true })).toBe('2027年1月5日 24:00');
    expect(formatDueDate(null)).toBe('');
  });
});
