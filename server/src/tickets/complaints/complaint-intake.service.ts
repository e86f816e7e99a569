import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  COMPLAINT_KIND_LABELS,
  COMPLAINT_KIND_PREFIX,
  complaintClocksAtIntake,
  ComplaintDetail,
  ComplaintKind,
  PlannedClock,
  receivedAtError,
  WorkingCalendar,
  formatDue,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { Scope, ScopeService } from '../../common/scope';
import { AppConfig } from '../../config/app-config';
import { insertRow } from '../../database/insert-row';
import { CalendarService, calendarStampColumns, calendarStampOf } from '../../sla/calendar.service';
import { Ticket } from '../entities/ticket.entity';
import { NumberingService } from '../numbering.service';
import { TicketCore } from '../ticket-core.service';
import { CreateComplaintDto, StaffIntakeComplaintDto } from './dto/complaint.dto';
import { categoryOf, fieldError, Intake, roleOf, UNTIERED_RANK } from './complaint-rules';
import { acknowledgementOf, LoadedComplaint } from './complaint-load';
import { detailOf } from './complaint-view';
import { UploadSigner } from '../../storage/storage.service';
import { Upload } from '../../storage/upload.entity';
import { ComplaintTransitionsService } from './complaint-transitions.service';
import type { IntakeThen } from '../repairs/repair-intake.service';

/** Intake from every channel (the resident app, the desk, paper back-fill): numbered, clocked and acknowledged at once. */
@Injectable()
export class ComplaintIntakeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly numbering: NumberingService,
    private readonly core: TicketCore,
    private readonly scopes: ScopeService,
    private readonly cfg: AppConfig,
    private readonly signer: UploadSigner,
    private readonly transitions: ComplaintTransitionsService,
  ) {}

  async fileByResident(caller: Caller, dto: CreateComplaintDto): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    scope.assertMayFileIn(dto.roomId === undefined ? dto.communityId : undefined, '投诉');
    if (dto.roomId !== undefined && !scope.roomIds.includes(dto.roomId)) throw AppError.notFound('房屋');
    if (dto.roomId === undefined && dto.communityId === undefined) throw AppError.badRequest('请选择房屋，或选择小区');
    // one lookup: who files (name, phone, the binding's name) and where (the room and its community, or a community
    // where they hold a room: its first such room's binding names them)
    const rooms = scope.roomIds.length ? scope.roomIds : [0];
    const [row]: PlaceRow[] = await this.ds.query(
      dto.roomId !== undefined
        ? `SELECT u.name AS user_name, u.phone AS user_phone, r.company_id, r.community_id, r.id AS room_id, r.label, c.name AS community_name,
             (SELECT b.name FROM room_bindings b WHERE b.user_id = u.id AND b.room_id = r.id AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS binding_name,
             ${calendarStampColumns('c.company_id')}
           FROM users u JOIN rooms r ON r.id = ? JOIN communities c ON c.id = r.community_id WHERE u.id = ?`
        : `SELECT u.name AS user_name, u.phone AS user_phone, c.company_id, c.id AS community_id, c.name AS community_name,
             (SELECT b.name FROM room_bindings b JOIN rooms r ON r.id = b.room_id WHERE b.user_id = u.id AND b.status = 'approved'
                AND r.community_id = c.id AND r.id IN (${rooms.map(() => '?').join(',')}) ORDER BY r.id, b.id LIMIT 1) AS binding_name,
             (SELECT COUNT(*) FROM rooms r WHERE r.community_id = c.id AND r.id IN (${rooms.map(() => '?').join(',')})) AS held,
             ${calendarStampColumns('c.company_id')}
           FROM users u JOIN communities c ON c.id = ? AND c.company_id = ? WHERE u.id = ?`,
      dto.roomId !== undefined ? [dto.roomId, caller.userId] : [...rooms, ...rooms, dto.communityId, caller.companyId, caller.userId],
    );
    if (!row || (dto.roomId === undefined && !Number(row.held))) throw AppError.notFound(dto.roomId !== undefined ? '房屋' : '小区');
    const intake: Intake = {
      ...placeOf(row, dto.roomId ?? null, dto.place),
      channel: 'miniapp',
      reporterId: caller.userId,
      receivedBy: null,
      contactName: row.binding_name ?? row.user_name,
      contactPhone: row.user_phone,
      receivedAt: null,
      kind: dto.kind,
      category: categoryOf(dto.kind, dto.category),
      text: dto.text,
      photoIds: dto.photoIds ?? [],
      writtenReplyWanted: !!dto.writtenReplyWanted,
      anonymous: !!dto.anonymous,
      actorName: row.user_name,
    };
    return this.create(scope, intake);
  }

  /** `also`: more writes of the caller's in the ticket's transaction (a customer visit's issue linked to it) */
  async intakeByStaff(caller: Caller, dto: StaffIntakeComplaintDto, also?: IntakeThen): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    const receivedAt = this.receivedAt(dto.receivedAt);
    if (dto.complaintClass !== undefined && dto.kind !== 'complaint') throw fieldError('complaintClass', '只有投诉需要分类', 'kind');
    // one lookup: the taker's name, the community, the room; a resident of that room with an account and the
    // caller's phone number makes the ticket theirs in the app too (thread, confirm, rate)
    const [row]: PlaceRow[] = await this.ds.query(
      `SELECT u.name AS user_name, c.company_id, c.id AS community_id, c.name AS community_name, r.id AS room_id, r.label,
         (SELECT b.user_id FROM room_bindings b JOIN users x ON x.id = b.user_id
           WHERE b.room_id = r.id AND b.status = 'approved' AND x.phone = ? ORDER BY b.id LIMIT 1) AS match_id,
         ${calendarStampColumns('c.company_id')}
       FROM users u JOIN communities c ON c.id = ? LEFT JOIN rooms r ON r.id = ? AND r.community_id = c.id WHERE u.id = ?`,
      [dto.contactPhone ?? null, dto.communityId, dto.roomId ?? null, caller.userId],
    );
    if (!row) throw AppError.notFound('小区');
    if (dto.roomId !== undefined && !row.room_id) throw AppError.notFound('房屋');
    const intake: Intake = {
      ...placeOf(row, dto.roomId ?? null, dto.place),
      channel: dto.channel,
      reporterId: dto.roomId !== undefined && dto.contactPhone && row.match_id ? Number(row.match_id) : null,
      receivedBy: caller.userId,
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ?? null,
      receivedAt,
      kind: dto.kind,
      category: categoryOf(dto.kind, dto.category),
      text: dto.text,
      photoIds: dto.photoIds ?? [],
      writtenReplyWanted: !!dto.writtenReplyWanted,
      anonymous: !!dto.anonymous,
      actorName: row.user_name,
    };
    return this.create(scope, intake, async (em, l) => {
      if (also) await also(em, l.t.id, l.t.no);
      if (dto.complaintClass === undefined) return;
      const d = { version: l.t.version, complaintClass: dto.complaintClass, ownerId: dto.ownerId, reason: dto.reason };
      await this.transitions.apply(em, caller, l, 'classify', d, ['desk']);
    });
  }

  /** A back-filled paper record's receipt time: within BACKFILL_MAX_DAYS, never in the future. */
  private receivedAt(iso: string | undefined): Date | null {
    if (iso === undefined) return null;
    const receivedAt = new Date(iso);
    const err = receivedAtError(receivedAt, this.clock.now(), this.cfg.BACKFILL_MAX_DAYS);
    if (err === 'received_in_future') throw fieldError('receivedAt', '受理时间不能晚于现在', 'notInFuture');
    if (err === 'received_too_old') throw fieldError('receivedAt', `只能补录 ${this.cfg.BACKFILL_MAX_DAYS} 天内受理的投诉`, 'backfillWindow');
    if (err) throw fieldError('receivedAt', '受理时间无效', 'isISO8601');
    return receivedAt;
  }

  /**
   * The number first (its own short statement, see NumberingService), then one transaction: the intake, `then`, and
   * the Idempotency-Key as its last write, storing the answer — built from what was looked up and written (no
   * read-back, no query after COMMIT).
   */
  private async create(scope: Scope, intake: Intake, then?: (em: EntityManager, l: LoadedComplaint) => Promise<void>): Promise<ComplaintDetail> {
    const caller = scope.caller;
    // a bad photo should cost no number
    const photos = await this.core.freeUploads(this.ds.manager, caller, intake.photoIds);
    const number = (db: DataSource | EntityManager) =>
      this.numbering.next(db, intake.communityId, COMPLAINT_KIND_PREFIX[intake.kind], intake.receivedAt ?? this.clock.now());
    // MySQL: before the transaction; SQLite (one connection, one writer): inside it
    const early = this.ds.options.type === 'mysql' ? await number(this.ds) : null;
    return this.ds.transaction(async (em) => {
      const l = await this.intake(em, caller, intake, photos, early ?? (await number(em)));
      if (then) await then(em, l);
      const view = detailOf(scope, l, this.clock.now(), this.signer);
      await recordIdempotencyKey(em, 'complaint', l.t.id, view);
      return view;
    });
  }

  private async intake(em: EntityManager, caller: Caller, i: Intake, photos: Upload[], no: string): Promise<LoadedComplaint> {
    const now = this.clock.now();
    const receivedAt = i.receivedAt ?? now;
    const backfilled = i.receivedAt !== null;
    // the clocks (and so the list columns) are known before the INSERT; the calendar counts only for a written reply
    const calendar = i.writtenReplyWanted ? await this.calendars.forCompany(i.companyId, em, i.calendarStamp) : NO_CALENDAR;
    const planned = complaintClocksAtIntake(receivedAt, calendar, { writtenReplyRequested: i.writtenReplyWanted });
    const values = ticketValues(i, no, receivedAt, planned, backfilled ? caller.userId : null, now);
    // no read-back: the rows are what was written (the ids from the driver)
    const t = em.create(Ticket, { ...values, id: await insertRow(em, Ticket, values) });
    await this.core.attachUploads(
      em,
      caller,
      photos.map((u) => u.id),
      t.id,
      'intake',
    );
    const clocks = await this.core.startClocks(em, this.core.subject(t), planned);
    const created = {
      kind: t.kind,
      channel: t.channel,
      category: t.category,
      anonymous: t.anonymous,
      writtenReplyWanted: t.writtenReplyWanted,
      // 受理 at once: the acknowledgement with the expected times opens the thread (a paper ticket got its receipt on paper)
      ...(backfilled ? { backfilled: true, receivedAt: receivedAt.toISOString() } : { ack: acknowledgement(t, planned) }),
    };
    const event = await this.core.record(em, t, caller, roleOf(caller), 'created', created, now);
    const names = new Map<number, string>(i.actorName !== null ? [[caller.userId, i.actorName]] : []);
    const uploads = photos.map((u) => Object.assign(u, { subjectType: 'ticket', subjectId: t.id, purpose: 'intake' }));
    const replies = acknowledgementOf(t.id, [event]);
    return {
      t,
      communityName: i.communityName,
      companyName: '',
      roomLabel: i.roomLabel,
      names,
      clocks,
      events: [event],
      replies,
      records: [],
      uploads,
      calendarStamp: i.calendarStamp,
    };
  }
}

/** Only a written reply's due time counts working days; without one the intake needs no calendar. */
const NO_CALENDAR = null as unknown as WorkingCalendar;

type PlaceRow = {
  user_name: string;
  user_phone: string | null;
  company_id: number;
  community_id: number;
  community_name: string;
  room_id?: number | null;
  label?: string | null;
  binding_name?: string | null;
  held?: number | string;
  match_id?: number | null;
  cal_years?: unknown;
  cal_days?: unknown;
  cal_last?: unknown;
};

function placeOf(row: PlaceRow, roomId: number | null, place: string | undefined) {
  const community = {
    companyId: Number(row.company_id),
    communityId: Number(row.community_id),
    communityName: row.community_name,
    calendarStamp: calendarStampOf(row),
  };
  if (roomId !== null) return { ...community, roomId, location: row.label!, roomLabel: row.label! };
  return { ...community, roomId: null, location: place ? `${row.community_name} ${place}` : row.community_name, roomLabel: null };
}

/** The new ticket's row: the first due time and breached flag from the planned clocks (no UPDATE after the INSERT). */
function ticketValues(i: Intake, no: string, receivedAt: Date, planned: PlannedClock[], backfilledBy: number | null, now: Date): Partial<Ticket> {
  const firstDue = planned.length ? new Date(Math.min(...planned.map((c) => c.dueAt.getTime()))) : null;
  return {
    companyId: i.companyId,
    communityId: i.communityId,
    roomId: i.roomId,
    kind: i.kind,
    no,
    category: i.category,
    emergency: null,
    status: 'received',
    isOpen: true,
    tier: null,
    tierRank: UNTIERED_RANK,
    slaDueAt: firstDue,
    breached: !!firstDue && firstDue.getTime() < now.getTime(),
    description: i.text,
    location: i.location,
    contactName: i.contactName,
    contactPhone: i.contactPhone,
    channel: i.channel,
    reporterId: i.reporterId,
    // 首问负责: whoever took it at the desk owns it until it is classified or handed over
    ownerId: i.receivedBy,
    receivedBy: i.receivedBy,
    assigneeId: null,
    receivedAt,
    chargeTotalCents: 0,
    complaintClass: null,
    anonymous: i.anonymous,
    writtenReplyWanted: i.writtenReplyWanted,
    writtenReplyRequestedAt: i.writtenReplyWanted ? receivedAt : null,
    backfilledBy,
    coordinatorId: null,
    resolutionDueDate: null,
    measures: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function acknowledgement(t: Ticket, planned: PlannedClock[]): string {
  const due = (name: string) => planned.find((c) => c.name === name)?.dueAt;
  const label = COMPLAINT_KIND_LABELS[t.kind as ComplaintKind];
  const written = due('written_reply');
  return (
    `您的${label}已受理，编号 ${t.no}。我们将在 ${formatDue(due('first_reply')!)} 前答复您` +
    (written ? `，书面答复将在 ${formatDue(written)} 前送达` : '') +
    (t.kind === 'complaint' ? '。投诉确认分类后由专人负责跟进，处理进展会在这里告诉您。' : '。')
  );
}
