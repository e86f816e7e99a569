import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ClockName, ClockView, resumeShift } from '@linli/shared';
import { SlaClock } from './entities/clock.entity';
import { insertRow } from '../database/insert-row';
import { ClockPlan, saveClockPlan } from './clock-plan';

export interface ClockSubject {
  type: string;
  id: number;
  companyId: number;
  communityId: number;
}

/**
 * Starts, meets, pauses and moves the clocks of any subject, always inside the caller's transaction.
 * It knows nothing of repairs or complaints: features name the clock and its due time.
 */
@Injectable()
export class ClocksService {
  async start(em: EntityManager, s: ClockSubject, name: ClockName, dueAt: Date, at: Date) {
    const existing = await em.findOneBy(SlaClock, { subjectType: s.type, subjectId: s.id, name });
    const fresh = { state: 'running' as const, startedAt: at, dueAt, metAt: null, pausedAt: null, pausedMs: 0, breached: false, escalationLevel: 0 };
    if (existing) await em.update(SlaClock, { id: existing.id }, fresh);
    else await insertRow(em, SlaClock, { companyId: s.companyId, communityId: s.communityId, subjectType: s.type, subjectId: s.id, name, ...fresh });
  }

  /** Stops a clock as met; met after its due time it stays marked breached. */
  async meet(em: EntityManager, type: string, id: number, name: ClockName, at: Date) {
    const c = await em.findOneBy(SlaClock, { subjectType: type, subjectId: id, name });
    if (!c || (c.state !== 'running' && c.state !== 'paused')) return;
    const effectiveAt = c.state === 'paused' && c.pausedAt ? c.pausedAt : at;
    await em.update(SlaClock, { id: c.id }, { state: 'met', metAt: at, pausedAt: null, breached: c.breached || effectiveAt.getTime() > c.dueAt.getTime() });
  }

  async cancel(em: EntityManager, type: string, id: number, names?: ClockName[]) {
    const where = { subjectType: type, subjectId: id, state: In(['running', 'paused']), ...(names ? { name: In(names) } : {}) };
    await em.update(SlaClock, where, { state: 'cancelled', pausedAt: null });
  }

  async pause(em: EntityManager, type: string, id: number, at: Date) {
    await em.update(SlaClock, { subjectType: type, subjectId: id, state: 'running' }, { state: 'paused', pausedAt: at });
  }

  async resume(em: EntityManager, type: string, id: number, at: Date) {
    for (const c of await em.findBy(SlaClock, { subjectType: type, subjectId: id, state: 'paused' })) {
      const r = resumeShift(c.dueAt, c.pausedAt ?? at, at);
      await em.update(SlaClock, { id: c.id }, { state: 'running', pausedAt: null, dueAt: r.dueAt, pausedMs: c.pausedMs + r.pausedForMs });
    }
  }

  /** A new due time for a clock still running or paused (tier changed, visit time agreed). */
  async moveDue(em: EntityManager, type: string, id: number, name: ClockName, dueAt: Date) {
    await em.update(SlaClock, { subjectType: type, subjectId: id, name, state: In(['running', 'paused']) }, { dueAt });
  }

  /** Writes the changes of a ClockPlan (clocks loaded with their subject) in one statement. */
  save(em: EntityManager, plan: ClockPlan) {
    return saveClockPlan(em, plan);
  }

  list(em: EntityManager, type: string, ids: number[]) {
    return ids.length ? em.find(SlaClock, { where: { subjectType: type, subjectId: In(ids) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }
}

export function clockView(c: SlaClock, now: Date): ClockView {
  // a paused clock stands still where it was paused: already past due then, it stays breached (as `meet` counts it)
  const overdue =
    (c.state === 'running' && c.dueAt.getTime() < now.getTime()) || (c.state === 'paused' && !!c.pausedAt && c.dueAt.getTime() < c.pausedAt.getTime());
  return {
    name: c.name,
    state: c.state,
    startedAt: c.startedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    metAt: c.metAt?.toISOString() ?? null,
    pausedAt: c.pausedAt?.toISOString() ?? null,
    pausedMs: c.pausedMs,
    breached: c.breached || overdue,
  };
}

/** What a subject's row keeps for lists: the earliest due time still running, and whether any clock broke. */
export function clockSummary(clocks: SlaClock[], now: Date): { slaDueAt: Date | null; breached: boolean } {
  const running = clocks.filter((c) => c.state === 'running');
  const slaDueAt = running.length ? new Date(Math.min(...running.map((c) => c.dueAt.getTime()))) : null;
  return { slaDueAt, breached: clocks.some((c) => clockView(c, now).breached) };
}
