import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, initialFeedbackDue, RepairDetail, RepairTier } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { Scope, ScopeService } from '../../common/scope';
import { Ticket } from '../entities/ticket.entity';
import { NumberingService } from '../numbering.service';
import { TICKET, TicketCore } from '../ticket-core.service';
import { CreateRepairDto, StaffIntakeRepairDto } from './dto/repair.dto';
import { insertRow } from '../../database/insert-row';
import { Written } from './repair-change-load';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { RepairViews, UNTIERED_RANK } from './repair-views';
import { RepairTransitionsService, roleOf } from './repair-transitions.service';
import { ClocksService } from '../../sla/clocks.service';

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
  dutyPhone: string | null;
  /** the caller's name, for the timeline and (staff intake) the owner */
  actorName: string;
};

/** extra writes in an intake's transaction, given the new ticket's id and number */
export type IntakeThen = (em: EntityManager, ticketId: number, no: string) => Promise<void>;

/** What the intake lookup returns (snake_case columns of one raw query). */
type PlaceRow = {
  user_name: string;
  user_phone: string | null;
  company_id: number;
  community_id: number;
  community_name: string;
  duty_phone?: string | null;
  label?: string;
  room_id?: number | null;
  binding_name?: string | null;
};

const placeOf = (row: PlaceRow, roomId: number | null, location: string) => ({
  companyId: Number(row.company_id),
  communityId: Number(row.community_id),
  communityName: row.community_name,
  dutyPhone: row.duty_phone ?? null,
  roomId,
  location,
});

/** the columns an INSERT leaves to their defaults, as the entity would read them back */
const writtenDefaults: Partial<Ticket> = {
  acceptedAt: null,
  agreedVisitAt: null,
  proposedVisitAt: null,
  proposedBy: null,
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
 * Intake of repairs from every channel (resident, staff hotline / walk-in): the number, then one transaction with the
 * ticket, its first clock, its event and outbox row; emergencies (and staff intakes given a tier) accepted in it too.
 */
@Injectable()
export class RepairIntakeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly numbering: NumberingService,
    private readonly core: TicketCore,
    private readonly clocks: ClocksService,
    private readonly scopes: ScopeService,
    private readonly views: RepairViews,
    private readonly transitions: RepairTransitionsService,
  ) {}

  private get mysql() {
    return this.ds.options.type === 'mysql';
  }

  async fileByResident(caller: Caller, dto: CreateRepairDto): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    scope.assertMayFileIn(dto.roomId === undefined ? dto.communityId : undefined);
    let intake: Intake;
    // one lookup: who files (name, phone) and where (room with its community, or a community's public place)
    if (dto.roomId !== undefined) {
      if (!scope.roomIds.includes(dto.roomId)) throw AppError.notFound('房屋');
      const [row]: PlaceRow[] = await this.ds.query(
        `SELECT u.name AS user_name, u.phone AS user_phone, r.company_id, r.community_id, r.label, c.name AS community_name, c.duty_phone,
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
        `SELECT u.name AS user_name, u.phone AS user_phone, c.company_id, c.id AS community_id, c.name AS community_name, c.duty_phone
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

  /** `then`: more writes of the caller's in the ticket's transaction (a customer visit's issue linked to it) */
  async intakeByStaff(caller: Caller, dto: StaffIntakeRepairDto, then?: IntakeThen): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    if (dto.roomId === undefined && !dto.publicLocation) throw AppError.badRequest('请选择房屋，或填写公共区域的位置');
    const [row]: PlaceRow[] = await this.ds.query(
      `SELECT u.name AS user_name, c.company_id, c.id AS community_id, c.name AS community_name, c.duty_phone, r.id AS room_id, r.label
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
    return this.create(scope, dto, intake, dto.tier && !dto.emergency ? dto.tier : undefined, then);
  }

  /**
   * The number first (its own short statement), then one transaction: ticket, clock, event (+ hooks), the
   * Idempotency-Key; the answer is built from what was written. Emergencies (and staff intakes given a tier) are
   * accepted in the same transaction and read back through it.
   */
  private async create(scope: Scope, dto: CreateRepairDto | StaffIntakeRepairDto, i: Intake, tier?: RepairTier, then?: IntakeThen): Promise<RepairDetail> {
    const caller = scope.caller;
    const now = this.clock.now();
    const photoIds = [...new Set(dto.photoIds ?? [])];
    // a bad photo should cost no number: checked before numbering when there are any
    if (photoIds.length) await this.core.checkUploads(this.ds.manager, caller, photoIds);
    // MySQL: the number in its own statement before the transaction; SQLite (one connection, one writer): inside it
    const early = this.mysql ? await this.numbering.next(this.ds, i.communityId, 'BX', now) : null;
    return this.ds.transaction(async (em) => {
      const no = early ?? (await this.numbering.next(em, i.communityId, 'BX', now));
      // emergencies are accepted by the system at once; a staff intake given a tier by its caller
      const accept = dto.emergency ? { by: null, tier: 'critical' as const } : tier ? { by: caller, tier } : undefined;
      const written = await this.intake(em, caller, dto, i, no, now, accept);
      if (then) await then(em, written.ticket.id, written.ticket.no);
      const view = this.views.view(scope, written, now);
      await recordIdempotencyKey(em, 'repair', written.ticket.id, view);
      return view;
    });
  }

  /**
   * The ticket, its clocks and events, written once each: an order accepted at intake is computed first
   * (`prepare`) and inserted accepted, its clocks in one statement and both events in one.
   */
  private async intake(
    em: EntityManager,
    caller: Caller,
    dto: CreateRepairDto | StaffIntakeRepairDto,
    i: Intake,
    no: string,
    now: Date,
    accept?: { by: Caller | null; tier: RepairTier },
  ): Promise<Written> {
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
    const ticket = em.create(Ticket, { ...writtenDefaults, ...values, id: 0 });
    const feedback = { name: 'initial_feedback' as const, dueAt: feedbackDue, startedAt: now };
    const w: Written = {
      ticket,
      communityName: i.communityName,
      dutyPhone: i.dutyPhone,
      clocks: [],
      events: [],
      charges: [],
      uploads: photos,
      names: new Map(),
    };
    const events: { caller: Caller | null; role: string; type: string; payload: Record<string, unknown>; at: Date }[] = [
      { caller, role: roleOf(caller), type: 'created', payload: { channel: ticket.channel, category: ticket.category, emergency: ticket.emergency }, at: now },
    ];
    if (!accept) {
      ticket.id = await insertRow(em, Ticket, values);
      w.clocks = await this.core.startClocks(em, this.core.subject(ticket), [feedback]);
    } else {
      w.clocks = [this.core.newClock(this.core.subject(ticket), feedback)];
      const p = await this.transitions.prepare(em, accept.by, w, 'accept', { version: 1, tier: accept.tier }, ['desk']);
      Object.assign(ticket, p.changes, { version: 2 });
      ticket.id = await insertRow(em, Ticket, { ...values, ...p.changes, version: 2 });
      for (const c of w.clocks) c.subjectId = ticket.id;
      await this.clocks.save(em, p.clocks);
      events.push({ caller: accept.by, role: roleOf(accept.by), type: p.eventType, payload: p.payload, at: p.now });
    }
    await this.core.attachUploads(
      em,
      caller,
      photos.map((u) => u.id),
      ticket.id,
      'intake',
    );
    for (const u of photos) Object.assign(u, { subjectType: TICKET, subjectId: ticket.id, purpose: 'intake' });
    w.events = await this.core.recordAll(em, ticket, events);
    w.names.set(caller.userId, i.actorName);
    return w;
  }
}
