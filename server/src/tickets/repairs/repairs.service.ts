import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import {
  actorsFor,
  allowedRepairActions,
  arrivalDue,
  dispatchDue,
  ErrorCode,
  initialFeedbackDue,
  Page,
  RepairAction,
  RepairActor,
  RepairDetail,
  RepairStatus,
  RepairSummary,
  RepairTier,
  repairTransition,
  REPAIR_TERMINAL,
  Role,
  startOfShanghaiDate,
  TechnicianLoad,
  URGE_INTERVAL_MINUTES,
  maskPhone,
  lastVisitDay,
  visitAtError,
} from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { cursorId, cursorOneOf, CursorShape, cursorSqlTime, decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { Scope, ScopeService } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { Community } from '../../org/entities/community.entity';
import { Room } from '../../org/entities/room.entity';
import { RoomBinding } from '../../org/entities/room-binding.entity';
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { SlaClock } from '../../sla/entities/clock.entity';
import { ClocksService, clockView } from '../../sla/clocks.service';
import { UploadSigner } from '../../storage/storage.service';
import { Upload } from '../../storage/upload.entity';
import { uploadView } from '../../storage/uploads.controller';
import { PriceItem } from '../entities/price-item.entity';
import { TicketCharge } from '../entities/ticket-charge.entity';
import { TicketEvent } from '../entities/ticket-event.entity';
import { Ticket } from '../entities/ticket.entity';
import { NumberingService } from '../numbering.service';
import { TICKET, TicketCore } from '../ticket-core.service';
import { eventText } from '../timeline-text';
import { CreateRepairDto, RepairActionDto, RepairListQueryDto, StaffIntakeRepairDto } from './dto/repair.dto';
import { insertRow } from '../../database/insert-row';
import { AppConfig } from '../../config/app-config';

const DESK: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
const WORKING: RepairStatus[] = ['dispatched', 'scheduled', 'in_progress', 'on_hold'];
const TIER_RANK: Record<RepairTier, number> = { critical: 1, urgent: 2, normal: 3 };
const UNTIERED_RANK = 9;
const NO_DUE = '9999-12-31 00:00:00.000';
/** the inbox's sort: closed flag, tier rank (0 = emergency), due time, id */
const INBOX_CURSOR: CursorShape = [cursorOneOf(0, 1), cursorOneOf(0, ...Object.values(TIER_RANK), UNTIERED_RANK), cursorSqlTime, cursorId];

type Intake = {
  communityId: number;
  companyId: number;
  roomId: number | null;
  location: string;
  channel: Ticket['channel'];
  reporterId: number | null;
  ownerId: number | null;
  contactName: string | null;
  contactPhone: string | null;
};

/**
 * The repair policy on the ticket core: intake from every channel, the state machine with its clocks
 * (dispatch 2 min, arrival by tier, initial feedback), technician work and charges, confirmation, rating
 * and return visit. Every change is one transaction: the ticket (version-checked), its timeline event, its
 * clocks, and whatever the hooks add.
 */
@Injectable()
export class RepairsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
    private readonly numbering: NumberingService,
    private readonly core: TicketCore,
    private readonly signer: UploadSigner,
    private readonly scopes: ScopeService,
    private readonly cfg: AppConfig,
  ) {}

  // ---------------------------------------------------------------- intake

  async fileByResident(caller: Caller, dto: CreateRepairDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    scope.assertMayFileIn(dto.roomId === undefined ? dto.communityId : undefined);
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: caller.userId });
    let intake: Intake;
    if (dto.roomId !== undefined) {
      if (!scope.roomIds.includes(dto.roomId)) throw AppError.notFound('房屋');
      const room = await this.ds.getRepository(Room).findOneByOrFail({ id: dto.roomId });
      const binding = await this.ds.getRepository(RoomBinding).findOneBy({ userId: user.id, roomId: room.id, status: 'approved' });
      intake = {
        ...this.roomPlace(room),
        channel: 'miniapp',
        reporterId: user.id,
        ownerId: null,
        contactName: binding?.name ?? user.name,
        contactPhone: user.phone,
      };
    } else {
      if (!dto.publicLocation || dto.communityId === undefined) throw AppError.badRequest('请选择房屋，或填写公共区域的位置和小区');
      const community = await this.ds.getRepository(Community).findOneBy({ id: dto.communityId, companyId: caller.companyId });
      if (!community) throw AppError.notFound('小区');
      intake = {
        companyId: community.companyId,
        communityId: community.id,
        roomId: null,
        location: `${community.name} ${dto.publicLocation}`,
        channel: 'miniapp',
        reporterId: user.id,
        ownerId: null,
        contactName: user.name,
        contactPhone: user.phone,
      };
    }
    intake.contactName = dto.contactName ?? intake.contactName;
    intake.contactPhone = dto.contactPhone ?? intake.contactPhone;
    if (!intake.contactPhone) throw new AppError(400, ErrorCode.PhoneRequired, '请填写联系电话，方便维修师傅联系您');
    const id = await this.ds.transaction((em) => this.intake(em, caller, dto, intake));
    return this.detail(caller, id);
  }

  async intakeByStaff(caller: Caller, dto: StaffIntakeRepairDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    let place: Pick<Intake, 'companyId' | 'communityId' | 'roomId' | 'location'>;
    if (dto.roomId !== undefined) {
      const room = await this.ds.getRepository(Room).findOneBy({ id: dto.roomId, communityId: dto.communityId });
      if (!room) throw AppError.notFound('房屋');
      place = this.roomPlace(room);
    } else {
      if (!dto.publicLocation) throw AppError.badRequest('请选择房屋，或填写公共区域的位置');
      const community = await this.ds.getRepository(Community).findOneByOrFail({ id: dto.communityId });
      place = { companyId: community.companyId, communityId: community.id, roomId: null, location: `${community.name} ${dto.publicLocation}` };
    }
    const intake: Intake = {
      ...place,
      channel: dto.channel,
      reporterId: null,
      ownerId: caller.userId,
      contactName: dto.contactName,
      contactPhone: dto.contactPhone,
    };
    const id = await this.ds.transaction(async (em) => {
      const ticketId = await this.intake(em, caller, dto, intake);
      if (dto.tier && !dto.emergency) {
        const t = await em.findOneByOrFail(Ticket, { id: ticketId });
        await this.apply(em, caller, t, 'accept', { version: t.version, tier: dto.tier }, ['desk']);
      }
      return ticketId;
    });
    return this.detail(caller, id);
  }

  private roomPlace(room: Room) {
    return { companyId: room.companyId, communityId: room.communityId, roomId: room.id, location: room.label };
  }

  private async intake(em: EntityManager, caller: Caller, dto: CreateRepairDto | StaffIntakeRepairDto, i: Intake): Promise<number> {
    const now = this.clock.now();
    const photos = await this.core.checkUploads(em, caller, dto.photoIds ?? []);
    const no = await this.numbering.next(em, i.communityId, 'BX', now);
    const ticketId = await insertRow(em, Ticket, {
      companyId: i.companyId,
      communityId: i.communityId,
      roomId: i.roomId,
      kind: 'repair',
      no,
      category: dto.category,
      emergency: dto.emergency ?? null,
      status: 'submitted',
      isOpen: true,
      tier: null,
      tierRank: dto.emergency ? 0 : UNTIERED_RANK,
      slaDueAt: null,
      breached: false,
      description: dto.description,
      location: i.location,
      contactName: i.contactName,
      contactPhone: i.contactPhone,
      preferredFrom: dto.preferredFrom ? new Date(dto.preferredFrom) : null,
      preferredTo: dto.preferredTo ? new Date(dto.preferredTo) : null,
      channel: i.channel,
      reporterId: i.reporterId,
      ownerId: i.ownerId,
      assigneeId: null,
      receivedAt: now,
      chargeTotalCents: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const ticket = await em.findOneByOrFail(Ticket, { id: ticketId });
    await this.core.attachUploads(em, caller, photos, ticket.id, 'intake');
    await this.clocks.start(em, this.core.subject(ticket), 'initial_feedback', initialFeedbackDue(now, !!ticket.emergency), now);
    await this.core.refreshSla(em, ticket, now);
    await this.record(em, ticket, caller, 'created', { channel: ticket.channel, category: ticket.category, emergency: ticket.emergency }, now);
    // Emergencies start the emergency plan at once: accepted as critical by the system, dispatch clock running.
    if (ticket.emergency)
      await this.apply(em, null, await em.findOneByOrFail(Ticket, { id: ticket.id }), 'accept', { version: ticket.version, tier: 'critical' }, ['desk']);
    return ticket.id;
  }

  // ---------------------------------------------------------------- actions

  async act(caller: Caller, id: number, action: RepairAction, dto: RepairActionDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    await this.ds.transaction(async (em) => {
      const t = await this.visible(em, scope, id);
      await this.apply(em, caller, t, action, dto, this.actors(scope, t));
    });
    return this.detail(caller, id);
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
        await this.ds.transaction((em) => this.apply(em, null, t, 'confirm', { version: t.version }, ['system'], { auto: true }));
        n++;
      } catch (e) {
        if (!(e instanceof AppError && e.status === 409)) throw e; // someone else got there first
      }
    }
    return n;
  }

  private async apply(
    em: EntityManager,
    caller: Caller | null,
    t: Ticket,
    action: RepairAction,
    dto: RepairActionDto,
    actors: RepairActor[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const now = this.clock.now();
    if (t.version !== dto.version) throw AppError.versionConflict(t.version);
    const result = repairTransition(t.status as RepairStatus, action, actors, { heldFrom: t.heldFrom, satisfied: dto.satisfied });
    if (!result.ok) {
      if (result.error === 'not_allowed') throw AppError.forbidden('您不能对该工单进行此操作');
      throw AppError.conflict(ErrorCode.IllegalTransition, undefined, { status: t.status, action });
    }
    const s = this.core.subject(t);
    const changes: Partial<Ticket> = { status: result.next, isOpen: !REPAIR_TERMINAL.includes(result.next), updatedAt: now };
    let payload: Record<string, unknown> = { ...extra };
    let eventType: string = action;

    switch (action) {
      case 'accept': {
        const tier = dto.tier ?? need('tier', '请选择处理等级');
        Object.assign(changes, { tier, tierRank: t.emergency ? 0 : TIER_RANK[tier], acceptedAt: now, ownerId: t.ownerId ?? caller?.userId ?? null });
        await this.clocks.meet(em, TICKET, t.id, 'initial_feedback', now);
        await this.clocks.start(em, s, 'dispatch', dispatchDue(now), now);
        await this.clocks.start(em, s, 'arrival', arrivalDue(tier, now, t.agreedVisitAt), now);
        payload = { ...payload, tier, auto: caller === null };
        eventType = 'accepted';
        break;
      }
      case 'change_tier': {
        const tier = dto.tier ?? need('tier', '请选择新的等级');
        const reason = dto.reason ?? need('reason', '请填写调整原因');
        if (t.emergency && tier !== 'critical') throw AppError.badRequest('紧急情况必须为特急');
        Object.assign(changes, { tier, tierRank: t.emergency ? 0 : TIER_RANK[tier] });
        await this.clocks.moveDue(em, TICKET, t.id, 'arrival', arrivalDue(tier, t.acceptedAt ?? now, t.agreedVisitAt));
        payload = { from: t.tier, to: tier, reason };
        eventType = 'tier_changed';
        break;
      }
      case 'dispatch':
      case 'reassign': {
        const tech = await this.technician(em, t, dto.technicianId ?? need('technicianId', '请选择维修人员'));
        if (action === 'reassign' && tech.id === t.assigneeId) throw AppError.badRequest('已是该维修人员');
        const reason = action === 'reassign' ? (dto.reason ?? need('reason', '请填写转派原因')) : undefined;
        const from = t.assigneeId ? await em.findOneBy(User, { id: t.assigneeId }) : null;
        changes.assigneeId = tech.id;
        // an emergency accepted by the system belongs to whoever first handles it (首问负责)
        if (!t.ownerId && caller) changes.ownerId = caller.userId;
        // handing on a held order ends the hold: the new technician starts at once, so its clocks run again
        if (t.status === 'on_hold') {
          Object.assign(changes, { heldFrom: null, holdReason: null });
          await this.clocks.resume(em, TICKET, t.id, now);
        }
        await this.clocks.meet(em, TICKET, t.id, 'dispatch', now);
        if (t.status === 'reopened') await this.clocks.start(em, s, 'arrival', arrivalDue(t.tier ?? 'normal', now, null), now);
        payload = { technicianId: tech.id, technicianName: tech.name, ...(reason ? { reason, fromId: from?.id, fromName: from?.name } : {}) };
        eventType = action === 'dispatch' ? 'dispatched' : 'reassigned';
        break;
      }
      case 'schedule':
      case 'propose_time': {
        const visitAt = new Date(dto.visitAt ?? need('visitAt', '请选择上门时间'));
        this.checkVisitAt(visitAt, now);
        if (action === 'schedule') {
          changes.agreedVisitAt = visitAt;
          // only the "same day" tier runs to the agreed time; 5 / 15 minute tiers keep their clock
          if (t.tier === 'normal') await this.clocks.moveDue(em, TICKET, t.id, 'arrival', visitAt);
        }
        payload = { visitAt: visitAt.toISOString() };
        eventType = action === 'schedule' ? 'scheduled' : 'time_proposed';
        break;
      }
      case 'arrive':
        await this.clocks.meet(em, TICKET, t.id, 'arrival', now);
        eventType = 'arrived';
        break;
      case 'hold': {
        const holdReason = dto.holdReason ?? need('holdReason', '请选择挂起原因');
        Object.assign(changes, { heldFrom: t.status, holdReason });
        await this.clocks.pause(em, TICKET, t.id, now);
        payload = { holdReason, reason: dto.reason ?? null };
        eventType = 'held';
        break;
      }
      case 'resume':
        Object.assign(changes, { heldFrom: null, holdReason: null });
        await this.clocks.resume(em, TICKET, t.id, now);
        eventType = 'resumed';
        break;
      case 'complete': {
        const free = dto.freeOfCharge ?? need('freeOfCharge', '请选择是否免费（原装设备缺陷）');
        const lines = dto.lines ?? [];
        if (!free && !lines.length) throw AppError.badRequest('请按价目表填写收费项目，或选择原装设备缺陷免费');
        if (free && lines.length) throw AppError.badRequest('免费维修不能同时填写收费项目');
        const items = lines.length ? await em.findBy(PriceItem, { id: In(lines.map((l) => l.priceItemId)), companyId: t.companyId, active: true }) : [];
        const byId = new Map(items.map((i) => [i.id, i]));
        const charges = lines.map((l) => {
          const item = byId.get(l.priceItemId);
          if (!item) throw AppError.notFound('收费项目');
          return {
            ticketId: t.id,
            roomId: t.roomId,
            priceItemId: item.id,
            name: item.name,
            unit: item.unit,
            unitPriceCents: item.priceCents,
            quantity: l.quantity,
            amountCents: item.priceCents * l.quantity,
            billedAt: null,
          };
        });
        const total = charges.reduce((a, c) => a + c.amountCents, 0);
        if (charges.length) await em.insert(TicketCharge, charges);
        const photos = await this.core.checkUploads(em, caller!, dto.photoIds ?? []);
        await this.core.attachUploads(em, caller!, photos, t.id, 'completion');
        Object.assign(changes, { completedAt: now, freeOfCharge: free, chargeTotalCents: total });
        await this.clocks.meet(em, TICKET, t.id, 'completion', now);
        await this.clocks.cancel(em, TICKET, t.id);
        payload = { freeOfCharge: free, totalCents: total, notes: dto.notes ?? null, photos: photos.length };
        eventType = 'completed';
        break;
      }
      case 'confirm':
        eventType = 'confirmed';
        break;
      case 'dispute': {
        const reason = dto.reason ?? need('reason', '请说明哪里不满意');
        await this.clocks.start(em, s, 'dispatch', dispatchDue(now), now);
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
        if (!dto.satisfied) await this.clocks.start(em, s, 'dispatch', dispatchDue(now), now);
        payload = { satisfied: dto.satisfied, notes: dto.notes ?? null };
        eventType = 'return_visit';
        break;
      }
      case 'cancel': {
        const byStaff = actors.includes('desk');
        const reason = dto.reason ?? (byStaff ? need('reason', '请填写取消原因') : null);
        changes.cancelReason = reason;
        await this.clocks.cancel(em, TICKET, t.id);
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

    const res = await em
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...changes, version: t.version + 1 })
      .where('id = :id AND version = :v', { id: t.id, v: t.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    const updated = await em.findOneByOrFail(Ticket, { id: t.id });
    await this.core.refreshSla(em, updated, now);
    await this.record(em, updated, caller, eventType, payload, now);
  }

  private async technician(em: EntityManager, t: Ticket, id: number): Promise<User> {
    const tech = await em.findOneBy(User, { id, companyId: t.companyId, kind: 'staff', active: true });
    const inCommunity = tech && (await em.existsBy(StaffCommunity, { userId: id, communityId: t.communityId }));
    if (!tech || !inCommunity || !tech.roles.includes('technician')) throw AppError.notFound('该小区的维修人员');
    return tech;
  }

  private record(em: EntityManager, t: Ticket, caller: Caller | null, type: string, payload: Record<string, unknown>, at: Date) {
    const role = caller ? (caller.kind === 'resident' ? 'resident' : (caller.roles[0] ?? 'staff')) : 'system';
    return this.core.record(em, t, caller, role, type, payload, at);
  }

  // ---------------------------------------------------------------- reads

  /** An agreed or proposed visit: not past, and within VISIT_MAX_DAYS (9999-12-31 would silence the arrival clock). */
  private checkVisitAt(visitAt: Date, now: Date) {
    const max = this.cfg.VISIT_MAX_DAYS;
    const problem = visitAtError(visitAt, now, max);
    if (problem === 'visit_past') throw fieldError('visitAt', problem, '上门时间不能早于现在');
    if (problem) throw fieldError('visitAt', problem, `上门时间须在 ${max} 天内（最晚 ${lastVisitDay(now, max)}）`);
  }

  private actors(scope: Scope, t: Ticket): RepairActor[] {
    return actorsFor(scope.caller.roles, {
      isAssignee: t.assigneeId === scope.caller.userId,
      isReporter: scope.isResident && (t.reporterId === scope.caller.userId || (t.roomId !== null && scope.roomIds.includes(t.roomId))),
    });
  }

  /** 404 unless the caller may see it: the reporter or a resident of its room; desk staff of its community; its technician. */
  private async visible(em: EntityManager, scope: Scope, id: number): Promise<Ticket> {
    const t = await em.findOneBy(Ticket, { id, companyId: scope.companyId, kind: 'repair' });
    if (!t || !this.canSee(scope, t)) throw AppError.notFound('工单');
    return t;
  }

  private canSee(scope: Scope, t: Ticket) {
    if (scope.isResident) return t.reporterId === scope.caller.userId || (t.roomId !== null && scope.roomIds.includes(t.roomId));
    if (!scope.canSeeCommunity(t.communityId)) return false;
    return scope.caller.roles.some((r) => DESK.includes(r)) || t.assigneeId === scope.caller.userId;
  }

  async detail(caller: Caller, id: number): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    const em = this.ds.manager;
    const t = await this.visible(em, scope, id);
    const now = this.clock.now();
    const [summary] = await this.summaries([t], now);
    const [clocks, events, charges, uploads] = await Promise.all([
      this.clocks.list(em, TICKET, [t.id]),
      em.find(TicketEvent, { where: { ticketId: t.id }, order: { id: 'ASC' } }),
      em.find(TicketCharge, { where: { ticketId: t.id }, order: { id: 'ASC' } }),
      em.find(Upload, { where: { subjectType: TICKET, subjectId: t.id }, order: { id: 'ASC' } }),
    ]);
    const names = await this.core.names(em, [...events.map((e) => e.actorId), t.ownerId]);
    const handles = scope.isResident || scope.caller.roles.some((r) => DESK.includes(r)) || t.assigneeId === caller.userId;
    const actors = this.actors(scope, t);
    return {
      ...summary,
      contactName: t.contactName,
      contactPhone: handles ? t.contactPhone : maskPhone(t.contactPhone),
      preferredFrom: t.preferredFrom?.toISOString() ?? null,
      preferredTo: t.preferredTo?.toISOString() ?? null,
      agreedVisitAt: t.agreedVisitAt?.toISOString() ?? null,
      visitMaxDays: this.cfg.VISIT_MAX_DAYS,
      holdReason: t.holdReason,
      cancelReason: t.cancelReason,
      freeOfCharge: t.freeOfCharge,
      charges: charges.map((c) => ({
        priceItemId: c.priceItemId,
        name: c.name,
        unit: c.unit,
        unitPriceCents: c.unitPriceCents,
        quantity: c.quantity,
        amountCents: c.amountCents,
      })),
      chargeTotalCents: t.chargeTotalCents,
      rating: t.rating,
      ratingComment: t.ratingComment,
      returnVisit: t.returnVisitAt ? { satisfied: !!t.returnVisitSatisfied, notes: t.returnVisitNotes, at: t.returnVisitAt.toISOString() } : null,
      photos: uploads.filter((u) => u.purpose === 'intake').map((u) => uploadView(u, this.signer, now)),
      completionPhotos: uploads.filter((u) => u.purpose === 'completion').map((u) => uploadView(u, this.signer, now)),
      clocks: clocks.map((c) => clockView(c, now)),
      timeline: events.map((e) => ({
        id: e.id,
        type: e.type,
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
        actorRole: e.actorRole,
        at: e.at.toISOString(),
        payload: e.payload,
        text: eventText(e.type, e.payload),
      })),
      actions: allowedRepairActions(t.status as RepairStatus, actors, { heldFrom: t.heldFrom, rated: t.rating !== null }),
      ownerId: t.ownerId,
      ownerName: t.ownerId ? (names.get(t.ownerId) ?? null) : null,
    };
  }

  /** The resident's orders: filed by them or for any room they hold. Newest first. */
  async mine(caller: Caller, q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    const scope = await this.scopes.resolve(caller);
    const qb = this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.companyId = :cid AND t.kind = :kind', { cid: caller.companyId, kind: 'repair' })
      .andWhere(
        new Brackets((b) => {
          b.where('t.reporterId = :me', { me: caller.userId });
          if (scope.roomIds.length) b.orWhere('t.roomId IN (:...rooms)', { rooms: scope.roomIds });
        }),
      );
    return this.page(qb, { ...q, sort: 'newest' });
  }

  async staffList(caller: Caller, q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    const scope = await this.scopes.resolve(caller);
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.kind = :kind', { kind: 'repair' });
    scope.apply(qb, 't');
    const desk = caller.roles.some((r) => DESK.includes(r));
    if (!desk || q.mine) qb.andWhere('t.assigneeId = :me', { me: caller.userId });
    if (q.communityId !== undefined) qb.andWhere('t.communityId = :community', { community: q.communityId });
    if (q.assigneeId !== undefined) qb.andWhere('t.assigneeId = :assignee', { assignee: q.assigneeId });
    if (q.tier) qb.andWhere('t.tier = :tier', { tier: q.tier });
    if (q.breached !== undefined) {
      const overdue = '(t.breached = 1 OR (t.slaDueAt IS NOT NULL AND t.slaDueAt < :now))';
      qb.andWhere(q.breached ? overdue : `NOT ${overdue}`, { now: sqlTime(this.clock.now()) });
    }
    return this.page(qb, q);
  }

  private async page(qb: ReturnType<Repository['createQueryBuilder']>, q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    const limit = pageLimit(q.limit);
    // lists hydrate only what a summary shows (the row has ~60 columns; hydration dominated the list's CPU)
    qb.select(SUMMARY_COLUMNS.map((c) => `t.${c}`));
    if (q.status === 'open') qb.andWhere('t.isOpen = 1');
    else if (q.status === 'closed') qb.andWhere('t.isOpen = 0');
    else if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.from) qb.andWhere('t.receivedAt >= :from', { from: sqlTime(startOfShanghaiDate(q.from)) });
    if (q.to) qb.andWhere('t.receivedAt < :to', { to: sqlTime(new Date(startOfShanghaiDate(q.to).getTime() + 86_400_000)) });
    const now = this.clock.now();
    if (q.sort === 'inbox') {
      // open first, then tier (emergencies first), then the earliest due time, then oldest
      const due = `COALESCE(t.sla_due_at, '${NO_DUE}')`;
      const c = decodeCursor(q.cursor, INBOX_CURSOR);
      if (c) qb.andWhere(`(1 - t.is_open, t.tier_rank, ${due}, t.id) > (:c0, :c1, :c2, :c3)`, { c0: c[0], c1: c[1], c2: c[2], c3: c[3] });
      const rows = await qb
        .orderBy('1 - t.is_open', 'ASC')
        .addOrderBy('t.tier_rank', 'ASC')
        .addOrderBy(due, 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(limit + 1)
        .getMany();
      const views = await this.summaries(rows.slice(0, limit), now);
      return toPage(
        rows,
        limit,
        (_, i) => views[i],
        (r) => [r.isOpen ? 0 : 1, r.tierRank, r.slaDueAt ? sqlTime(r.slaDueAt) : NO_DUE, r.id],
      );
    }
    const c = decodeCursor(q.cursor, ID_CURSOR);
    if (c) qb.andWhere('t.id < :after', { after: c[0] });
    const rows = await qb
      .orderBy('t.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const views = await this.summaries(rows.slice(0, limit), now);
    return toPage(
      rows,
      limit,
      (_, i) => views[i],
      (r) => [r.id],
    );
  }

  private async summaries(rows: Ticket[], now: Date): Promise<RepairSummary[]> {
    if (!rows.length) return [];
    const em = this.ds.manager;
    const [communities, clocks, names] = await Promise.all([
      em.findBy(Community, { id: In([...new Set(rows.map((r) => r.communityId))]) }),
      this.clocks.list(
        em,
        TICKET,
        rows.map((r) => r.id),
      ),
      this.core.names(
        em,
        rows.map((r) => r.assigneeId),
      ),
    ]);
    const community = new Map(communities.map((c) => [c.id, c.name]));
    return rows.map((t) => {
      const mine = clocks.filter((c) => c.subjectId === t.id);
      const next = nextClock(mine);
      return {
        id: t.id,
        no: t.no,
        communityId: t.communityId,
        communityName: community.get(t.communityId) ?? '',
        roomId: t.roomId,
        location: t.location,
        category: t.category as RepairSummary['category'],
        emergency: t.emergency,
        tier: t.tier,
        status: t.status as RepairStatus,
        description: t.description,
        channel: t.channel as RepairSummary['channel'],
        assigneeId: t.assigneeId,
        assigneeName: t.assigneeId ? (names.get(t.assigneeId) ?? null) : null,
        nextClock: next ? clockView(next, now) : null,
        breached: mine.some((c) => clockView(c, now).breached),
        lastUrgedAt: t.lastUrgedAt?.toISOString() ?? null,
        receivedAt: t.receivedAt.toISOString(),
        version: t.version,
      };
    });
  }

  /** Technicians of a community with their open load, for the dispatch picker. */
  async technicians(caller: Caller, communityId: number): Promise<TechnicianLoad[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const techs = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(StaffCommunity, 'sc', 'sc.userId = u.id AND sc.communityId = :communityId', { communityId })
      .where('u.companyId = :cid AND u.kind = :kind AND u.active = 1', { cid: caller.companyId, kind: 'staff' })
      .getMany();
    const list = techs.filter((u) => u.roles.includes('technician'));
    if (!list.length) return [];
    const loads: { assignee_id: number; n: number }[] = await this.ds.query(
      `SELECT assignee_id, COUNT(*) AS n FROM tickets WHERE assignee_id IN (${list.map(() => '?').join(',')}) AND status IN (${WORKING.map(() => '?').join(',')}) GROUP BY assignee_id`,
      [...list.map((u) => u.id), ...WORKING],
    );
    const load = new Map(loads.map((l) => [Number(l.assignee_id), Number(l.n)]));
    return list.map((u) => ({ id: u.id, name: u.name, openOrders: load.get(u.id) ?? 0 })).sort((a, b) => a.openOrders - b.openOrders || a.id - b.id);
  }
}

type Repository = import('typeorm').Repository<Ticket>;

const SUMMARY_COLUMNS: (keyof Ticket)[] = [
  'id',
  'no',
  'companyId',
  'communityId',
  'roomId',
  'location',
  'category',
  'emergency',
  'tier',
  'tierRank',
  'status',
  'isOpen',
  'slaDueAt',
  'description',
  'channel',
  'assigneeId',
  'lastUrgedAt',
  'receivedAt',
  'version',
];

/** A 400 naming the field, as the validation pipe answers. */
function fieldError(field: string, rule: string, message: string): AppError {
  return new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule, message }]);
}

function need(field: string, message: string): never {
  throw new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule: 'isDefined', message }]);
}

/** The clock a countdown shows: the earliest running one, else a paused one. */
function nextClock(clocks: SlaClock[]): SlaClock | null {
  const running = clocks.filter((c) => c.state === 'running').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0] ?? clocks.find((c) => c.state === 'paused') ?? null;
}
