import { addCalendarDays, type CalendarOverride, WorkingCalendar } from './working-calendar';

/**
 * Mainland China public holiday arrangements (节假日安排) as published each year by the General Office of the State
 * Council (国务院办公厅关于 YYYY 年部分节假日安排的通知) — seed data for the admin-edited working calendar.
 *
 * Included, and nothing else:
 * - 2025, all seven holidays: 元旦, 春节, 清明节, 劳动节, 端午节, 国庆节·中秋节 (merged, 8 days), with the make-up
 *   working days. Source: 国办发明电〔2024〕12号 of 2024-11-12, the first year under the November 2024 revision of
 *   《全国年节及纪念日放假办法》 (春节 and 劳动节 one day longer).
 * - 2026, all seven holidays: 元旦, 春节 (9 days), 清明节, 劳动节, 端午节, 中秋节, 国庆节, with the make-up working
 *   days. Source: the notice of 2025-11-04 (Xinhua).
 *
 * Confidence: high for both years. Every date below was written from knowledge of the two notices, then checked
 * against the notice texts as reprinted from Xinhua (gmw.cn, 2024-11-12 and 2025-11-04), and the spec checks each
 * date against the weekday the notice gives (e.g. 2025-10-01 周三, 2026-02-15 周日). Not included: 2024 and earlier (not needed for live clocks) and 2027 onwards
 * (not published when this was written) — the admin enters each new year when the notice appears, usually in
 * November. Until then `cnWorkingCalendar` treats an uncovered year as weekends plus the fixed-date statutory days.
 */
export interface HolidayArrangement {
  name: string;
  /** first and last day off, inclusive (weekend days inside the range included) */
  off: readonly [string, string];
  /** make-up working days (调休上班) that belong to this holiday */
  workdays: readonly string[];
}

export const CN_HOLIDAY_ARRANGEMENTS: Readonly<Record<number, readonly HolidayArrangement[]>> = {
  2025: [
    { name: '元旦', off: ['2025-01-01', '2025-01-01'], workdays: [] },
    { name: '春节', off: ['2025-01-28', '2025-02-04'], workdays: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', off: ['2025-04-04', '2025-04-06'], workdays: [] },
    { name: '劳动节', off: ['2025-05-01', '2025-05-05'], workdays: ['2025-04-27'] },
    { name: '端午节', off: ['2025-05-31', '2025-06-02'], workdays: [] },
    { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], workdays: ['2025-09-28', '2025-10-11'] },
  ],
  2026: [
    { name: '元旦', off: ['2026-01-01', '2026-01-03'], workdays: ['2026-01-04'] },
    { name: '春节', off: ['2026-02-15', '2026-02-23'], workdays: ['2026-02-14', '2026-02-28'] },
    { name: '清明节', off: ['2026-04-04', '2026-04-06'], workdays: [] },
    { name: '劳动节', off: ['2026-05-01', '2026-05-05'], workdays: ['2026-05-09'] },
    { name: '端午节', off: ['2026-06-19', '2026-06-21'], workdays: [] },
    { name: '中秋节', off: ['2026-09-25', '2026-09-27'], workdays: [] },
    { name: '国庆节', off: ['2026-10-01', '2026-10-07'], workdays: ['2026-09-20', '2026-10-10'] },
  ],
};

export const CN_CALENDAR_YEARS: readonly number[] = Object.keys(CN_HOLIDAY_ARRANGEMENTS).map(Number);

/**
 * The statutory holidays on fixed Gregorian dates (《全国年节及纪念日放假办法》 as revised in 2024): 元旦 1/1,
 * 劳动节 5/1–5/2, 国庆节 10/1–10/3. Always days off, so safe to assume for a year not yet entered. The lunar ones
 * (春节, 端午节, 中秋节) and 清明 move and are not guessed.
 */
export const CN_FIXED_STATUTORY_DAYS: readonly string[] = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

/** One override per date: every day of each holiday range `off`, each make-up day `workday` (named 调休上班). */
export function arrangementOverrides(arrangements: readonly HolidayArrangement[]): CalendarOverride[] {
  const out: CalendarOverride[] = [];
  for (const a of arrangements) {
    for (let d = a.off[0]; d <= a.off[1]; d = addCalendarDays(d, 1)) out.push({ date: d, kind: 'off', name: a.name });
    for (const d of a.workdays) out.push({ date: d, kind: 'workday', name: `${a.name}调休上班` });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The seed overrides for the given years (default: every year included above). */
export function cnHolidayOverrides(years: readonly number[] = CN_CALENDAR_YEARS): CalendarOverride[] {
  return years.flatMap((y) => arrangementOverrides(CN_HOLIDAY_ARRANGEMENTS[y] ?? []));
}

/**
 * A calendar from the admin's overrides (as stored, per year) — or, without them, from the seed data above —
 * with the fixed-date statutory days as the fallback for years not entered.
 */
export function cnWorkingCalendar(overrides?: readonly CalendarOverride[], years?: readonly number[]): WorkingCalendar {
  return new WorkingCalendar(overrides ?? cnHolidayOverrides(), {
    years: years ?? (overrides ? undefined : CN_CALENDAR_YEARS),
    fallbackOffDays: CN_FIXED_STATUTORY_DAYS,
  });
}
