import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, maskPhone, passwordProblem, ResetPasswordResponse, Role, StaffView } from '@linli/shared';
import { AccessCache } from '../common/access-cache';
import { AppError } from '../common/app-error';
import { AuditService } from '../common/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { LIKE_ESCAPE, likeContains } from '../common/like';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { User } from '../auth/entities/user.entity';
import { newInitialPassword } from '../auth/initial-password';
import { CreateStaffDto, StaffQueryDto, UpdateStaffDto } from './dto/org.dto';
import { Community } from './entities/community.entity';
import { StaffCommunity } from './entities/staff-community.entity';
import { BCRYPT_ROUNDS } from './people.service';

/**
 * The company's staff accounts (admins only). Accounts an admin creates, and passwords an admin resets, are initial
 * passwords: the owner must change them before anything else (AccessGuard). Phone numbers stay masked here.
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessCache,
  ) {}

  /** Two statements: the accounts (matching `q` on name, username or the full phone), then their communities. */
  async list(caller: Caller, q: StaffQueryDto & { id?: number } = {}): Promise<StaffView[]> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u').where("u.companyId = :cid AND u.kind = 'staff'", { cid: caller.companyId });
    const term = q.q?.trim();
    if (term) qb.andWhere(`(u.name LIKE :like ${LIKE_ESCAPE} OR u.username LIKE :like ${LIKE_ESCAPE} OR u.phone = :term)`, { like: likeContains(term), term });
    if (q.id) qb.andWhere('u.id = :id', { id: q.id });
    const users = await qb.orderBy('u.active', 'DESC').addOrderBy('u.id', 'ASC').limit(500).getMany();
    const links = users.length ? await this.ds.getRepository(StaffCommunity).findBy({ userId: In(users.map((u) => u.id)) }) : [];
    return users.map((u) =>
      this.view(
        u,
        links.filter((l) => l.userId === u.id).map((l) => l.communityId),
      ),
    );
  }

  private view(u: User, communityIds: number[]): StaffView {
    return {
      id: u.id,
      username: u.username ?? '',
      name: u.name,
      roles: u.roles,
      phoneMasked: maskPhone(u.phone),
      communityIds,
      active: u.active,
      mustChangePassword: !!u.mustChangePassword,
      lockedUntil: u.lockedUntil && u.lockedUntil > this.clock.now() ? u.lockedUntil.toISOString() : null,
      version: u.version,
    };
  }

  async create(caller: Caller, dto: CreateStaffDto): Promise<StaffView> {
    const communityIds = await this.checkCommunities(caller, dto.communityIds);
    const chosen = dto.password === undefined ? newInitialPassword() : null;
    const password = dto.password ?? chosen!;
    const weak = passwordProblem(password);
    if (weak) throw new AppError(400, ErrorCode.ValidationFailed, weak.replace('新密码', '初始密码'), [{ field: 'password', message: weak }]);
    // Hashed before the transaction: on SQLite all transactions share one connection, and one that waits on
    // anything but the database lets a concurrent request's transaction nest into it (and its rollback undo ours).
    const passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
    const user = await this.ds.transaction(async (em) => {
      if (await em.existsBy(User, { username: dto.username })) throw AppError.conflict(ErrorCode.DuplicateName, `用户名 ${dto.username} 已被使用`);
      const u = em.create(User, {
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
        mustChangePassword: true,
        tokenVersion: 0,
        failedLogins: 0,
        lockedUntil: null,
        version: 1,
      });
      u.id = Number((await em.insert(User, u)).identifiers[0].id);
      if (communityIds.length)
        await em.insert(
          StaffCommunity,
          communityIds.map((communityId) => ({ userId: u.id, communityId })),
        );
      await this.audit.record(em, caller, 'staff.create', 'user', u.id, { roles: dto.roles, communityIds });
      return u;
    });
    const view = this.view(user, communityIds);
    return chosen ? { ...view, initialPassword: chosen } : view;
  }

  /**
   * Name, phone, roles, communities, active. Deactivating also revokes every refresh token and bumps the token
   * version: every instance refuses the account's access tokens within AUTH_CACHE_TTL_MS (this one at once).
   * An admin cannot deactivate themselves nor take their own admin role (nobody would be left to undo it).
   */
  async update(caller: Caller, id: number, dto: UpdateStaffDto): Promise<StaffView> {
    const communityIds = dto.communityIds && (await this.checkCommunities(caller, dto.communityIds));
    if (id === caller.userId && dto.active === false) throw AppError.conflict(ErrorCode.Conflict, '不能停用自己的账号');
    if (id === caller.userId && dto.roles && !dto.roles.includes('admin')) throw AppError.conflict(ErrorCode.Conflict, '不能取消自己的管理员角色');
    const updated = await this.ds.transaction(async (em) => {
      const u = await this.target(em, caller, id, dto.version);
      const set: Partial<User> = {};
      if (dto.name !== undefined) set.name = dto.name;
      if (dto.phone !== undefined) set.phone = dto.phone || null;
      if (dto.roles !== undefined) set.roles = dto.roles as Role[];
      if (dto.active !== undefined) set.active = dto.active;
      const deactivating = dto.active === false && u.active;
      const res = await em
        .createQueryBuilder()
        .update(User)
        .set({ ...set, version: () => 'version + 1', ...(deactivating ? { tokenVersion: () => 'token_version + 1' } : {}) })
        .where('id = :id AND version = :version', { id, version: u.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      if (deactivating) await this.revokeSessions(em, id);
      if (communityIds) {
        await em.delete(StaffCommunity, { userId: id });
        if (communityIds.length)
          await em.insert(
            StaffCommunity,
            communityIds.map((communityId) => ({ userId: id, communityId })),
          );
      }
      const action = dto.active === false ? 'staff.deactivate' : dto.active === true && !u.active ? 'staff.activate' : 'staff.update';
      await this.audit.record(em, caller, action, 'user', id, { fields: Object.keys(dto).filter((k) => k !== 'version') });
      return { ...u, ...set, version: u.version + 1 } as User;
    });
    this.access.invalidate(id);
    const links = communityIds ?? (await this.ds.getRepository(StaffCommunity).findBy({ userId: id })).map((l) => l.communityId);
    return this.view(updated, links);
  }

  /** A new initial password, answered once; the owner's sessions end, a lockout is lifted, a change is forced. */
  async resetPassword(caller: Caller, id: number): Promise<ResetPasswordResponse> {
    if (id === caller.userId) throw AppError.conflict(ErrorCode.Conflict, '请在「我的 → 修改密码」中修改自己的密码');
    const initialPassword = newInitialPassword();
    const passwordHash = await bcrypt.hash(initialPassword, BCRYPT_ROUNDS);
    await this.ds.transaction(async (em) => {
      await this.target(em, caller, id);
      await em
        .createQueryBuilder()
        .update(User)
        .set({
          passwordHash,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          tokenVersion: () => 'token_version + 1',
          version: () => 'version + 1',
        })
        .where('id = :id', { id })
        .execute();
      await this.revokeSessions(em, id);
      await this.audit.record(em, caller, 'staff.reset-password', 'user', id);
    });
    this.access.invalidate(id);
    return { initialPassword };
  }

  /** The company's staff account; 409 when `version` is given and stale (the update then checks it again). */
  private async target(em: EntityManager, caller: Caller, id: number, version?: number): Promise<User> {
    const u = await em.findOneBy(User, { id, companyId: caller.companyId, kind: 'staff' });
    if (!u) throw AppError.notFound('员工');
    if (version !== undefined && version !== u.version) throw AppError.versionConflict(u.version);
    return u;
  }

  private revokeSessions(em: EntityManager, id: number) {
    return em.createQueryBuilder().update(RefreshToken).set({ revokedAt: this.clock.now() }).where('user_id = :id AND revoked_at IS NULL', { id }).execute();
  }

  private async checkCommunities(caller: Caller, ids: number[]): Promise<number[]> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return [];
    const found = await this.ds.getRepository(Community).findBy({ id: In(wanted), companyId: caller.companyId });
    if (found.length !== wanted.length) throw AppError.notFound('小区');
    return wanted;
  }
}
