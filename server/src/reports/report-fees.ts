import { DataSource } from 'typeorm';
import { ARREARS_AGES, arrearsByAge, ArrearsAge, COLLECTION_RATE_FORMULA, collectionRate, periodDays, ReportDrill, ReportFees } from '@linli/shared';
import { lastMonths, ReportScope } from './report-scope';
import { MonthParts } from './rollup/month-part';
import { liveOpenDues, readOpenDues } from './rollup/month-parts-store';

export interface FeesResult {
  fees: ReportFees;
  /** collection rate per month of the last six */
  trend: Map<string, number | null>;
  byCommunity: Map<number, number | null>;
}

/**
 * Fees of the month's bills (bill lines whose period is the month, from the months' parts): billed, waived and
 * collected principal as they stand now, the collection rate (shared formula); arrears by age at the month's last
 * day: the open principal of lines due (or deferred) before it, aged from their due date — from `report_open_dues`
 * once the roll-up job has run, else live. One statement.
 */
export async function reportFees(ds: DataSource, s: ReportScope, period: string, parts: MonthParts): Promise<FeesResult> {
  const months = lastMonths(period, 6);
  const per = new Map<string, { billed: number; waived: number; paid: number }>(months.map((m) => [m, { billed: 0, waived: 0, paid: 0 }]));
  const byCommunityRaw = new Map<number, { billed: number; waived: number; paid: number }>();
  for (const m of months)
    for (const id of s.communityIds) {
      const f = parts.get(id, m).summary.fees;
      const sum = per.get(m)!;
      sum.billed += f.billed;
      sum.waived += f.waived;
      sum.paid += f.paid;
      if (m === period && (f.billed || f.waived || f.paid)) byCommunityRaw.set(id, f);
    }
  const lastDay = periodDays(period).to;
  const due = s.rolledUpThrough ? await readOpenDues(ds, s.communityIds, lastDay) : await liveOpenDues(ds, s.communityIds, lastDay);
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
        due.map((r) => ({ dueDate: r.due, openCents: r.openCents })),
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
