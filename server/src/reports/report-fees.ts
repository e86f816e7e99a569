import { DataSource } from 'typeorm';
import { ARREARS_AGES, arrearsByAge, ArrearsAge, COLLECTION_RATE_FORMULA, collectionRate, periodDays, ReportDrill, ReportFees } from '@linli/shared';
import { lastMonths, ReportScope, scopeSql } from './report-scope';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

export interface FeesResult {
  fees: ReportFees;
  /** collection rate per month of the last six */
  trend: Map<string, number | null>;
  byCommunity: Map<number, number | null>;
}

/**
 * Fees of the month's bills (bill lines whose period is the month): billed, waived and collected principal as they
 * stand now, the collection rate (shared formula); arrears by age at the month's last day: the open principal of
 * lines due (or deferred) before it, aged from their due date. Two statements.
 */
export async function reportFees(ds: DataSource, s: ReportScope, period: string): Promise<FeesResult> {
  const months = lastMonths(period, 6);
  const sc = scopeSql(s, 'l');
  const rows: Row[] = await ds.query(
    `SELECT l.community_id, l.period, SUM(l.amount_cents) AS billed, SUM(l.waived_cents) AS waived, SUM(l.paid_cents) AS paid
       FROM bill_lines l WHERE ${sc.sql} AND l.period IN (${months.map(() => '?').join(', ')}) GROUP BY l.community_id, l.period`,
    [...sc.params, ...months],
  );
  const per = new Map<string, { billed: number; waived: number; paid: number }>(months.map((m) => [m, { billed: 0, waived: 0, paid: 0 }]));
  const byCommunityRaw = new Map<number, { billed: number; waived: number; paid: number }>();
  for (const r of rows) {
    const m = per.get(String(r.period))!;
    m.billed += n(r.billed);
    m.waived += n(r.waived);
    m.paid += n(r.paid);
    if (String(r.period) === period) byCommunityRaw.set(n(r.community_id), { billed: n(r.billed), waived: n(r.waived), paid: n(r.paid) });
  }
  const lastDay = periodDays(period).to;
  const due: Row[] = await ds.query(
    `SELECT COALESCE(l.deferred_until, l.due_date) AS due, SUM(l.amount_cents - l.paid_cents - l.waived_cents) AS open_cents
       FROM bill_lines l WHERE ${sc.sql} AND l.status = 'open' AND COALESCE(l.deferred_until, l.due_date) < ?
      GROUP BY COALESCE(l.deferred_until, l.due_date)`,
    [...sc.params, lastDay],
  );
  const cur = per.get(period)!;
  const trend = new Map([...per].map(([m, v]) => [m, collectionRate(v.billed, v.waived, v.paid)]));
  const byCommunity = new Map([...byCommunityRaw].map(([c, v]) => [c, collectionRate(v.billed, v.waived, v.paid)]));
  return {
    fees: {
      billedCents: cur.billed,
      waivedCents: cur.waived,
      collectedCents: cur.paid,
      collectionRate: collectionRate(cur.billed, cur.waived, cur.paid),
      collectionFormula: COLLECTION_RATE_FORMULA,
      arrearsByAge: arrearsByAge(
        due.map((r) => ({ dueDate: String(r.due), openCents: n(r.open_cents) })),
        lastDay,
      ),
      drill: feesDrill(s, period),
    },
    trend,
    byCommunity,
  };
}

function feesDrill(s: ReportScope, period: string): ReportFees['drill'] {
  const base: Record<string, number> = s.communityId !== null ? { communityId: s.communityId } : {};
  const d = (bills: string): ReportDrill => ({ kind: 'bills', filter: { period, ...base, bills } });
  return { billed: d('billed'), arrears: Object.fromEntries(ARREARS_AGES.map((a) => [a, d(a)])) as Record<ArrearsAge, ReportDrill> };
}
