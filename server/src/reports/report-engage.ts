import { DataSource } from 'typeorm';
import { ReportDrill, visitPlan } from '@linli/shared';
import { ReportScope, scopeSql, sqlRange } from './report-scope';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

export interface EngageFigure {
  key: string;
  label: string;
  value: number;
  previous: number;
  drill: ReportDrill | null;
}

/**
 * [engage]'s figures of the month and the month before, in ONE statement: notices published; customer visits done
 * against the plan (shared `visitPlan` of each community's rooms, summed), the manager's deep visits against 2 a
 * month per community; new residents' return visits done and falling due.
 */
export async function reportEngage(
  ds: DataSource,
  s: ReportScope,
  period: string,
  prevPeriod: string,
  drill: (kind: ReportDrill['kind'], f: ReportDrill['filter']) => ReportDrill,
): Promise<EngageFigure[]> {
  const cur = sqlRange(period);
  const prev = sqlRange(prevPeriod);
  const part = (name: string, table: string, alias: string, col: string, extra = '') => {
    const sc = scopeSql(s, alias);
    return {
      sql: `SELECT '${name}' AS part, NULL AS cid, SUM(CASE WHEN ${alias}.${col} >= ? THEN 1 ELSE 0 END) AS cur,
              SUM(CASE WHEN ${alias}.${col} < ? THEN 1 ELSE 0 END) AS prev
              FROM ${table} ${alias} WHERE ${sc.sql}${extra} AND ${alias}.${col} >= ? AND ${alias}.${col} < ?`,
      params: [cur.from, cur.from, ...sc.params, prev.from, cur.to],
    };
  };
  const rooms = scopeSql(s, 'r');
  const parts = [
    part('notices', 'notices', 'x', 'published_at'),
    part('visits', 'customer_visits', 'v', 'visited_at'),
    part('deep', 'customer_visits', 'v', 'visited_at', ' AND v.deep = 1'),
    part('nr_done', 'new_resident_visits', 'w', 'visited_at', " AND w.status = 'done'"),
    part('nr_due', 'new_resident_visits', 'w', 'due_at'),
    {
      sql: `SELECT 'rooms' AS part, r.community_id AS cid, COUNT(*) AS cur, 0 AS prev FROM rooms r WHERE ${rooms.sql} GROUP BY r.community_id`,
      params: rooms.params,
    },
  ];
  const rows: Row[] = await ds.query(
    parts.map((p) => p.sql).join('\nUNION ALL\n'),
    parts.flatMap((p) => p.params),
  );
  const get = (name: string) => rows.find((r) => r.part === name);
  const pair = (name: string) => ({ value: n(get(name)?.cur), previous: n(get(name)?.prev) });
  // a community without rooms in the register has no households to visit
  const plannedVisits = rows.filter((r) => r.part === 'rooms' && n(r.cur) > 0).reduce((sum, r) => sum + visitPlan(n(r.cur)).monthlyVisits, 0);
  const plannedDeep = s.communityIds.length * visitPlan(0).managerDeepVisitsPerMonth;
  return [
    { key: 'notices.published', label: '通知公告·发布', ...pair('notices'), drill: drill('notices', {}) },
    { key: 'visits.done', label: '客户访谈·完成', ...pair('visits'), drill: drill('visits', { visits: 'customer' }) },
    { key: 'visits.planned', label: '客户访谈·月计划', value: plannedVisits, previous: plannedVisits, drill: null },
    { key: 'visits.deep', label: '经理深度访谈', ...pair('deep'), drill: drill('visits', { visits: 'deep' }) },
    { key: 'visits.deep_planned', label: '经理深度访谈·月计划', value: plannedDeep, previous: plannedDeep, drill: null },
    { key: 'new_resident_visits.done', label: '新住户回访·已完成', ...pair('nr_done'), drill: drill('visits', { visits: 'new_done' }) },
    { key: 'new_resident_visits.due', label: '新住户回访·到期', ...pair('nr_due'), drill: drill('visits', { visits: 'new_due' }) },
  ];
}
