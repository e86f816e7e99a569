import { DataSource } from 'typeorm';
import { ReportSatisfaction } from '@linli/shared';
import { lastMonths, monthCase, ReportScope, scopeSql, sqlRange } from './report-scope';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** Printed until the surveys of [engage] are merged: there is no survey index yet. */
export const SURVEY_FORMULA_PENDING = '满意度指数 = 已收回问卷各题得分之和 ÷ 满分之和（问卷模块上线后提供）';

/**
 * The post-ticket star ratings of tickets completed in the month (average, count) and the tickets received per
 * month of the last six (the trend): one statement.
 */
export async function reportRatingsAndTrend(
  ds: DataSource,
  s: ReportScope,
  period: string,
): Promise<{ satisfaction: ReportSatisfaction; ticketTrend: Map<string, number> }> {
  const months = lastMonths(period, 6);
  const mc = monthCase('t.received_at', months);
  const cur = sqlRange(period);
  const sc = scopeSql(s, 't');
  const rows: Row[] = await ds.query(
    `SELECT 'trend' AS part, ${mc.sql} AS m, COUNT(*) AS n, 0 AS total
       FROM tickets t WHERE ${sc.sql} AND t.received_at >= ? AND t.received_at < ? GROUP BY ${mc.sql}
     UNION ALL
     SELECT 'rating' AS part, NULL AS m, COUNT(*) AS n, SUM(t.rating) AS total
       FROM tickets t WHERE ${sc.sql} AND t.rating IS NOT NULL AND t.completed_at >= ? AND t.completed_at < ?`,
    [...mc.params, ...sc.params, sqlRange(months[0]).from, cur.to, ...mc.params, ...sc.params, cur.from, cur.to],
  );
  const ticketTrend = new Map<string, number>(months.map((m) => [m, 0]));
  let ratings = 0;
  let sum = 0;
  for (const r of rows) {
    if (r.part === 'trend') ticketTrend.set(String(r.m), n(r.n));
    else {
      ratings = n(r.n);
      sum = n(r.total);
    }
  }
  return {
    satisfaction: {
      surveyIndex: null,
      surveyFormula: SURVEY_FORMULA_PENDING,
      surveyResponses: 0,
      ticketRatingAverage: ratings ? Math.round((sum / ratings) * 100) / 100 : null,
      ticketRatings: ratings,
    },
    ticketTrend,
  };
}
