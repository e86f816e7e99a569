import { DataSource } from 'typeorm';
import { PASS_SUBJECT, periodInstants, shanghaiMonth } from '@linli/shared';
import { sqlTime, utc } from '../../common/sql-time';
import { BREACHED_SQL, decidedClocksSql, lineKeyOf } from '../report-sla';
import { monthCase, sqlRange } from '../report-scope';
import { ALL_SECTIONS, MonthParts, PartSection } from './month-part';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** `community_id IN (…)` of the given ids on `alias`. */
function inIds(alias: string, ids: number[]): { sql: string; params: number[] } {
  if (!ids.length) return { sql: '1 = 0', params: [] };
  return { sql: `${alias}.community_id IN (${ids.map(() => '?').join(', ')})`, params: ids };
}

/**
 * The parts of `months` (ascending and consecutive) for `communityIds`, straight from the source tables, each figure
 * by the month of its own time column: five statements whatever the number of months (fewer for some `sections`). `now` decides which clocks
 * count (still running past their due time: breached) and where an open clock's duration ends.
 */
export async function computeMonthParts(
  ds: DataSource,
  communityIds: number[],
  months: string[],
  now: Date,
  sections: readonly PartSection[] = ALL_SECTIONS,
): Promise<MonthParts> {
  const parts = new MonthParts();
  if (!months.length || !communityIds.length) return parts;
  const range = { from: sqlRange(months[0]).from, to: sqlRange(months[months.length - 1]).to };
  if (sections.includes('t')) {
    await ticketsReceived(ds, parts, communityIds, months, range);
    await ticketsCompletedOrVisited(ds, parts, communityIds, months, range);
  }
  if (sections.includes('p')) await passesIssued(ds, parts, communityIds, months, range);
  if (sections.includes('k')) await clocksDue(ds, parts, communityIds, months, range, now);
  if (sections.includes('b')) await billLines(ds, parts, communityIds, months);
  return parts;
}

type Range = { from: string; to: string };

/** The tier of an arrival clock's repair and the kind of a pass's issue clock: the only clocks whose line needs them. */
const LINE_JOINS = `LEFT JOIN tickets t ON k.name = 'arrival' AND k.subject_type = 'ticket' AND t.id = k.subject_id
  LEFT JOIN passes p ON k.name = 'pass_issue' AND k.subject_type = '${PASS_SUBJECT}' AND p.id = k.subject_id`;

async function ticketsReceived(ds: DataSource, parts: MonthParts, ids: number[], months: string[], r: Range) {
  const sc = inIds('t', ids);
  const mc = monthCase('t.received_at', months);
  const rows: Row[] = await ds.query(
    `SELECT t.community_id, ${mc.sql} AS m, t.kind, t.complaint_class, t.category, t.tier, t.channel, COUNT(*) AS n
       FROM tickets t WHERE ${sc.sql} AND t.received_at >= ? AND t.received_at < ?
      GROUP BY t.community_id, m, t.kind, t.complaint_class, t.category, t.tier, t.channel`,
    [...mc.params, ...sc.params, r.from, r.to],
  );
  for (const x of rows) {
    const cls = x.complaint_class === null || x.complaint_class === undefined ? null : n(x.complaint_class);
    parts.get(n(x.community_id), String(x.m)).summary.tickets.push([String(x.kind), cls, str(x.category), str(x.tier), String(x.channel), n(x.n)]);
  }
}

/**
 * Return visits due (confirmed, by completed_at) and star ratings (by completed_at), and return visits done (by
 * return_visit_at): two arms, each read from its own (community_id, time …) index.
 */
async function ticketsCompletedOrVisited(ds: DataSource, parts: MonthParts, ids: number[], months: string[], r: Range) {
  const sc = inIds('t', ids);
  const cm = monthCase('t.completed_at', months);
  const vm = monthCase('t.return_visit_at', months);
  const rows: Row[] = await ds.query(
    `SELECT 'c' AS arm, t.community_id, ${cm.sql} AS m, SUM(CASE WHEN t.status = 'confirmed' THEN 1 ELSE 0 END) AS n,
            COUNT(t.rating) AS rated, SUM(t.rating) AS stars
       FROM tickets t WHERE ${sc.sql} AND t.completed_at >= ? AND t.completed_at < ? GROUP BY t.community_id, m
     UNION ALL
     SELECT 'v' AS arm, t.community_id, ${vm.sql} AS m, COUNT(*) AS n, 0 AS rated, 0 AS stars
       FROM tickets t WHERE ${sc.sql} AND t.return_visit_at >= ? AND t.return_visit_at < ? GROUP BY t.community_id, m`,
    [...cm.params, ...sc.params, r.from, r.to, ...vm.params, ...sc.params, r.from, r.to],
  );
  for (const x of rows) {
    const s = parts.get(n(x.community_id), String(x.m)).summary;
    if (x.arm === 'v') {
      s.returnVisitsDone += n(x.n);
      continue;
    }
    s.returnVisitsDue += n(x.n);
    s.ratings.n += n(x.rated);
    s.ratings.sum += n(x.stars);
  }
}

async function passesIssued(ds: DataSource, parts: MonthParts, ids: number[], months: string[], r: Range) {
  const sc = inIds('p', ids);
  const mc = monthCase('p.issued_at', months);
  const rows: Row[] = await ds.query(
    `SELECT p.community_id, ${mc.sql} AS m, p.kind, COUNT(*) AS n
       FROM passes p WHERE ${sc.sql} AND p.issued_at >= ? AND p.issued_at < ?
      GROUP BY p.community_id, m, p.kind`,
    [...mc.params, ...sc.params, r.from, r.to],
  );
  for (const x of rows) {
    const s = parts.get(n(x.community_id), String(x.m)).summary;
    s.passes[String(x.kind)] = (s.passes[String(x.kind)] ?? 0) + n(x.n);
  }
}

/**
 * Every decided clock due in the months (a clock belongs to the month it is due in), with its duration: start → met,
 * or → the end of its month (or now, in the current month) while still open past due.
 */
async function clocksDue(ds: DataSource, parts: MonthParts, ids: number[], months: string[], r: Range, now: Date) {
  const sc = inIds('k', ids);
  const dc = decidedClocksSql(now);
  const rows: Row[] = await ds.query(
    `SELECT k.community_id, k.name, t.tier, p.kind AS pass_kind, k.state, k.due_at, k.started_at, k.met_at, k.paused_ms, ${BREACHED_SQL} AS breached
       FROM clocks k ${LINE_JOINS}
      WHERE ${sc.sql} AND k.due_at >= ? AND k.due_at < ? AND ${dc.sql}`,
    [sqlTime(now), ...sc.params, r.from, r.to, ...dc.params],
  );
  const ends = new Map(months.map((m) => [m, Math.min(now.getTime(), periodInstants(m).to.getTime())]));
  for (const x of rows) {
    const m = shanghaiMonth(utc(x.due_at)!);
    const part = parts.get(n(x.community_id), m);
    const key = lineKeyOf(String(x.name), x.tier, x.pass_kind);
    const end = x.state === 'met' ? utc(x.met_at)!.getTime() : ends.get(m)!;
    const durationMs = Math.max(0, end - utc(x.started_at)!.getTime() - n(x.paused_ms));
    const breached = n(x.breached) === 1 || x.breached === true;
    const line = (part.sla[key] ??= { total: 0, breached: 0, durations: [] });
    line.total++;
    line.durations.push(durationMs);
    part.summary.slaTotal++;
    if (breached) line.breached++;
    else part.summary.slaMet++;
  }
  for (const e of parts.entries()) for (const l of Object.values(e.part.sla)) l.durations.sort((a, b) => a - b);
}

/** Billed, waived and collected principal of the month's bills as they stand now (bill lines by their period). */
async function billLines(ds: DataSource, parts: MonthParts, ids: number[], months: string[]) {
  const sc = inIds('l', ids);
  const rows: Row[] = await ds.query(
    `SELECT l.community_id, l.period, SUM(l.amount_cents) AS billed, SUM(l.waived_cents) AS waived, SUM(l.paid_cents) AS paid
       FROM bill_lines l WHERE ${sc.sql} AND l.period IN (${months.map(() => '?').join(', ')}) GROUP BY l.community_id, l.period`,
    [...sc.params, ...months],
  );
  for (const x of rows) parts.get(n(x.community_id), String(x.period)).summary.fees = { billed: n(x.billed), waived: n(x.waived), paid: n(x.paid) };
}
