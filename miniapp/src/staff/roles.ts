import { ROLE_LABELS, type Me, type Role } from '@linli/shared';

export function roleLabels(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r] ?? r).join('、');
}

export function communityNames(me: Me): string {
  return me.communities.map((c) => c.name).join('、') || '未分配小区';
}
