import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import {
  allowedComplaintActions,
  ANONYMOUS_NAME,
  ComplaintAction,
  ComplaintCategory,
  ComplaintDetail,
  ComplaintKind,
  ComplaintRecordView,
  ComplaintSnapshot,
  ComplaintStatus,
  complaintStatusLabel,
  ComplaintSummary,
  describeTicketParty,
  missingStepsBeforeResolve,
  Page,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { Scope, ScopeService } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { Community } from '../../org/entities/community.entity';
import { Room } from '../../org/entities/room.entity';
import { ClocksService, clockView } from '../../sla/clocks.service';
import { UploadSigner } from '../../storage/storage.service';
import { Upload } from '../../storage/upload.entity';
import { uploadView } from '../../storage/uploads.controller';
import { TicketEvent } from '../entities/ticket-event.entity';
import { TicketReply } from '../entities/ticket-reply.entity';
import { Ticket } from '../entities/ticket.entity';
import { TICKET, TicketCore } from '../ticket-core.service';
import { ticketParty } from '../ticket-party';
import { eventText } from '../timeline-text';
import { ComplaintListQueryDto } from './dto/complaint.dto';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { actorsOf, canSee, inChain, INBOX_CURSOR, KINDS, NO_DUE, RECORD_ACTION } from './complaint-rules';

/** The complaints desk's reads: a ticket's detail (thread, records, timeline), the resident's and the desk's lists. */
@Injectable()
export class ComplaintQueriesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
    private readonly core: TicketCore,
    private readonly signer: UploadSigner,
    private readonly scopes: ScopeService,
  ) {}

  /** The class duties done so far (from the records) and whether staff have replied — what the machine checks before resolving. */
  async done(em: EntityManager, t: Ticket): Promise<ComplaintAction[]> {
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

  async snapshot(em: EntityManager, t: Ticket): Promise<ComplaintSnapshot> {
    return {
      kind: t.kind as ComplaintKind,
      status: t.status as ComplaintStatus,
      complaintClass: t.complaintClass,
      category: t.category as ComplaintCategory,
      done: await this.done(em, t),
      rated: t.rating !== null,
    };
  }

  async missing(em: EntityManager, t: Ticket): Promise<ComplaintAction[]> {
    return missingStepsBeforeResolve(await this.snapshot(em, t));
  }

  /** 404 unless the caller may see it: the resident who filed it; desk staff of its community; its owner or coordinator. */
  async visible(em: EntityManager, scope: Scope, id: number): Promise<Ticket> {
    const t = await em.findOneBy(Ticket, { id, companyId: scope.companyId, kind: In(KINDS) });
    if (!t || !canSee(scope, t)) throw AppError.notFound('工单');
    return t;
  }
  async detail(caller: Caller, id: number): Promise<ComplaintDetail> {
    return this.detailIn(this.ds.manager, await this.scopes.resolve(caller), id);
  }

  /** The detail read through `em` (inside a transaction: with the request's own writes). */
  async detailIn(em: EntityManager, scope: Scope, id: number): Promise<ComplaintDetail> {
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
    const party = await ticketParty(em, t, inChain(scope, t) ? 'chain' : 'staff');
    const { hidden } = party;
    /** free text as this caller may read it: an anonymous reporter's identifiers out for staff outside the chain */
    const said = (s: string | null) => (s === null ? null : party.text(s));
    const saidAll = (p: Record<string, unknown>) =>
      hidden ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? party.text(v) : v])) : p;
    // a resident's own name, as anyone sees it: 匿名 outside the chain when they asked for it
    const personName = (id: number | null, role: string | null) =>
      id === null ? null : role === 'resident' && hidden ? ANONYMOUS_NAME : (names.get(id) ?? null);
    const byId = new Map(uploads.map((u) => [u.id, u]));
    const actors = actorsOf(scope, t);
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
      const party = describeTicketParty({ ...t, communityName }, inChain(scope, t) ? 'chain' : 'staff');
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
