import { describe, expect, it } from '@jest/globals';
import { zhDate, zhDateTime } from './notice';

describe('zh dates (Asia/Shanghai)', () => {
  it('formats in Shanghai time', () => {
    expect(zhDate(new Date('2026-11-23T16:30:00Z'))).toBe('2026年11月24日');
    expect(zhDateTime(new Date('2026-11-23T02:05:00Z'))).toBe('11月23日 10:05');
  });
  it("reads midnight as the day before's 24:00, as the apps show a day's end", () => {
    expect(zhDateTime(new Date('2026-11-26T16:00:00Z'))).toBe('11月26日 24:00');
    expect(zhDateTime(new Date('2026-11-26T16:01:00Z'))).toBe('11月27日 00:01');
    expect(zhDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('12月31日 24:00');
  });
});
