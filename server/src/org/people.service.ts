import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource, In } from 'typeorm';
import { ErrorCode, maskPhone, normalizeMobile, ResidentStaffView, Role, StaffView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AccessCache } from '../common/access-cache';
import { AuditService } from '../common/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { LIKE_ESCAPE, likeContains } from '../common/like';
import { Scope } from '../common/scope';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { User } from '../auth/entities/user.entity';
import { CreateStaffDto } from './dto/org.dto';
import { Community } from './entities/community.entity';
import { Room } from './entities/room.entity';
import { RoomBinding } from './entities/room-binding.entity';
import { StaffCommunity } from './entities/staff-community.entity';

export const BCRYPT_ROUNDS = 10;

/** Staff accounts (admin) and the staff-side view of residents, with phone numbers masked. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessCache,
  ) {}

  async listStaff(caller: Caller): Promise<StaffView[]> {
    const users = await this.ds.getRepository(User).find({ where: { companyId: caller.companyId, kind: 'staff' }, order: { id: 'ASC' } });
    const links = users.length ? await this.ds.getRepository(StaffCommunity).findBy({ userId: In(users.map((u) => u.id)) }) : [];
    return users.map((u) => ({
      id: u.id,
      username: u.username ?? '',
      name: u.name,
      roles: u.roles,
      phoneMasked: maskPhone(u.phone),
      communityIds: links.filter((l) => l.userId === u.id).map((l) => l.communityId),
      active: u.active,
    }));
  }

  async createStaff(caller: Caller, dto: CreateStaffDto): Promise<StaffView> {
    const communities = dto.communityIds.length ? await this.ds.getRepository(Community).findBy({ id: In(dto.communityIds), companyId: caller.companyId }) : [];
    if (communities.length !== new Set(dto.communityIds).size) throw AppError.notFound('小区');
    // Hashed before the transaction: on SQLite all transactions share one connection, and one that waits on
    // anything but the database lets a concurrent request's transaction nest into it (and its rollback undo ours).
    const passwordHash = await bcrypt.hash(dto.password, BCRYPT_ROUNDS);
    const id = await this.ds.transaction(async (em) => {
      if (await em.existsBy(User, { username: dto.username })) throw AppError.conflict(ErrorCode.DuplicateName, `用户名 ${dto.username} 已被使用`);
      const u = await em.save(
        em.create(User, {
          companyId: caller.companyId,
          kind: 'staff',
          name: dto.name,
          phone: dto.phone ?? null,
          username: dto.username,
          passwordHash,
          roles: dto.roles as Role[],
          active: true,
          currentRoomId: null,
          createdAt: this.clock.now(),
        }),
      );
      if (communities.length)
        await em.insert(
          StaffCommunity,
          communities.map((c) => ({ userId: u.id, communityId: c.id })),
        );
      await this.audit.record(em, caller, 'staff.create', 'user', u.id, { roles: dto.roles });
      return u.id;
    });
    return (await this.listStaff(caller)).find((s) => s.id === id)!;
  }

  /**
   * Deactivating also revokes every refresh token and bumps the token version: every instance refuses the account's
   * access tokens within AUTH_CACHE_TTL_MS (this one at once).
   */
  async setStaffActive(caller: Caller, id: number, active: boolean): Promise<StaffView> {
    await this.ds.transaction(async (em) => {
      const u = await em.findOneBy(User, { id, companyId: caller.companyId, kind: 'staff' });
      if (!u) throw AppError.notFound('员工');
      await em.update(User, { id }, { active });
      if (!active) {
        await em.createQueryBuilder().update(RefreshToken).set({ revokedAt: this.clock.now() }).where('user_id = :id AND revoked_at IS NULL', { id }).execute();
        await em
          .createQueryBuilder()
          .update(User)
          .set({ tokenVersion: () => 'token_version + 1' })
          .where('id = :id', { id })
          .execute();
      }
      await this.audit.record(em, caller, active ? 'staff.activate' : 'staff.deactivate', 'user', id);
    });
    this.access.invalidate(id);
    return (await this.listStaff(caller)).find((s) => s.id === id)!;
  }

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
