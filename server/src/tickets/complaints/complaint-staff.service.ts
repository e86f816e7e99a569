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

type Person = { id: number; name: string };

/** Who may own or coordinate a complaint: routing by class, explicit picks, the least-loaded candidates. */
@Injectable()
export class ComplaintStaffService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** The owner a class routes to: 1 — the agent who took it; 2 — a supervisor of the community; 3 — its manager (least open load, or the explicit pick). One statement. */
  async ownerFor(em: EntityManager, t: Ticket, cls: ComplaintClass, explicit: number | undefined, receivedBy: number, caller: Caller): Promise<Person> {
    // class 1: the taker, whatever desk role they hold (a supervisor who takes a call owns it); 2 and 3: the owner role
    const roles: Role[] = cls === 1 ? HANDLERS : [COMPLAINT_CLASS_OWNER_ROLE[cls]];
    if (explicit !== undefined) return this.handler(em, t, explicit, roles);
    if (cls === 1) {
      // the taker while still an active staff member of the company, else whoever classifies it
      const rows: { id: number; name: string }[] = await em.query(
        "SELECT id, name FROM users WHERE (id = ? AND company_id = ? AND kind = 'staff' AND active = 1) OR id = ?",
        [receivedBy, t.companyId, caller.userId],
      );
      const pick = rows.find((r) => Number(r.id) === receivedBy) ?? rows.find((r) => Number(r.id) === caller.userId);
      if (!pick) throw AppError.notFound('该小区的相应人员');
      return { id: Number(pick.id), name: pick.name };
    }
    const [pick] = await this.candidates(em, t.companyId, t.communityId, roles, cls);
    if (!pick)
      throw AppError.conflict(
        ErrorCode.Conflict,
        `${COMPLAINT_CLASS_LABELS[cls]}需要由本小区的${ROLE_LABELS[COMPLAINT_CLASS_OWNER_ROLE[cls]]}负责，但该小区尚未配置，请联系管理员`,
      );
    return pick;
  }

  /** An active staff member of the ticket's company who works in its community with one of `roles` (one statement). */
  async handler(em: EntityManager, t: Ticket, id: number, roles: Role[]): Promise<Person> {
    const u = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(StaffCommunity, 'sc', 'sc.userId = u.id AND sc.communityId = :communityId', { communityId: t.communityId })
      .where('u.id = :id AND u.companyId = :cid AND u.kind = :kind AND u.active = 1', { id, cid: t.companyId, kind: 'staff' })
      .getOne();
    if (!u || !u.roles.some((r) => roles.includes(r))) throw AppError.notFound('该小区的相应人员');
    return u;
  }

  /** Staff of a community with one of `roles`, with their open complaints (of `cls` when given), least loaded first. One statement. */
  async candidates(em: EntityManager, companyId: number, communityId: number, roles: Role[], cls?: ComplaintClass): Promise<ComplaintOwnerCandidate[]> {
    const load = `(SELECT COUNT(*) FROM tickets x WHERE x.owner_id = u.id AND x.kind = 'complaint' AND x.is_open = 1${cls ? ' AND x.complaint_class = :cls' : ''})`;
    const { entities, raw } = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(StaffCommunity, 'sc', 'sc.userId = u.id AND sc.communityId = :communityId', { communityId })
      .addSelect(load, 'open_load')
      .where('u.companyId = :cid AND u.kind = :kind AND u.active = 1', { cid: companyId, kind: 'staff', cls: cls ?? null })
      .getRawAndEntities();
    return entities
      .map((u, i) => ({ id: u.id, name: u.name, roles: u.roles, openComplaints: Number((raw[i] as { open_load: number | string }).open_load ?? 0) }))
      .filter((u) => u.roles.some((r) => roles.includes(r)))
      .sort((a, b) => a.openComplaints - b.openComplaints || a.id - b.id);
  }

  async ownerCandidates(caller: Caller, q: OwnerCandidatesQueryDto): Promise<ComplaintOwnerCandidate[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    return this.candidates(this.ds.manager, caller.companyId, q.communityId, q.role ? [q.role] : HANDLERS);
  }
}
