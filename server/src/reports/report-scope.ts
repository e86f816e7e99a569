import { DataSource } from 'typeorm';
import { isPeriod, periodInstants, periodOf, previousPeriod, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Scope } from '../common/scope';
import { sqlTime, utc } from '../common/sql-time';

/** The communities a report covers: one (communityId given) or all the caller works in, with their names. */
export interface ReportScope {
  companyId: number;
  communityIds: number[];
  names: Map<number, string>;
  /** the one community asked for, else null (company-wide) */
  communityId: number | null;
  /** every month up to this one is in `report_rollups` (null: nothing rolled up yet), and when the job last ran */
  rolledUpThrough: string | null;
  rolledUpAt: Date | null;
}

/**
 * `community_id IN (?, ?, …)` plus its parameters. The ids are the caller's communities as read back from
 * `communities WHERE company_id = ?` (reportScope), so the company is already in them; leaving `company_id` out
 * keeps the (community_id, time) indexes covering (MariaDB, 2 M tickets: the 6-month trend 2.9 s → 0.5 s).
 */
export function scopeSql(s: ReportScope, alias: string): { sql: string; params: number[] } {
  if (!s.communityIds.length) return { sql: '1 = 0', params: [] };
  return { sql: `${alias}.community_id IN (${s.communityIds.map(() => '?').join(', ')})`, params: [...s.communityIds] };
}

/** 404 for a community outside the caller's scope (it does not exist for them); one statement for the names and the roll-up state. */
export async function reportScope(ds: DataSource, scope: Scope, communityId?: number): Promise<ReportScope> {
  if (communityId !== undefined && !scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
  const ids = communityId !== undefined ? [communityId] : scope.communityIds;
  const names = new Map<number, string>();
  let rolledUpThrough: string | null = null;
  let rolledUpAt: Date | null = null;
  if (ids.length) {
    const rows: { id: number; name: string; built: unknown; refreshed: unknown }[] = await ds.query(
      `SELECT c.id, c.name, s.built_through AS built, s.refreshed_at AS refreshed
         FROM communities c LEFT JOIN report_rollup_state s ON s.id = 1
        WHERE c.company_id = ? AND c.id IN (${ids.map(() => '?').join(', ')}) ORDER BY c.id`,
      [scope.companyId, ...ids],
    );
    for (const r of rows) names.set(Number(r.id), r.name);
    rolledUpThrough = rows[0]?.built ? String(rows[0].built) : null;
    rolledUpAt = utc(rows[0]?.refreshed);
  }
  if (communityId !== undefined && !names.has(communityId)) throw AppError.notFound('小区');
  return { companyId: scope.companyId, communityIds: [...names.keys()], names, communityId: communityId ?? null, rolledUpThrough, rolledUpAt };
}

/** A month the report can show: YYYY-MM, a real month, not after the current Shanghai month (400 otherwise). */
export function assertReportMonth(period: string, now: Date): void {
  if (!isPeriod(period, 'month')) throw badPeriod('period', '月份格式应为 2026-11（01–12 月）');
  if (period > periodOf(shanghaiDate(now), 'month')) throw badPeriod('period', '不能查看未来月份的报表');
}

/** YYYY-Qn, not after the current quarter. */
export function assertReportQuarter(quarter: string, now: Date): void {
  if (!isPeriod(quarter, 'quarter')) throw badPeriod('quarter', '季度格式应为 2026-Q4');
  if (quarter > periodOf(shanghaiDate(now), 'quarter')) throw badPeriod('quarter', '不能查看未来季度的报表');
}

function badPeriod(field: string, message: string) {
  return AppError.badRequest(message, [{ field, rule: 'reportPeriod', message }]);
}

/** [from, to) of a period as SQL parameters. */
export function sqlRange(period: string): { from: string; to: string } {
  const r = periodInstants(period);
  return { from: sqlTime(r.from), to: sqlTime(r.to) };
}

/** The `n` months ending with `period`, oldest first. */
export function lastMonths(period: string, n: number): string[] {
  const out = [period];
  while (out.length < n) out.unshift(previousPeriod(out[0]));
  return out;
}

/** `CASE WHEN col >= ? THEN 'm' …` putting an instant into one of `months` (ascending); params follow the SQL. */
export function monthCase(col: string, months: string[]): { sql: string; params: string[] } {
  const desc = [...months].reverse();
  return {
    sql: `CASE ${desc.map(() => `WHEN ${col} >= ? THEN ?`).join(' ')} END`,
    params: desc.flatMap((m) => [sqlRange(m).from, m]),
  };
}
