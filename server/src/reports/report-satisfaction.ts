import { DataSource } from 'typeorm';
import { ReportSatisfaction, SatisfactionMethod, satisfactionIndex } from '@linli/shared';
import { lastMonths, monthCase, ReportScope, scopeSql, sqlRange } from './report-scope';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/**
 * The survey index of the surveys closing in the month (every 1–5 answer of their submitted sheets, by the company's
 * formula, shared `satisfactionIndex`, printed with its numbers), beside — never mixed with — the post-ticket star
 * ratings of tickets completed in the month (average, count); and the tickets received per month of the last six
 * (the trend): one statement.
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
  const ss = scopeSql(s, 's');
  const surveys = `JOIN surveys s ON s.id = r.survey_id WHERE ${ss.sql} AND s.status IN ('published', 'closed') AND s.close_at >= ? AND s.close_at < ? AND r.status = 'submitted'`;
  const rows: Row[] = await ds.query(
    `SELECT 'trend' AS part, ${mc.sql} AS m, COUNT(*) AS n, 0 AS total
       FROM tickets t WHERE ${sc.sql} AND t.received_at >= ? AND t.received_at < ? GROUP BY ${mc.sql}
     UNION ALL
     SELECT 'rating' AS part, NULL AS m, COUNT(*) AS n, SUM(t.rating) AS total
       FROM tickets t WHERE ${sc.sql} AND t.rating IS NOT NULL AND t.completed_at >= ? AND t.completed_at < ?
     UNION ALL
     SELECT 'survey' AS part, a.score AS m, COUNT(*) AS n, 0 AS total
       FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id AND q.kind = 'scale' JOIN survey_responses r ON r.id = a.response_id
       ${surveys} AND a.score IS NOT NULL GROUP BY a.score
     UNION ALL
     SELECT 'sheets' AS part, NULL AS m, COUNT(*) AS n, 0 AS total FROM survey_responses r ${surveys}
     UNION ALL
     SELECT 'method' AS part, (SELECT e.index_formula FROM engage_settings e WHERE e.company_id = ?) AS m, 0 AS n, 0 AS total`,
    [
      ...[...mc.params, ...sc.params, sqlRange(months[0]).from, cur.to, ...mc.params, ...sc.params, cur.from, cur.to],
      ...[...ss.params, cur.from, cur.to, ...ss.params, cur.from, cur.to, s.companyId],
    ],
  );
  const ticketTrend = new Map<string, number>(months.map((m) => [m, 0]));
  let ratings = 0;
  let sum = 0;
  let sheets = 0;
  let method: SatisfactionMethod = 'top_two_share';
  const scores = [0, 0, 0, 0, 0, 0];
  for (const r of rows) {
    if (r.part === 'trend') ticketTrend.set(String(r.m), n(r.n));
    else if (r.part === 'survey') scores[n(r.m)] = n(r.n);
    else if (r.part === 'sheets') sheets = n(r.n);
    else if (r.part === 'method') method = r.m === 'weighted_mean' ? 'weighted_mean' : 'top_two_share';
    else {
      ratings = n(r.n);
      sum = n(r.total);
    }
  }
  const index = satisfactionIndex(scores, method);
  return {
    satisfaction: {
      surveyIndex: index.index === null ? null : index.index / 100,
      surveyFormula: index.formula,
      surveyResponses: sheets,
      ticketRatingAverage: ratings ? Math.round((sum / ratings) * 100) / 100 : null,
      ticketRatings: ratings,
    },
    ticketTrend,
  };
}
