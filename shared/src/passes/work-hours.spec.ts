import { DEFAULT_WORK_HOURS, formatWorkHours, withinWorkHours, workHoursProblems } from './work-hours';

// 2026-12-07 is a Monday; Shanghai is UTC+8
const sh = (local: string) => new Date(`${local}+08:00`);

describe('decoration work hours', () => {
  it('admits weekday mornings and afternoons, refuses lunch, evenings and weekends', () => {
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-07T08:00:00'))).toBe(true);
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-07T11:59:59'))).toBe(true);
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-07T12:00:00'))).toBe(false);
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-07T14:30:00'))).toBe(true);
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-07T18:00:00'))).toBe(false);
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-07T07:59:00'))).toBe(false);
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-11T09:00:00'))).toBe(true); // Friday
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-12T09:00:00'))).toBe(false); // Saturday
    expect(withinWorkHours(DEFAULT_WORK_HOURS, sh('2026-12-13T09:00:00'))).toBe(false); // Sunday
  });

  it('reasons in Shanghai time across the UTC date line', () => {
    // 2026-12-07 01:00 UTC = Monday 09:00 in Shanghai
    expect(withinWorkHours(DEFAULT_WORK_HOURS, new Date('2026-12-07T01:00:00Z'))).toBe(true);
    // 2026-12-06 23:30 UTC = Monday 07:30 in Shanghai
    expect(withinWorkHours(DEFAULT_WORK_HOURS, new Date('2026-12-06T23:30:00Z'))).toBe(false);
  });

  it('checks a typed policy', () => {
    expect(workHoursProblems(DEFAULT_WORK_HOURS)).toEqual([]);
    expect(workHoursProblems({ days: [0], ranges: [{ from: '08:00', to: '12:00' }] })).toHaveLength(1);
    expect(workHoursProblems({ days: [1], ranges: [{ from: '12:00', to: '08:00' }] })).toEqual(['施工时段的开始须早于结束']);
    expect(
      workHoursProblems({
        days: [1],
        ranges: [
          { from: '08:00', to: '12:00' },
          { from: '11:00', to: '13:00' },
        ],
      }),
    ).toEqual(['施工时段不能重叠']);
    expect(workHoursProblems({ days: [1], ranges: [{ from: '8:00', to: '25:00' }] })).toEqual(['施工时段须为 HH:MM']);
    expect(workHoursProblems(null)).toHaveLength(1);
  });

  it('prints the policy', () => {
    expect(formatWorkHours(DEFAULT_WORK_HOURS)).toBe('周一至周五 08:00–12:00、14:00–18:00');
    expect(formatWorkHours({ days: [6, 7], ranges: [{ from: '09:00', to: '17:00' }] })).toBe('周六、周日 09:00–17:00');
  });
});
