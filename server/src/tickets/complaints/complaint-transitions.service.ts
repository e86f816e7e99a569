import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  COMPLAINT_STEP_LABELS,
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
import { ClocksService, clockSummary } from '../../sla/clocks.service';
import { Ticket } from '../entities/ticket.entity';
import { TICKET, TicketCore } from '../ticket-core.service';
import { ComplaintActionDto } from './dto/complaint.dto';
import { actorsOf, fieldError, INPUT_FIELD, KINDS, roleOf } from './complaint-rules';
import { ComplaintClocksWriter } from './complaint-clocks-writer';
import { LoadedComplaint, loadComplaint, loadComplaintRow, snapshotOf } from './complaint-load';
import { detailOf } from './complaint-view';
import { UploadSigner } from '../../storage/storage.service';
import { ComplaintStepsService } from './complaint-steps.service';

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
    private readonly signer: UploadSigner,
    private readonly steps: ComplaintStepsService,
  ) {}

  onModuleInit() {
    this.calendars.onChange((em, companyId, calendar) => this.followCalendar(em, companyId, calendar));
  }

  async act(caller: Caller, id: number, action: ComplaintAction, dto: ComplaintActionDto): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    // read once (outside the transaction: the version-checked UPDATE catches any change since), then written,
    // and answered from what was loaded and written
    const l = await loadComplaint(this.ds.manager, scope, id);
    await this.ds.transaction((em) => this.apply(em, caller, l, action, dto, actorsOf(scope, l.t)));
    return detailOf(scope, l, this.clock.now(), this.signer);
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
        await this.ds.transaction(async (em) => {
          const l = await loadComplaintRow(em, t.companyId, t.id, null);
          if (l) await this.apply(em, null, l, action, { version: t.version }, ['system']);
        });
        out[action === 'confirm' ? 'confirmed' : 'closed']++;
      } catch (e) {
        if (!(e instanceof AppError && e.status === 409)) throw e; // someone else got there first
      }
    }
    return out;
  }

  /** One action on `t` inside `em`: checked against the machine and the input rules, then written. */
  async apply(
    em: EntityManager,
    caller: Caller | null,
    l: LoadedComplaint,
    action: ComplaintAction,
    dto: ComplaintActionDto,
    actors: ComplaintActor[],
  ): Promise<void> {
    const now = this.clock.now();
    const t = l.t;
    if (t.version !== dto.version) throw AppError.versionConflict(t.version);
    const snap = snapshotOf(l);
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
    const clocks = new ComplaintClocksWriter(em, t, l.clocks);
    const { eventType, payload } = await this.steps.run(action, { em, l, clocks, caller, t, dto, now, changes });
    // a finished ticket owes nothing more: clocks still running (a written reply never sent) stop here
    if (COMPLAINT_TERMINAL.includes(result.next)) await clocks.cancelOpen();
    // the list columns follow the clocks in the same version-checked UPDATE (no read-back)
    const all = { ...changes, ...clockSummary(l.clocks, now), version: t.version + 1 };
    const res = await em.createQueryBuilder().update(Ticket).set(all).where('id = :id AND version = :v', { id: t.id, v: t.version }).execute();
    if (!res.affected) throw AppError.versionConflict();
    Object.assign(t, all);
    l.events.push(await this.core.record(em, t, caller, roleOf(caller), eventType, payload, now));
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
      return AppError.conflict(ErrorCode.Conflict, `办结前请先完成：${missing.map((a) => COMPLAINT_STEP_LABELS[a]).join('、')}`, { missing });
    }
    case 'already_rated':
      return AppError.conflict(ErrorCode.AlreadyRated);
    case 'not_for_class':
      return AppError.conflict(ErrorCode.IllegalTransition, '该操作不适用于此类投诉', { status: t.status, action, complaintClass: t.complaintClass });
    default:
      return AppError.conflict(ErrorCode.IllegalTransition, undefined, { status: t.status, action });
  }
}
