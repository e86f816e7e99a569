import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskPhone, ResidentStaffView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AuditService } from '../common/audit.service';
import { LIKE_ESCAPE, likeContains } from '../common/like';
import { Scope } from '../common/scope';
import { User } from '../auth/entities/user.entity';
import { Room } from './entities/room.entity';
import { RoomBinding } from './entities/room-binding.entity';

export const BCRYPT_ROUNDS = 10;

/** The staff-side view of residents, with phone numbers masked (staff accounts: StaffAccountsService). */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Residents bound (or asking to be bound) to rooms in the caller's communities. */
  async searchResidents(scope: Scope, q?: string, communityId?: number): Promise<ResidentStaffView[]> {
    if (communityId !== undefined && !scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const qb = this.ds
      .getRepository(RoomBinding)
      .createQueryBuilder('b')
      .innerJoin(User, 'u', 'u.id = b.userId')
      .innerJoin(Room, 'r', 'r.id = b.roomId')
      .select([
        'b.id AS bid',
        'b.userId AS uid',
        'b.relation AS relation',
        'b.status AS status',
        'b.name AS bname',
        'u.name AS uname',
        'u.phone AS phone',
        'r.id AS rid',
        'r.label AS label',
      ]);
    scope.apply(qb, 'b');
    if (communityId !== undefined) qb.andWhere('b.communityId = :communityId', { communityId });
    const term = q?.trim();
    if (term) {
      qb.andWhere(`(u.name LIKE :like ${LIKE_ESCAPE} OR b.name LIKE :like ${LIKE_ESCAPE} OR u.phone = :term OR r.label LIKE :like ${LIKE_ESCAPE})`, {
        like: likeContains(term),
        term,
      });
    }
    const rows: { uid: number; relation: string; status: string; bname: string; uname: string; phone: string | null; rid: number; label: string }[] = await qb
      .orderBy('b.id', 'DESC')
      .limit(200)
      .getRawMany();
    const byUser = new Map<number, ResidentStaffView>();
    for (const r of rows) {
      const uid = Number(r.uid);
      const v = byUser.get(uid) ?? { id: uid, name: r.bname || r.uname, phoneMasked: maskPhone(r.phone), rooms: [] };
      v.rooms.push({ roomId: Number(r.rid), label: r.label, relation: r.relation, status: r.status });
      byUser.set(uid, v);
    }
    return [...byUser.values()].slice(0, 50);
  }

  /** The full number, for a staff member who needs to call; every reveal is written to the audit log. */
  async revealPhone(scope: Scope, residentId: number): Promise<{ phone: string | null }> {
    const qb = this.ds.getRepository(RoomBinding).createQueryBuilder('b').where('b.userId = :residentId', { residentId });
    scope.apply(qb, 'b');
    if (!(await qb.getExists())) throw AppError.notFound('住户');
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: residentId });
    await this.audit.record(this.ds.manager, scope.caller, 'phone.reveal', 'user', residentId);
    return { phone: user.phone };
  }
}
