import { arrangementOverrides, CN_CALENDAR_YEARS, CN_HOLIDAY_ARRANGEMENTS, cnHolidayOverrides, cnWorkingCalendar } from './holidays-cn';
import { checkCalendarOverrides, weekdayOf } from './working-calendar';

/** Each date with the weekday the State Council notice prints next to it (0 = 周日 … 6 = 周六). */
const NOTICE_WEEKDAYS: [string, number][] = [
  // 2025 (国办发明电〔2024〕12号)
  ['2025-01-01', 3],
  ['2025-01-28', 2],
  ['2025-02-04', 2],
  ['2025-01-26', 0],
  ['2025-02-08', 6],
  ['2025-04-04', 5],
  ['2025-04-06', 0],
  ['2025-05-01', 4],
  ['2025-05-05', 1],
  ['2025-04-27', 0],
  ['2025-05-31', 6],
  ['2025-06-02', 1],
  ['2025-10-01', 3],
  ['2025-10-08', 3],
  ['2025-09-28', 0],
  ['2025-10-11', 6],
  // 2026 (notice of 2025-11-04)
  ['2026-01-01', 4],
  ['2026-01-03', 6],
  ['2026-01-04', 0],
  ['2026-02-15', 0],
  ['2026-02-23', 1],
  ['2026-02-14', 6],
  ['2026-02-28', 6],
  ['2026-04-04', 6],
  ['2026-04-06', 1],
  ['2026-05-01', 5],
  ['2026-05-05', 2],
  ['2026-05-09', 6],
  ['2026-06-19', 5],
  ['2026-06-21', 0],
  ['2026-09-25', 5],
  ['2026-09-27', 0],
  ['2026-10-01', 4],
  ['2026-10-07', 3],
  ['2026-09-20', 0],
  ['2026-10-10', 6],
];

const days = (a: { off: readonly [string, string] }) => (Date.parse(a.off[1]) - Date.parse(a.off[0])) / 86_400_000 + 1;

describe('CN holiday arrangements', () => {
  it('covers exactly 2025 and 2026', () => expect(CN_CALENDAR_YEARS).toEqual([2025, 2026]));

  it('every date has the weekday the notice gives', () => {
    for (const [date, wd] of NOTICE_WEEKDAYS) expect([date, weekdayOf(date)]).toEqual([date, wd]);
  });

  it('the lengths the notices state (共 N 天)', () => {
    expect(CN_HOLIDAY_ARRANGEMENTS[2025].map((a) => [a.name, days(a)])).toEqual([
      ['元旦', 1],
      ['春节', 8],
      ['清明节', 3],
      ['劳动节', 5],
      ['端午节', 3],
      ['国庆节、中秋节', 8],
    ]);
    expect(CN_HOLIDAY_ARRANGEMENTS[2026].map((a) => [a.name, days(a)])).toEqual([
      ['元旦', 3],
      ['春节', 9],
      ['清明节', 3],
      ['劳动节', 5],
      ['端午节', 3],
      ['中秋节', 3],
      ['国庆节', 7],
    ]);
  });

  it('make-up days are all on weekends, never inside a holiday, and the seed passes the admin check', () => {
    for (const y of CN_CALENDAR_YEARS)
      for (const a of CN_HOLIDAY_ARRANGEMENTS[y])
        for (const w of a.workdays) {
          expect([0, 6]).toContain(weekdayOf(w));
          expect(w >= a.off[0] && w <= a.off[1]).toBe(false);
        }
    expect(checkCalendarOverrides(cnHolidayOverrides())).toEqual([]);
  });

  it('balances: weekdays off minus make-up days = the 13 statutory days a year (weekend ones given back on a weekday)', () => {
    for (const y of CN_CALENDAR_YEARS) {
      const o = cnHolidayOverrides([y]);
      const weekdaysOff = o.filter((d) => d.kind === 'off' && weekdayOf(d.date) % 6 !== 0).length;
      const makeUp = o.filter((d) => d.kind === 'workday').length;
      expect([y, weekdaysOff - makeUp]).toEqual([y, 13]);
    }
  });

  it('expands ranges into one override per day, named', () => {
    const o = arrangementOverrides(CN_HOLIDAY_ARRANGEMENTS[2025].filter((a) => a.name === '劳动节'));
    expect(o.map((d) => `${d.date}:${d.kind}`)).toEqual([
      '2025-04-27:workday',
      '2025-05-01:off',
      '2025-05-02:off',
      '2025-05-03:off',
      '2025-05-04:off',
      '2025-05-05:off',
    ]);
    expect(o[0].name).toBe('劳动节调休上班');
    expect(o[1].name).toBe('劳动节');
  });

  it('the default calendar is the seed with the fixed-date fallback', () => {
    const cal = cnWorkingCalendar();
    expect(cal.covers(2025)).toBe(true);
    expect(cal.covers(2024)).toBe(false);
    expect(cal.isWorkingDay('2024-10-02')).toBe(false); // fallback: 国庆 10/1–10/3
    expect(cal.isWorkingDay('2024-10-08')).toBe(true);
  });
});
