import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { ComplaintDetail, ComplaintSummary, Page } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { Scope, ScopeService } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { Community } from '../../org/entities/community.entity';
import { ClocksService } from '../../sla/clocks.service';
import { UploadSigner } from '../../storage/storage.service';
import { Ticket } from '../entities/ticket.entity';
import { TICKET, TicketCore } from '../ticket-core.service';
import { ComplaintListQueryDto } from './dto/complaint.dto';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { User } from '../../auth/entities/user.entity';
import { loadComplaint } from './complaint-load';
import { detailOf, summaryOf } from './complaint-view';
import { canSee, INBOX_CURSOR, KINDS, NO_DUE } from './complaint-rules';

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
  async visible(em: EntityManager, scope: Scope, id: number): Promise<Ticket> {
    const t = await em.findOneBy(Ticket, { id, companyId: scope.companyId, kind: In(KINDS) });
    if (!t || !canSee(scope, t)) throw AppError.notFound('工单');
    return t;
  }
  async detail(caller: Caller, id: number): Promise<ComplaintDetail> {
    const scope = await this.scopes.resolve(caller);
    return detailOf(scope, await loadComplaint(this.ds.manager, scope, id), this.clock.now(), this.signer);
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
    const { rows, views: build } = await this.page(qb.orderBy('t.id', 'DESC'), limit);
    const views = await build(scope, this.clock.now());
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
    const { rows, views: build } = await this.page(qb.orderBy('1 - t.is_open', 'ASC').addOrderBy(due, 'ASC').addOrderBy('t.id', 'ASC'), limit);
    const views = await build(scope, now);
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

  /** A page's rows with the community's and the owner's / coordinator's names joined in, then their clocks: 2 statements. */
  private async page(
    qb: SelectQueryBuilder<Ticket>,
    limit: number,
  ): Promise<{ rows: Ticket[]; views: (scope: Scope, now: Date) => Promise<ComplaintSummary[]> }> {
    qb.leftJoin(Community, 'cm', 'cm.id = t.communityId')
      .leftJoin(User, 'ow', 'ow.id = t.ownerId')
      .leftJoin(User, 'cd', 'cd.id = t.coordinatorId')
      .addSelect(['cm.name AS community_name', 'ow.name AS owner_name', 'cd.name AS coordinator_name']);
    const { entities: rows, raw } = await qb.limit(limit + 1).getRawAndEntities();
    const views = async (scope: Scope, now: Date) => {
      const shown = rows.slice(0, limit);
      const clocks = await this.clocks.list(
        this.ds.manager,
        TICKET,
        shown.map((r) => r.id),
      );
      return shown.map((t, i) => {
        const r = raw[i] as { community_name: string | null; owner_name: string | null; coordinator_name: string | null };
        const names = new Map<number, string>();
        if (t.ownerId && r.owner_name !== null) names.set(t.ownerId, r.owner_name);
        if (t.coordinatorId && r.coordinator_name !== null) names.set(t.coordinatorId, r.coordinator_name);
        return summaryOf(
          scope,
          t,
          r.community_name ?? '',
          clocks.filter((c) => c.subjectId === t.id),
          names,
          now,
        );
      });
    };
    return { rows, views };
  }
}
