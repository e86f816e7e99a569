import { EMERGENCY_LABELS, REPAIR_CATEGORIES, type Emergency, type RepairAction, type RepairCategory } from '@linli/shared';

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
