import type { Role } from '@linli/shared';
import { openTicket } from '@common/tickets/staff-util';

export { confirm, isDesk, isStale, showActionError, toast } from '@common/tickets/staff-util';

/** Who gets the inbox filters (status, tier, technician, dates). */
const FILTER_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];

export const canFilter = (roles: readonly Role[]) => roles.some((r) => FILTER_ROLES.includes(r));
export const isTechnician = (roles: readonly Role[]) => roles.includes('technician');

export const DETAIL_PAGE = '/pages-repair/detail/index';
export const INTAKE_PAGE = '/pages-repair/intake/index';

export const openDetail = (id: number, replace = false) => openTicket(DETAIL_PAGE, id, replace);
