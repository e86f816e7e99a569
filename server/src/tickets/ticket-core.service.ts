import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { User } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { ClockName } from '@linli/shared';
import { ClockSubject, ClocksService, clockSummary } from '../sla/clocks.service';
import { SlaClock } from '../sla/entities/clock.entity';
import { Upload } from '../storage/upload.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { Ticket } from './entities/ticket.entity';
import { TicketHooks } from './ticket-hooks';
import { insertedIds, insertRow } from '../database/insert-row';

export const TICKET = 'ticket';

/** What every ticket policy (repairs, complaints) does the same way inside its transactions. */
@Injectable()
export class TicketCore {
  constructor(
    private readonly clocks: ClocksService,
    private readonly hooks: TicketHooks,
  ) {}

  subject(t: Ticket) {
    return { type: TICKET, id: t.id, companyId: t.companyId, communityId: t.communityId };
  }

  /** The caller's own uploads, not yet used, must all be there; then they are checked before any other write. */
  async checkUploads(em: EntityManager, caller: Caller, ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await em.findBy(Upload, { id: In(unique), uploaderId: caller.userId, companyId: caller.companyId });
    if (rows.length !== unique.length || rows.some((u) => u.subjectId !== null)) throw invalidUpload();
    return unique;
  }

  /** `checkUploads`, returning the rows (for an answer built without reading them again). */
  async freeUploads(em: EntityManager, caller: Caller, ids: number[]): Promise<Upload[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await em.find(Upload, { where: { id: In(unique), uploaderId: caller.userId, companyId: caller.companyId }, order: { id: 'ASC' } });
    if (rows.length !== unique.length || rows.some((u) => u.subjectId !== null)) throw invalidUpload();
    return rows;
  }

  /**
   * Starts a new subject's clocks with one multi-row INSERT (a new subject has none to restart) and returns them as
   * written; the ids come from the driver (consecutive auto-increment values of one statement).
   */
  async startClocks(em: EntityManager, s: ClockSubject, clocks: { name: ClockName; dueAt: Date; startedAt: Date }[]): Promise<SlaClock[]> {
    if (!clocks.length) return [];
    const rows = clocks.map((c) => clockRow(s, c));
    const res = await em.createQueryBuilder().insert().into(SlaClock).values(rows).updateEntity(false).execute();
    const ids = insertedIds(res.raw, rows.length, em.connection.options.type === 'mysql');
    return rows.map((r, i) => em.create(SlaClock, { ...r, id: ids[i] }));
  }

  /** A clock not yet written (id 0), for a ClockPlan to insert with the subject's other clocks. */
  newClock(s: ClockSubject, c: { name: ClockName; dueAt: Date; startedAt: Date }): SlaClock {
    return Object.assign(new SlaClock(), { ...clockRow(s, c), id: 0 });
  }

  /**
   * Attaches checked uploads only while they are still free: the check reads without a lock, so two requests sent
   * at once with the same photo would both pass it; this conditional update lets exactly one win.
   */
  async attachUploads(em: EntityManager, caller: Caller, ids: number[], ticketId: number, purpose: string) {
    if (!ids.length) return;
    const res = await em
      .createQueryBuilder()
      .update(Upload)
      .set({ subjectType: TICKET, subjectId: ticketId, purpose })
      .where({ id: In(ids), uploaderId: caller.userId, companyId: caller.companyId, subjectId: IsNull() })
      .execute();
    if (res.affected !== ids.length) throw invalidUpload();
  }

  /** Keeps the ticket's list columns (earliest running due time, breached) in step with its clocks. */
  async refreshSla(em: EntityManager, t: Ticket, now: Date) {
    const sum = clockSummary(await this.clocks.list(em, TICKET, [t.id]), now);
    // version set explicitly: TypeORM would otherwise bump it, and this is part of the same change
    await em.update(Ticket, { id: t.id }, { slaDueAt: sum.slaDueAt, breached: sum.breached, version: t.version });
  }

  /** Appends the timeline event and lets the hooks (notifications) act in the same transaction. */
  async record(
    em: EntityManager,
    t: Ticket,
    caller: Caller | null,
    role: string,
    type: string,
    payload: Record<string, unknown>,
    at: Date,
  ): Promise<TicketEvent> {
    const values = { ticketId: t.id, type, actorId: caller?.userId ?? null, actorRole: role, payload: payload as never, at };
    const event = em.create(TicketEvent, { ...values, id: await insertRow(em, TicketEvent, values) });
    await this.hooks.afterEvent(em, t, event);
    return event;
  }

  /** Several timeline events of one change in ONE multi-row INSERT, then the hooks once (one outbox INSERT). */
  async recordAll(
    em: EntityManager,
    t: Ticket,
    rows: { caller: Caller | null; role: string; type: string; payload: Record<string, unknown>; at: Date }[],
  ): Promise<TicketEvent[]> {
    const values = rows.map((r) => ({
      ticketId: t.id,
      type: r.type,
      actorId: r.caller?.userId ?? null,
      actorRole: r.role,
      payload: r.payload as never,
      at: r.at,
    }));
    const res = await em.createQueryBuilder().insert().into(TicketEvent).values(values).updateEntity(false).execute();
    const ids = insertedIds(res.raw, values.length, em.connection.options.type === 'mysql');
    const events = values.map((v, i) => em.create(TicketEvent, { ...v, id: ids[i] }));
    await this.hooks.afterEvents(em, t, events);
    return events;
  }

  async names(em: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
    const want = [...new Set(ids.filter((i): i is number => i !== null))];
    if (!want.length) return new Map();
    return new Map((await em.findBy(User, { id: In(want) })).map((u) => [u.id, u.name]));
  }
}

/** A new running clock's columns. */
function clockRow(s: ClockSubject, c: { name: ClockName; dueAt: Date; startedAt: Date }) {
  return {
    companyId: s.companyId,
    communityId: s.communityId,
    subjectType: s.type,
    subjectId: s.id,
    name: c.name,
    state: 'running' as const,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    metAt: null,
    pausedAt: null,
    pausedMs: 0,
    breached: false,
    escalationLevel: 0,
  };
}

const invalidUpload = () => new AppError(400, ErrorCode.InvalidUpload, '照片无效或已被使用，请重新上传');
