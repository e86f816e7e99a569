import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@linli/shared';

/** Who is calling, from the verified access token. */
export interface Caller {
  userId: number;
  kind: 'resident' | 'staff';
  companyId: number;
  roles: Role[];
}

export const IS_PUBLIC = 'linli:public';
export const ROLES = 'linli:roles';

/** No access token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call (residents have the role `resident`). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller);
