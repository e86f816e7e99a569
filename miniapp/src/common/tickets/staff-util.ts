import Taro from '@tarojs/taro';
import type { Role } from '@linli/shared';
import { ApiError, showError } from '../api';

/** Small helpers of the staff 报修 / 投诉 pages. */

/** The service desk: agents and up take calls, accept, dispatch, follow up. */
const DESK_ROLES: readonly Role[] = ['agent', 'supervisor', 'manager', 'admin'];
export const isDesk = (roles: readonly Role[]) => roles.some((r) => DESK_ROLES.includes(r));

/** Opens `${page}?id=…`, in place of the current page when `replace` (after an intake). */
export function openTicket(page: string, id: number, replace = false): void {
  const url = `${page}?id=${id}`;
  void (replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }));
}

export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 });
}

/** The ticket changed under us (someone else acted first, or its state moved on): reload it. */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 409 || (e.code as string) === 'ILLEGAL_TRANSITION');
}

/** Toast for a failed write: a version clash gets its own words (the caller reloads). */
export function showActionError(e: unknown): void {
  if (e instanceof ApiError && (e.code === 'VERSION_CONFLICT' || (e.status === 409 && e.code === 'CONFLICT'))) toast('工单已被他人更新，已为您刷新');
  else showError(e);
}

export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#e5484d' });
  return res.confirm;
}
