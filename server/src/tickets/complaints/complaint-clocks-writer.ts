import { EntityManager, In } from 'typeorm';
import { ClockName } from '@linli/shared';
import { insertRow } from '../../database/insert-row';
import { SlaClock } from '../../sla/entities/clock.entity';
import { Ticket } from '../entities/ticket.entity';

const OPEN = ['running', 'paused'] as const;
const isOpen = (c: SlaClock) => c.state === 'running' || c.state === 'paused';

/**
 * A complaint's clocks changed set-based from what the action loaded (no SELECT before each change): one statement
 * per kind of change, and the in-memory rows kept in step for the ticket's list columns and the answer. Stale rows
 * cannot slip through: the ticket's version-checked UPDATE in the same transaction fails if anything changed since.
 */
export class ComplaintClocksWriter {
  constructor(
    private readonly em: EntityManager,
    private readonly t: Ticket,
    readonly clocks: SlaClock[],
  ) {}

  /** Stops the named clocks still running or paused, as met; met after their due time they stay breached. */
  async meet(names: ClockName[], at: Date) {
    const due = this.clocks.filter((c) => names.includes(c.name) && isOpen(c));
    if (!due.length) return;
    const late = due.filter((c) => (c.state === 'paused' && c.pausedAt ? c.pausedAt : at).getTime() > c.dueAt.getTime()).map((c) => c.id);
    const set: Record<string, unknown> = { state: 'met', metAt: at, pausedAt: null };
    if (late.length) set.breached = () => `CASE WHEN id IN (${late.map(Number).join(',')}) THEN 1 ELSE breached END`;
    await this.em
      .createQueryBuilder()
      .update(SlaClock)
      .set(set)
      .where({ id: In(due.map((c) => c.id)), state: In([...OPEN]) })
      .execute();
    for (const c of due) Object.assign(c, { state: 'met', metAt: at, pausedAt: null, breached: c.breached || late.includes(c.id) });
  }

  /** (Re)starts a clock: the row is updated when the ticket has one of that name, inserted otherwise. */
  async start(name: ClockName, dueAt: Date, at: Date) {
    const fresh = { state: 'running' as const, startedAt: at, dueAt, metAt: null, pausedAt: null, pausedMs: 0, breached: false, escalationLevel: 0 };
    const existing = this.clocks.find((c) => c.name === name);
    if (existing) {
      await this.em.update(SlaClock, { id: existing.id }, fresh);
      Object.assign(existing, fresh);
      return;
    }
    const t = this.t;
    const values = { companyId: t.companyId, communityId: t.communityId, subjectType: 'ticket', subjectId: t.id, name, ...fresh };
    this.clocks.push(Object.assign(new SlaClock(), { ...values, id: await insertRow(this.em, SlaClock, values) }));
  }

  /** A finished ticket owes nothing more: every clock still running or paused is cancelled. */
  async cancelOpen() {
    const open = this.clocks.filter(isOpen);
    if (!open.length) return;
    await this.em.update(SlaClock, { subjectType: 'ticket', subjectId: this.t.id, state: In([...OPEN]) }, { state: 'cancelled', pausedAt: null });
    for (const c of open) Object.assign(c, { state: 'cancelled', pausedAt: null });
  }
}
