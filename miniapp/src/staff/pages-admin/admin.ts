import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Role, type StaffView } from '@linli/shared';
import { api, ApiError, showError } from '@common/api';

export interface CommunityOption {
  id: number;
  name: string;
}

export const staffApi = {
  list: (q: string) => api.get<StaffView[]>(`/api/admin/staff${q ? `?q=${encodeURIComponent(q)}` : ''}`, { silent: true }),
  communities: () => api.get<CommunityOption[]>('/api/admin/communities', { silent: true }),
};

export function rolesText(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、') || '无角色';
}

export function communitiesText(ids: readonly number[], all: readonly CommunityOption[] | undefined): string {
  if (!ids.length) return '未分配小区';
  return ids.map((id) => all?.find((c) => c.id === id)?.name ?? `#${id}`).join('、');
}

export async function confirmDanger(title: string, content: string, confirmText: string): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#e5484d' });
  return res.confirm;
}

/** A failed admin write: a stale version gets its own words (the page reloads). */
export function showAdminError(e: unknown): void {
  if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void Taro.showToast({ title: '已被其他管理员修改，已为您刷新', icon: 'none', duration: 2500 });
  else showError(e);
}

/** "120" / "120.5" / "120.50" yuan → 12050 cents, without float arithmetic; null when not a price. */
export function yuanToCents(text: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 12050 → "120.50" (for the edit field) */
export function centsToYuan(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
