import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, Role } from '@linli/shared';
import { AccessCache } from './access-cache';
import { AppError } from './app-error';
import { ALLOW_INITIAL_PASSWORD, Caller, IS_PUBLIC, ROLES } from './caller';

export interface AccessTokenPayload {
  sub: number;
  kind: 'resident' | 'staff';
  cid: number;
  roles: Role[];
  /** the user's token version when issued: logout and deactivation bump it, which ends this token */
  tv?: number;
}

/**
 * Global guard: a valid access token on every route not marked @Public, of an active account whose token version
 * it still carries (checked through the access cache: no query on most requests), and the @Roles the route names.
 * Staff on an initial password reach only the routes marked @AllowInitialPassword.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly access: AccessCache,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new AppError(401, ErrorCode.Unauthenticated);
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new AppError(401, expired ? ErrorCode.TokenExpired : ErrorCode.Unauthenticated);
    }
    const entry = await this.access.get(payload.sub, payload.cid);
    if (!entry || entry.kind !== payload.kind || entry.tokenVersion !== (payload.tv ?? 0))
      throw new AppError(401, ErrorCode.Unauthenticated, '登录状态已失效，请重新登录');
    if (!entry.active) throw new AppError(401, ErrorCode.Unauthenticated, '该账号已停用');
    if (entry.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_INITIAL_PASSWORD, targets))
      throw new AppError(403, ErrorCode.PasswordChangeRequired, '首次登录请先修改初始密码后再使用');
    const caller: Caller = { userId: payload.sub, kind: payload.kind, companyId: payload.cid, roles: entry.roles };
    req.caller = caller;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !caller.roles.some((r) => allowed.includes(r))) throw AppError.forbidden();
    return true;
  }
}
