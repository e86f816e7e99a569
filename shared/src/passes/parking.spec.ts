import { describe, expect, it } from '@jest/globals';
import { parkingEndsOn, parkingIssueProblems } from './parking';
import { releaseItemsText, releaseProblems } from './item-release';

describe('parking pass terms', () => {
  it('ends the day before the same date a month or a quarter later, clamped to short months', () => {
    expect(parkingEndsOn('2026-03-15', 'monthly')).toBe('2026-04-14');
    expect(parkingEndsOn('2026-03-01', 'monthly')).toBe('2026-03-31');
    expect(parkingEndsOn('2026-01-31', 'monthly')).toBe('2026-02-28');
    expect(parkingEndsOn('2026-12-10', 'monthly')).toBe('2027-01-09');
    expect(parkingEndsOn('2026-11-30', 'quarterly')).toBe('2027-02-28');
    expect(parkingEndsOn('2026-10-01', 'quarterly')).toBe('2026-12-31');
  });
});

describe('parking issue rules', () => {
  const ok = { plate: '粤B12345', insuranceUntil: '2027-01-01', endsOn: '2026-12-31', today: '2026-12-03', overlapping: false };
  it('issues when the plate is valid, the insurance covers the period and no other pass overlaps', () => {
    expect(parkingIssueProblems(ok)).toEqual([]);
    expect(parkingIssueProblems({ ...ok, plate: '沪AD12345' })).toEqual([]);
  });
  it('names every reason otherwise', () => {
    expect(parkingIssueProblems({ ...ok, plate: '粤B1234' })).toEqual(['车牌号码格式不正确']);
    expect(parkingIssueProblems({ ...ok, insuranceUntil: '2026-12-30' })[0]).toContain('未覆盖');
    expect(parkingIssueProblems({ ...ok, overlapping: true })).toEqual(['该车牌在本小区已有有效期重叠的停车证']);
    expect(parkingIssueProblems({ ...ok, today: '2027-01-01' })[0]).toContain('有效期已过');
  });
});

describe('large-item release requests', () => {
  const r = { items: [{ name: '沙发', quantity: 1 }], date: '2026-12-05', from: '09:00', to: '11:00' };
  it('accepts 1–20 named lines on a day from today to 30 days ahead in an ordered window', () => {
    expect(releaseProblems(r, '2026-12-03', '2027-01-02')).toEqual([]);
    expect(releaseItemsText([...r.items, { name: '冰箱', quantity: 2 }])).toBe('沙发 ×1、冰箱 ×2');
  });
  it('refuses empty or too long lists, bad lines, past or far days and inverted windows', () => {
    expect(releaseProblems({ ...r, items: [] }, '2026-12-03', '2027-01-02')).toHaveLength(1);
    expect(releaseProblems({ ...r, items: Array(21).fill(r.items[0]) }, '2026-12-03', '2027-01-02')).toHaveLength(1);
    expect(releaseProblems({ ...r, items: [{ name: ' ', quantity: 1 }] }, '2026-12-03', '2027-01-02')).toHaveLength(1);
    expect(releaseProblems({ ...r, date: '2026-12-02' }, '2026-12-03', '2027-01-02')).toEqual(['放行日期不能早于今天']);
    expect(releaseProblems({ ...r, date: '2027-01-03' }, '2026-12-03', '2027-01-02')).toHaveLength(1);
    expect(releaseProblems({ ...r, from: '11:00', to: '09:00' }, '2026-12-03', '2027-01-02')).toHaveLength(1);
  });
});
