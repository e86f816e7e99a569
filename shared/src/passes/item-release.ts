import { isRealDate } from '../dates';

/** Large-item release (大件物品放行): what leaves the community, on which day and in which window. */
export interface ReleaseItem {
  name: string;
  quantity: number;
}

export const RELEASE_MAX_LINES = 20;
export const RELEASE_MAX_DAYS_AHEAD = 30;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface ReleaseRequest {
  items: ReleaseItem[];
  date: string;
  from: string;
  to: string;
}

/** zh-CN problems of a request (empty: fine); `today` is the Shanghai date. */
export function releaseProblems(r: ReleaseRequest, today: string, lastDay: string): string[] {
  const out: string[] = [];
  if (!Array.isArray(r.items) || r.items.length < 1 || r.items.length > RELEASE_MAX_LINES) out.push(`请填写 1–${RELEASE_MAX_LINES} 项物品`);
  else if (r.items.some((i) => !i.name?.trim() || !Number.isInteger(i.quantity) || i.quantity < 1 || i.quantity > 999))
    out.push('每项物品需填写名称和数量（1–999）');
  if (!isRealDate(r.date)) out.push('请选择放行日期');
  else if (r.date < today) out.push('放行日期不能早于今天');
  else if (r.date > lastDay) out.push(`放行日期最多提前 ${RELEASE_MAX_DAYS_AHEAD} 天`);
  if (!HHMM.test(r.from) || !HHMM.test(r.to)) out.push('请选择放行时段');
  else if (r.from >= r.to) out.push('放行时段的结束时间须晚于开始时间');
  return out;
}

/** "沙发 ×1、冰箱 ×1" */
export function releaseItemsText(items: ReleaseItem[]): string {
  return items.map((i) => `${i.name} ×${i.quantity}`).join('、');
}
