import { maskName, passState, visitorWindow } from './visitor-pass';

describe('visitor passes', () => {
  const now = new Date('2026-12-03T02:00:00Z'); // 10:00 in Shanghai

  it('masks all but the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('')).toBe('');
  });

  it('runs from now (today) or the day’s 00:00 to 24:00 of the last day', () => {
    expect(visitorWindow('2026-12-03', 1, 7, now)).toEqual({ from: now, until: new Date('2026-12-03T16:00:00Z') });
    expect(visitorWindow('2026-12-05', 2, 7, now)).toEqual({ from: new Date('2026-12-04T16:00:00Z'), until: new Date('2026-12-06T16:00:00Z') });
  });

  it('refuses a past start, too many days and a bad date', () => {
    expect(visitorWindow('2026-12-02', 1, 7, now)).toEqual({ problem: '开始日期不能早于今天' });
    expect(visitorWindow('2026-12-03', 8, 7, now)).toEqual({ problem: '访客通行证最长 7 天' });
    expect(visitorWindow('2026-12-03', 4, 3, now)).toEqual({ problem: '访客通行证最长 3 天' });
    expect(visitorWindow('2026-02-30', 1, 7, now)).toEqual({ problem: '请选择开始日期' });
    expect(visitorWindow('2027-02-01', 1, 7, now)).toEqual({ problem: '开始日期不能晚于 30 天后' });
  });

  it('derives the state from status, window and entries', () => {
    const p = { status: 'active' as const, validFrom: now, validUntil: new Date(now.getTime() + 3600_000), entriesTotal: 1, entriesUsed: 0 };
    expect(passState(p, now)).toBe('active');
    expect(passState({ ...p, entriesUsed: 1 }, now)).toBe('used_up');
    expect(passState(p, new Date(now.getTime() + 3600_000))).toBe('expired');
    expect(passState(p, new Date(now.getTime() - 1))).toBe('not_yet_valid');
    expect(passState({ ...p, status: 'revoked' }, now)).toBe('revoked');
    expect(passState({ ...p, status: 'review' }, now)).toBe('pending');
  });
});
