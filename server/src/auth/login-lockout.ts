import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { Clock } from '../common/clock';
import { RetryAfterError } from '../common/retry-after';
import { AppConfig } from '../config/app-config';
import { NotifyService } from '../notify/notify.service';
import { User } from './entities/user.entity';

/**
 * Per-account login lockout: LOGIN_LOCKOUT_FAILURES consecutive wrong passwords lock a staff account for
 * LOGIN_LOCKOUT_MINUTES, whatever addresses they came from. Counted in the users row, so it holds across instances.
 * The owner and the company's admins get an inbox message when the lock starts.
 */
@Injectable()
export class LoginLockout {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  /** Refuses (423 + retry-after) while the account is locked, the right password included. */
  assertOpen(user: User) {
    const left = (user.lockedUntil?.getTime() ?? 0) - this.clock.now().getTime();
    if (left <= 0) return;
    const minutes = Math.ceil(left / 60_000);
    throw new RetryAfterError(423, ErrorCode.AccountLocked, `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试，或联系管理员`, left / 1000);
  }

  async failed(user: User) {
    await this.ds
      .createQueryBuilder()
      .update(User)
      .set({ failedLogins: () => 'failed_logins + 1' })
      .where('id = :id', { id: user.id })
      .execute();
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.cfg.LOGIN_LOCKOUT_MINUTES * 60_000);
    // of several instances counting the same burst, the one whose update crosses the threshold locks and notifies
    const locked = await this.ds
      .createQueryBuilder()
      .update(User)
      .set({ lockedUntil: until, failedLogins: 0 })
      .where('id = :id AND failed_logins >= :n', { id: user.id, n: this.cfg.LOGIN_LOCKOUT_FAILURES })
      .execute();
    if (!locked.affected) return;
    await this.ds.transaction(async (em) => {
      const admins = await em
        .createQueryBuilder(User, 'u')
        .select('u.id', 'id')
        .where("u.companyId = :cid AND u.kind = 'staff' AND u.active = :on AND u.roles LIKE :admin", { cid: user.companyId, on: true, admin: '%admin%' })
        .getRawMany<{ id: number }>();
      await this.notify.enqueue(em, {
        companyId: user.companyId,
        communityId: 0, // an account matter, not a community's: no WeCom group post
        key: `account:${user.id}:locked:${until.getTime()}`,
        recipients: [user.id, ...admins.map((a) => Number(a.id))],
        app: 'staff',
        msg: {
          template: 'account_locked',
          title: '账号已临时锁定',
          body: `员工账号 ${user.username}（${user.name}）连续 ${this.cfg.LOGIN_LOCKOUT_FAILURES} 次密码错误，已锁定 ${this.cfg.LOGIN_LOCKOUT_MINUTES} 分钟。如非本人操作，请联系管理员修改密码。`,
          link: null,
          wx: {},
        },
        at: now,
      });
    });
  }

  /** A successful login ends the streak. */
  async succeeded(user: User) {
    if (user.failedLogins || user.lockedUntil) await this.ds.getRepository(User).update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
  }
}
