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
export const ALLOW_INITIAL_PASSWORD = 'linli:allow-initial-password';

/** No access token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Answers staff who still have to change their initial password (everything else refuses them with 403). */
export const AllowInitialPassword = () => SetMetadata(ALLOW_INITIAL_PASSWORD, true);
/** Only these roles may call (residents have the role `resident`). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller);
