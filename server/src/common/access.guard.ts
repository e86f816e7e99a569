import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, Role } from '@linli/shared';
import { AppError } from './app-error';
import { Caller, IS_PUBLIC, ROLES } from './caller';

export interface AccessTokenPayload {
  sub: number;
  kind: 'resident' | 'staff';
  cid: number;
  roles: Role[];
}

/** Global guard: a valid access token on every route not marked @Public, and the @Roles the route names. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
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
    const caller: Caller = { userId: payload.sub, kind: payload.kind, companyId: payload.cid, roles: payload.roles };
    req.caller = caller;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !caller.roles.some((r) => allowed.includes(r))) throw AppError.forbidden();
    return true;
  }
}
