import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, isVisitOverdue, maskPhone, NewResidentVisitView, Page, VisitResult } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { AuditService } from '../../common/audit.service';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { cursorId, cursorSqlTime, decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { ScopeService } from '../../common/scope';
import { sqlTime, utc } from '../../common/sql-time';
import { NewResidentVisitQueryDto, RecordNewResidentVisitDto } from './dto/visits.dto';
import { NewResidentVisit } from './entities/new-resident-visit.entity';

const DUE_CURSOR = [cursorSqlTime, cursorId] as const;

/** the task with its room, resident (the binding's name and relation), community and visitor: one SELECT */
const SELECT = `SELECT v.id, v.community_id, v.room_id, v.user_id, v.bound_at, v.due_at, v.status, v.result, v.notes, v.visited_at, v.version,
         c.name AS community_name, r.label, u.name AS user_name, u.phone, b.name AS binding_name, b.relation, s.name AS visitor_name
    FROM new_resident_visits v
    JOIN communities c ON c.id = v.community_id
    JOIN rooms r ON r.id = v.room_id
    JOIN users u ON u.id = v.user_id
    LEFT JOIN room_bindings b ON b.id = v.binding_id
    LEFT JOIN users s ON s.id = v.visited_by`;

type Row = Record<string, unknown>;

/**
 * 新住户回访: the tasks the binding approval created (one per room and resident, due a month later), listed for the
 * desk of the caller's communities beside the repair / complaint return visits; recording one closes it.
 * Phones are masked as in every staff list: the full number through the audited reveal (POST /api/staff/residents/{id}/phone).
 */
@Injectable()
export class NewResidentVisitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, q: NewResidentVisitQueryDto): Promise<Page<NewResidentVisitView>> {
    const scope = await this.scopes.resolve(caller);
    if (q.communityId !== undefined && !scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    const ids = q.communityId !== undefined ? [q.communityId] : scope.communityIds;
    if (!ids.length) return { items: [], nextCursor: null };
    const limit = pageLimit(q.limit);
    const status = q.status ?? 'open';
    const now = this.clock.now();
    const where = [`v.company_id = ?`, `v.community_id IN (${ids.map(() => '?').join(', ')})`, `v.status = ?`];
    const params: unknown[] = [caller.companyId, ...ids, status === 'done' ? 'done' : 'open'];
    if (status === 'overdue') {
      where.push('v.due_at <= ?');
      params.push(sqlTime(now));
    }
    let order: string;
    if (status === 'done') {
      const after = decodeCursor(q.cursor, ID_CURSOR);
      if (after) {
        where.push('v.id < ?');
        params.push(after[0]);
      }
      order = 'v.id DESC';
    } else {
      const after = decodeCursor(q.cursor, DUE_CURSOR);
      if (after) {
        where.push('(v.due_at > ? OR (v.due_at = ? AND v.id > ?))');
        params.push(after[0], after[0], after[1]);
      }
      order = 'v.due_at ASC, v.id ASC';
    }
    const rows: Row[] = await this.ds.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`, params);
    return toPage(
      rows,
      limit,
      (r) => viewOf(r, now),
      (r) => (status === 'done' ? [Number(r.id)] : [sqlTime(utc(r.due_at)!), Number(r.id)]),
    );
  }

  /** Records the visit and closes the task; the same record again answers the task as it is (idempotent). */
  async record(caller: Caller, id: number, dto: RecordNewResidentVisitDto): Promise<NewResidentVisitView> {
    const scope = await this.scopes.resolve(caller);
    const notes = dto.notes ?? null;
    await this.ds.transaction(async (em) => {
      const v = await em.findOneBy(NewResidentVisit, { id });
      scope.assertCommunity(v, '回访任务');
      if (v!.status === 'done') {
        if (v!.result === dto.result && v!.notes === notes) return;
        throw AppError.conflict(ErrorCode.Conflict, '该回访已记录', { result: v!.result });
      }
      if (v!.version !== dto.version) throw AppError.versionConflict(v!.version);
      const now = this.clock.now();
      const res = await em
        .createQueryBuilder()
        .update(NewResidentVisit)
        .set({ status: 'done', result: dto.result as VisitResult, notes, visitedBy: caller.userId, visitedAt: now, version: v!.version + 1 })
        .where('id = :id AND version = :v', { id, v: v!.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      await this.audit.record(em, caller, 'visit.new_resident', 'new_resident_visit', id, { result: dto.result });
    });
    const [row]: Row[] = await this.ds.query(`${SELECT} WHERE v.id = ?`, [id]);
    return viewOf(row, this.clock.now());
  }
}

function viewOf(r: Row, now: Date): NewResidentVisitView {
  const dueAt = utc(r.due_at)!;
  const status = r.status as 'open' | 'done';
  return {
    id: Number(r.id),
    communityId: Number(r.community_id),
    communityName: String(r.community_name),
    roomId: Number(r.room_id),
    roomLabel: String(r.label),
    residentId: Number(r.user_id),
    residentName: String(r.binding_name ?? r.user_name),
    relation: String(r.relation ?? ''),
    residentPhoneMasked: maskPhone(r.phone as string | null),
    boundAt: utc(r.bound_at)!.toISOString(),
    dueAt: dueAt.toISOString(),
    overdue: isVisitOverdue({ status, dueAt }, now),
    status,
    result: (r.result as VisitResult | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    visitedAt: r.visited_at ? utc(r.visited_at)!.toISOString() : null,
    visitedByName: (r.visitor_name as string | null) ?? null,
    version: Number(r.version),
  };
}
