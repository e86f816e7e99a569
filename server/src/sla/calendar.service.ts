import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager } from 'typeorm';
import {
  CalendarOverride,
  CalendarOverrideProblem,
  CalendarSource,
  CalendarYearView,
  checkCalendarOverrides,
  CN_CALENDAR_YEARS,
  CN_FIXED_STATUTORY_DAYS,
  cnHolidayOverrides,
  ErrorCode,
  WorkingCalendar,
} from '@linli/shared';
import { User } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { CalendarDay, CalendarYear } from './entities/calendar-day.entity';

export const CALENDAR_PROBLEM_MESSAGES: Record<CalendarOverrideProblem['problem'] | 'other_year', string> = {
  invalid_date: '不是有效的日期（YYYY-MM-DD）',
  conflict: '同一天既设为休息又设为上班',
  duplicate: '同一天重复填写',
  redundant_workday: '工作日本来就上班，调休上班应填周六或周日',
  other_year: '日期不在该年份内',
};

/** Runs inside the calendar change's transaction with the company's new calendar (complaints move written-reply due times). */
export type CalendarListener = (em: EntityManager, companyId: number, calendar: WorkingCalendar) => Promise<void>;

/**
 * Columns, to add to a statement the request makes anyway, that change whenever the company's calendar does:
 * replaceYear deletes a year's days and inserts the new ones (new ids), or leaves fewer, or adds the year's row. With
 * them a cached calendar is checked without a query of its own, in every process.
 */
export function calendarStampColumns(companyIdSql: string): string {
  const days = `FROM calendar_days cal_d WHERE cal_d.company_id = ${companyIdSql}`;
  return [
    `(SELECT COUNT(*) FROM calendar_years cal_y WHERE cal_y.company_id = ${companyIdSql}) AS cal_years`,
    `(SELECT COUNT(*) ${days}) AS cal_days`,
    `(SELECT MAX(cal_d.id) ${days}) AS cal_last`,
  ].join(', ');
}

export function calendarStampOf(row: { cal_years?: unknown; cal_days?: unknown; cal_last?: unknown }): string {
  return `${Number(row.cal_years ?? 0)}/${Number(row.cal_days ?? 0)}/${Number(row.cal_last ?? 0)}`;
}

const byDate = (a: CalendarOverride, b: CalendarOverride) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The working calendar of a company: the admin's overrides for the years they entered, the seeded official
 * arrangement (holidays-cn.ts, 2025–2026) for the years they did not, and for any other year weekends plus the
 * fixed-date statutory days. The arithmetic itself is shared's WorkingCalendar; nothing here counts days.
 */
@Injectable()
export class CalendarService {
  private readonly listeners: CalendarListener[] = [];
  /** company → its calendar under the stamp it was read with (a handful of rows per company; never expires) */
  private readonly cache = new Map<number, { stamp: string; calendar: WorkingCalendar }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  onChange(listener: CalendarListener) {
    this.listeners.push(listener);
  }

  /**
   * The company's calendar as of now (read in the caller's transaction when given). With `stamp` (calendarStampOf of
   * the caller's own statement) a cached calendar of that stamp is used without a query.
   */
  async forCompany(companyId: number, em: EntityManager = this.ds.manager, stamp?: string): Promise<WorkingCalendar> {
    const hit = stamp === undefined ? undefined : this.cache.get(companyId);
    if (hit && hit.stamp === stamp) return hit.calendar;
    const [days, years] = await Promise.all([em.findBy(CalendarDay, { companyId }), em.findBy(CalendarYear, { companyId })]);
    const calendar = this.build(
      days,
      years.map((y) => y.year),
    );
    if (stamp !== undefined) this.cache.set(companyId, { stamp, calendar });
    return calendar;
  }

  private build(days: CalendarDay[], companyYears: number[]): WorkingCalendar {
    const entered = new Set(companyYears);
    const official = CN_CALENDAR_YEARS.filter((y) => !entered.has(y));
    const seen = new Set<string>();
    const overrides: CalendarOverride[] = [];
    // the company's own entries first; seed dates only for years (and dates) it has not entered
    for (const d of days) {
      if (!entered.has(Number(d.date.slice(0, 4)))) continue;
      seen.add(d.date);
      overrides.push({ date: d.date, kind: d.kind, name: d.name ?? undefined });
    }
    for (const o of cnHolidayOverrides(official)) {
      if (seen.has(o.date) || entered.has(Number(o.date.slice(0, 4)))) continue;
      seen.add(o.date);
      overrides.push(o);
    }
    return new WorkingCalendar(overrides, { years: [...entered, ...official], fallbackOffDays: CN_FIXED_STATUTORY_DAYS });
  }

  async year(caller: Caller, year: number): Promise<CalendarYearView> {
    checkYear(year);
    const em = this.ds.manager;
    const entered = await em.findOneBy(CalendarYear, { companyId: caller.companyId, year });
    let source: CalendarSource;
    let overrides: CalendarOverride[];
    if (entered) {
      source = 'company';
      const rows = await em.find(CalendarDay, {
        where: { companyId: caller.companyId, date: Between(`${year}-01-01`, `${year}-12-31`) },
        order: { date: 'ASC' },
      });
      overrides = rows.map((d) => ({ date: d.date, kind: d.kind, ...(d.name ? { name: d.name } : {}) }));
    } else if (CN_CALENDAR_YEARS.includes(year)) {
      source = 'official';
      overrides = cnHolidayOverrides([year]).filter((o) => o.date.startsWith(`${year}-`));
    } else {
      source = 'default';
      overrides = CN_FIXED_STATUTORY_DAYS.map((md) => ({ date: `${year}-${md}`, kind: 'off' as const, name: '法定节假日（固定日期）' }));
    }
    const calendar = await this.forCompany(caller.companyId, em);
    const editor = entered?.updatedBy ? await em.findOneBy(User, { id: entered.updatedBy }) : null;
    return {
      year,
      source,
      overrides: overrides.sort(byDate),
      workingDays: calendar.countWorkingDays(`${year}-01-01`, `${year}-12-31`),
      updatedAt: entered?.updatedAt.toISOString() ?? null,
      updatedByName: editor?.name ?? null,
    };
  }

  /** Replaces the company's overrides of `year` (an empty list: weekends only). 400 with every problem listed. */
  async replaceYear(caller: Caller, year: number, overrides: CalendarOverride[]): Promise<CalendarYearView> {
    checkYear(year);
    const problems: { date: string; problem: string; message: string }[] = checkCalendarOverrides(overrides).map((p) => ({
      ...p,
      message: `${p.date}：${CALENDAR_PROBLEM_MESSAGES[p.problem]}`,
    }));
    for (const o of overrides)
      if (!o.date.startsWith(`${year}-`) && !problems.some((p) => p.date === o.date && p.problem === 'invalid_date'))
        problems.push({ date: o.date, problem: 'other_year', message: `${o.date}：${CALENDAR_PROBLEM_MESSAGES.other_year}` });
    if (problems.length) throw new AppError(400, ErrorCode.ValidationFailed, problems[0].message, problems);
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      await em.delete(CalendarDay, { companyId: caller.companyId, date: Between(`${year}-01-01`, `${year}-12-31`) });
      if (overrides.length)
        await em.insert(
          CalendarDay,
          overrides.map((o) => ({ companyId: caller.companyId, date: o.date, kind: o.kind, name: o.name?.trim() || null })),
        );
      const entered = await em.findOneBy(CalendarYear, { companyId: caller.companyId, year });
      if (entered) await em.update(CalendarYear, { id: entered.id }, { updatedBy: caller.userId, updatedAt: now });
      else await em.insert(CalendarYear, { companyId: caller.companyId, year, updatedBy: caller.userId, updatedAt: now });
      const calendar = await this.forCompany(caller.companyId, em);
      for (const l of this.listeners) await l(em, caller.companyId, calendar);
    });
    return this.year(caller, year);
  }
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError(400, ErrorCode.ValidationFailed, '年份应在 2000–2100 之间');
}
