import { DataSource } from 'typeorm';
import {
  CLOCK_LABELS,
  ClockName,
  PASS_ISSUE_MINUTES,
  PASS_KIND_LABELS,
  PASS_SUBJECT,
  PERMIT_REVIEW_HOURS,
  REPAIR_TIER_LABELS,
  ReportSlaLine,
  slaStatsOfSorted,
} from '@linli/shared';
import { sqlTime } from '../common/sql-time';
import { ReportScope } from './report-scope';
import { MonthParts } from './rollup/month-part';

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

/** The month's SLA lines from its parts: each line's durations merged over the communities, nearest-rank median / p90. */
export function reportSla(parts: MonthParts, s: ReportScope, period: string): SlaResult {
  const merged = new Map<string, { breached: number; lists: number[][] }>();
  const byCommunity = new Map<number, { total: number; met: number }>();
  for (const id of s.communityIds) {
    const part = parts.get(id, period);
    if (part.summary.slaTotal) byCommunity.set(id, { total: part.summary.slaTotal, met: part.summary.slaMet });
    for (const [key, l] of Object.entries(part.sla)) {
      const m = merged.get(key) ?? { breached: 0, lists: [] };
      m.breached += l.breached;
      m.lists.push(l.durations);
      merged.set(key, m);
    }
  }
  const base: Record<string, number> = s.communityId !== null ? { communityId: s.communityId } : {};
  const lines = LINES.map((d) => {
    const m = merged.get(d.key);
    const sorted = m ? m.lists.flat().sort((a, b) => a - b) : [];
    return {
      key: d.key,
      label: d.label,
      target: d.target,
      ...slaStatsOfSorted(sorted, m?.breached ?? 0),
      drill: { kind: 'clocks' as const, filter: { period, ...base, ...d.filter, breached: true } },
    };
  });
  return { lines, byCommunity };
}

/** Share of decided clocks met per month (the trend), from the months' parts. */
export function slaTrend(parts: MonthParts, s: ReportScope, months: string[]): Map<string, number | null> {
  return new Map(
    months.map((m) => {
      let total = 0;
      let met = 0;
      for (const id of s.communityIds) {
        const sum = parts.get(id, m).summary;
        total += sum.slaTotal;
        met += sum.slaMet;
      }
      return [m, total ? met / total : null];
    }),
  );
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
