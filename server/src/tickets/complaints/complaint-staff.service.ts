import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { COMPLAINT_CLASS_LABELS, COMPLAINT_CLASS_OWNER_ROLE, ComplaintClass, ComplaintOwnerCandidate, ErrorCode, Role, ROLE_LABELS } from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { ScopeService } from '../../common/scope';
import { StaffCommunity } from '../../org/entities/staff-community.entity';
import { Ticket } from '../entities/ticket.entity';
import { OwnerCandidatesQueryDto } from './dto/complaint.dto';
import { HANDLERS } from './complaint-rules';

/** Who may own or coordinate a complaint: routing by class, explicit picks, the least-loaded candidates. */
@Injectable()
export class ComplaintStaffService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** The owner a class routes to: 1 — the agent who took it; 2 — a supervisor of the community; 3 — its manager (least open load, or the explicit pick). */
  async ownerFor(em: EntityManager, t: Ticket, cls: ComplaintClass, explicit: number | undefined, receivedBy: number, caller: Caller): Promise<User> {
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
  async handler(em: EntityManager, t: Ticket, id: number, roles: Role[]): Promise<User> {
    const u = await em.findOneBy(User, { id, companyId: t.companyId, kind: 'staff', active: true });
    const inCommunity = u && (await em.existsBy(StaffCommunity, { userId: id, communityId: t.communityId }));
    if (!u || !inCommunity || !u.roles.some((r) => roles.includes(r))) throw AppError.notFound('该小区的相应人员');
    return u;
  }

  /** Staff of a community with one of `roles`, with their open complaints (of `cls` when given), least loaded first. */
  async candidates(em: EntityManager, companyId: number, communityId: number, roles: Role[], cls?: ComplaintClass): Promise<ComplaintOwnerCandidate[]> {
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
}
