import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { App, BindingView, ErrorCode, LoginResponse, maskPhone, Me, normalizeMobile } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { AccessCache } from '../common/access-cache';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/unique-violation';
import { BindingsService, DEFAULT_RESIDENT_NAME } from '../org/bindings.service';
import { bindingView } from '../org/org.views';
import { Community } from '../org/entities/community.entity';
import { Company } from '../org/entities/company.entity';
import { RoomBinding } from '../org/entities/room-binding.entity';
import { Room } from '../org/entities/room.entity';
import { StaffCommunity } from '../org/entities/staff-community.entity';
import { WechatClient } from '../wechat/wechat.client';
import { User } from './entities/user.entity';
import { WechatIdentity } from './entities/wechat-identity.entity';
import { LoginLockout } from './login-lockout';
import { TokenService } from './token.service';

/** Dev login's stand-in for a WeChat AppID: its identities never collide with real ones. */
export const DEV_APPID = 'dev-resident';
// compared against when the username is unknown, so a wrong username costs the same time as a wrong password
const DUMMY_HASH = '$2b$10$hiv0V219RscuDU9IC.GZoujkayFaWMPHwTj3SBo1Q00p1FMLUJZAK';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    private readonly bindings: BindingsService,
    private readonly clock: Clock,
    private readonly access: AccessCache,
    private readonly lockout: LoginLockout,
  ) {}

  async wxLogin(app: App, code: string): Promise<LoginResponse> {
    const s = await this.wechat.code2Session(app, code);
    if (app === 'staff') {
      const identity = await this.ds.getRepository(WechatIdentity).findOneBy({ appid: s.appid, openid: s.openid });
      const user = identity && (await this.ds.getRepository(User).findOneBy({ id: identity.userId, kind: 'staff', active: true }));
      if (!user) throw new AppError(401, ErrorCode.InvalidCredentials, '该微信尚未绑定员工账号，请先用账号密码登录，再在「我的」中绑定微信');
      return this.login(user);
    }
    const company = await this.ds.getRepository(Company).findOneBy({ residentAppid: s.appid });
    if (!company) throw new AppError(503, ErrorCode.ServiceUnavailable, '该小程序尚未关联物业公司');
    return this.login(await this.residentFor(company.id, s.appid, s.openid, s.unionid));
  }

  /** Outside production only: any code is a stable fake openid in the first company, so the H5 builds work in a browser. */
  async devLogin(code: string): Promise<LoginResponse> {
    if (!this.cfg.devLogin) throw new AppError(403, ErrorCode.DevLoginDisabled);
    const company = await this.ds.getRepository(Company).findOne({ where: {}, order: { id: 'ASC' } });
    if (!company) throw new AppError(503, ErrorCode.ServiceUnavailable, '还没有物业公司数据，请先初始化');
    return this.login(await this.residentFor(company.id, DEV_APPID, `dev:${code}`, null));
  }

  async staffLogin(username: string, password: string): Promise<LoginResponse> {
    const user = await this.ds.getRepository(User).findOneBy({ username, kind: 'staff' });
    if (user) this.lockout.assertOpen(user);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (user && !ok) await this.lockout.failed(user);
    if (!user || !ok || !user.active) throw new AppError(401, ErrorCode.InvalidCredentials);
    await this.lockout.succeeded(user);
    return this.login(user);
  }

  async refresh(refreshToken: string) {
    return (await this.tokens.rotate(refreshToken)).tokens;
  }

  logout(refreshToken: string) {
    return this.tokens.revoke(refreshToken);
  }

  /** Two statements: the user with the company's name and the staff app link; then their communities or bindings. */
  async me(userId: number): Promise<Me> {
    return (await this.userAndMe(userId)).me;
  }

  /** `me`, with the user row it was made from (password hash included: never answer it). */
  async userAndMe(userId: number): Promise<{ user: User; me: Me }> {
    const { entities, raw } = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Company, 'co', 'co.id = u.companyId')
      .addSelect('co.name', 'company_name')
      .addSelect("(SELECT COUNT(*) FROM wechat_identities w WHERE w.user_id = u.id AND w.app = 'staff')", 'linked')
      .where('u.id = :userId', { userId })
      .getRawAndEntities();
    const user = entities[0];
    if (!user) throw AppError.notFound('用户');
    const r = raw[0] as { company_name: string; linked: number | string };
    const me: Me = {
      id: user.id,
      kind: user.kind,
      name: user.name,
      roles: user.roles,
      companyId: user.companyId,
      companyName: r.company_name,
      phoneMasked: maskPhone(user.phone),
      phone: user.phone ?? null,
      communities: user.kind === 'staff' ? await this.communitiesOf(user) : [],
      currentRoomId: user.currentRoomId,
      bindings: user.kind === 'resident' ? await this.bindingsOf(userId) : [],
      wechatLinked: user.kind === 'staff' && Number(r.linked) > 0,
      mustChangePassword: user.kind === 'staff' && !!user.mustChangePassword,
    };
    return { user, me };
  }

  private async communitiesOf(user: User): Promise<{ id: number; name: string }[]> {
    const qb = this.ds.getRepository(Community).createQueryBuilder('c').where('c.companyId = :cid', { cid: user.companyId });
    if (!user.roles.includes('admin')) qb.innerJoin(StaffCommunity, 'sc', 'sc.communityId = c.id AND sc.userId = :uid', { uid: user.id });
    return (await qb.orderBy('c.id', 'ASC').getMany()).map((c) => ({ id: c.id, name: c.name }));
  }

  /** The resident's bindings, newest first, with their rooms' labels and communities' names joined in. */
  private async bindingsOf(userId: number): Promise<BindingView[]> {
    const { entities, raw } = await this.ds
      .getRepository(RoomBinding)
      .createQueryBuilder('b')
      .leftJoin(Room, 'r', 'r.id = b.roomId')
      .leftJoin(Community, 'c', 'c.id = b.communityId')
      .addSelect('r.label', 'room_label')
      .addSelect('c.name', 'community_name')
      .where('b.userId = :userId', { userId })
      .orderBy('b.id', 'DESC')
      .getRawAndEntities();
    const names = new Map((raw as { b_id: number; room_label: string | null; community_name: string | null }[]).map((x) => [Number(x.b_id), x]));
    return entities.map((b) => bindingView(b, names.get(b.id)?.room_label, names.get(b.id)?.community_name));
  }

  /** The phone the resident shared through WeChat; pending bindings to rooms owned by that phone are approved at once. */
  async setPhone(caller: Caller, code: string): Promise<Me> {
    let phone: string | null;
    if (code.startsWith('dev:') && this.cfg.devLogin && !this.wechat.credentials('resident')) phone = normalizeMobile(code.slice(4));
    else phone = normalizeMobile(await this.wechat.phoneNumber(caller.kind === 'staff' ? 'staff' : 'resident', code));
    if (!phone) throw new AppError(400, ErrorCode.ValidationFailed, '手机号格式不正确');
    await this.ds.transaction(async (em) => {
      await em.update(User, { id: caller.userId }, { phone });
      if (caller.kind === 'resident') await this.bindings.approveByPhone(em, caller.userId, phone!);
    });
    this.access.invalidate(caller.userId);
    return this.me(caller.userId);
  }

  async switchRoom(caller: Caller, roomId: number): Promise<Me> {
    const ok = await this.ds.getRepository(RoomBinding).existsBy({ userId: caller.userId, roomId, status: 'approved' });
    if (!ok) throw new AppError(403, ErrorCode.RoomNotBound);
    await this.ds.getRepository(User).update({ id: caller.userId }, { currentRoomId: roomId });
    return this.me(caller.userId);
  }

  /** Staff link their staff-app openid (for push later). Without WeChat credentials, dev mode links a fake one. */
  async linkWechat(caller: Caller, code: string): Promise<Me> {
    let appid: string, openid: string, unionid: string | null;
    if (!this.wechat.credentials('staff') && this.cfg.devLogin) [appid, openid, unionid] = ['dev-staff', `dev:${code}`, null];
    else ({ appid, openid, unionid } = await this.wechat.code2Session('staff', code));
    await this.ds.transaction(async (em) => {
      const existing = await em.findOneBy(WechatIdentity, { appid, openid });
      if (existing && existing.userId !== caller.userId) throw AppError.conflict(ErrorCode.Conflict, '该微信已绑定其他员工账号');
      if (!existing) {
        await em.delete(WechatIdentity, { userId: caller.userId, app: 'staff' });
        await em.insert(WechatIdentity, { userId: caller.userId, app: 'staff', appid, openid, unionid });
      }
    });
    return this.me(caller.userId);
  }

  private async login(user: User): Promise<LoginResponse> {
    const tokens = await this.tokens.issue(user);
    const me = await this.me(user.id);
    return { ...tokens, me, mustChangePassword: me.mustChangePassword };
  }

  private async residentFor(companyId: number, appid: string, openid: string, unionid: string | null): Promise<User> {
    try {
      return await this.findOrCreateResident(companyId, appid, openid, unionid);
    } catch (e) {
      // the same identity's first logins at once (MariaDB: both saw no identity): the loser's INSERT waits for the
      // winner's commit, then hits the unique (appid, openid); the winner's user is the one to log in
      if (!isUniqueViolation(e)) throw e;
      return this.findOrCreateResident(companyId, appid, openid, unionid);
    }
  }

  private findOrCreateResident(companyId: number, appid: string, openid: string, unionid: string | null): Promise<User> {
    return this.ds.transaction(async (em) => {
      const identity = await em.findOneBy(WechatIdentity, { appid, openid });
      if (identity) {
        if (unionid && !identity.unionid) await em.update(WechatIdentity, { id: identity.id }, { unionid });
        const user = await em.findOneByOrFail(User, { id: identity.userId });
        if (!user.active) throw new AppError(403, ErrorCode.Forbidden, '该账号已停用');
        return user;
      }
      const user = await em.save(
        em.create(User, {
          companyId,
          kind: 'resident',
          name: DEFAULT_RESIDENT_NAME,
          phone: null,
          username: null,
          passwordHash: null,
          roles: ['resident'],
          active: true,
          currentRoomId: null,
          createdAt: this.clock.now(),
        }),
      );
      await em.insert(WechatIdentity, { userId: user.id, app: 'resident', appid, openid, unionid });
      return user;
    });
  }
}
