import { DataSource, EntityManager } from 'typeorm';
import { sqlTime } from '../../common/sql-time';
import { isEmptyPart, MonthPart, MonthParts, MonthSummary, parseSla, serializeSla } from './month-part';

type Row = Record<string, unknown>;
type Db = DataSource | EntityManager;
const n = (v: unknown) => Number(v ?? 0);
const marks = (k: number) => Array.from({ length: k }, () => '?').join(', ');

/**
 * The rolled-up parts of `months` for `communityIds` in one statement; the SLA durations (the bulky column) only
 * for `slaFor`, the month whose lines are shown. A missing row is a month without data: an empty part.
 */
export async function readMonthParts(db: Db, communityIds: number[], months: string[], slaFor: string): Promise<MonthParts> {
  const parts = new MonthParts();
  if (!communityIds.length || !months.length) return parts;
  const rows: Row[] = await db.query(
    `SELECT community_id, period, summary, CASE WHEN period = ? THEN sla END AS sla FROM report_rollups
      WHERE community_id IN (${marks(communityIds.length)}) AND period IN (${marks(months.length)})`,
    [slaFor, ...communityIds, ...months],
  );
  for (const r of rows) {
    const part: MonthPart = { summary: JSON.parse(String(r.summary)) as MonthSummary, sla: r.sla ? parseSla(String(r.sla)) : {} };
    parts.set(n(r.community_id), String(r.period), part);
  }
  return parts;
}

/** MariaDB's max_allowed_packet is 16 MB by default: multi-row INSERTs are cut well below it. */
const INSERT_BYTES = 4 * 1024 * 1024;

/** Replaces the roll-up rows of `period` for `communityIds` with `parts` (empty parts leave no row). */
export async function writeMonthParts(em: EntityManager, communityIds: number[], period: string, parts: MonthParts, at: Date): Promise<number> {
  if (!communityIds.length) return 0;
  await em.query(`DELETE FROM report_rollups WHERE period = ? AND community_id IN (${marks(communityIds.length)})`, [period, ...communityIds]);
  const wanted = new Set(communityIds);
  const rows = parts
    .ofMonth(period)
    .filter((e) => wanted.has(e.communityId) && !isEmptyPart(e.part))
    .map((e) => [e.communityId, period, JSON.stringify(e.part.summary), serializeSla(e.part.sla), sqlTime(at)] as const);
  let batch: (typeof rows)[number][] = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    await em.query(
      `INSERT INTO report_rollups (community_id, period, summary, sla, computed_at) VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      batch.flat(),
    );
    batch = [];
    bytes = 0;
  };
  for (const r of rows) {
    if (bytes + r[2].length + r[3].length > INSERT_BYTES) await flush();
    batch.push(r);
    bytes += r[2].length + r[3].length;
  }
  await flush();
  return rows.length;
}

/** Open principal by effective due date (deferral first) per community: live, one statement. */
export async function liveOpenDues(db: Db, communityIds: number[], before?: string): Promise<{ communityId: number; due: string; openCents: number }[]> {
  if (!communityIds.length) return [];
  const rows: Row[] = await db.query(
    `SELECT l.community_id, COALESCE(l.deferred_until, l.due_date) AS due, SUM(l.amount_cents - l.paid_cents - l.waived_cents) AS open_cents
       FROM bill_lines l WHERE l.community_id IN (${marks(communityIds.length)}) AND l.status = 'open'${before ? ' AND COALESCE(l.deferred_until, l.due_date) < ?' : ''}
      GROUP BY l.community_id, COALESCE(l.deferred_until, l.due_date)`,
    [...communityIds, ...(before ? [before] : [])],
  );
  return rows.map((r) => ({ communityId: n(r.community_id), due: String(r.due).slice(0, 10), openCents: n(r.open_cents) }));
}

/** The rolled-up open principal due before `before`, summed over the communities by due date: one statement. */
export async function readOpenDues(db: Db, communityIds: number[], before: string): Promise<{ due: string; openCents: number }[]> {
  if (!communityIds.length) return [];
  const rows: Row[] = await db.query(
    `SELECT due_date, SUM(open_cents) AS open_cents FROM report_open_dues
      WHERE community_id IN (${marks(communityIds.length)}) AND due_date < ? GROUP BY due_date`,
    [...communityIds, before],
  );
  return rows.map((r) => ({ due: String(r.due_date), openCents: n(r.open_cents) }));
}

/** Replaces the communities' rolled-up open dues with the live ones. */
export async function writeOpenDues(em: EntityManager, communityIds: number[]): Promise<void> {
  if (!communityIds.length) return;
  const dues = await liveOpenDues(em, communityIds);
  await em.query(`DELETE FROM report_open_dues WHERE community_id IN (${marks(communityIds.length)})`, communityIds);
  for (let i = 0; i < dues.length; i += 500) {
    const chunk = dues.slice(i, i + 500);
    await em.query(
      `INSERT INTO report_open_dues (community_id, due_date, open_cents) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
      chunk.flatMap((d) => [d.communityId, d.due, d.openCents]),
    );
  }
}
