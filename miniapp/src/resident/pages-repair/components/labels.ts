import {
  EMERGENCY_LABELS,
  REPAIR_CATEGORIES,
  type Emergency,
  type RepairAction,
  type RepairCategory,
  type RepairDetail,
  type RepairSummary,
} from '@linli/shared';

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
export const RESIDENT_ACTIONS: readonly RepairAction[] = ['confirm', 'dispute', 'rate', 'propose_time', 'urge', 'cancel'];

/** Rooms come as "1栋1单元101", public places with their community: always show the community once. */
export function locationText(r: Pick<RepairSummary, 'location' | 'communityName'>): string {
  return r.location.includes(r.communityName) ? r.location : `${r.communityName} ${r.location}`;
}

/** The resident's latest proposed visit time not yet followed by an agreed one (timeline events). */
export function pendingProposal(d: Pick<RepairDetail, 'timeline' | 'agreedVisitAt'>): string | null {
  const events = [...d.timeline].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || b.id - a.id);
  for (const e of events) {
    if (e.type === 'scheduled') return null;
    if (e.type === 'time_proposed' && typeof e.payload.visitAt === 'string') return e.payload.visitAt;
  }
  return null;
}
