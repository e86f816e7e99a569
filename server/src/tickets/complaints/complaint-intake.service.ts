import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { COMPLAINT_KIND_LABELS, COMPLAINT_KIND_PREFIX, complaintClocksAtIntake, ComplaintDetail, ComplaintKind, receivedAtError } from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { Scope, ScopeService } from '../../common/scope';
import { AppConfig } from '../../config/app-config';
import { insertRow } from '../../database/insert-row';
import { Community } from '../../org/entities/community.entity';
import { Room } from '../../org/entities/room.entity';
import { RoomBinding } from '../../org/entities/room-binding.entity';
import { CalendarService } from '../../sla/calendar.service';
import { TicketReply } from '../entities/ticket-reply.entity';
import { Ticket } from '../entities/ticket.entity';
import { NumberingService } from '../numbering.service';
import { TicketCore } from '../ticket-core.service';
import { CreateComplaintDto, StaffIntakeComplaintDto } from './dto/complaint.dto';
import { categoryOf, fieldError, Intake, roleOf, UNTIERED_RANK } from './complaint-rules';
import { ComplaintQueriesService } from './complaint-queries.service';
import { ComplaintTransitionsService } from './complaint-transitions.service';
import { zhDateTime } from './notice';

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
    private readonly queries: ComplaintQueriesService,
    private readonly transitions: ComplaintTransitionsService,
  ) {}

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
        await this.transitions.apply(em, caller, t, 'classify', d, ['desk']);
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
      const view = await this.queries.detailIn(em, scope, id);
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
    await this.core.record(
      em,
      ticket,
      caller,
      roleOf(caller),
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
}
