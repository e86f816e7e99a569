import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  arrivalDue,
  dispatchDue,
  ErrorCode,
  RepairAction,
  RepairActor,
  RepairDetail,
  RepairStatus,
  repairTransition,
  REPAIR_TERMINAL,
  URGE_INTERVAL_MINUTES,
  lastVisitDay,
  visitAtError,
  VISIT_PAST_TOLERANCE_MS,
} from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { ScopeService } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { ClocksService, clockSummary } from '../../sla/clocks.service';
import { PriceItem } from '../entities/price-item.entity';
import { TicketCharge } from '../entities/ticket-charge.entity';
import { Ticket } from '../entities/ticket.entity';
import { TICKET, TicketCore } from '../ticket-core.service';
import { RepairActionDto } from './dto/repair.dto';
import { ClockPlan } from '../../sla/clock-plan';
import { Loaded, loadForChange } from './repair-change-load';
import { AppConfig } from '../../config/app-config';
import { RepairViews, TIER_RANK, transitionOpts } from './repair-views';

/**
 * The repair state machine with its clocks (dispatch 2 min, arrival by tier, initial feedback), technician work and
 * charges, confirmation, rating and return visit. Every change is one transaction: the clocks (one upsert), the ticket
 * (version-checked), its timeline event and outbox row.
 */
@Injectable()
export class RepairTransitionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
    private readonly core: TicketCore,
    private readonly scopes: ScopeService,
    private readonly views: RepairViews,
    private readonly cfg: AppConfig,
  ) {}

  /**
   * One statement reads the repair with everything its answer shows and the action needs (`loadForChange`); the
   * transaction writes the clocks (one upsert), the ticket (version-checked), the event and its outbox row; the answer
   * is what was loaded plus what was written.
   */
  async act(caller: Caller, id: number, action: RepairAction, dto: RepairActionDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    const w = await this.ds.transaction(async (em) => {
      const dispatching = action === 'dispatch' || action === 'reassign';
      const w = await loadForChange(em, scope.companyId, id, {
        callerId: caller.userId,
        technicianId: dispatching ? dto.technicianId : undefined,
        priceItemIds: action === 'complete' ? dto.lines?.map((l) => l.priceItemId) : undefined,
        photoIds: action === 'complete' ? dto.photoIds : undefined,
      });
      if (!w || !this.views.canSee(scope, w.ticket)) throw AppError.notFound('工单');
      await this.apply(em, caller, w, action, dto, this.views.actors(scope, w.ticket));
      return w;
    });
    return this.views.view(scope, w, this.clock.now());
  }

  /** Completed orders nobody confirmed within `days` are confirmed by the system. Safe on every instance (version CAS). */
  async autoConfirm(days: number, limit = 200): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    const due = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.status = :s AND t.completedAt < :cutoff', { s: 'completed', cutoff: sqlTime(cutoff) })
      .orderBy('t.id', 'ASC')
      .limit(limit)
      .getMany();
    let n = 0;
    for (const t of due) {
      try {
        await this.ds.transaction(async (em) => {
          const w = await loadForChange(em, t.companyId, t.id);
          if (w) await this.apply(em, null, w, 'confirm', { version: t.version }, ['system'], { auto: true });
        });
        n++;
      } catch (e) {
        if (!(e instanceof AppError && e.status === 409)) throw e; // someone else got there first
      }
    }
    return n;
  }

  /** A change: checked and computed (`prepare`), then written (clocks, ticket, event) — added to `w` for the answer. */
  async apply(
    em: EntityManager,
    caller: Caller | null,
    w: Loaded,
    action: RepairAction,
    dto: RepairActionDto,
    actors: RepairActor[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const p = await this.prepare(em, caller, w, action, dto, actors, extra);
    const t = w.ticket;
    // the clocks in one statement; the ticket's version-checked UPDATE carries its list columns
    await this.clocks.save(em, p.clocks);
    const res = await em
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...p.changes, version: t.version + 1 })
      .where('id = :id AND version = :v', { id: t.id, v: t.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    // no read-back: the row is what we had plus what we changed
    const updated = Object.assign(t, p.changes, { version: t.version + 1 });
    w.events.push(await this.record(em, updated, caller, p.eventType, p.payload, p.now));
  }

  /**
   * Checks a change and computes it: the ticket's new columns (with the list columns from the clocks), the clocks
   * changed in memory, the event. Writes only what completion adds (charges, photos); `apply` writes the rest.
   */
  async prepare(
    em: EntityManager,
    caller: Caller | null,
    w: Loaded,
    action: RepairAction,
    dto: RepairActionDto,
    actors: RepairActor[],
    extra: Record<string, unknown> = {},
  ): Promise<Prepared> {
    const now = this.clock.now();
    const t = w.ticket;
    if (t.version !== dto.version) throw AppError.versionConflict(t.version);
    const result = repairTransition(t.status as RepairStatus, action, actors, { ...transitionOpts(t), satisfied: dto.satisfied });
    if (!result.ok) {
      if (result.error === 'not_allowed') throw AppError.forbidden('您不能对该工单进行此操作');
      throw AppError.conflict(ErrorCode.IllegalTransition, undefined, { status: t.status, action });
    }
    const clocks = new ClockPlan(this.core.subject(t), w.clocks);
    const changes: Partial<Ticket> = { status: result.next, isOpen: !REPAIR_TERMINAL.includes(result.next), updatedAt: now };
    let payload: Record<string, unknown> = { ...extra };
    let eventType: string = action;

    switch (action) {
      case 'accept': {
        const tier = dto.tier ?? need('tier', '请选择处理等级');
        Object.assign(changes, { tier, tierRank: t.emergency ? 0 : TIER_RANK[tier], acceptedAt: now, ownerId: t.ownerId ?? caller?.userId ?? null });
        clocks.meet('initial_feedback', now);
        clocks.start('dispatch', dispatchDue(now), now);
        clocks.start('arrival', arrivalDue(tier, now, t.agreedVisitAt), now);
        payload = { ...payload, tier, auto: caller === null };
        eventType = 'accepted';
        break;
      }
      case 'change_tier': {
        const tier = dto.tier ?? need('tier', '请选择新的等级');
        const reason = dto.reason ?? need('reason', '请填写调整原因');
        if (t.emergency && tier !== 'critical') throw AppError.badRequest('紧急情况必须为特急');
        Object.assign(changes, { tier, tierRank: t.emergency ? 0 : TIER_RANK[tier] });
        clocks.moveDue('arrival', arrivalDue(tier, t.acceptedAt ?? now, t.agreedVisitAt));
        payload = { from: t.tier, to: tier, reason };
        eventType = 'tier_changed';
        break;
      }
      case 'dispatch':
      case 'reassign': {
        const tech = await this.technician(em, w, dto.technicianId ?? need('technicianId', '请选择维修人员'));
        if (action === 'reassign' && tech.id === t.assigneeId) throw AppError.badRequest('已是该维修人员');
        const reason = action === 'reassign' ? (dto.reason ?? need('reason', '请填写转派原因')) : undefined;
        changes.assigneeId = tech.id;
        // an emergency accepted by the system belongs to whoever first handles it (首问负责)
        if (!t.ownerId && caller) changes.ownerId = caller.userId;
        // handing on a held order ends the hold: the new technician starts at once, so its clocks run again
        if (t.status === 'on_hold') {
          Object.assign(changes, { heldFrom: null, holdReason: null });
          clocks.resume(now);
        }
        clocks.meet('dispatch', now);
        if (t.status === 'reopened') clocks.start('arrival', arrivalDue(t.tier ?? 'normal', now, null), now);
        w.names.set(tech.id, tech.name);
        const from = t.assigneeId ? { fromId: t.assigneeId, fromName: w.names.get(t.assigneeId) } : {};
        payload = { technicianId: tech.id, technicianName: tech.name, ...(reason ? { reason, ...from } : {}) };
        eventType = action === 'dispatch' ? 'dispatched' : 'reassigned';
        break;
      }
      case 'schedule': {
        // the desk records a time agreed with the resident by phone
        const visitAt = new Date(dto.visitAt ?? need('visitAt', '请选择上门时间'));
        this.checkVisitAt(visitAt, now);
        this.agree(t, changes, clocks, visitAt);
        payload = { visitAt: visitAt.toISOString() };
        eventType = 'scheduled';
        break;
      }
      case 'propose_time': {
        const visitAt = new Date(dto.visitAt ?? need('visitAt', '请选择上门时间'));
        this.checkVisitAt(visitAt, now);
        const by = actors.includes('resident') ? 'resident' : 'staff';
        Object.assign(changes, { proposedVisitAt: visitAt, proposedBy: by });
        payload = { visitAt: visitAt.toISOString(), by, counter: !!t.proposedVisitAt && t.proposedBy !== by };
        eventType = 'time_proposed';
        break;
      }
      case 'accept_time': {
        const visitAt = t.proposedVisitAt!;
        if (visitAt.getTime() < now.getTime() - VISIT_PAST_TOLERANCE_MS) throw fieldError('visitAt', 'visit_past', '提议的上门时间已过，请另约时间');
        this.agree(t, changes, clocks, visitAt);
        payload = { visitAt: visitAt.toISOString(), by: actors.includes('resident') ? 'resident' : 'staff' };
        eventType = 'time_agreed';
        break;
      }
      case 'arrive':
        clocks.meet('arrival', now);
        eventType = 'arrived';
        break;
      case 'hold': {
        const holdReason = dto.holdReason ?? need('holdReason', '请选择挂起原因');
        Object.assign(changes, { heldFrom: t.status, holdReason });
        clocks.pause(now);
        payload = { holdReason, reason: dto.reason ?? null };
        eventType = 'held';
        break;
      }
      case 'resume':
        Object.assign(changes, { heldFrom: null, holdReason: null });
        clocks.resume(now);
        eventType = 'resumed';
        break;
      case 'complete': {
        const done = await this.complete(em, caller!, w, dto);
        Object.assign(changes, { completedAt: now, freeOfCharge: done.free, chargeTotalCents: done.total });
        clocks.meet('completion', now);
        clocks.cancel();
        payload = { freeOfCharge: done.free, totalCents: done.total, notes: dto.notes ?? null, photos: done.photos };
        eventType = 'completed';
        break;
      }
      case 'confirm':
        eventType = 'confirmed';
        break;
      case 'dispute': {
        const reason = dto.reason ?? need('reason', '请说明哪里不满意');
        clocks.start('dispatch', dispatchDue(now), now);
        payload = { reason };
        eventType = 'disputed';
        break;
      }
      case 'rate': {
        if (t.rating !== null) throw AppError.conflict(ErrorCode.AlreadyRated);
        const rating = dto.rating ?? need('rating', '请选择 1–5 星');
        Object.assign(changes, { rating, ratingComment: dto.comment ?? null });
        payload = { rating, comment: dto.comment ?? null };
        eventType = 'rated';
        break;
      }
      case 'return_visit': {
        if (dto.satisfied === undefined) need('satisfied', '请选择回访结果');
        Object.assign(changes, { returnVisitSatisfied: dto.satisfied, returnVisitNotes: dto.notes ?? null, returnVisitAt: now });
        if (!dto.satisfied) clocks.start('dispatch', dispatchDue(now), now);
        payload = { satisfied: dto.satisfied, notes: dto.notes ?? null };
        eventType = 'return_visit';
        break;
      }
      case 'cancel': {
        const byStaff = actors.includes('desk');
        const reason = dto.reason ?? (byStaff ? need('reason', '请填写取消原因') : null);
        changes.cancelReason = reason;
        clocks.cancel();
        payload = { reason };
        eventType = 'cancelled';
        break;
      }
      case 'urge': {
        if (t.lastUrgedAt && now.getTime() - t.lastUrgedAt.getTime() < URGE_INTERVAL_MINUTES * 60_000) {
          throw new AppError(429, ErrorCode.UrgeTooSoon, undefined, {
            retryAfterSeconds: Math.ceil((t.lastUrgedAt.getTime() + URGE_INTERVAL_MINUTES * 60_000 - now.getTime()) / 1000),
          });
        }
        changes.lastUrgedAt = now;
        eventType = 'urged';
        break;
      }
    }

    Object.assign(changes, clockSummary(w.clocks, now));
    return { clocks, changes, eventType, payload, now };
  }

  /** A visit time both sides agreed: the pending proposal is settled; a 一般 order's arrival clock runs to it. */
  private agree(t: Ticket, changes: Partial<Ticket>, clocks: ClockPlan, visitAt: Date) {
    Object.assign(changes, { agreedVisitAt: visitAt, proposedVisitAt: null, proposedBy: null });
    // only the "same day" tier runs to the agreed time; 5 / 15 minute tiers keep their clock
    if (t.tier === 'normal') clocks.moveDue('arrival', visitAt);
  }

  /** The technician the change names: loaded with the repair when the caller asked for it, else read here. */
  private async technician(em: EntityManager, w: Loaded, id: number): Promise<User> {
    const t = w.ticket;
    let tech = w.technician;
    if (tech === undefined) {
      const found = await em.findOneBy(User, { id, companyId: t.companyId, kind: 'staff', active: true });
      tech = found && (await em.existsBy(StaffCommunity, { userId: id, communityId: t.communityId })) ? found : null;
    }
    if (!tech || !tech.roles.includes('technician')) throw AppError.notFound('该小区的维修人员');
    return tech;
  }

  /** Completion's charges (priced from the list) and photos, written; added to `w` for the answer. */
  private async complete(em: EntityManager, caller: Caller, w: Loaded, dto: RepairActionDto): Promise<{ free: boolean; total: number; photos: number }> {
    const t = w.ticket;
    const free = dto.freeOfCharge ?? need('freeOfCharge', '请选择是否免费（原装设备缺陷）');
    const lines = dto.lines ?? [];
    if (!free && !lines.length) throw AppError.badRequest('请按价目表填写收费项目，或选择原装设备缺陷免费');
    if (free && lines.length) throw AppError.badRequest('免费维修不能同时填写收费项目');
    const items =
      w.priceItems ?? (lines.length ? await em.findBy(PriceItem, { id: In(lines.map((l) => l.priceItemId)), companyId: t.companyId, active: true }) : []);
    const byId = new Map(items.map((i) => [i.id, i]));
    const charges = lines.map((l) => {
      const item = byId.get(l.priceItemId);
      if (!item) throw AppError.notFound('收费项目');
      const amountCents = item.priceCents * l.quantity;
      return {
        ticketId: t.id,
        roomId: t.roomId,
        priceItemId: item.id,
        name: item.name,
        unit: item.unit,
        unitPriceCents: item.priceCents,
        quantity: l.quantity,
        amountCents,
        billedAt: null,
      };
    });
    const wanted = [...new Set(dto.photoIds ?? [])];
    const photos = w.freePhotos ?? (await this.core.freeUploads(em, caller, wanted));
    if (photos.length !== wanted.length) throw new AppError(400, ErrorCode.InvalidUpload, '照片无效或已被使用，请重新上传');
    if (charges.length) await em.createQueryBuilder().insert().into(TicketCharge).values(charges).updateEntity(false).execute();
    await this.core.attachUploads(em, caller, wanted, t.id, 'completion');
    w.charges.push(...charges.map((c) => em.create(TicketCharge, c)));
    for (const u of photos) w.uploads.push(Object.assign(u, { subjectType: TICKET, subjectId: t.id, purpose: 'completion' }));
    return { free, total: charges.reduce((a, c) => a + c.amountCents, 0), photos: photos.length };
  }

  record(em: EntityManager, t: Ticket, caller: Caller | null, type: string, payload: Record<string, unknown>, at: Date) {
    return this.core.record(em, t, caller, roleOf(caller), type, payload, at);
  }

  /** An agreed or proposed visit: not past, and within VISIT_MAX_DAYS (9999-12-31 would silence the arrival clock). */
  private checkVisitAt(visitAt: Date, now: Date) {
    const max = this.cfg.VISIT_MAX_DAYS;
    const problem = visitAtError(visitAt, now, max);
    if (problem === 'visit_past') throw fieldError('visitAt', problem, '上门时间不能早于现在');
    if (problem) throw fieldError('visitAt', problem, `上门时间须在 ${max} 天内（最晚 ${lastVisitDay(now, max)}）`);
  }
}

/** A change as `prepare` computed it. */
export type Prepared = { clocks: ClockPlan; changes: Partial<Ticket>; eventType: string; payload: Record<string, unknown>; now: Date };

/** The role a timeline event records for its actor. */
export const roleOf = (caller: Caller | null) => (caller ? (caller.kind === 'resident' ? 'resident' : (caller.roles[0] ?? 'staff')) : 'system');

/** A 400 naming the field, as the validation pipe answers. */
function fieldError(field: string, rule: string, message: string): AppError {
  return new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule, message }]);
}

function need(field: string, message: string): never {
  throw new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule: 'isDefined', message }]);
}
