import { SHANGHAI_OFFSET_MS, shanghaiDate } from './shanghai-time';

/**
 * Working days (工作日) in Asia/Shanghai, for clocks counted in working days (the complaint written reply).
 *
 * A day is a working day unless the calendar says otherwise: Monday–Friday work, Saturday and Sunday off, and
 * per-date overrides on top — `off` for public holidays (法定节假日 and the weekdays moved into them), `workday`
 * for make-up working days (调休上班, usually a Saturday or Sunday). The admin keeps the overrides per year
 * (`holidays-cn.ts` holds the State Council arrangements as seed data).
 *
 * Dates are local Asia/Shanghai calendar dates, 'YYYY-MM-DD'; instants are `Date`s. Asia/Shanghai is UTC+8 all
 * year, so a local day is [date 00:00, next date 00:00) at a fixed offset.
 *
 * All clock arithmetic in working days lives here; nothing else should count days.
 */

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export type CalendarDayKind = 'off' | 'workday';

export interface CalendarOverride {
  /** local date, YYYY-MM-DD */
  date: string;
  kind: CalendarDayKind;
  /** e.g. 国庆节 / 调休上班; shown in the admin editor */
  name?: string;
}

export interface WorkingCalendarOptions {
  /**
   * The years whose arrangement has been entered. Defaults to the years of the override dates (pass it when a
   * make-up day falls in the year before its holiday, as happens around 元旦). For a year not
   * covered, `fallbackOffDays` apply on top of weekends (the arrangement for a year is published in the autumn
   * before, so a due date late in December can reach into a year nobody has entered yet).
   */
  years?: readonly number[];
  /** 'MM-DD' days off in every year that is not covered, e.g. the fixed-date statutory holidays (CN_FIXED_STATUTORY_DAYS) */
  fallbackOffDays?: readonly string[];
}

/** First reply to a complaint (and to any 投诉/建议/咨询/表扬) within 1 hour of receipt — calendar time, day and night. */
export const FIRST_REPLY_MINUTES = 60;

/** A written reply (书面答复), where the resident asks for one, within 3 working days. */
export const WRITTEN_REPLY_WORKING_DAYS = 3;

/** Milliseconds of 00:00 UTC on `date`; throws RangeError unless `date` is a real YYYY-MM-DD date. */
function dateMs(date: string): number {
  if (!DATE_RE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return ms;
}

export function isCalendarDate(date: string): boolean {
  try {
    dateMs(date);
    return true;
  } catch {
    return false;
  }
}

/** `date` moved by `n` calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  return new Date(dateMs(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of the calendar date itself (no time zone involved). */
export function weekdayOf(date: string): number {
  return new Date(dateMs(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = weekdayOf(date);
  return d === 0 || d === 6;
}

/** 00:00 Asia/Shanghai at the start of `date`. */
export function startOfShanghaiDate(date: string): Date {
  return new Date(dateMs(date) - SHANGHAI_OFFSET_MS);
}

/** 24:00 Asia/Shanghai at the end of `date` (= 00:00 of the next day). */
export function endOfShanghaiDate(date: string): Date {
  return new Date(dateMs(date) + DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * First reply due: receipt + 1 hour, in calendar time. Not working time, because the service desk is staffed
 * around the clock in shifts (值班) and the first reply is the duty agent's job — a complaint at 23:30 on a Saturday
 * or on 10/1 is answered by 00:30. Only the written reply, which needs office work (drafting, approval, a stamp),
 * counts working days.
 */
export function firstReplyDue(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + FIRST_REPLY_MINUTES * MIN_MS);
}

/** Problems an admin should see before saving a year's overrides. */
export interface CalendarOverrideProblem {
  date: string;
  problem: 'invalid_date' | 'conflict' | 'duplicate' | 'redundant_workday';
}

/**
 * Checks a list of overrides: dates must be real, a date may appear once (`conflict` when listed both off and
 * workday, `duplicate` when listed twice the same), and a `workday` on Monday–Friday changes nothing (usually a
 * typo for the weekend date). An `off` on a weekend is normal: arrangements list whole ranges (10/1–10/8).
 */
export function checkCalendarOverrides(overrides: readonly CalendarOverride[]): CalendarOverrideProblem[] {
  const out: CalendarOverrideProblem[] = [];
  const seen = new Map<string, CalendarDayKind>();
  for (const o of overrides) {
    if (!isCalendarDate(o.date)) {
      out.push({ date: o.date, problem: 'invalid_date' });
      continue;
    }
    const prev = seen.get(o.date);
    if (prev !== undefined) out.push({ date: o.date, problem: prev === o.kind ? 'duplicate' : 'conflict' });
    else seen.set(o.date, o.kind);
    if (o.kind === 'workday' && !isWeekend(o.date)) out.push({ date: o.date, problem: 'redundant_workday' });
  }
  return out;
}

/** Guard against a calendar with no working day in sight (e.g. every day marked off). */
const MAX_SCAN_DAYS = 366 * 2;

export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarDayKind>();
  private readonly years: ReadonlySet<number>;
  private readonly fallbackOff: ReadonlySet<string>;

  /** Throws RangeError on an invalid date or a date listed as both off and workday (see `checkCalendarOverrides`). */
  constructor(overrides: readonly CalendarOverride[], options: WorkingCalendarOptions = {}) {
    for (const o of overrides) {
      dateMs(o.date);
      const prev = this.overrides.get(o.date);
      if (prev !== undefined && prev !== o.kind) throw new RangeError(`${o.date} is listed both as off and as a working day`);
      this.overrides.set(o.date, o.kind);
    }
    this.years = new Set(options.years ?? [...this.overrides.keys()].map((d) => Number(d.slice(0, 4))));
    for (const md of options.fallbackOffDays ?? []) dateMs(`2000-${md}`);
    this.fallbackOff = new Set(options.fallbackOffDays ?? []);
  }

  /** Whether the arrangement for `year` has been entered (otherwise weekends and the fallback days only). */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** `date` is a local Asia/Shanghai date, YYYY-MM-DD. */
  isWorkingDay(date: string): boolean {
    const o = this.overrides.get(date);
    if (o !== undefined) return o === 'workday';
    if (!this.years.has(Number(date.slice(0, 4))) && this.fallbackOff.has(date.slice(5))) return false;
    return !isWeekend(date);
  }

  /** Whether the local Asia/Shanghai day containing `at` is a working day. */
  isWorkingDayAt(at: Date): boolean {
    return this.isWorkingDay(shanghaiDate(at));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${date}`);
  }

  /** The `n`-th working day strictly after `date` (n ≥ 1): the day of the event itself never counts. */
  nthWorkingDayAfter(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
    return d;
  }

  /**
   * "Within n working days" of an event at instant `at`: the end (24:00 Asia/Shanghai) of the n-th working day
   * after the local day of `at`.
   *
   * - The day of the event does not count, whatever the hour and whether or not it is a working day — the usual
   *   Chinese reckoning of periods (民法典 art. 201: 开始的当日不计入; art. 203: 截止时间为二十四时). So a complaint at
   *   23:59 Thursday and one at 00:00 Friday are one working day apart in due date, while 23:59 Friday and
   *   00:00 Saturday fall due together.
   * - Working days are whole local days from this calendar, so a make-up Saturday counts and a holiday weekday
   *   does not.
   * - The result is an instant (the next local day's 00:00); a reply at 23:59:59 on the last day is in time.
   */
  addWorkingDays(at: Date, n: number): Date {
    return endOfShanghaiDate(this.nthWorkingDayAfter(shanghaiDate(at), n));
  }

  /** 00:00 Asia/Shanghai of the first working day strictly after the local day of `at` (when the office next opens a day). */
  nextWorkingDayStart(at: Date): Date {
    return startOfShanghaiDate(this.nextWorkingDay(shanghaiDate(at)));
  }

  /** Written reply due: within WRITTEN_REPLY_WORKING_DAYS of `requestedAt` (the receipt, or the later request). */
  writtenReplyDue(requestedAt: Date): Date {
    return this.addWorkingDays(requestedAt, WRITTEN_REPLY_WORKING_DAYS);
  }

  /** Working days in [from, to] inclusive (local dates); 0 when to < from. For reports. */
  countWorkingDays(from: string, to: string): number {
    let n = 0;
    for (let d = from; dateMs(d) <= dateMs(to); d = addCalendarDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }
}
