import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ClockName,
  DEFAULT_WORK_HOURS,
  ErrorCode,
  idNumberProblem,
  maskIdNumber,
  Page,
  PERMIT_REVIEW_HOURS,
  PERMIT_SUBJECT,
  permitPeriodProblem,
  permitReviewDue,
  PermitListItem,
  PermitStatus,
  PermitView,
  shanghaiDate,
  WorkHours,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { recordIdempotencyKey } from '../common/idempotency.interceptor';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { lockParentRow } from '../database/row-lock';
import { NotifyService } from '../notify/notify.service';
import { SlaClock } from '../sla/entities/clock.entity';
import { ApplyPermitDto, PermitListQueryDto, PermitVersionDto } from './dto/permit.dto';
import { DecorationPermit, PermitWorker } from './entities/decoration-permit.entity';
import { clockRowOf } from './pass-issuer';
import { listItem, listPermits, loadPermit, PermitRow, permitView } from './permit-views';

type RoomRow = {
  id: number;
  company_id: number;
  community_id: number;
  label: string;
  community_name: string;
  relation: string | null;
  staff_ids: string | null;
  work_hours_json: string | null;
  overlapping_id: number | string | null;
};

/**
 * 装修申请: an owner of an approved room applies (workers' ID numbers checked, stored masked only); the community's
 * agents, supervisors and manager are told; the review clock (装修审核, 24 h) runs until a supervisor or manager
 * decides (permit-review.service.ts). The owner may withdraw it while it waits.
 */
@Injectable()
export class PermitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  async apply(c: Caller, dto: ApplyPermitDto): Promise<PermitView> {
    const now = this.clock.now();
    const period = permitPeriodProblem(dto.startsOn, dto.endsOn, shanghaiDate(now));
    if (period) throw AppError.badRequest(period, [{ field: 'startsOn', message: period }]);
    const workers = dto.workers.map((w, i) => {
      const problem = idNumberProblem(w.idNumber);
      if (problem) throw AppError.badRequest(`第 ${i + 1} 位施工人员：${problem}`, [{ field: `workers.${i}.idNumber`, message: problem }]);
      return { name: w.name, idMasked: maskIdNumber(w.idNumber) };
    });
    return this.ds.transaction(async (em) => {
      // no two live permits of a room may overlap: applications for one room at once run one after the other
      await lockParentRow(em, 'SELECT id FROM rooms WHERE id = ? AND company_id = ?', [dto.roomId, c.companyId]);
      const room = await this.ownersRoom(em, c, dto);
      if (room.overlapping_id !== null) {
        const msg = `该房屋在 ${dto.startsOn} 至 ${dto.endsOn} 期间已有装修申请（待审核或已批准），不能重复申请；如需调整请先撤销原申请`;
        throw AppError.conflict(ErrorCode.Conflict, msg, { permitId: Number(room.overlapping_id) });
      }
      return this.write(em, c, dto, room, workers, now);
    });
  }

  /** The permit, its review clock, the staff's notice, the idempotency key (in apply()'s transaction). */
  private async write(em: EntityManager, c: Caller, dto: ApplyPermitDto, room: RoomRow, workers: PermitWorker[], now: Date) {
    const values = {
      companyId: c.companyId,
      communityId: Number(room.community_id),
      roomId: dto.roomId,
      applicantId: c.userId,
      contractorName: dto.contractorName,
      contractorPhone: dto.contractorPhone,
      description: dto.description ?? null,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      workersJson: JSON.stringify(workers),
      status: PermitStatus.Submitted,
      reviewNote: null,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const staff = String(room.staff_ids ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number);
    const id = await insertRow(em, DecorationPermit, values);
    const clock = clockRowOf(c.companyId, values.communityId, PERMIT_SUBJECT, id, ClockName.PermitReview, now, permitReviewDue(now), false);
    await em.createQueryBuilder().insert().into(SlaClock).values(clock).updateEntity(false).execute();
    await this.notify.enqueue(em, {
      companyId: c.companyId,
      communityId: values.communityId,
      key: `permit:${id}:filed`,
      recipients: staff,
      app: 'staff',
      at: now,
      msg: {
        template: 'permit_filed',
        title: `装修申请待审核：${room.label}`,
        body: `${room.community_name} ${room.label} 申请装修 ${dto.startsOn} 至 ${dto.endsOn}，施工人员 ${workers.length} 人，请在 ${PERMIT_REVIEW_HOURS} 小时内审核。`,
        link: `/permits/${id}`,
        wx: {},
      },
    });
    const row: PermitRow = {
      ...values,
      id,
      workers,
      roomLabel: room.label,
      communityName: room.community_name,
      applicantName: null,
      reviewerName: null,
      workHours: room.work_hours_json ? (JSON.parse(room.work_hours_json) as WorkHours) : DEFAULT_WORK_HOURS,
      reviewClock: { id: 0, ...clock } as SlaClock,
      passes: [],
      passClocks: [],
      ownerConsented: false,
    };
    const view = permitView(row, c, now);
    await recordIdempotencyKey(em, 'decoration_permit', id, view);
    return view;
  }

  /** The room, the caller's approved relation to it, the staff to tell, a live permit overlapping the period: one statement. Owners only. */
  private async ownersRoom(em: EntityManager, c: Caller, dto: ApplyPermitDto): Promise<RoomRow> {
    const [room]: RoomRow[] = await em.query(
      `SELECT r.id, r.company_id, r.community_id, r.label, c.name AS community_name,
         (SELECT b.relation FROM room_bindings b WHERE b.room_id = r.id AND b.user_id = ? AND b.status = 'approved'
           ORDER BY CASE WHEN b.relation = 'owner' THEN 0 ELSE 1 END LIMIT 1) AS relation,
         (SELECT MIN(p.id) FROM decoration_permits p WHERE p.room_id = r.id AND p.status IN ('submitted', 'approved')
           AND p.starts_on <= ? AND p.ends_on >= ?) AS overlapping_id,
         (SELECT pp.work_hours_json FROM pass_policies pp WHERE pp.community_id = r.community_id) AS work_hours_json,
         (SELECT GROUP_CONCAT(u.id) FROM users u JOIN staff_communities sc ON sc.user_id = u.id
           WHERE sc.community_id = r.community_id AND u.kind = 'staff' AND u.active = ?
             AND (u.roles LIKE '%agent%' OR u.roles LIKE '%supervisor%' OR u.roles LIKE '%manager%')) AS staff_ids
       FROM rooms r JOIN communities c ON c.id = r.community_id WHERE r.id = ? AND r.company_id = ?`,
      [c.userId, dto.endsOn, dto.startsOn, true, dto.roomId, c.companyId],
    );
    if (!room) throw AppError.notFound('房屋');
    if (!room.relation) throw new AppError(403, ErrorCode.RoomNotBound, '您尚未绑定该房屋（或绑定尚未通过审核），不能申请装修');
    if (room.relation !== 'owner') throw AppError.forbidden('装修申请须由业主本人提交；租户或家庭成员请联系业主申请');
    return room;
  }

  /** Staff: the permits of their communities (the queue: status=submitted, oldest first). Residents: their own. */
  async list(c: Caller, q: PermitListQueryDto): Promise<Page<PermitListItem>> {
    const scope = await this.scopes.resolve(c);
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const oldestFirst = q.status === PermitStatus.Submitted;
    const where = ['p.company_id = ?'];
    const params: unknown[] = [c.companyId];
    if (scope.isResident) {
      if (!scope.roomIds.length) return { items: [], nextCursor: null };
      where.push('p.applicant_id = ?', `p.room_id IN (${scope.roomIds.map(() => '?').join(', ')})`);
      params.push(c.userId, ...scope.roomIds);
    } else {
      const ids = q.communityId ? scope.communityIds.filter((x) => x === q.communityId) : scope.communityIds;
      if (!ids.length) return { items: [], nextCursor: null };
      where.push(`p.community_id IN (${ids.map(() => '?').join(', ')})`);
      params.push(...ids);
    }
    if (q.status) {
      where.push('p.status = ?');
      params.push(q.status);
    }
    if (after) {
      where.push(`p.id ${oldestFirst ? '>' : '<'} ?`);
      params.push(after[0]);
    }
    const rows = await listPermits(this.ds.manager, where.join(' AND '), params, oldestFirst, limit);
    const now = this.clock.now();
    return toPage(
      rows,
      limit,
      (r) => listItem(r, now),
      (r) => [r.id],
    );
  }

  async detail(c: Caller, id: number): Promise<PermitView> {
    return permitView(await this.visible(c, id), c, this.clock.now());
  }

  /** The permit if the caller may see it (staff: its community; a resident: their own application), else 404. */
  async visible(c: Caller, id: number): Promise<PermitRow> {
    const scope = await this.scopes.resolve(c);
    const p = await loadPermit(this.ds.manager, id, c.companyId);
    if (scope.isResident) {
      if (!p || p.applicantId !== c.userId || !scope.roomIds.includes(p.roomId)) throw AppError.notFound('装修申请');
    } else scope.assertCommunity(p, '装修申请');
    return p!;
  }

  /** The owner withdraws an application still waiting for review; its review clock is cancelled. */
  async cancel(c: Caller, id: number, dto: PermitVersionDto): Promise<PermitView> {
    const p = await this.visible(c, id);
    if (p.applicantId !== c.userId) throw AppError.forbidden('只有申请人可以撤销装修申请');
    if (p.status !== PermitStatus.Submitted) throw AppError.conflict(ErrorCode.Conflict, '该申请已处理，不能撤销');
    if (p.version !== dto.version) throw AppError.versionConflict(p.version);
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(DecorationPermit)
        .set({ status: PermitStatus.Cancelled, updatedAt: now, version: dto.version + 1 })
        .where('id = :id AND version = :v AND status = :s', { id, v: dto.version, s: PermitStatus.Submitted })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      await em.query(`UPDATE clocks SET state = 'cancelled' WHERE subject_type = ? AND subject_id = ? AND name = ? AND state IN ('running', 'paused')`, [
        PERMIT_SUBJECT,
        id,
        ClockName.PermitReview,
      ]);
    });
    const review = p.reviewClock && ({ ...p.reviewClock, state: 'cancelled' } as SlaClock);
    return permitView({ ...p, status: PermitStatus.Cancelled, version: dto.version + 1, reviewClock: review }, c, now);
  }
}
