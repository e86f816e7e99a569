import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Page, RepairDetail, RepairStatus, RepairSummary, startOfShanghaiDate, TechnicianLoad } from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { cursorId, cursorOneOf, CursorShape, cursorSqlTime, decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { ScopeService } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { Community } from '../../org/entities/community.entity';
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { ClocksService } from '../../sla/clocks.service';
import { Ticket } from '../entities/ticket.entity';
import { TICKET } from '../ticket-core.service';
import { RepairListQueryDto } from './dto/repair.dto';
import { loadForChange } from './repair-change-load';
import { DESK, RepairViews, TIER_RANK, UNTIERED_RANK } from './repair-views';

const WORKING: RepairStatus[] = ['dispatched', 'scheduled', 'in_progress', 'on_hold'];
const NO_DUE = '9999-12-31 00:00:00.000';
/** the inbox's sort: closed flag, tier rank (0 = emergency), due time, id */
const INBOX_CURSOR: CursorShape = [cursorOneOf(0, 1), cursorOneOf(0, ...Object.values(TIER_RANK), UNTIERED_RANK), cursorSqlTime, cursorId];

/** The repair reads: a detail (one statement), the lists (one page query + its clocks), the dispatch picker. */
@Injectable()
export class RepairQueriesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
    private readonly scopes: ScopeService,
    private readonly views: RepairViews,
  ) {}

  /** One statement (`loadForChange`: the repair with its names, clocks, timeline, photos and charges). */
  async detail(caller: Caller, id: number): Promise<RepairDetail> {
    const scope = await this.scopes.resolve(caller);
    const w = await loadForChange(this.ds.manager, scope.companyId, id);
    if (!w || !this.views.canSee(scope, w.ticket)) throw AppError.notFound('工单');
    return this.views.view(scope, w, this.clock.now());
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
    // one page: limit + 1 rows with their joined names, in the order and with the cursor of the chosen sort
    const page = async (sortKey: (r: Ticket) => (string | number)[]) => {
      const joined = await qb.limit(limit + 1).getRawAndEntities();
      const views = await this.summaries(joined.entities.slice(0, limit), this.clock.now(), joinedNames(joined));
      return toPage(joined.entities, limit, (_, i) => views[i], sortKey);
    };
    if (q.sort === 'inbox') {
      // open first, then tier (emergencies first), then the earliest due time, then oldest
      const due = `COALESCE(t.sla_due_at, '${NO_DUE}')`;
      const c = decodeCursor(q.cursor, INBOX_CURSOR);
      if (c) qb.andWhere(`(1 - t.is_open, t.tier_rank, ${due}, t.id) > (:c0, :c1, :c2, :c3)`, { c0: c[0], c1: c[1], c2: c[2], c3: c[3] });
      qb.orderBy('1 - t.is_open', 'ASC').addOrderBy('t.tier_rank', 'ASC').addOrderBy(due, 'ASC').addOrderBy('t.id', 'ASC');
      return page((r) => [r.isOpen ? 0 : 1, r.tierRank, r.slaDueAt ? sqlTime(r.slaDueAt) : NO_DUE, r.id]);
    }
    const c = decodeCursor(q.cursor, ID_CURSOR);
    if (c) qb.andWhere('t.id < :after', { after: c[0] });
    qb.orderBy('t.id', 'DESC');
    return page((r) => [r.id]);
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
      this.views.summary(
        t,
        community.get(t.communityId) ?? '',
        clocks.filter((c) => c.subjectId === t.id),
        names,
        now,
      ),
    );
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
