import {
  categoryRequired,
  COMPLAINT_KINDS,
  KIND_WORDING,
  type KindWording,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_KIND_LABELS,
  type ComplaintAction,
  type ComplaintKind,
  type ComplaintSummary,
} from '@linli/shared';

export const NEW_COMPLAINT_PAGE = '/pages-complaint/new/index';
export const COMPLAINT_LIST_PAGE = '/pages-complaint/list/index';
export const complaintDetailPage = (id: number) => `/pages-complaint/detail/index?id=${id}`;

/** The kinds in picker order, each with its own words (KIND_WORDING). */
export const KINDS: ({ kind: ComplaintKind } & KindWording)[] = COMPLAINT_KINDS.map((kind) => ({ kind, ...KIND_WORDING[kind] }));

/** Complaints and suggestions need a category (the API refuses them without one). */
export const needsCategory = (kind: ComplaintKind) => categoryRequired(kind);

/** The actions a resident can take from the detail page, in button order. */
export const RESIDENT_ACTIONS: readonly ComplaintAction[] = ['confirm', 'reopen', 'rate', 'close', 'follow_up', 'cancel'];

/** "投诉 · 服务态度" (inquiries and praise filed without a category show only the kind) */
export function kindText(c: Pick<ComplaintSummary, 'kind' | 'category'>): string {
  const kind = COMPLAINT_KIND_LABELS[c.kind] ?? c.kind;
  if (!needsCategory(c.kind) && c.category === 'other') return kind;
  return `${kind} · ${COMPLAINT_CATEGORY_LABELS[c.category] ?? c.category}`;
}

/**
 * "一类投诉 · 由 张三 负责"; the class alone, or nothing, while nobody holds it — the status tag (已受理) already
 * says where it stands, a second "待…受理" line would contradict it.
 */
export function ownerText(c: Pick<ComplaintSummary, 'complaintClass' | 'ownerName' | 'status'>): string {
  const cls = c.complaintClass ? COMPLAINT_CLASS_LABELS[c.complaintClass] : '';
  if (c.ownerName) return `${cls ? `${cls} · ` : ''}由 ${c.ownerName} 负责`;
  return cls;
}

export function locationText(c: Pick<ComplaintSummary, 'location' | 'communityName'>): string {
  return c.location.includes(c.communityName) ? c.location : `${c.communityName} ${c.location}`;
}

export const isFinished = (c: Pick<ComplaintSummary, 'status'>) => c.status === 'closed' || c.status === 'cancelled';
