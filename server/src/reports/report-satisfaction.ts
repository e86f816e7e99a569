import { DataSource } from 'typeorm';
import { ReportSatisfaction, SatisfactionMethod, satisfactionIndex } from '@linli/shared';
import { ReportScope, scopeSql, sqlRange } from './report-scope';
import { MonthParts } from './rollup/month-part';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/**
 * The survey index of the surveys closing in the month (every 1–5 answer of their submitted sheets, by the company's
 * formula, shared `satisfactionIndex`, printed with its numbers), beside — never mixed with — the post-ticket star
 * ratings of tickets completed in the month (average, count; from the month's parts). One statement, live: the
 * survey tables are small.
 */
export async function reportSatisfaction(ds: DataSource, s: ReportScope, period: string, parts: MonthParts): Promise<ReportSatisfaction> {
  const cur = sqlRange(period);
  const ss = scopeSql(s, 's');
  const surveys = `JOIN surveys s ON s.id = r.survey_id WHERE ${ss.sql} AND s.status IN ('published', 'closed') AND s.close_at >= ? AND s.close_at < ? AND r.status = 'submitted'`;
  const rows: Row[] = await ds.query(
    `SELECT 'survey' AS part, a.score AS m, COUNT(*) AS n
       FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id AND q.kind = 'scale' JOIN survey_responses r ON r.id = a.response_id
       ${surveys} AND a.score IS NOT NULL GROUP BY a.score
     UNION ALL
     SELECT 'sheets' AS part, NULL AS m, COUNT(*) AS n FROM survey_responses r ${surveys}
     UNION ALL
     SELECT 'open' AS part, NULL AS m, COUNT(*) AS n FROM surveys s
      WHERE ${ss.sql} AND s.status = 'published' AND s.close_at >= ? AND s.close_at < ?
     UNION ALL
     SELECT 'method' AS part, (SELECT e.index_formula FROM engage_settings e WHERE e.company_id = ?) AS m, 0 AS n`,
    [...ss.params, cur.from, cur.to, ...ss.params, cur.from, cur.to, ...ss.params, cur.from, cur.to, s.companyId],
  );
  let sheets = 0;
  let open = 0;
  let method: SatisfactionMethod = 'top_two_share';
  const scores = [0, 0, 0, 0, 0, 0];
  for (const r of rows) {
    if (r.part === 'survey') scores[n(r.m)] = n(r.n);
    else if (r.part === 'sheets') sheets = n(r.n);
    else if (r.part === 'open') open = n(r.n);
    else if (r.part === 'method') method = r.m === 'weighted_mean' ? 'weighted_mean' : 'top_two_share';
  }
  let ratings = 0;
  let sum = 0;
  for (const id of s.communityIds) {
    const r = parts.get(id, period).summary.ratings;
    ratings += r.n;
    sum += r.sum;
  }
  const index = satisfactionIndex(scores, method);
  return {
    surveyIndex: index.index === null ? null : index.index / 100,
    surveyFormula: index.formula,
    surveyResponses: sheets,
    surveysOpen: open,
    ticketRatingAverage: ratings ? Math.round((sum / ratings) * 100) / 100 : null,
    ticketRatings: ratings,
  };
}
