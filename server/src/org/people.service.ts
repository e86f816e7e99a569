import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskPhone, normalizeMobile, ResidentStaffView } from '@linli/shared';
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
      const v = byUser.get(uid) ?? { id: uid, registered: true, name: r.bname || r.uname, phoneMasked: maskPhone(r.phone), rooms: [] };
      v.rooms.push({ roomId: Number(r.rid), label: r.label, relation: r.relation, status: r.status });
      byUser.set(uid, v);
    }
    const found = [...byUser.values()].slice(0, 50);
    return term ? [...found, ...(await this.ownersOnRecord(scope, term, communityId))] : found;
  }

  /**
   * Owners on record (a room's owner name / phone) who have not joined: no resident account of the company has
   * their phone, and nobody holds the room as its approved owner. Grouped by phone (or name) across their rooms.
   */
  private async ownersOnRecord(scope: Scope, term: string, communityId?: number): Promise<ResidentStaffView[]> {
    const qb = this.ds
      .getRepository(Room)
      .createQueryBuilder('r')
      .select(['r.id AS rid', 'r.label AS label', 'r.ownerName AS oname', 'r.ownerPhone AS ophone'])
      .where('(r.ownerName IS NOT NULL OR r.ownerPhone IS NOT NULL)')
      .andWhere(
        "NOT EXISTS (SELECT 1 FROM users u WHERE u.company_id = r.company_id AND u.kind = 'resident' AND r.owner_phone IS NOT NULL AND u.phone = r.owner_phone)",
      )
      .andWhere("NOT EXISTS (SELECT 1 FROM room_bindings ob WHERE ob.room_id = r.id AND ob.relation = 'owner' AND ob.status = 'approved')");
    scope.apply(qb, 'r');
    if (communityId !== undefined) qb.andWhere('r.communityId = :communityId', { communityId });
    const phone = normalizeMobile(term);
    if (phone) qb.andWhere('r.ownerPhone = :phone', { phone });
    else qb.andWhere(`(r.ownerName LIKE :like ${LIKE_ESCAPE} OR r.label LIKE :like ${LIKE_ESCAPE})`, { like: likeContains(term) });
    const rows: { rid: number; label: string; oname: string | null; ophone: string | null }[] = await qb.orderBy('r.label', 'ASC').limit(100).getRawMany();
    const byOwner = new Map<string, ResidentStaffView>();
    for (const r of rows) {
      const key = r.ophone ?? `name:${r.oname}`;
      const v = byOwner.get(key) ?? { id: null, registered: false, name: r.oname ?? '', phoneMasked: maskPhone(r.ophone), rooms: [] };
      v.rooms.push({ roomId: Number(r.rid), label: r.label, relation: 'owner', status: 'unregistered' });
      byOwner.set(key, v);
    }
    return [...byOwner.values()].slice(0, 30);
  }

  /** The full number of a room's owner on record, for a staff member who needs to call; audited like a resident's. */
  async revealOwnerPhone(scope: Scope, roomId: number): Promise<{ phone: string | null }> {
    const room = await this.ds.getRepository(Room).findOneBy({ id: roomId });
    scope.assertCommunity(room, '房屋');
    await this.audit.record(this.ds.manager, scope.caller, 'phone.reveal', 'room', roomId);
    return { phone: room!.ownerPhone };
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
