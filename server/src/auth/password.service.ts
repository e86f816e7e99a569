import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { ErrorCode, LoginResponse, passwordProblem } from '@linli/shared';
import { AccessCache } from '../common/access-cache';
import { AppError } from '../common/app-error';
import { AuditService } from '../common/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { BCRYPT_ROUNDS } from '../org/people.service';
import { AuthService } from './auth.service';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { LoginLockout } from './login-lockout';
import { TokenService } from './token.service';

/**
 * Staff change their own password. A wrong current password counts towards the login lockout (a stolen session
 * must not become a way to guess the password). Success ends every other session of the account: the token version
 * is bumped and all refresh tokens revoked; this session goes on with the pair answered.
 */
@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly lockout: LoginLockout,
    private readonly access: AccessCache,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async change(caller: Caller, currentPassword: string, newPassword: string): Promise<LoginResponse> {
    if (caller.kind !== 'staff') throw AppError.forbidden('住户账号没有密码');
    const weak = passwordProblem(newPassword);
    if (weak) throw new AppError(400, ErrorCode.ValidationFailed, weak, [{ field: 'newPassword', message: weak }]);
    // the answer's `me` is read up front: its two statements are all this write reads
    const { user, me } = await this.auth.userAndMe(caller.userId);
    if (user.kind !== 'staff' || !user.passwordHash) throw AppError.notFound('员工');
    this.lockout.assertOpen(user);
    if (!(await bcrypt.compare(currentPassword, user.passwordHash))) {
      await this.lockout.failed(user);
      throw new AppError(400, ErrorCode.WrongPassword, '当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    const same = passwordProblem(newPassword, currentPassword);
    if (same) throw new AppError(400, ErrorCode.ValidationFailed, same, [{ field: 'newPassword', message: same }]);
    // hashed outside the transaction (see StaffAccountsService.create)
    const passwordHash = await bcrypt.hash(newPassword, BCRYPT_ROUNDS);
    const tokenVersion = user.tokenVersion + 1;
    const tokens = await this.ds.transaction(async (em) => {
      // compare-and-set on the token version read: a logout or deactivation in between fails this change, not undoes it
      const res = await em
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null, tokenVersion })
        .where('id = :id AND token_version = :tv AND active = :on', { id: user.id, tv: user.tokenVersion, on: true })
        .execute();
      if (!res.affected) throw AppError.conflict(ErrorCode.Conflict, '账号状态已变化，请重新登录后再修改密码');
      await em
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: this.clock.now() })
        .where('user_id = :id AND revoked_at IS NULL', { id: user.id })
        .execute();
      await this.audit.record(em, caller, 'password.change', 'user', user.id, { initial: user.mustChangePassword });
      return this.tokens.issue({ ...user, tokenVersion }, undefined, em);
    });
    this.access.invalidate(user.id);
    return { ...tokens, me: { ...me, mustChangePassword: false }, mustChangePassword: false };
  }
}
