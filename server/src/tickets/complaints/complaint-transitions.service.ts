import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_INPUT_ERROR_MESSAGES,
  COMPLAINT_TERMINAL,
  ComplaintAction,
  ComplaintActionInput,
  ComplaintActor,
  ComplaintDetail,
  complaintInputError,
  ComplaintSnapshot,
  complaintTransition,
  ErrorCode,
  missingStepsBeforeResolve,
  WorkingCalendar,
  writtenReplyClock,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { ScopeService } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { CalendarService } from '../../sla/calendar.service';
import { SlaClock } from '../../sla/entities/clock.entity';
import { ClocksService } from '../../sla/clocks.service';
import { Ticket } from '../entities/ticket.entity';
import { TICKET, TicketCore } from '../ticket-core.service';
import { ComplaintActionDto } from './dto/complaint.dto';
import { actorsOf, fieldError, INPUT_FIELD, KINDS, roleOf } from './complaint-rules';
import { ComplaintQueriesService } from './complaint-queries.service';
import { ComplaintStepsService, StepContext } from './complaint-steps.service';

/**
 * The complaints desk's state changes on the shared machine (complaint-states.ts) and clocks (complaint-clocks.ts):
 * one transaction each — the ticket (version-checked), its thread / records / clocks, its timeline event, the hooks.
 * What each action writes besides the ticket is in ComplaintStepsService.
 */
@Injectable()
export class ComplaintTransitionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
    private readonly calendars: CalendarService,
    private readonly core: TicketCore,
    private readonly scopes: ScopeService,
    private readonly queries: ComplaintQueriesService,
    private readonly steps: ComplaintStepsService,
  ) {}

  onModuleInit() {
    this.calendars.onChange((em, companyId, calendar) => this.followCalendar(em, companyId, calendar));
  }

  async act(caller: Caller, id: number, action: ComplaintAction, dto: ComplaintActionDto): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    await this.ds.transaction(async (em) => {
      const t = await this.queries.visible(em, scope, id);
      await this.apply(em, caller, t, action, dto, actorsOf(scope, t));
    });
    return this.queries.detailIn(this.ds.manager, scope, id);
  }

  /**
   * What the system does when the resident stays silent for `days` after resolution: a complaint is confirmed
   * (the desk's return visit still follows), a suggestion, inquiry or praise is closed. Safe on every instance
   * (version CAS: whoever is first wins, the others skip).
   */
  async autoFinish(days: number, limit = 200): Promise<{ confirmed: number; closed: number }> {
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    const due = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.kind IN (:...kinds) AND t.status = :s AND t.completedAt < :cutoff', { kinds: KINDS, s: 'resolved', cutoff: sqlTime(cutoff) })
      .orderBy('t.id', 'ASC')
      .limit(limit)
      .getMany();
    const out = { confirmed: 0, closed: 0 };
    for (const t of due) {
      const action = t.kind === 'complaint' ? 'confirm' : 'close';
      try {
        await this.ds.transaction((em) => this.apply(em, null, t, action, { version: t.version }, ['system']));
        out[action === 'confirm' ? 'confirmed' : 'closed']++;
      } catch (e) {
        if (!(e instanceof AppError && e.status === 409)) throw e; // someone else got there first
      }
    }
    return out;
  }

  /** One action on `t` inside `em`: checked against the machine and the input rules, then written. */
  async apply(em: EntityManager, caller: Caller | null, t: Ticket, action: ComplaintAction, dto: ComplaintActionDto, actors: ComplaintActor[]): Promise<void> {
    const now = this.clock.now();
    if (t.version !== dto.version) throw AppError.versionConflict(t.version);
    const snap = await this.queries.snapshot(em, t);
    const result = complaintTransition(snap, action, actors, { satisfied: dto.satisfied });
    if (!result.ok) throw refusal(result.error, t, action, actors, snap);
    const input: ComplaintActionInput = {
      complaintClass: dto.complaintClass,
      reason: dto.reason,
      content: dto.content,
      measures: dto.measures,
      dueDate: dto.dueDate,
      assigneeId: dto.assigneeId,
      rating: dto.rating,
      satisfied: dto.satisfied,
    };
    const bad = complaintInputError(snap, action, input, now);
    if (bad) throw fieldError(INPUT_FIELD[bad], COMPLAINT_INPUT_ERROR_MESSAGES[bad], bad);

    const changes: Partial<Ticket> = { status: result.next, isOpen: !COMPLAINT_TERMINAL.includes(result.next), updatedAt: now };
    const ctx: StepContext = { em, caller, t, dto, now, changes };
    const { eventType, payload } = await this.steps.run(action, ctx);

    // a finished ticket owes nothing more: clocks still running (a written reply never sent) stop here
    if (COMPLAINT_TERMINAL.includes(result.next)) await this.clocks.cancel(em, TICKET, t.id);

    const res = await em
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...changes, version: t.version + 1 })
      .where('id = :id AND version = :v', { id: t.id, v: t.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    const updated = await em.findOneByOrFail(Ticket, { id: t.id });
    await this.core.refreshSla(em, updated, now);
    await this.core.record(em, updated, caller, roleOf(caller), eventType, payload, now);
  }

  /** An admin changed the calendar: running written-reply clocks of the company count on the new working days. */
  private async followCalendar(em: EntityManager, companyId: number, calendar: WorkingCalendar) {
    const now = this.clock.now();
    const running = await em.findBy(SlaClock, { companyId, subjectType: TICKET, name: 'written_reply', state: In(['running', 'paused']) });
    for (const c of running) {
      const due = writtenReplyClock(c.startedAt, calendar).dueAt;
      if (due.getTime() === c.dueAt.getTime()) continue;
      await this.clocks.moveDue(em, TICKET, c.subjectId, 'written_reply', new Date(due.getTime() + c.pausedMs));
      const t = await em.findOneBy(Ticket, { id: c.subjectId });
      if (t) await this.core.refreshSla(em, t, now);
    }
  }
}

/** The machine said no: the error the caller reads. */
function refusal(error: string, t: Ticket, action: ComplaintAction, actors: ComplaintActor[], snap: ComplaintSnapshot): AppError {
  switch (error) {
    case 'not_allowed':
      return AppError.forbidden(t.ownerId && actors.includes('desk') ? '该工单由负责人处理，请联系负责人或主管' : '您不能对该工单进行此操作');
    case 'steps_missing': {
      const missing = missingStepsBeforeResolve(snap);
      return AppError.conflict(ErrorCode.Conflict, `办结前请先完成：${missing.map((a) => COMPLAINT_ACTION_LABELS[a]).join('、')}`, { missing });
    }
    case 'already_rated':
      return AppError.conflict(ErrorCode.AlreadyRated);
    case 'not_for_class':
      return AppError.conflict(ErrorCode.IllegalTransition, '该操作不适用于此类投诉', { status: t.status, action, complaintClass: t.complaintClass });
    default:
      return AppError.conflict(ErrorCode.IllegalTransition, undefined, { status: t.status, action });
  }
}
