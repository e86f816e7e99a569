import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CustomerVisitListItem, CustomerVisitView, Page, VisitIssueKind, VisitIssueView, VisitMode } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { Scope, ScopeService } from '../../common/scope';
import { utc } from '../../common/sql-time';
import { insertRow } from '../../database/insert-row';
import { CreateCustomerVisitDto, CustomerVisitQueryDto, VisitIssueDto } from './dto/visits.dto';
import { CustomerVisit } from './entities/customer-visit.entity';
import { VisitIssue } from './entities/visit-issue.entity';

/** a visit may be recorded up to this many days after it took place */
const BACKFILL_DAYS = 90;

type Row = Record<string, unknown>;

const VISIT_SELECT = `SELECT v.id, v.company_id, v.community_id, v.room_id, v.household_name, v.mode, v.deep, v.visited_at, v.visitor_id, v.notes, v.version,
         c.name AS community_name, r.label, s.name AS visitor_name
    FROM customer_visits v
    JOIN communities c ON c.id = v.community_id
    LEFT JOIN rooms r ON r.id = v.room_id
    LEFT JOIN users s ON s.id = v.visitor_id`;

const ISSUE_SELECT = `SELECT i.id, i.kind, i.text, i.ticket_id, i.created_at, t.no
    FROM visit_issues i LEFT JOIN tickets t ON t.id = i.ticket_id WHERE i.visit_id = ? ORDER BY i.id`;

/**
 * 客户访谈: visits by phone, at the door or at random, with the issues raised (each turned into a repair or complaint
 * by VisitTicketsService). Staff of the visit's community only; the manager's in-depth visits (深度访谈) are marked.
 */
@Injectable()
export class CustomerVisitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
  ) {}

  async create(caller: Caller, dto: CreateCustomerVisitDto): Promise<CustomerVisitView> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    if (dto.deep && !scope.has('manager')) throw AppError.forbidden('深度访谈由服务中心经理记录');
    if (dto.roomId === undefined && dto.mode === 'door') throw AppError.badRequest('上门访谈请选择房屋');
    const now = this.clock.now();
    const visitedAt = dto.visitedAt ? new Date(dto.visitedAt) : now;
    if (visitedAt.getTime() > now.getTime() + 60_000) throw AppError.badRequest('访谈时间不能晚于现在');
    if (now.getTime() - visitedAt.getTime() > BACKFILL_DAYS * 86_400_000) throw AppError.badRequest(`只能补录 ${BACKFILL_DAYS} 天内的访谈`);
    const [place]: Row[] = await this.ds.query(
      `SELECT c.name AS community_name, r.id AS room_id, r.label, s.name AS visitor_name
         FROM communities c JOIN users s ON s.id = ? LEFT JOIN rooms r ON r.id = ? AND r.community_id = c.id
        WHERE c.id = ? AND c.company_id = ?`,
      [caller.userId, dto.roomId ?? null, dto.communityId, caller.companyId],
    );
    if (!place) throw AppError.notFound('小区');
    if (dto.roomId !== undefined && !place.room_id) throw AppError.notFound('房屋');
    return this.ds.transaction(async (em) => {
      const values: Partial<CustomerVisit> = {
        companyId: caller.companyId,
        communityId: dto.communityId,
        roomId: dto.roomId ?? null,
        householdName: dto.householdName ?? null,
        mode: dto.mode,
        deep: !!dto.deep,
        visitedAt,
        visitorId: caller.userId,
        notes: dto.notes ?? null,
        createdAt: now,
        version: 1,
      };
      const id = await insertRow(em, CustomerVisit, values);
      const issues = dto.issues?.length ? await this.insertIssues(em, caller, id, dto.communityId, dto.issues, now) : [];
      const view: CustomerVisitView = {
        id,
        communityId: dto.communityId,
        communityName: String(place.community_name),
        roomId: dto.roomId ?? null,
        roomLabel: (place.label as string | null) ?? null,
        householdName: values.householdName!,
        mode: dto.mode,
        deep: !!dto.deep,
        visitedAt: visitedAt.toISOString(),
        visitorId: caller.userId,
        visitorName: String(place.visitor_name ?? ''),
        notes: values.notes!,
        issues,
        version: 1,
      };
      await recordIdempotencyKey(em, 'customer_visit', id, view);
      return view;
    });
  }

  /** More issues raised in a visit (the visitor adds them afterwards). */
  async addIssue(caller: Caller, visitId: number, dto: VisitIssueDto): Promise<CustomerVisitView> {
    const scope = await this.scopes.resolve(caller);
    await this.ds.transaction(async (em) => {
      const v = await em.findOneBy(CustomerVisit, { id: visitId });
      scope.assertCommunity(v, '访谈记录');
      await this.insertIssues(em, caller, visitId, v!.communityId, [dto], this.clock.now());
    });
    return this.detail(caller, visitId);
  }

  async detail(caller: Caller, id: number): Promise<CustomerVisitView> {
    const scope = await this.scopes.resolve(caller);
    const [row]: Row[] = await this.ds.query(`${VISIT_SELECT} WHERE v.id = ?`, [id]);
    assertVisible(scope, row);
    const issues: Row[] = await this.ds.query(ISSUE_SELECT, [id]);
    return { ...visitOf(row), issues: issues.map(issueOf) };
  }

  async list(caller: Caller, q: CustomerVisitQueryDto): Promise<Page<CustomerVisitListItem>> {
    const scope = await this.scopes.resolve(caller);
    if (q.communityId !== undefined && !scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    const ids = q.communityId !== undefined ? [q.communityId] : scope.communityIds;
    if (!ids.length) return { items: [], nextCursor: null };
    const limit = pageLimit(q.limit);
    const params: unknown[] = [caller.companyId, ...ids];
    let where = `v.company_id = ? AND v.community_id IN (${ids.map(() => '?').join(', ')})`;
    const after = decodeCursor(q.cursor, ID_CURSOR);
    if (after) {
      where += ' AND v.id < ?';
      params.push(after[0]);
    }
    const rows: Row[] = await this.ds.query(
      `SELECT v.id, v.room_id, v.household_name, v.mode, v.deep, v.visited_at, r.label, s.name AS visitor_name,
              (SELECT COUNT(*) FROM visit_issues i WHERE i.visit_id = v.id) AS issue_count
         FROM customer_visits v LEFT JOIN rooms r ON r.id = v.room_id LEFT JOIN users s ON s.id = v.visitor_id
        WHERE ${where} ORDER BY v.id DESC LIMIT ${limit + 1}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => ({
        id: Number(r.id),
        roomLabel: (r.label as string | null) ?? null,
        householdName: (r.household_name as string | null) ?? null,
        mode: r.mode as VisitMode,
        deep: !!Number(r.deep),
        visitedAt: utc(r.visited_at)!.toISOString(),
        visitorName: String(r.visitor_name ?? ''),
        issueCount: Number(r.issue_count),
      }),
      (r) => [Number(r.id)],
    );
  }

  /** One multi-row INSERT, then the rows read back (their ids) in the same transaction. */
  private async insertIssues(em: EntityManager, caller: Caller, visitId: number, communityId: number, issues: VisitIssueDto[], now: Date) {
    const rows = issues.map((i) => ({
      companyId: caller.companyId,
      communityId,
      visitId,
      kind: i.kind,
      text: i.text,
      ticketId: null,
      createdBy: caller.userId,
      createdAt: now,
      version: 1,
    }));
    await em.createQueryBuilder().insert().into(VisitIssue).values(rows).updateEntity(false).execute();
    const read: Row[] = await em.query(ISSUE_SELECT, [visitId]);
    return read.map(issueOf);
  }
}

export function assertVisible(scope: Scope, row: Row | undefined): void {
  if (!row || Number(row.company_id) !== scope.companyId || !scope.canSeeCommunity(Number(row.community_id))) throw AppError.notFound('访谈记录');
}

function visitOf(r: Row): Omit<CustomerVisitView, 'issues'> {
  return {
    id: Number(r.id),
    communityId: Number(r.community_id),
    communityName: String(r.community_name),
    roomId: r.room_id === null ? null : Number(r.room_id),
    roomLabel: (r.label as string | null) ?? null,
    householdName: (r.household_name as string | null) ?? null,
    mode: r.mode as VisitMode,
    deep: !!Number(r.deep),
    visitedAt: utc(r.visited_at)!.toISOString(),
    visitorId: Number(r.visitor_id),
    visitorName: String(r.visitor_name ?? ''),
    notes: (r.notes as string | null) ?? null,
    version: Number(r.version),
  };
}

export function issueOf(r: Row): VisitIssueView {
  return {
    id: Number(r.id),
    kind: r.kind as VisitIssueKind,
    text: String(r.text),
    ticketId: r.ticket_id === null || r.ticket_id === undefined ? null : Number(r.ticket_id),
    ticketNo: (r.no as string | null) ?? null,
    createdAt: utc(r.created_at)!.toISOString(),
  };
}
