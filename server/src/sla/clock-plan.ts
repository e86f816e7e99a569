import { EntityManager } from 'typeorm';
import { ClockName, resumeShift } from '@linli/shared';
import { sqlTime } from '../common/sql-time';
import { SlaClock } from './entities/clock.entity';
import type { ClockSubject } from './clocks.service';

const OPEN = ['running', 'paused'];
/** escalation_level in an upsert row: keep the stored level (the sweeper may have moved it) */
const KEEP = -1;

/**
 * A subject's clocks as loaded with it, changed in memory (the same rules as ClocksService's one-clock methods) and
 * written back by `ClocksService.save` in ONE statement, whatever the mix of meet / start / pause / resume / cancel.
 * Load them inside the transaction that saves them; the subject's version-checked UPDATE orders concurrent changes.
 */
export class ClockPlan {
  private readonly changed = new Set<SlaClock>();
  private readonly restarted = new Set<SlaClock>();

  constructor(
    readonly subject: ClockSubject,
    readonly clocks: SlaClock[],
  ) {}

  private named(name: ClockName) {
    return this.clocks.find((c) => c.name === name);
  }

  start(name: ClockName, dueAt: Date, at: Date) {
    const fresh = { state: 'running' as const, startedAt: at, dueAt, metAt: null, pausedAt: null, pausedMs: 0, breached: false, escalationLevel: 0 };
    let c = this.named(name);
    if (c) Object.assign(c, fresh);
    else {
      const s = this.subject;
      c = Object.assign(new SlaClock(), { id: 0, companyId: s.companyId, communityId: s.communityId, subjectType: s.type, subjectId: s.id, name, ...fresh });
      this.clocks.push(c);
    }
    this.changed.add(c);
    this.restarted.add(c);
  }

  /** Stops a clock as met; met after its due time it stays marked breached. */
  meet(name: ClockName, at: Date) {
    const c = this.named(name);
    if (!c || !OPEN.includes(c.state)) return;
    const effectiveAt = c.state === 'paused' && c.pausedAt ? c.pausedAt : at;
    this.set(c, { state: 'met', metAt: at, pausedAt: null, breached: c.breached || effectiveAt.getTime() > c.dueAt.getTime() });
  }

  cancel(names?: ClockName[]) {
    for (const c of this.clocks) if (OPEN.includes(c.state) && (!names || names.includes(c.name))) this.set(c, { state: 'cancelled', pausedAt: null });
  }

  pause(at: Date) {
    for (const c of this.clocks) if (c.state === 'running') this.set(c, { state: 'paused', pausedAt: at });
  }

  resume(at: Date) {
    for (const c of this.clocks) {
      if (c.state !== 'paused') continue;
      const r = resumeShift(c.dueAt, c.pausedAt ?? at, at);
      this.set(c, { state: 'running', pausedAt: null, dueAt: r.dueAt, pausedMs: c.pausedMs + r.pausedForMs });
    }
  }

  moveDue(name: ClockName, dueAt: Date) {
    const c = this.named(name);
    if (c && OPEN.includes(c.state)) this.set(c, { dueAt });
  }

  private set(c: SlaClock, v: Partial<SlaClock>) {
    Object.assign(c, v);
    this.changed.add(c);
  }

  /** The statement `save` sends (null: nothing changed); existing rows first, new ones last (for their ids). */
  upsert(mysql: boolean): { sql: string; params: unknown[]; fresh: SlaClock[] } | null {
    const rows = [...this.changed].sort((a, b) => Number(a.id === 0) - Number(b.id === 0));
    if (!rows.length) return null;
    const cols = [
      'id',
      'company_id',
      'community_id',
      'subject_type',
      'subject_id',
      'name',
      'state',
      'started_at',
      'due_at',
      'met_at',
      'paused_at',
      'paused_ms',
      'breached',
      'escalation_level',
    ];
    const params = rows.flatMap((c) => [
      c.id || null,
      c.companyId,
      c.communityId,
      c.subjectType,
      c.subjectId,
      c.name,
      c.state,
      sqlTime(c.startedAt),
      sqlTime(c.dueAt),
      c.metAt ? sqlTime(c.metAt) : null,
      c.pausedAt ? sqlTime(c.pausedAt) : null,
      c.pausedMs,
      c.breached ? 1 : 0,
      this.restarted.has(c) || !c.id ? 0 : KEEP,
    ]);
    const set = cols.slice(6, 13).map((k) => (mysql ? `${k} = VALUES(${k})` : `${k} = excluded.${k}`));
    const level = mysql ? 'VALUES(escalation_level)' : 'excluded.escalation_level';
    set.push(`escalation_level = CASE WHEN ${level} < 0 THEN escalation_level ELSE ${level} END`);
    const values = rows.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
    const head = `INSERT INTO clocks (${cols.join(', ')}) VALUES ${values}`;
    const sql = mysql ? `${head} ON DUPLICATE KEY UPDATE ${set.join(', ')}` : `${head} ON CONFLICT(id) DO UPDATE SET ${set.join(', ')}`;
    return { sql, params, fresh: rows.filter((c) => !c.id) };
  }
}

/** Writes a plan's changes (one statement, none when nothing changed); new clocks get the driver's ids. */
export async function saveClockPlan(em: EntityManager, plan: ClockPlan): Promise<void> {
  const mysql = em.connection.options.type === 'mysql';
  const q = plan.upsert(mysql);
  if (!q) return;
  const raw: unknown = await em.query(q.sql, q.params);
  if (!q.fresh.length) return;
  // MySQL reports the first generated id, SQLite the last inserted rowid (the new rows come last)
  const id = Number(typeof raw === 'object' && raw !== null && 'insertId' in raw ? (raw as { insertId: number }).insertId : raw);
  const first = mysql ? id : id - q.fresh.length + 1;
  q.fresh.forEach((c, i) => (c.id = first + i));
}
