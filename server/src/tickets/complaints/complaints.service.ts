import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import {
  allowedComplaintActions,
  clocksMetBy,
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_CLASS_OWNER_ROLE,
  COMPLAINT_INPUT_ERROR_MESSAGES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_KIND_PREFIX,
  COMPLAINT_KINDS,
  COMPLAINT_TERMINAL,
  ComplaintAction,
  ComplaintActionInput,
  complaintActorsFor,
  ComplaintActor,
  ComplaintCategory,
  ComplaintClass,
  complaintClocksAtIntake,
  complaintInputError,
  ComplaintInputError,
  ComplaintKind,
  ComplaintSnapshot,
  ComplaintStatus,
  complaintStatusLabel,
  complaintTransition,
  ErrorCode,
  missingStepsBeforeResolve,
  Page,
  receivedAtError,
  resolutionClock,
  Role,
  ROLE_LABELS,
  suggestComplaintClass,
  WorkingCalendar,
  writtenReplyClock,
  ANONYMOUS_NAME,
  ComplaintDetail,
  ComplaintOwnerCandidate,
  ComplaintRecordType,
  ComplaintRecordView,
  ComplaintSummary,
  TicketChannel,
  describeTicketParty,
} from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { cursorId, cursorOneOf, CursorShape, cursorSqlTime, decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { Scope, ScopeService } from '../../common/scope';
import { Community } from '../../org/entities/community.entity';
import { Company } from '../../org/entities/company.entity';
import { Room } from '../../org/entities/room.entity';
import { RoomBinding } from '../../org/entities/room-binding.entity';
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { CalendarService } from '../../sla/calendar.service';
import { SlaClock } from '../../sla/entities/clock.entity';
import { ClocksService, clockView } from '../../sla/clocks.service';
import { UploadSigner } from '../../storage/storage.service';
import { Upload } from '../../storage/upload.entity';
import { uploadView } from '../../storage/uploads.controller';
import { TicketEvent } from '../entities/ticket-event.entity';
import { TicketReply } from '../entities/ticket-reply.entity';
import { Ticket } from '../entities/ticket.entity';
import { NumberingService } from '../numbering.service';
import { TICKET, TicketCore } from '../ticket-core.service';
import { sqlTime } from '../../common/sql-time';
import { eventText } from '../timeline-text';
import { ticketParty } from '../ticket-party';
import { ComplaintActionDto, ComplaintListQueryDto, CreateComplaintDto, OwnerCandidatesQueryDto, StaffIntakeComplaintDto } from './dto/complaint.dto';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { developerNotice, zhDateTime } from './notice';
import { insertRow } from '../../database/insert-row';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';

/** Clocks and uploads of complaints-desk tickets use the same subject type as repairs: they are rows of `tickets`. */
const KINDS: ComplaintKind[] = [...COMPLAINT_KINDS];
const DESK: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
/** roles that may own or coordinate a complaint (admins run the system, not the desk) */
const HANDLERS: Role[] = ['agent', 'supervisor', 'manager'];
const NO_DUE = '9999-12-31 00:00:00.000';
/** the desk inboxes' sort: closed flag, due time, id */
const INBOX_CURSOR: CursorShape = [cursorOneOf(0, 1), cursorSqlTime, cursorId];
const UNTIERED_RANK = 9;

const RECORD_ACTION: Record<ComplaintRecordType, ComplaintAction> = {
  developer_contact: 'record_developer_contact',
  notice: 'issue_notice',
  authority_report: 'record_authority_report',
  coordinator: 'appoint_coordinator',
};

const INPUT_FIELD: Record<ComplaintInputError, string> = {
  class_required: 'complaintClass',
  same_class: 'complaintClass',
  reason_required: 'reason',
  content_required: 'content',
  measures_required: 'measures',
  due_date_invalid: 'dueDate',
  due_date_past: 'dueDate',
  assignee_required: 'assigneeId',
  rating_invalid: 'rating',
  outcome_required: 'satisfied',
};

type Intake = {
  companyId: number;
  communityId: number;
  roomId: number | null;
  location: string;
  channel: TicketChannel;
  reporterId: number | null;
  receivedBy: number | null;
  contactName: string | null;
  contactPhone: string | null;
  receivedAt: Date | null;
  kind: ComplaintKind;
  category: ComplaintCategory;
  text: string;
  photoIds: number[];
  writtenReplyWanted: boolean;
  anonymous: boolean;
};

/**
 * The complaints desk on the ticket core — complaints (classes 1–3), suggestions, inquiries and praise: intake
 * from every channel (paper back-fill included), routing by class, the reply thread, class duties, resolution,
 * confirmation, rating and return visit, with the shared state machine (complaint-states.ts) and clocks
 * (complaint-clocks.ts) on the company's working calendar. Every change is one transaction: the ticket
 * (version-checked), its thread / records / clocks, its timeline event, and the hooks.
 */
@Injectable()
export class ComplaintsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
    private readonly calendars: CalendarService,
    private readonly numbering: NumberingService,
    private readonly core: TicketCore,
    private readonly signer: UploadSigner,
    private readonly scopes: ScopeService,
    private readonly cfg: AppConfig,
  ) {}

  onModuleInit() {
    this.calendars.onChange((em, companyId, calendar) => this.followCalendar(em, companyId, calendar));
  }

  // ---------------------------------------------------------------- intake

  async fileByResident(caller: Caller, dto: CreateComplaintDto): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    scope.assertMayFileIn(dto.roomId === undefined ? dto.communityId : undefined, '投诉');
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: caller.userId });
    let place: Pick<Intake, 'companyId' | 'communityId' | 'roomId' | 'location'>;
    let contactName = user.name;
    if (dto.roomId !== undefined) {
      if (!scope.roomIds.includes(dto.roomId)) throw AppError.notFound('房屋');
      const room = await this.ds.getRepository(Room).findOneByOrFail({ id: dto.roomId });
      const binding = await this.ds.getRepository(RoomBinding).findOneBy({ userId: user.id, roomId: room.id, status: 'approved' });
      contactName = binding?.name ?? user.name;
      place = { companyId: room.companyId, communityId: room.communityId, roomId: room.id, location: room.label };
    } else {
      if (dto.communityId === undefined) throw AppError.badRequest('请选择房屋，或选择小区');
      // a community-wide matter: only where the resident holds a room
      const rooms = scope.roomIds.length ? await this.ds.getRepository(Room).findBy({ id: In(scope.roomIds), communityId: dto.communityId }) : [];
      const community = rooms.length ? await this.ds.getRepository(Community).findOneBy({ id: dto.communityId, companyId: caller.companyId }) : null;
      if (!community) throw AppError.notFound('小区');
      const binding = await this.ds.getRepository(RoomBinding).findOneBy({ userId: user.id, roomId: rooms[0].id, status: 'approved' });
      contactName = binding?.name ?? user.name;
      place = {
        companyId: community.companyId,
        communityId: community.id,
        roomId: null,
        location: dto.place ? `${community.name} ${dto.place}` : community.name,
      };
    }
    const intake: Intake = {
      ...place,
      channel: 'miniapp',
      reporterId: user.id,
      receivedBy: null,
      contactName,
      contactPhone: user.phone,
      receivedAt: null,
      kind: dto.kind,
      category: categoryOf(dto.kind, dto.category),
      text: dto.text,
      photoIds: dto.photoIds ?? [],
      writtenReplyWanted: !!dto.writtenReplyWanted,
      anonymous: !!dto.anonymous,
    };
    return this.create(scope, intake);
  }

  async intakeByStaff(caller: Caller, dto: StaffIntakeComplaintDto): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    const now = this.clock.now();
    let receivedAt: Date | null = null;
    if (dto.receivedAt !== undefined) {
      receivedAt = new Date(dto.receivedAt);
      const err = receivedAtError(receivedAt, now, this.cfg.BACKFILL_MAX_DAYS);
      if (err === 'received_in_future') throw fieldError('receivedAt', '受理时间不能晚于现在', 'notInFuture');
      if (err === 'received_too_old') throw fieldError('receivedAt', `只能补录 ${this.cfg.BACKFILL_MAX_DAYS} 天内受理的投诉`, 'backfillWindow');
      if (err) throw fieldError('receivedAt', '受理时间无效', 'isISO8601');
    }
    if (dto.complaintClass !== undefined && dto.kind !== 'complaint') throw fieldError('complaintClass', '只有投诉需要分类', 'kind');
    const community = await this.ds.getRepository(Community).findOneByOrFail({ id: dto.communityId });
    let place: Pick<Intake, 'companyId' | 'communityId' | 'roomId' | 'location'>;
    let reporterId: number | null = null;
    if (dto.roomId !== undefined) {
      const room = await this.ds.getRepository(Room).findOneBy({ id: dto.roomId, communityId: dto.communityId });
      if (!room) throw AppError.notFound('房屋');
      place = { companyId: room.companyId, communityId: room.communityId, roomId: room.id, location: room.label };
      // the caller is a resident of that room with an account: the ticket is theirs in the app too (thread, confirm, rate)
      if (dto.contactPhone) {
        const match = await this.ds
          .getRepository(RoomBinding)
          .createQueryBuilder('b')
          .innerJoin(User, 'u', 'u.id = b.userId')
          .where('b.roomId = :room AND b.status = :approved AND u.phone = :phone', { room: room.id, approved: 'approved', phone: dto.contactPhone })
          .orderBy('b.id', 'ASC')
          .getOne();
        reporterId = match?.userId ?? null;
      }
    } else {
      place = {
        companyId: community.companyId,
        communityId: community.id,
        roomId: null,
        location: dto.place ? `${community.name} ${dto.place}` : community.name,
      };
    }
    const intake: Intake = {
      ...place,
      channel: dto.channel,
      reporterId,
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
    };
    return this.create(scope, intake, async (em, ticketId) => {
      if (dto.complaintClass !== undefined) {
        const t = await em.findOneByOrFail(Ticket, { id: ticketId });
        const d = { version: t.version, complaintClass: dto.complaintClass, ownerId: dto.ownerId, reason: dto.reason };
        await this.apply(em, caller, t, 'classify', d, ['desk']);
      }
    });
  }

  /**
   * The number first (its own short statement, see NumberingService), then one transaction: the intake, `then`, the
   * answer (read through the transaction) and the Idempotency-Key with it.
   */
  private async create(scope: Scope, intake: Intake, then?: (em: EntityManager, id: number) => Promise<void>): Promise<ComplaintDetail> {
    const caller = scope.caller;
    // a bad photo should cost no number
    await this.core.checkUploads(this.ds.manager, caller, intake.photoIds);
    const number = (db: DataSource | EntityManager) =>
      this.numbering.next(db, intake.communityId, COMPLAINT_KIND_PREFIX[intake.kind], intake.receivedAt ?? this.clock.now());
    // MySQL: before the transaction; SQLite (one connection, one writer): inside it
    const early = this.ds.options.type === 'mysql' ? await number(this.ds) : null;
    return this.ds.transaction(async (em) => {
      const id = await this.intake(em, caller, intake, early ?? (await number(em)));
      if (then) await then(em, id);
      const view = await this.detailIn(em, scope, id);
      await recordIdempotencyKey(em, 'complaint', id, view);
      return view;
    });
  }

  private async intake(em: EntityManager, caller: Caller, i: Intake, no: string): Promise<number> {
    const now = this.clock.now();
    const receivedAt = i.receivedAt ?? now;
    const backfilled = i.receivedAt !== null;
    // the clocks (and so the list columns) are known before the INSERT
    const calendar = await this.calendars.forCompany(i.companyId, em);
    const planned = complaintClocksAtIntake(receivedAt, calendar, { writtenReplyRequested: i.writtenReplyWanted });
    const firstDue = planned.length ? new Date(Math.min(...planned.map((c) => c.dueAt.getTime()))) : null;
    const values: Partial<Ticket> = {
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
      backfilledBy: backfilled ? caller.userId : null,
      coordinatorId: null,
      resolutionDueDate: null,
      measures: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    // no read-back: the row is what was written (the id from the driver)
    const ticket = em.create(Ticket, { ...values, id: await insertRow(em, Ticket, values) });
    await this.core.attachUploads(em, caller, [...new Set(i.photoIds)], ticket.id, 'intake');
    await this.core.startClocks(em, this.core.subject(ticket), planned);
    await this.record(
      em,
      ticket,
      caller,
      'created',
      {
        kind: ticket.kind,
        channel: ticket.channel,
        category: ticket.category,
        anonymous: ticket.anonymous,
        writtenReplyWanted: ticket.writtenReplyWanted,
        ...(backfilled ? { backfilled: true, receivedAt: receivedAt.toISOString() } : {}),
      },
      now,
    );
    // 受理 at once: the acknowledgement with the expected times opens the thread (a paper ticket got its receipt on paper)
    if (!backfilled) {
      const due = (name: string) => planned.find((c) => c.name === name)?.dueAt;
      const label = COMPLAINT_KIND_LABELS[ticket.kind as ComplaintKind];
      const written = due('written_reply');
      const body =
        `您的${label}已受理，编号 ${no}。我们将在 ${zhDateTime(due('first_reply')!)} 前答复您` +
        (written ? `，书面答复将在 ${zhDateTime(written)} 前送达` : '') +
        (ticket.kind === 'complaint' ? '。投诉确认分类后由专人负责跟进，处理进展会在这里告诉您。' : '。');
      await em.insert(TicketReply, { ticketId: ticket.id, authorId: null, authorRole: 'system', body, written: false, attachmentIds: [], at: now });
    }
    return ticket.id;
  }

  /** Claims the uploads for the ticket only if still unattached: a photo sent with two tickets at once goes to one, the other is 400. */
  private async attach(em: EntityManager, caller: Caller, t: Ticket, ids: number[], purpose: string): Promise<number[]> {
    const photos = await this.core.checkUploads(em, caller, ids);
    await this.core.attachUploads(em, caller, photos, t.id, purpose);
    return photos;
  }

  // ---------------------------------------------------------------- actions

  async act(caller: Caller, id: number, action: ComplaintAction, dto: ComplaintActionDto): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    await this.ds.transaction(async (em) => {
      const t = await this.visible(em, scope, id);
      await this.apply(em, caller, t, action, dto, this.actors(scope, t));
    });
    return this.detailIn(this.ds.manager, scope, id);
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

  private async apply(
    em: EntityManager,
    caller: Caller | null,
    t: Ticket,
    action: ComplaintAction,
    dto: ComplaintActionDto,
    actors: ComplaintActor[],
  ): Promise<void> {
    const now = this.clock.now();
    if (t.version !== dto.version) throw AppError.versionConflict(t.version);
    const snap = await this.snapshot(em, t);
    const result = complaintTransition(snap, action, actors, { satisfied: dto.satisfied });
    if (!result.ok) {
      switch (result.error) {
        case 'not_allowed':
          throw AppError.forbidden(t.ownerId && actors.includes('desk') ? '该工单由负责人处理，请联系负责人或主管' : '您不能对该工单进行此操作');
        case 'steps_missing': {
          const missing = await this.missing(em, t);
          throw AppError.conflict(ErrorCode.Conflict, `办结前请先完成：${missing.map((a) => COMPLAINT_ACTION_LABELS[a]).join('、')}`, { missing });
        }
        case 'already_rated':
          throw AppError.conflict(ErrorCode.AlreadyRated);
        case 'not_for_class':
          throw AppError.conflict(ErrorCode.IllegalTransition, '该操作不适用于此类投诉', { status: t.status, action, complaintClass: t.complaintClass });
        default:
          throw AppError.conflict(ErrorCode.IllegalTransition, undefined, { status: t.status, action });
      }
    }
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

    const s = this.core.subject(t);
    const changes: Partial<Ticket> = { status: result.next, isOpen: !COMPLAINT_TERMINAL.includes(result.next), updatedAt: now };
    let payload: Record<string, unknown> = {};
    let eventType: string = action;
    const staff = caller?.kind === 'staff';
    /** who acts, for the actions only a person takes (the system confirms and closes) */
    const person = () => caller ?? need('caller');

    switch (action) {
      case 'classify':
      case 'reclassify': {
        const cls = dto.complaintClass!;
        const receivedBy = t.receivedBy ?? person().userId;
        const owner = await this.ownerFor(em, t, cls, dto.ownerId, receivedBy, person());
        Object.assign(changes, { complaintClass: cls, ownerId: owner.id, receivedBy, coordinatorId: cls === 3 ? t.coordinatorId : null });
        payload = {
          from: t.complaintClass,
          to: cls,
          suggested: suggestComplaintClass(t.category as ComplaintCategory),
          ownerId: owner.id,
          ownerName: owner.name,
        };
        if (dto.reason) payload.reason = dto.reason;
        eventType = action === 'classify' ? 'classified' : 'reclassified';
        break;
      }
      case 'reassign': {
        const to = await this.handler(em, t, dto.assigneeId!, t.complaintClass === 2 ? ['supervisor', 'manager'] : HANDLERS);
        if (to.id === t.ownerId) throw fieldError('assigneeId', '已是该负责人', 'different');
        const from = t.ownerId ? await em.findOneBy(User, { id: t.ownerId }) : null;
        changes.ownerId = to.id;
        payload = { fromId: from?.id ?? null, fromName: from?.name ?? null, toId: to.id, toName: to.name, reason: dto.reason };
        eventType = 'owner_changed';
        break;
      }
      case 'set_resolution_due': {
        const c = resolutionClock(now, dto.dueDate!);
        await this.clocks.start(em, s, c.name, c.dueAt, c.startedAt);
        changes.resolutionDueDate = dto.dueDate!;
        payload = { dueDate: dto.dueDate, previous: t.resolutionDueDate };
        eventType = 'resolution_due_set';
        break;
      }
      case 'reply':
      case 'follow_up': {
        const photos = await this.attach(em, person(), t, dto.photoIds ?? [], 'reply');
        const written = staff && !!dto.written;
        const { identifiers } = await em.insert(TicketReply, {
          ticketId: t.id,
          authorId: person().userId,
          authorRole: this.roleOf(person()),
          body: dto.content!.trim(),
          written,
          attachmentIds: photos,
          at: now,
        });
        payload = { replyId: Number(identifiers[0].id), written, attachments: photos.length };
        if (action === 'reply') {
          for (const name of clocksMetBy('reply', { written })) await this.clocks.meet(em, TICKET, t.id, name, now);
          // 首问负责: answering an unowned ticket takes it
          if (t.ownerId === null) Object.assign(changes, { ownerId: person().userId, receivedBy: t.receivedBy ?? person().userId });
          eventType = 'replied';
        } else {
          if (dto.writtenReplyWanted && !t.writtenReplyWanted) {
            const c = writtenReplyClock(now, await this.calendars.forCompany(t.companyId, em));
            await this.clocks.start(em, s, c.name, c.dueAt, c.startedAt);
            Object.assign(changes, { writtenReplyWanted: true, writtenReplyRequestedAt: now });
            payload.writtenReplyRequested = true;
          }
          eventType = 'followed_up';
        }
        break;
      }
      case 'record_developer_contact': {
        const contactedAt = pastInstant(dto.contactedAt, now, 'contactedAt', '联系时间');
        const id = await this.addRecord(
          em,
          t,
          person(),
          'developer_contact',
          { contactPerson: dto.contactPerson ?? null, contactedAt: contactedAt.toISOString(), agreed: dto.content!.trim() },
          now,
        );
        payload = { recordId: id };
        eventType = 'developer_contacted';
        break;
      }
      case 'issue_notice': {
        const [community, company, issuer] = await Promise.all([
          em.findOneByOrFail(Community, { id: t.communityId }),
          em.findOneByOrFail(Company, { id: t.companyId }),
          em.findOneByOrFail(User, { id: person().userId }),
        ]);
        const clocks = await this.clocks.list(em, TICKET, [t.id]);
        const written = clocks.find((c) => c.name === 'written_reply' && (c.state === 'running' || c.state === 'paused'));
        const addressee = dto.addressee?.trim() || `${community.name}开发建设单位`;
        // printed and handed to the developer: an anonymous reporter's room, name and phone stay out of it
        const party = await ticketParty(em, t, 'notice');
        const request = party.text(dto.content!.trim());
        const notice = developerNotice({
          companyName: company.name,
          communityName: community.name,
          no: t.no,
          receivedAt: t.receivedAt,
          categoryLabel: COMPLAINT_CATEGORY_LABELS[t.category as ComplaintCategory] ?? '房屋质量',
          location: party.location,
          description: party.text(t.description),
          request,
          addressee,
          issuedAt: now,
          issuerName: issuer.name,
          replyBy: written ? new Date(written.dueAt.getTime() - 1) : null,
        });
        const id = await this.addRecord(em, t, person(), 'notice', { addressee, title: notice.title, request, text: notice.text, html: notice.html }, now);
        payload = { recordId: id, addressee };
        eventType = 'notice_issued';
        break;
      }
      case 'appoint_coordinator': {
        const who = await this.handler(em, t, dto.assigneeId!, HANDLERS);
        changes.coordinatorId = who.id;
        const id = await this.addRecord(
          em,
          t,
          person(),
          'coordinator',
          { coordinatorId: who.id, coordinatorName: who.name, note: dto.content?.trim() || null },
          now,
        );
        payload = { recordId: id, coordinatorId: who.id, coordinatorName: who.name };
        eventType = 'coordinator_appointed';
        break;
      }
      case 'record_authority_report': {
        const reportedAt = pastInstant(dto.reportedAt, now, 'reportedAt', '报告时间');
        const authority = dto.authority?.trim() || null;
        const id = await this.addRecord(
          em,
          t,
          person(),
          'authority_report',
          { authority, reportedAt: reportedAt.toISOString(), content: dto.content!.trim() },
          now,
        );
        payload = { recordId: id, authority };
        eventType = 'authority_reported';
        break;
      }
      case 'resolve': {
        Object.assign(changes, { measures: dto.measures?.trim() || null, completedAt: now });
        for (const name of clocksMetBy('resolve')) await this.clocks.meet(em, TICKET, t.id, name, now);
        eventType = 'resolved';
        break;
      }
      case 'confirm':
        payload = { kind: t.kind, ...(caller ? {} : { auto: true }) };
        eventType = 'confirmed';
        break;
      case 'reopen':
        // a new due date is the owner's to set again; the measures stay on the timeline
        Object.assign(changes, { completedAt: null, resolutionDueDate: null });
        payload = { reason: dto.reason };
        eventType = 'reopened';
        break;
      case 'rate':
        Object.assign(changes, { rating: dto.rating, ratingComment: dto.comment ?? null });
        payload = { rating: dto.rating, comment: dto.comment ?? null };
        eventType = 'rated';
        break;
      case 'return_visit':
        Object.assign(changes, { returnVisitSatisfied: dto.satisfied, returnVisitNotes: dto.notes ?? null, returnVisitAt: now });
        if (!dto.satisfied) Object.assign(changes, { completedAt: null, resolutionDueDate: null });
        payload = { satisfied: dto.satisfied, notes: dto.notes ?? null };
        eventType = 'return_visit';
        break;
      case 'close':
        payload = { kind: t.kind, ...(caller ? {} : { auto: true }) };
        eventType = 'closed';
        break;
      case 'cancel':
        changes.cancelReason = dto.reason!;
        payload = { kind: t.kind, reason: dto.reason, byResident: !staff };
        eventType = 'cancelled';
        break;
    }

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
    await this.record(em, updated, caller, eventType, payload, now);
  }

  /** The owner a class routes to: 1 — the agent who took it; 2 — a supervisor of the community; 3 — its manager (least open load, or the explicit pick). */
  private async ownerFor(em: EntityManager, t: Ticket, cls: ComplaintClass, explicit: number | undefined, receivedBy: number, caller: Caller): Promise<User> {
    // class 1: the taker, whatever desk role they hold (a supervisor who takes a call owns it); 2 and 3: the owner role
    const roles: Role[] = cls === 1 ? HANDLERS : [COMPLAINT_CLASS_OWNER_ROLE[cls]];
    if (explicit !== undefined) return this.handler(em, t, explicit, roles);
    if (cls === 1) {
      const taker = await em.findOneBy(User, { id: receivedBy, companyId: t.companyId, kind: 'staff', active: true });
      return taker ?? em.findOneByOrFail(User, { id: caller.userId });
    }
    const [pick] = await this.candidates(em, t.companyId, t.communityId, roles, cls);
    if (!pick)
      throw AppError.conflict(
        ErrorCode.Conflict,
        `${COMPLAINT_CLASS_LABELS[cls]}需要由本小区的${ROLE_LABELS[COMPLAINT_CLASS_OWNER_ROLE[cls]]}负责，但该小区尚未配置，请联系管理员`,
      );
    return em.findOneByOrFail(User, { id: pick.id });
  }

  /** An active staff member of the ticket's company who works in its community with one of `roles`. */
  private async handler(em: EntityManager, t: Ticket, id: number, roles: Role[]): Promise<User> {
    const u = await em.findOneBy(User, { id, companyId: t.companyId, kind: 'staff', active: true });
    const inCommunity = u && (await em.existsBy(StaffCommunity, { userId: id, communityId: t.communityId }));
    if (!u || !inCommunity || !u.roles.some((r) => roles.includes(r))) throw AppError.notFound('该小区的相应人员');
    return u;
  }

  /** Staff of a community with one of `roles`, with their open complaints (of `cls` when given), least loaded first. */
  private async candidates(em: EntityManager, companyId: number, communityId: number, roles: Role[], cls?: ComplaintClass): Promise<ComplaintOwnerCandidate[]> {
    const staff = (
      await em
        .getRepository(User)
        .createQueryBuilder('u')
        .innerJoin(StaffCommunity, 'sc', 'sc.userId = u.id AND sc.communityId = :communityId', { communityId })
        .where('u.companyId = :cid AND u.kind = :kind AND u.active = 1', { cid: companyId, kind: 'staff' })
        .getMany()
    ).filter((u) => u.roles.some((r) => roles.includes(r)));
    if (!staff.length) return [];
    const params: unknown[] = [...staff.map((u) => u.id), 'complaint'];
    let sql = `SELECT owner_id, COUNT(*) AS n FROM tickets WHERE owner_id IN (${staff.map(() => '?').join(',')}) AND kind = ? AND is_open = 1`;
    if (cls) {
      sql += ' AND complaint_class = ?';
      params.push(cls);
    }
    const loads: { owner_id: number; n: number }[] = await em.query(`${sql} GROUP BY owner_id`, params);
    const load = new Map(loads.map((l) => [Number(l.owner_id), Number(l.n)]));
    return staff
      .map((u) => ({ id: u.id, name: u.name, roles: u.roles, openComplaints: load.get(u.id) ?? 0 }))
      .sort((a, b) => a.openComplaints - b.openComplaints || a.id - b.id);
  }

  async ownerCandidates(caller: Caller, q: OwnerCandidatesQueryDto): Promise<ComplaintOwnerCandidate[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    return this.candidates(this.ds.manager, caller.companyId, q.communityId, q.role ? [q.role] : HANDLERS);
  }

  private async addRecord(
    em: EntityManager,
    t: Ticket,
    caller: Caller,
    type: ComplaintRecordType,
    payload: Record<string, unknown>,
    at: Date,
  ): Promise<number> {
    const { identifiers } = await em.insert(ComplaintRecord, { ticketId: t.id, type, payload: payload as never, createdBy: caller.userId, at });
    return Number(identifiers[0].id);
  }

  /** The class duties done so far (from the records) and whether staff have replied — what the machine checks before resolving. */
  private async done(em: EntityManager, t: Ticket): Promise<ComplaintAction[]> {
    const records = await em.find(ComplaintRecord, { where: { ticketId: t.id }, select: { id: true, type: true } });
    const out = new Set(records.map((r) => RECORD_ACTION[r.type]));
    const staffReply = await em
      .getRepository(TicketReply)
      .createQueryBuilder('r')
      .where('r.ticketId = :id AND r.authorId IS NOT NULL AND r.authorRole <> :resident', { id: t.id, resident: 'resident' })
      .getExists();
    if (staffReply) out.add('reply');
    return [...out];
  }

  private async snapshot(em: EntityManager, t: Ticket): Promise<ComplaintSnapshot> {
    return {
      kind: t.kind as ComplaintKind,
      status: t.status as ComplaintStatus,
      complaintClass: t.complaintClass,
      category: t.category as ComplaintCategory,
      done: await this.done(em, t),
      rated: t.rating !== null,
    };
  }

  private async missing(em: EntityManager, t: Ticket): Promise<ComplaintAction[]> {
    return missingStepsBeforeResolve(await this.snapshot(em, t));
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

  private roleOf(caller: Caller | null): string {
    if (!caller) return 'system';
    if (caller.kind === 'resident') return 'resident';
    return HANDLERS.find((r) => caller.roles.includes(r)) ?? caller.roles[0] ?? 'staff';
  }

  private record(em: EntityManager, t: Ticket, caller: Caller | null, type: string, payload: Record<string, unknown>, at: Date) {
    return this.core.record(em, t, caller, this.roleOf(caller), type, payload, at);
  }

  // ---------------------------------------------------------------- reads

  private isOwner(scope: Scope, t: Ticket) {
    return !scope.isResident && (t.ownerId === scope.caller.userId || t.coordinatorId === scope.caller.userId);
  }

  private actors(scope: Scope, t: Ticket): ComplaintActor[] {
    return complaintActorsFor(scope.caller.roles, { isOwner: this.isOwner(scope, t), isReporter: this.isReporter(scope, t) });
  }

  private isReporter(scope: Scope, t: Ticket) {
    return scope.isResident && t.reporterId === scope.caller.userId;
  }

  /**
   * The handling chain sees who complained even when anonymous: the resident themself, the owner, the coordinator,
   * and the supervisors and managers of the community. Everyone else on the desk sees 匿名.
   */
  private inChain(scope: Scope, t: Ticket) {
    if (scope.isResident) return this.isReporter(scope, t);
    if (this.isOwner(scope, t)) return true;
    return (scope.has('supervisor') || scope.has('manager')) && scope.canSeeCommunity(t.communityId);
  }

  /** 404 unless the caller may see it: the resident who filed it; desk staff of its community; its owner or coordinator. */
  private async visible(em: EntityManager, scope: Scope, id: number): Promise<Ticket> {
    const t = await em.findOneBy(Ticket, { id, companyId: scope.companyId, kind: In(KINDS) });
    if (!t || !this.canSee(scope, t)) throw AppError.notFound('工单');
    return t;
  }

  private canSee(scope: Scope, t: Ticket) {
    if (scope.isResident) return this.isReporter(scope, t);
    if (!scope.canSeeCommunity(t.communityId)) return false;
    return scope.caller.roles.some((r) => DESK.includes(r)) || this.isOwner(scope, t);
  }

  async detail(caller: Caller, id: number): Promise<ComplaintDetail> {
    return this.detailIn(this.ds.manager, await this.scopes.resolve(caller), id);
  }

  /** The detail read through `em` (inside a transaction: with the request's own writes). */
  private async detailIn(em: EntityManager, scope: Scope, id: number): Promise<ComplaintDetail> {
    const t = await this.visible(em, scope, id);
    const now = this.clock.now();
    const [summary] = await this.summaries(scope, [t], now, em);
    const [clocks, events, replies, records, uploads, snap] = await Promise.all([
      this.clocks.list(em, TICKET, [t.id]),
      em.find(TicketEvent, { where: { ticketId: t.id }, order: { id: 'ASC' } }),
      em.find(TicketReply, { where: { ticketId: t.id }, order: { id: 'ASC' } }),
      scope.isResident ? Promise.resolve([]) : em.find(ComplaintRecord, { where: { ticketId: t.id }, order: { id: 'ASC' } }),
      em.find(Upload, { where: { subjectType: TICKET, subjectId: t.id }, order: { id: 'ASC' } }),
      this.snapshot(em, t),
    ]);
    const names = await this.core.names(em, [
      ...events.map((e) => e.actorId),
      ...replies.map((r) => r.authorId),
      ...records.map((r) => r.createdBy),
      t.receivedBy,
      t.backfilledBy,
    ]);
    const party = await ticketParty(em, t, this.inChain(scope, t) ? 'chain' : 'staff');
    const { hidden } = party;
    /** free text as this caller may read it: an anonymous reporter's identifiers out for staff outside the chain */
    const said = (s: string | null) => (s === null ? null : party.text(s));
    const saidAll = (p: Record<string, unknown>) =>
      hidden ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? party.text(v) : v])) : p;
    // a resident's own name, as anyone sees it: 匿名 outside the chain when they asked for it
    const personName = (id: number | null, role: string | null) =>
      id === null ? null : role === 'resident' && hidden ? ANONYMOUS_NAME : (names.get(id) ?? null);
    const byId = new Map(uploads.map((u) => [u.id, u]));
    const actors = this.actors(scope, t);
    const room = t.roomId && !hidden ? await em.findOneBy(Room, { id: t.roomId }) : null;
    return {
      ...summary,
      reporter: {
        name: party.name,
        phone: party.phone,
        roomId: party.roomId,
        roomLabel: room?.label ?? null,
        hidden,
      },
      receivedById: t.receivedBy,
      receivedByName: t.receivedBy ? (names.get(t.receivedBy) ?? null) : null,
      backfilledById: t.backfilledBy,
      backfilledByName: t.backfilledBy ? (names.get(t.backfilledBy) ?? null) : null,
      createdAt: t.createdAt.toISOString(),
      measures: said(t.measures),
      resolvedAt: t.completedAt?.toISOString() ?? null,
      cancelReason: said(t.cancelReason),
      rating: t.rating,
      ratingComment: said(t.ratingComment),
      returnVisit: t.returnVisitAt ? { satisfied: !!t.returnVisitSatisfied, notes: said(t.returnVisitNotes), at: t.returnVisitAt.toISOString() } : null,
      photos: uploads.filter((u) => u.purpose === 'intake').map((u) => uploadView(u, this.signer, now)),
      clocks: clocks.map((c) => clockView(c, now)),
      thread: replies.map((r) => ({
        id: r.id,
        authorRole: r.authorRole,
        authorName: personName(r.authorId, r.authorRole),
        body: party.text(r.body),
        written: r.written,
        attachments: r.attachmentIds.map((i) => byId.get(i)).flatMap((u) => (u ? [uploadView(u, this.signer, now)] : [])),
        at: r.at.toISOString(),
      })),
      records: records.map((r): ComplaintRecordView => {
        const { html: _html, ...payload } = r.payload;
        return {
          id: r.id,
          type: r.type,
          payload: saidAll(payload),
          createdById: r.createdBy,
          createdByName: names.get(r.createdBy) ?? null,
          at: r.at.toISOString(),
          printPath: r.type === 'notice' ? `/api/complaints/${t.id}/notice/${r.id}` : null,
        };
      }),
      timeline: events.map((e) => ({
        id: e.id,
        type: e.type,
        actorName: personName(e.actorId, e.actorRole),
        actorRole: e.actorRole,
        at: e.at.toISOString(),
        payload: saidAll(e.payload),
        text: party.text(eventText(e.type, e.payload)),
      })),
      actions: allowedComplaintActions(snap, actors),
      missingSteps: scope.isResident ? [] : missingStepsBeforeResolve(snap),
    };
  }

  /** The printable written notice to the developer, as issued (text/html). */
  async noticeHtml(caller: Caller, id: number, recordId: number): Promise<string> {
    const scope = await this.scopes.resolve(caller);
    if (scope.isResident) throw AppError.notFound('通知');
    const t = await this.visible(this.ds.manager, scope, id);
    const r = await this.ds.getRepository(ComplaintRecord).findOneBy({ id: recordId, ticketId: t.id, type: 'notice' });
    if (!r || typeof r.payload.html !== 'string') throw AppError.notFound('通知');
    return r.payload.html;
  }

  /** The resident's own tickets, newest first. */
  async mine(caller: Caller, q: ComplaintListQueryDto): Promise<Page<ComplaintSummary>> {
    const scope = await this.scopes.resolve(caller);
    const qb = this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.companyId = :cid AND t.kind IN (:...kinds) AND t.reporterId = :me', { cid: caller.companyId, kinds: KINDS, me: caller.userId });
    if (q.kind) qb.andWhere('t.kind = :kind', { kind: q.kind });
    this.statusFilter(qb, q);
    const limit = pageLimit(q.limit);
    const c = decodeCursor(q.cursor, ID_CURSOR);
    if (c) qb.andWhere('t.id < :after', { after: c[0] });
    const rows = await qb
      .orderBy('t.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const views = await this.summaries(scope, rows.slice(0, limit), this.clock.now());
    return toPage(
      rows,
      limit,
      (_, i) => views[i],
      (r) => [r.id],
    );
  }

  /**
   * The desk's inboxes: agent — class 1 and not (yet) classified (so suggestions, inquiries and praise too);
   * supervisor — class 2; manager — class 3 and everything overdue; all. Open first, then the earliest due time.
   */
  async staffList(caller: Caller, q: ComplaintListQueryDto): Promise<Page<ComplaintSummary>> {
    const scope = await this.scopes.resolve(caller);
    const now = this.clock.now();
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.kind IN (:...kinds)', { kinds: KINDS });
    scope.apply(qb, 't');
    const overdue = '(t.breached = 1 OR (t.slaDueAt IS NOT NULL AND t.slaDueAt < :now))';
    const inbox = q.inbox ?? 'all';
    if (inbox === 'agent') qb.andWhere('(t.complaintClass IS NULL OR t.complaintClass = 1)');
    else if (inbox === 'supervisor') qb.andWhere('t.complaintClass = 2');
    else if (inbox === 'manager') qb.andWhere(`(t.complaintClass = 3 OR (t.isOpen = 1 AND ${overdue}))`, { now: sqlTime(now) });
    if (q.kind) qb.andWhere('t.kind = :kind', { kind: q.kind });
    if (q.class === 'none') qb.andWhere('t.complaintClass IS NULL');
    else if (q.class) qb.andWhere('t.complaintClass = :cls', { cls: Number(q.class) });
    if (q.communityId !== undefined) qb.andWhere('t.communityId = :community', { community: q.communityId });
    if (q.mine) qb.andWhere('(t.ownerId = :me OR t.coordinatorId = :me)', { me: caller.userId });
    if (q.breached !== undefined) qb.andWhere(q.breached ? overdue : `NOT ${overdue}`, { now: sqlTime(now) });
    this.statusFilter(qb, q);
    const limit = pageLimit(q.limit);
    const due = `COALESCE(t.sla_due_at, '${NO_DUE}')`;
    const c = decodeCursor(q.cursor, INBOX_CURSOR);
    if (c) qb.andWhere(`(1 - t.is_open, ${due}, t.id) > (:c0, :c1, :c2)`, { c0: c[0], c1: c[1], c2: c[2] });
    const rows = await qb
      .orderBy('1 - t.is_open', 'ASC')
      .addOrderBy(due, 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const views = await this.summaries(scope, rows.slice(0, limit), now);
    return toPage(
      rows,
      limit,
      (_, i) => views[i],
      (r) => [r.isOpen ? 0 : 1, r.slaDueAt ? sqlTime(r.slaDueAt) : NO_DUE, r.id],
    );
  }

  private statusFilter(qb: SelectQueryBuilder<Ticket>, q: ComplaintListQueryDto) {
    if (q.status === 'open') qb.andWhere('t.isOpen = 1');
    else if (q.status === 'closed') qb.andWhere('t.isOpen = 0');
    else if (q.status) qb.andWhere('t.status = :status', { status: q.status });
  }

  private async summaries(scope: Scope, rows: Ticket[], now: Date, em: EntityManager = this.ds.manager): Promise<ComplaintSummary[]> {
    if (!rows.length) return [];
    const [communities, clocks, names] = await Promise.all([
      em.findBy(Community, { id: In([...new Set(rows.map((r) => r.communityId))]) }),
      this.clocks.list(
        em,
        TICKET,
        rows.map((r) => r.id),
      ),
      this.core.names(em, [...rows.map((r) => r.ownerId), ...rows.map((r) => r.coordinatorId)]),
    ]);
    const community = new Map(communities.map((c) => [c.id, c.name]));
    return rows.map((t) => {
      const mine = clocks.filter((c) => c.subjectId === t.id);
      const running = mine.filter((c) => c.state === 'running').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const next = running[0] ?? mine.find((c) => c.state === 'paused') ?? null;
      const communityName = community.get(t.communityId) ?? '';
      const party = describeTicketParty({ ...t, communityName }, this.inChain(scope, t) ? 'chain' : 'staff');
      return {
        id: t.id,
        no: t.no,
        kind: t.kind as ComplaintKind,
        category: t.category as ComplaintCategory,
        complaintClass: t.complaintClass,
        status: t.status as ComplaintStatus,
        statusLabel: complaintStatusLabel(t.kind as ComplaintKind, t.status as ComplaintStatus),
        communityId: t.communityId,
        communityName,
        roomId: party.roomId,
        location: party.location,
        description: party.text(t.description),
        channel: t.channel,
        anonymous: t.anonymous,
        writtenReplyWanted: t.writtenReplyWanted,
        ownerId: t.ownerId,
        ownerName: t.ownerId ? (names.get(t.ownerId) ?? null) : null,
        coordinatorId: t.coordinatorId,
        coordinatorName: t.coordinatorId ? (names.get(t.coordinatorId) ?? null) : null,
        backfilled: t.backfilledBy !== null,
        resolutionDueDate: t.resolutionDueDate,
        nextClock: next ? clockView(next, now) : null,
        breached: mine.some((c) => clockView(c, now).breached),
        receivedAt: t.receivedAt.toISOString(),
        version: t.version,
      };
    });
  }
}

/** Complaints and suggestions need a category; inquiries and praise may go without (kept as 其他). */
function categoryOf(kind: ComplaintKind, category: ComplaintCategory | undefined): ComplaintCategory {
  if (category) return category;
  if (kind === 'complaint' || kind === 'suggestion') throw fieldError('category', '请选择类别', 'isDefined');
  return 'other';
}

function need(what: string): never {
  throw new Error(`complaints: ${what} required for this action`);
}

function fieldError(field: string, message: string, rule: string): AppError {
  return new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule, message }]);
}

/** An instant the caller says something happened at: now by default, never in the future. */
function pastInstant(iso: string | undefined, now: Date, field: string, what: string): Date {
  if (iso === undefined) return now;
  const at = new Date(iso);
  if (at.getTime() > now.getTime()) throw fieldError(field, `${what}不能晚于现在`, 'notInFuture');
  return at;
}
