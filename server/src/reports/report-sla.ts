import { DataSource } from 'typeorm';
import {
  CLOCK_LABELS,
  ClockName,
  PASS_ISSUE_MINUTES,
  PASS_KIND_LABELS,
  PASS_SUBJECT,
  periodInstants,
  PERMIT_REVIEW_HOURS,
  REPAIR_TIER_LABELS,
  ReportSlaLine,
  slaStats,
} from '@linli/shared';
import { sqlTime, utc } from '../common/sql-time';
import { lastMonths, monthCase, ReportScope, scopeSql, sqlRange } from './report-scope';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** The clocks the monthly report shows, in this order; `arrival` and `pass_issue` split by tier / pass kind. */
export const REPORT_CLOCKS: ClockName[] = ['initial_feedback', 'dispatch', 'arrival', 'first_reply', 'written_reply', 'pass_issue', 'permit_review'];

interface LineDef {
  key: string;
  label: string;
  target: string;
  /** the drill filter beside the clock name */
  filter: Record<string, string>;
}

const LINES: LineDef[] = [
  { key: 'initial_feedback', label: CLOCK_LABELS.initial_feedback, target: '≤ 1 小时（紧急 ≤ 5 分钟）', filter: { clock: 'initial_feedback' } },
  { key: 'dispatch', label: CLOCK_LABELS.dispatch, target: '≤ 2 分钟', filter: { clock: 'dispatch' } },
  ...(['critical', 'urgent', 'normal'] as const).map((tier) => ({
    key: `arrival.${tier}`,
    label: `${CLOCK_LABELS.arrival}·${REPAIR_TIER_LABELS[tier]}`,
    target: tier === 'critical' ? '≤ 5 分钟' : tier === 'urgent' ? '≤ 15 分钟' : '当日（或约定时间）',
    filter: { clock: 'arrival', tier },
  })),
  { key: 'first_reply', label: CLOCK_LABELS.first_reply, target: '≤ 1 小时', filter: { clock: 'first_reply' } },
  { key: 'written_reply', label: CLOCK_LABELS.written_reply, target: '≤ 3 个工作日', filter: { clock: 'written_reply' } },
  ...Object.entries(PASS_ISSUE_MINUTES).map(([kind, min]) => ({
    key: `pass_issue.${kind}`,
    label: `${CLOCK_LABELS.pass_issue}·${(PASS_KIND_LABELS as Record<string, string>)[kind] ?? kind}`,
    target: `≤ ${min} 分钟`,
    filter: { clock: 'pass_issue', passKind: kind },
  })),
  { key: 'permit_review', label: CLOCK_LABELS.permit_review, target: `≤ ${PERMIT_REVIEW_HOURS} 小时`, filter: { clock: 'permit_review' } },
];

/**
 * Which clocks a month counts, as SQL over `clocks k`: a clock belongs to the month its due time falls in (so a
 * breach across a month's end counts once, in the month it was due); cancelled clocks and clocks still running
 * before their due time (undecided) are left out. Breached: marked so, or still open past due at `now`.
 */
export function decidedClocksSql(now: Date): { sql: string; params: string[] } {
  return {
    sql: `k.name IN (${REPORT_CLOCKS.map((c) => `'${c}'`).join(', ')}) AND (k.state = 'met' OR (k.state IN ('running', 'paused') AND k.due_at < ?))`,
    params: [sqlTime(now)],
  };
}
export const BREACHED_SQL = `(k.breached = 1 OR (k.state IN ('running', 'paused') AND k.due_at < ?))`;

/** The joins that give a clock its repair tier or pass kind. */
export const CLOCK_JOINS = `LEFT JOIN tickets t ON k.subject_type = 'ticket' AND t.id = k.subject_id
  LEFT JOIN passes p ON k.subject_type = '${PASS_SUBJECT}' AND p.id = k.subject_id`;

export function lineKeyOf(name: string, tier: unknown, passKind: unknown): string {
  if (name === 'arrival') return `arrival.${tier ?? 'normal'}`;
  if (name === 'pass_issue') return `pass_issue.${passKind ?? 'visitor'}`;
  return name;
}

export interface SlaResult {
  lines: ReportSlaLine[];
  byCommunity: Map<number, { total: number; met: number }>;
}

/** The month's SLA lines: one statement bringing each decided clock's duration; shares, median and p90 in shared. */
export async function reportSla(ds: DataSource, s: ReportScope, period: string, now: Date): Promise<SlaResult> {
  const r = sqlRange(period);
  const periodEnd = periodInstants(period).to;
  const sc = scopeSql(s, 'k');
  const dc = decidedClocksSql(now);
  const rows: Row[] = await ds.query(
    `SELECT k.community_id, k.name, t.tier, p.kind AS pass_kind, k.state, k.started_at, k.met_at, k.paused_ms, ${BREACHED_SQL} AS breached
       FROM clocks k ${CLOCK_JOINS}
      WHERE ${sc.sql} AND k.due_at >= ? AND k.due_at < ? AND ${dc.sql}`,
    [sqlTime(now), ...sc.params, r.from, r.to, ...dc.params],
  );
  const samples = new Map<string, { durationMs: number; breached: boolean }[]>();
  const byCommunity = new Map<number, { total: number; met: number }>();
  for (const row of rows) {
    const key = lineKeyOf(String(row.name), row.tier, row.pass_kind);
    // an open (breached) clock counts up to the report's end: the month's end, or now in the current month
    const end = row.state === 'met' ? utc(row.met_at)! : new Date(Math.min(now.getTime(), periodEnd.getTime()));
    const durationMs = Math.max(0, end.getTime() - utc(row.started_at)!.getTime() - n(row.paused_ms));
    const breached = n(row.breached) === 1 || row.breached === true;
    const list = samples.get(key) ?? [];
    list.push({ durationMs, breached });
    samples.set(key, list);
    const c = byCommunity.get(n(row.community_id)) ?? { total: 0, met: 0 };
    c.total++;
    if (!breached) c.met++;
    byCommunity.set(n(row.community_id), c);
  }
  const base: Record<string, number> = s.communityId !== null ? { communityId: s.communityId } : {};
  const lines = LINES.map((d) => ({
    key: d.key,
    label: d.label,
    target: d.target,
    ...slaStats(samples.get(d.key) ?? []),
    drill: { kind: 'clocks' as const, filter: { period, ...base, ...d.filter, breached: true } },
  }));
  return { lines, byCommunity };
}

/** Decided clocks due in [from, to) and how many breached (the digest's line): one statement. */
export async function slaCompliance(ds: DataSource, communityId: number, from: Date, to: Date, now: Date): Promise<{ total: number; breached: number }> {
  const dc = decidedClocksSql(now);
  const [row]: Row[] = await ds.query(
    `SELECT COUNT(*) AS total, SUM(CASE WHEN ${BREACHED_SQL} THEN 1 ELSE 0 END) AS breached
       FROM clocks k WHERE k.community_id = ? AND k.due_at >= ? AND k.due_at < ? AND ${dc.sql}`,
    [sqlTime(now), communityId, sqlTime(from), sqlTime(to), ...dc.params],
  );
  return { total: n(row?.total), breached: n(row?.breached) };
}

/** Share of decided clocks met per month of the last six (the trend): one statement. */
export async function slaTrend(ds: DataSource, s: ReportScope, period: string, now: Date): Promise<Map<string, number | null>> {
  const months = lastMonths(period, 6);
  const mc = monthCase('k.due_at', months);
  const sc = scopeSql(s, 'k');
  const dc = decidedClocksSql(now);
  const rows: Row[] = await ds.query(
    `SELECT ${mc.sql} AS m, COUNT(*) AS total, SUM(CASE WHEN ${BREACHED_SQL} THEN 0 ELSE 1 END) AS met
       FROM clocks k WHERE ${sc.sql} AND k.due_at >= ? AND k.due_at < ? AND ${dc.sql} GROUP BY ${mc.sql}`,
    [...mc.params, sqlTime(now), ...sc.params, sqlRange(months[0]).from, sqlRange(period).to, ...dc.params, ...mc.params],
  );
  const out = new Map<string, number | null>(months.map((m) => [m, null]));
  for (const r of rows) if (n(r.total)) out.set(String(r.m), n(r.met) / n(r.total));
  return out;
}
