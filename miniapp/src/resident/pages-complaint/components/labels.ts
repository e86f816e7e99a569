import {
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

/** The kinds in picker order, each with a one-line prompt. */
export const KINDS: { kind: ComplaintKind; hint: string; placeholder: string }[] = [
  { kind: 'complaint', hint: '对物业服务不满意', placeholder: '请描述您要投诉的问题：时间、地点、经过，以及您希望的处理方式' },
  { kind: 'suggestion', hint: '让小区变得更好', placeholder: '请写下您的建议' },
  { kind: 'inquiry', hint: '有问题想了解', placeholder: '请写下您想咨询的问题' },
  { kind: 'praise', hint: '为服务点赞', placeholder: '请写下您想表扬的人和事' },
];

/** Complaints and suggestions need a category (the API refuses them without one). */
export const needsCategory = (kind: ComplaintKind) => kind === 'complaint' || kind === 'suggestion';

/** The actions a resident can take from the detail page, in button order. */
export const RESIDENT_ACTIONS: readonly ComplaintAction[] = ['confirm', 'reopen', 'rate', 'close', 'follow_up', 'cancel'];

/** "投诉 · 服务态度" (inquiries and praise filed without a category show only the kind) */
export function kindText(c: Pick<ComplaintSummary, 'kind' | 'category'>): string {
  const kind = COMPLAINT_KIND_LABELS[c.kind] ?? c.kind;
  if (!needsCategory(c.kind) && c.category === 'other') return kind;
  return `${kind} · ${COMPLAINT_CATEGORY_LABELS[c.category] ?? c.category}`;
}

/** "一类投诉 · 由 张三 负责" / "待客服受理"; empty for a finished one nobody took */
export function ownerText(c: Pick<ComplaintSummary, 'complaintClass' | 'ownerName' | 'status'>): string {
  const cls = c.complaintClass ? `${COMPLAINT_CLASS_LABELS[c.complaintClass]} · ` : '';
  if (c.ownerName) return `${cls}由 ${c.ownerName} 负责`;
  if (c.status === 'cancelled' || c.status === 'closed') return cls ? cls.slice(0, -3) : '';
  return `${cls}待客服受理`;
}

export function locationText(c: Pick<ComplaintSummary, 'location' | 'communityName'>): string {
  return c.location.includes(c.communityName) ? c.location : `${c.communityName} ${c.location}`;
}

export const isFinished = (c: Pick<ComplaintSummary, 'status'>) => c.status === 'closed' || c.status === 'cancelled';
