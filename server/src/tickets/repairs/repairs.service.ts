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
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { SlaClock } from '../../sla/entities/clock.entity';
import { ClocksService, clockSummary, clockView } from '../../sla/clocks.service';
import { UploadSigner } from '../../storage/storage.service';
import { uploadView } from '../../storage/uploads.controller';
import { PriceItem } from '../entities/price-item.entity';
import { TicketCharge } from '../entities/ticket-charge.entity';
import { Ticket } from '../entities/ticket.entity';
import { NumberingService } from '../numbering.service';
import { TICKET, TicketCore } from '../ticket-core.service';
import { eventText } from '../timeline-text';
import { CreateRepairDto, RepairActionDto, RepairListQueryDto, StaffIntakeRepairDto } from './dto/repair.dto';
import { insertRow } from '../../database/insert-row';
import { ClockPlan } from '../../sla/clock-plan';
import { Loaded, loadForChange, Written } from './repair-change-load';
import { AppConfig } from '../../config/app-config';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';

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
  communityName: string;
  /** the caller's name, for the timeline and (staff intake) the owner */
  actorName: string;
};

/** What the intake lookup returns (snake_case columns of one raw query). */
type PlaceRow = {
  user_name: string;
  user_phone: string | null;
  company_id: number;
  community_id: number;
  community_name: string;
  label?: string;
  room_id?: number | null;
  binding_name?: string | null;
};

const placeOf = (row: PlaceRow, roomId: number | null, location: string) => ({
  companyId: Number(row.company_id),
  communityId: Number(row.community_id),
  communityName: row.community_name,
  roomId,
  location,
});

/** the columns an INSERT leaves to their defaults, as the entity would read them back */
const writtenDefaults: Partial<Ticket> = {
  acceptedAt: null,
  agreedVisitAt: null,
  heldFrom: null,
  holdReason: null,
  cancelReason: null,
  completedAt: null,
  freeOfCharge: null,
  rating: null,
  ratingComment: null,
  returnVisitAt: null,
  returnVisitSatisfied: null,
  returnVisitNotes: null,
  lastUrgedAt: null,
  complaintClass: null,
  anonymous: false,
  writtenReplyWanted: false,
  writtenReplyRequestedAt: null,
  receivedBy: null,
  backfilledBy: null,
  coordinatorId: null,
  resolutionDueDate: null,
  measures: null,
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

  private get mysql() {
    return this.ds.options.type === 'mysql';
  }

  // ---------------------------------------------------------------- intake

  async fileByResident(caller: Caller, dto: CreateRepairDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    scope.assertMayFileIn(dto.roomId === undefined ? dto.communityId : undefined);
    let intake: Intake;
    // one lookup: who files (name, phone) and where (room with its community, or a community's public place)
    if (dto.roomId !== undefined) {
      if (!scope.roomIds.includes(dto.roomId)) throw AppError.notFound('房屋');
      const [row]: PlaceRow[] = await this.ds.query(
        `SELECT u.name AS user_name, u.phone AS user_phone, r.company_id, r.community_id, r.label, c.name AS community_name,
           (SELECT b.name FROM room_bindings b WHERE b.user_id = u.id AND b.room_id = r.id AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS binding_name
         FROM users u JOIN rooms r ON r.id = ? JOIN communities c ON c.id = r.community_id WHERE u.id = ?`,
        [dto.roomId, caller.userId],
      );
      if (!row) throw AppError.notFound('房屋');
      intake = {
        ...placeOf(row, dto.roomId, row.label!),
        channel: 'miniapp',
        reporterId: caller.userId,
        ownerId: null,
        contactName: row.binding_name ?? row.user_name,
        contactPhone: row.user_phone,
        actorName: row.user_name,
      };
    } else {
      if (!dto.publicLocation || dto.communityId === undefined) throw AppError.badRequest('请选择房屋，或填写公共区域的位置和小区');
      const [row]: PlaceRow[] = await this.ds.query(
        `SELECT u.name AS user_name, u.phone AS user_phone, c.company_id, c.id AS community_id, c.name AS community_name
         FROM users u LEFT JOIN communities c ON c.id = ? AND c.company_id = ? WHERE u.id = ?`,
        [dto.communityId, caller.companyId, caller.userId],
      );
      if (!row?.community_id) throw AppError.notFound('小区');
      intake = {
        ...placeOf(row, null, `${row.community_name} ${dto.publicLocation}`),
        channel: 'miniapp',
        reporterId: caller.userId,
        ownerId: null,
        contactName: row.user_name,
        contactPhone: row.user_phone,
        actorName: row.user_name,
      };
    }
    intake.contactName = dto.contactName ?? intake.contactName;
    intake.contactPhone = dto.contactPhone ?? intake.contactPhone;
    if (!intake.contactPhone) throw new AppError(400, ErrorCode.PhoneRequired, '请填写联系电话，方便维修师傅联系您');
    return this.create(scope, dto, intake);
  }

  async intakeByStaff(caller: Caller, dto: StaffIntakeRepairDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    if (dto.roomId === undefined && !dto.publicLocation) throw AppError.badRequest('请选择房屋，或填写公共区域的位置');
    const [row]: PlaceRow[] = await this.ds.query(
      `SELECT u.name AS user_name, c.company_id, c.id AS community_id, c.name AS community_name, r.id AS room_id, r.label
       FROM users u JOIN communities c ON c.id = ? LEFT JOIN rooms r ON r.id = ? AND r.community_id = c.id WHERE u.id = ?`,
      [dto.communityId, dto.roomId ?? null, caller.userId],
    );
    if (!row) throw AppError.notFound('小区');
    if (dto.roomId !== undefined && !row.room_id) throw AppError.notFound('房屋');
    const intake: Intake = {
      ...(dto.roomId !== undefined ? placeOf(row, dto.roomId, row.label!) : placeOf(row, null, `${row.community_name} ${dto.publicLocation}`)),
      channel: dto.channel,
      reporterId: null,
      ownerId: caller.userId,
      contactName: dto.contactName,
      contactPhone: dto.contactPhone,
      actorName: row.user_name,
    };
    return this.create(scope, dto, intake, dto.tier && !dto.emergency ? dto.tier : undefined);
  }

  /**
   * The number first (its own short statement), then one transaction: ticket, clock, event (+ hooks), the
   * Idempotency-Key; the answer is built from what was written. Emergencies (and staff intakes given a tier) are
   * accepted in the same transaction and read back through it.
   */
  private async create(scope: Scope, dto: CreateRepairDto | StaffIntakeRepairDto, i: Intake, tier?: RepairTier): Promise<RepairDetail> {
    const caller = scope.caller;
    const now = this.clock.now();
    const photoIds = [...new Set(dto.photoIds ?? [])];
    // a bad photo should cost no number: checked before numbering when there are any
    if (photoIds.length) await this.core.checkUploads(this.ds.manager, caller, photoIds);
    // MySQL: the number in its own statement before the transaction; SQLite (one connection, one writer): inside it
    const early = this.mysql ? await this.numbering.next(this.ds, i.communityId, 'BX', now) : null;
    return this.ds.transaction(async (em) => {
      const no = early ?? (await this.numbering.next(em, i.communityId, 'BX', now));
      const written = await this.intake(em, caller, dto, i, no, now);
      if (written.ticket.emergency || tier) {
        const t = written.ticket;
        if (t.emergency) await this.apply(em, null, written, 'accept', { version: t.version, tier: 'critical' }, ['desk']);
        else await this.apply(em, caller, written, 'accept', { version: t.version, tier }, ['desk']);
      }
      const view = this.view(scope, written, now);
      await recordIdempotencyKey(em, 'repair', written.ticket.id, view);
      return view;
    });
  }

  private async intake(em: EntityManager, caller: Caller, dto: CreateRepairDto | StaffIntakeRepairDto, i: Intake, no: string, now: Date): Promise<Written> {
    const photos = dto.photoIds?.length ? await this.core.freeUploads(em, caller, dto.photoIds) : [];
    const feedbackDue = initialFeedbackDue(now, !!dto.emergency);
    const values: Partial<Ticket> = {
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
      // the only clock running is the initial feedback one: the list columns are known before the INSERT
      slaDueAt: feedbackDue,
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
    };
    const ticket = em.create(Ticket, { ...writtenDefaults, ...values, id: await insertRow(em, Ticket, values) });
    await this.core.attachUploads(
      em,
      caller,
      photos.map((u) => u.id),
      ticket.id,
      'intake',
    );
    for (const u of photos) Object.assign(u, { subjectType: TICKET, subjectId: ticket.id, purpose: 'intake' });
    const clock = await this.core.startClocks(em, this.core.subject(ticket), [{ name: 'initial_feedback', dueAt: feedbackDue, startedAt: now }]);
    const event = await this.record(em, ticket, caller, 'created', { channel: ticket.channel, category: ticket.category, emergency: ticket.emergency }, now);
    const names = new Map([[caller.userId, i.actorName]]);
    return { ticket, communityName: i.communityName, clocks: clock, events: [event], charges: [], uploads: photos, names };
  }

  // ---------------------------------------------------------------- actions

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
      if (!w || !this.canSee(scope, w.ticket)) throw AppError.notFound('工单');
      await this.apply(em, caller, w, action, dto, this.actors(scope, w.ticket));
      return w;
    });
    return this.view(scope, w, this.clock.now());
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

  private async apply(
    em: EntityManager,
    caller: Caller | null,
    w: Loaded,
    action: RepairAction,
    dto: RepairActionDto,
    actors: RepairActor[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const now = this.clock.now();
    const t = w.ticket;
    if (t.version !== dto.version) throw AppError.versionConflict(t.version);
    const result = repairTransition(t.status as RepairStatus, action, actors, { heldFrom: t.heldFrom, satisfied: dto.satisfied });
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
      case 'schedule':
      case 'propose_time': {
        const visitAt = new Date(dto.visitAt ?? need('visitAt', '请选择上门时间'));
        this.checkVisitAt(visitAt, now);
        if (action === 'schedule') {
          changes.agreedVisitAt = visitAt;
          // only the "same day" tier runs to the agreed time; 5 / 15 minute tiers keep their clock
          if (t.tier === 'normal') clocks.moveDue('arrival', visitAt);
        }
        payload = { visitAt: visitAt.toISOString() };
        eventType = action === 'schedule' ? 'scheduled' : 'time_proposed';
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

    // the clocks in one statement; the list columns (earliest running due time, breached) in the ticket's UPDATE
    await this.clocks.save(em, clocks);
    Object.assign(changes, clockSummary(w.clocks, now));
    const res = await em
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...changes, version: t.version + 1 })
      .where('id = :id AND version = :v', { id: t.id, v: t.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    // no read-back: the row is what we had plus what we changed
    const updated = Object.assign(t, changes, { version: t.version + 1 });
    w.events.push(await this.record(em, updated, caller, eventType, payload, now));
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

  /** The reporter or a resident of its room; desk staff of its community; its technician. */
  private canSee(scope: Scope, t: Ticket) {
    if (scope.isResident) return t.reporterId === scope.caller.userId || (t.roomId !== null && scope.roomIds.includes(t.roomId));
    if (!scope.canSeeCommunity(t.communityId)) return false;
    return scope.caller.roles.some((r) => DESK.includes(r)) || t.assigneeId === scope.caller.userId;
  }

  /** One statement (`loadForChange`: the repair with its names, clocks, timeline, photos and charges). */
  async detail(caller: Caller, id: number): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    const w = await loadForChange(this.ds.manager, scope.companyId, id);
    if (!w || !this.canSee(scope, w.ticket)) throw AppError.notFound('工单');
    return this.view(scope, w, this.clock.now());
  }

  /** The detail view of what was loaded or written: no query. */
  private view(scope: Scope, w: Written, now: Date): RepairDetail {
    const t = w.ticket;
    const caller = scope.caller;
    const names = w.names;
    const handles = scope.isResident || caller.roles.some((r) => DESK.includes(r)) || t.assigneeId === caller.userId;
    const actors = this.actors(scope, t);
    return {
      ...this.summary(t, w.communityName, w.clocks, names, now),
      contactName: t.contactName,
      contactPhone: handles ? t.contactPhone : maskPhone(t.contactPhone),
      preferredFrom: t.preferredFrom?.toISOString() ?? null,
      preferredTo: t.preferredTo?.toISOString() ?? null,
      agreedVisitAt: t.agreedVisitAt?.toISOString() ?? null,
      visitMaxDays: this.cfg.VISIT_MAX_DAYS,
      holdReason: t.holdReason,
      cancelReason: t.cancelReason,
      freeOfCharge: t.freeOfCharge,
      charges: w.charges.map((c) => ({
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
      photos: w.uploads.filter((u) => u.purpose === 'intake').map((u) => uploadView(u, this.signer, now)),
      completionPhotos: w.uploads.filter((u) => u.purpose === 'completion').map((u) => uploadView(u, this.signer, now)),
      clocks: w.clocks.map((c) => clockView(c, now)),
      timeline: w.events.map((e) => ({
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
    // the community's and the assignee's names come with the rows (no query per kind of name)
    qb.leftJoin(Community, 'c', 'c.id = t.communityId').leftJoin(User, 'a', 'a.id = t.assigneeId');
    qb.addSelect('c.name', 'community_name').addSelect('a.name', 'assignee_name');
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
      const joined = await qb
        .orderBy('1 - t.is_open', 'ASC')
        .addOrderBy('t.tier_rank', 'ASC')
        .addOrderBy(due, 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(limit + 1)
        .getRawAndEntities();
      const rows = joined.entities;
      const views = await this.summaries(rows.slice(0, limit), now, joinedNames(joined));
      return toPage(
        rows,
        limit,
        (_, i) => views[i],
        (r) => [r.isOpen ? 0 : 1, r.tierRank, r.slaDueAt ? sqlTime(r.slaDueAt) : NO_DUE, r.id],
      );
    }
    const c = decodeCursor(q.cursor, ID_CURSOR);
    if (c) qb.andWhere('t.id < :after', { after: c[0] });
    const joined = await qb
      .orderBy('t.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities();
    const rows = joined.entities;
    const views = await this.summaries(rows.slice(0, limit), now, joinedNames(joined));
    return toPage(
      rows,
      limit,
      (_, i) => views[i],
      (r) => [r.id],
    );
  }

  private async summaries(rows: Ticket[], now: Date, joined: { community: Map<number, string>; names: Map<number, string> }): Promise<RepairSummary[]> {
    if (!rows.length) return [];
    const { community, names } = joined;
    const clocks = await this.clocks.list(
      this.ds.manager,
      TICKET,
      rows.map((r) => r.id),
    );
    return rows.map((t) =>
      this.summary(
        t,
        community.get(t.communityId) ?? '',
        clocks.filter((c) => c.subjectId === t.id),
        names,
        now,
      ),
    );
  }

  private summary(t: Ticket, communityName: string, mine: SlaClock[], names: Map<number, string>, now: Date): RepairSummary {
    const next = nextClock(mine);
    return {
      id: t.id,
      no: t.no,
      communityId: t.communityId,
      communityName,
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

/** The names a list query joined in, by community id and by assignee id. */
function joinedNames(j: { entities: Ticket[]; raw: { community_name: string | null; assignee_name: string | null }[] }) {
  const community = new Map<number, string>();
  const names = new Map<number, string>();
  j.entities.forEach((t, i) => {
    const r = j.raw[i];
    if (r?.community_name != null) community.set(t.communityId, r.community_name);
    if (t.assigneeId && r?.assignee_name != null) names.set(t.assigneeId, r.assignee_name);
  });
  return { community, names };
}

function need(field: string, message: string): never {
  throw new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule: 'isDefined', message }]);
}

/** The clock a countdown shows: the earliest running one, else a paused one. */
function nextClock(clocks: SlaClock[]): SlaClock | null {
  const running = clocks.filter((c) => c.state === 'running').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0] ?? clocks.find((c) => c.state === 'paused') ?? null;
}
