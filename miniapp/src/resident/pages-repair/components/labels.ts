import {
  EMERGENCY_LABELS,
  REPAIR_CATEGORIES,
  type Emergency,
  type RepairAction,
  type RepairCategory,
  type RepairDetail,
  type RepairSummary,
} from '@linli/shared';
import { formatShanghai } from '@common/repairs';

export const NEW_REPAIR_PAGE = '/pages-repair/new/index';
export const REPAIR_LIST_PAGE = '/pages-repair/list/index';
export const repairDetailPage = (id: number) => `/pages-repair/detail/index?id=${id}`;

export function categoryLabel(key: RepairCategory): string {
  return REPAIR_CATEGORIES.find((c) => c.key === key)?.label ?? key;
}

/** "水暖" or "水暖 · 漏水" */
export function categoryText(category: RepairCategory, emergency: Emergency | null | undefined): string {
  return emergency ? `${categoryLabel(category)} · ${EMERGENCY_LABELS[emergency] ?? emergency}` : categoryLabel(category);
}

/** The actions a resident can take from the detail page, in button order. */
export const RESIDENT_ACTIONS: readonly RepairAction[] = ['confirm', 'dispute', 'rate', 'accept_time', 'propose_time', 'urge', 'cancel'];

/** Rooms come as "1栋1单元101", public places with their community: always show the community once. */
export function locationText(r: Pick<RepairSummary, 'location' | 'communityName'>): string {
  return r.location.includes(r.communityName) ? r.location : `${r.communityName} ${r.location}`;
}

/** The 上门时间 line: the agreed time, else the proposal waiting for one side. */
export function visitText(d: Pick<RepairDetail, 'agreedVisitAt' | 'proposedVisitAt' | 'proposedBy'>): string {
  const format = formatShanghai;
  const pending = d.proposedVisitAt
    ? d.proposedBy === 'staff'
      ? `维修方提议 ${format(d.proposedVisitAt, 'MM-DD HH:mm')}，待您确认`
      : `您提议 ${format(d.proposedVisitAt, 'MM-DD HH:mm')}，待维修方确认`
    : null;
  if (d.agreedVisitAt) return `${format(d.agreedVisitAt, 'YYYY-MM-DD HH:mm')}（已约定）${pending ? `；改期：${pending}` : ''}`;
  return pending ? `待约定（${pending}）` : '待约定';
}
