import type { Role } from '../roles';
import { shanghaiDate } from '../sla/shanghai-time';
import { isCalendarDate } from '../sla/working-calendar';
import { type ComplaintCategory, type ComplaintClass, type ComplaintKind, isComplaintClass, suggestComplaintClass } from './complaint-kinds';

/**
 * States of a complaints-desk ticket. The same states serve all four kinds; complaints use all of them, the
 * other kinds only received → resolved → closed (and cancelled).
 *
 * Why these and not more:
 * - No separate submitted / acknowledged: a ticket is acknowledged at once (受理) — the receipt is sent when it is
 *   created (or, for a paper back-fill, was given on paper) — so a "waiting to be acknowledged" state would never
 *   be occupied. `received` is acknowledged and waiting for the desk to classify (complaints) or answer (others).
 * - No separate classified / assigned / in_progress: classifying sets the class and with it the owner, and handling
 *   starts there. Reclassifying and reassigning change the owner, not the state.
 * - No `replied` state: replies are a thread (any number, both ways) in every open state; the first reply stops
 *   the first-reply clock and a written reply the written-reply clock (complaint-clocks.ts). The state says where
 *   the ticket stands on ownership and resolution, not how many messages it has.
 * - resolved → confirmed → closed mirrors repairs (completed → confirmed → closed): the resident confirms or
 *   reopens, rates, and the desk's return visit closes it (or reopens it when the resident is not satisfied).
 */
export const ComplaintStatus = {
  Received: 'received',
  InProgress: 'in_progress',
  Resolved: 'resolved',
  Reopened: 'reopened',
  Confirmed: 'confirmed',
  Closed: 'closed',
  Cancelled: 'cancelled',
} as const;
export type ComplaintStatus = (typeof ComplaintStatus)[keyof typeof ComplaintStatus];

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  received: '已受理',
  in_progress: '处理中',
  resolved: '待确认',
  reopened: '已重开',
  confirmed: '待回访',
  closed: '已完结',
  cancelled: '已撤销',
};

/**
 * THE label of a desk ticket's status, for every page of both apps and every server text (one label per status:
 * no second "待…受理" line beside 已受理). Suggestions, inquiries and praise are not confirmed by the resident:
 * `resolved` reads 已处理 for them.
 */
export function complaintStatusLabel(kind: ComplaintKind, status: ComplaintStatus): string {
  if (kind !== 'complaint' && status === 'resolved') return '已处理';
  return COMPLAINT_STATUS_LABELS[status] ?? status;
}

export const ComplaintAction = {
  Classify: 'classify',
  Reclassify: 'reclassify',
  Reassign: 'reassign',
  SetResolutionDue: 'set_resolution_due',
  Reply: 'reply',
  FollowUp: 'follow_up',
  RecordDeveloperContact: 'record_developer_contact',
  IssueNotice: 'issue_notice',
  AppointCoordinator: 'appoint_coordinator',
  RecordAuthorityReport: 'record_authority_report',
  Resolve: 'resolve',
  Confirm: 'confirm',
  Reopen: 'reopen',
  Rate: 'rate',
  ReturnVisit: 'return_visit',
  Close: 'close',
  Cancel: 'cancel',
} as const;
export type ComplaintAction = (typeof ComplaintAction)[keyof typeof ComplaintAction];

export const COMPLAINT_ACTION_LABELS: Record<ComplaintAction, string> = {
  classify: '确认分类',
  reclassify: '调整分类',
  reassign: '转交',
  set_resolution_due: '设定办结时限',
  reply: '答复',
  follow_up: '追问',
  record_developer_contact: '记录联系开发商',
  issue_notice: '发出书面通知',
  appoint_coordinator: '指定协调人',
  record_authority_report: '记录书面报告',
  resolve: '办结',
  confirm: '确认解决',
  reopen: '未解决，重开',
  rate: '评价',
  return_visit: '回访',
  close: '关闭',
  cancel: '撤销',
};

/**
 * Who acts. `desk`: any agent or above; `owner`: the staff member who holds the ticket now (class 1 the agent who
 * took it, class 2 the supervisor it went to, class 3 the manager — or, once appointed, the coordinator);
 * `supervisor` / `manager`: by role, for oversight; `resident`: the one who filed it; `system`: timed jobs
 * (auto-confirm, auto-close).
 */
export type ComplaintActor = 'desk' | 'owner' | 'supervisor' | 'manager' | 'resident' | 'system';

export interface ComplaintActorContext {
  /** the caller is the ticket's current owner */
  isOwner?: boolean;
  /** the caller is the resident who filed it */
  isReporter?: boolean;
}

const DESK_ROLES: readonly Role[] = ['agent', 'supervisor', 'manager', 'admin'];

export function complaintActorsFor(roles: readonly Role[], ctx: ComplaintActorContext): ComplaintActor[] {
  const out: ComplaintActor[] = [];
  const staff = roles.some((r) => DESK_ROLES.includes(r));
  if (staff) out.push('desk');
  if (staff && ctx.isOwner) out.push('owner');
  if (roles.includes('supervisor')) out.push('supervisor');
  if (roles.includes('manager')) out.push('manager');
  if (roles.includes('resident') && ctx.isReporter) out.push('resident');
  return out;
}

type Rule = {
  from: readonly ComplaintStatus[];
  to: ComplaintStatus | 'same' | 'by_outcome';
  actors: readonly ComplaintActor[];
  /** narrower `from` for some actors */
  actorFrom?: Partial<Record<ComplaintActor, readonly ComplaintStatus[]>>;
  /** a class duty: only for complaints of these classes */
  classes?: readonly ComplaintClass[];
};

const WORKING: readonly ComplaintStatus[] = ['in_progress', 'reopened'];
const OPEN_UNRESOLVED: readonly ComplaintStatus[] = ['received', 'in_progress', 'reopened'];
const THREAD_OPEN: readonly ComplaintStatus[] = ['received', 'in_progress', 'reopened', 'resolved'];
const OVERSIGHT: readonly ComplaintActor[] = ['supervisor', 'manager'];

/**
 * The complaint state machine: action × current state × actor → next state. The server enforces it; both apps
 * use `allowedComplaintActions` to show only the buttons that would succeed.
 *
 * - Until classified any desk agent may answer; from then on the owner does (首问负责制), with supervisors and
 *   managers able to step in. Handovers go through `reassign` (classes 1–2) or `appoint_coordinator` (class 3).
 * - Staff cancel only as supervisor or manager (duplicates, filed in error): an agent cannot make a complaint
 *   about their own service go away. The resident may withdraw (撤诉) until it is resolved.
 * - Resolving needs the class duties first (see `stepsRequiredBeforeResolve`) and the measures taken (input).
 */
export const COMPLAINT_RULES: Readonly<Partial<Record<ComplaintAction, Rule>>> = {
  classify: { from: ['received'], to: 'in_progress', actors: ['desk'] },
  reclassify: { from: WORKING, to: 'same', actors: ['owner', ...OVERSIGHT] },
  reassign: { from: WORKING, to: 'same', actors: OVERSIGHT, classes: [1, 2] },
  set_resolution_due: { from: WORKING, to: 'same', actors: ['owner', ...OVERSIGHT] },
  reply: { from: THREAD_OPEN, to: 'same', actors: ['desk', 'owner', ...OVERSIGHT], actorFrom: { desk: ['received'] } },
  follow_up: { from: THREAD_OPEN, to: 'same', actors: ['resident'] },
  record_developer_contact: { from: WORKING, to: 'same', actors: ['owner', ...OVERSIGHT], classes: [2] },
  issue_notice: { from: WORKING, to: 'same', actors: ['owner', ...OVERSIGHT], classes: [2] },
  appoint_coordinator: { from: WORKING, to: 'same', actors: ['manager'], classes: [3] },
  record_authority_report: { from: WORKING, to: 'same', actors: ['owner', 'manager'], classes: [3] },
  resolve: { from: WORKING, to: 'resolved', actors: ['owner', 'manager'] },
  confirm: { from: ['resolved'], to: 'confirmed', actors: ['resident', 'system'] },
  reopen: { from: ['resolved'], to: 'reopened', actors: ['resident'] },
  rate: { from: ['confirmed', 'closed'], to: 'same', actors: ['resident'] },
  return_visit: { from: ['confirmed'], to: 'by_outcome', actors: ['desk'] },
  cancel: { from: OPEN_UNRESOLVED, to: 'cancelled', actors: ['resident', ...OVERSIGHT] },
};

/**
 * Suggestions, inquiries and praise: the desk replies, resolves (after at least one reply) and the ticket is closed
 * by the desk, the resident, or the system after a while. No classes, owners, confirmation, rating or return visit.
 */
export const FEEDBACK_RULES: Readonly<Partial<Record<ComplaintAction, Rule>>> = {
  reply: { from: ['received', 'resolved'], to: 'same', actors: ['desk'] },
  follow_up: { from: ['received', 'resolved'], to: 'same', actors: ['resident'] },
  resolve: { from: ['received'], to: 'resolved', actors: ['desk'] },
  close: { from: ['resolved'], to: 'closed', actors: ['desk', 'resident', 'system'] },
  cancel: { from: ['received'], to: 'cancelled', actors: ['desk', 'resident'] },
};

export function complaintRulesFor(kind: ComplaintKind): Readonly<Partial<Record<ComplaintAction, Rule>>> {
  return kind === 'complaint' ? COMPLAINT_RULES : FEEDBACK_RULES;
}

/** What the machine needs to know about a ticket. */
export interface ComplaintSnapshot {
  kind: ComplaintKind;
  status: ComplaintStatus;
  /** null until classified; always null for the other kinds */
  complaintClass?: ComplaintClass | null;
  category?: ComplaintCategory | null;
  /** the resident asked for a written reply (书面答复) */
  writtenReplyWanted?: boolean;
  /**
   * steps already on record (from its records and thread), for the steps required before resolving: the class
   * duties' actions, `reply` for any staff reply and `written_reply` for a staff reply marked written
   */
  done?: readonly ComplaintStep[];
  rated?: boolean;
}

/** A step the resolve checklist names: a class duty (an action) or the written reply the resident asked for. */
export type ComplaintStep = ComplaintAction | 'written_reply';

export const COMPLAINT_STEP_LABELS: Record<ComplaintStep, string> = { ...COMPLAINT_ACTION_LABELS, written_reply: '书面答复住户' };

/**
 * Recorded before a ticket may be resolved:
 * - suggestion / inquiry / praise: a reply (the answer is the point);
 * - class 1: nothing beyond the measures;
 * - class 2: a recorded contact with the developer, and for supporting facilities also the written notice to them;
 * - class 3: a coordinator appointed and the written report to the authority concerned;
 * - any kind, when the resident asked for a written reply: a staff reply marked written (书面答复) — resolving
 *   without it would close the ticket on a promise the acknowledgement made.
 */
export function stepsRequiredBeforeResolve(t: Pick<ComplaintSnapshot, 'kind' | 'complaintClass' | 'category' | 'writtenReplyWanted'>): ComplaintStep[] {
  const written: ComplaintStep[] = t.writtenReplyWanted ? ['written_reply'] : [];
  if (t.kind !== 'complaint') return ['reply', ...written];
  if (t.complaintClass === 2) {
    const duties: ComplaintStep[] = t.category === 'supporting_facilities' ? ['record_developer_contact', 'issue_notice'] : ['record_developer_contact'];
    return [...duties, ...written];
  }
  if (t.complaintClass === 3) return ['appoint_coordinator', 'record_authority_report', ...written];
  return written;
}

export function missingStepsBeforeResolve(t: Pick<ComplaintSnapshot, 'kind' | 'complaintClass' | 'category' | 'writtenReplyWanted' | 'done'>): ComplaintStep[] {
  const done = t.done ?? [];
  return stepsRequiredBeforeResolve(t).filter((a) => !done.includes(a));
}

export type ComplaintTransitionError = 'illegal_transition' | 'not_for_class' | 'not_allowed' | 'steps_missing' | 'already_rated';
export type ComplaintTransitionResult = { ok: true; next: ComplaintStatus } | { ok: false; error: ComplaintTransitionError };

/**
 * The next state, or why not: `illegal_transition` (not an action of this kind, or not from this state),
 * `not_for_class` (a class duty on another class), `not_allowed` (none of the caller's actors may),
 * `steps_missing` (resolve before the class duties), `already_rated`.
 * Inputs (reasons, measures, …) are checked separately by `complaintInputError`.
 */
export function complaintTransition(
  t: ComplaintSnapshot,
  action: ComplaintAction,
  actors: readonly ComplaintActor[],
  opts: { satisfied?: boolean } = {},
): ComplaintTransitionResult {
  const rule = complaintRulesFor(t.kind)[action];
  if (!rule || !rule.from.includes(t.status)) return { ok: false, error: 'illegal_transition' };
  if (rule.classes && !(t.complaintClass && rule.classes.includes(t.complaintClass))) return { ok: false, error: 'not_for_class' };
  const allowed = actors.filter((a) => rule.actors.includes(a) && (rule.actorFrom?.[a]?.includes(t.status) ?? true));
  if (!allowed.length) return { ok: false, error: 'not_allowed' };
  if (action === 'resolve' && missingStepsBeforeResolve(t).length) return { ok: false, error: 'steps_missing' };
  if (action === 'rate' && t.rated) return { ok: false, error: 'already_rated' };
  if (rule.to === 'same') return { ok: true, next: t.status };
  if (rule.to === 'by_outcome') return { ok: true, next: opts.satisfied === false ? 'reopened' : 'closed' };
  return { ok: true, next: rule.to };
}

/** The actions that would succeed now (resolve is left out while class duties are missing — show `missingStepsBeforeResolve`). */
export function allowedComplaintActions(t: ComplaintSnapshot, actors: readonly ComplaintActor[]): ComplaintAction[] {
  return (Object.values(ComplaintAction) as ComplaintAction[]).filter((a) => complaintTransition(t, a, actors).ok);
}

/** What an action carries; each action reads only its own fields. */
export interface ComplaintActionInput {
  /** classify / reclassify */
  complaintClass?: ComplaintClass | null;
  /** classify against the category's suggestion, reclassify, reassign, reopen, cancel */
  reason?: string | null;
  /** reply / follow_up / record_developer_contact / issue_notice / record_authority_report */
  content?: string | null;
  /** resolve (complaints): the measures taken */
  measures?: string | null;
  /** set_resolution_due, issue_notice (the developer's answer-by date, optional): local Asia/Shanghai date YYYY-MM-DD, due at its 24:00 */
  dueDate?: string | null;
  /** reassign / appoint_coordinator: the staff member who takes over */
  assigneeId?: number | null;
  /** rate: 1–5 */
  rating?: number | null;
  /** return_visit */
  satisfied?: boolean | null;
}

export type ComplaintInputError =
  | 'class_required'
  | 'same_class'
  | 'reason_required'
  | 'content_required'
  | 'measures_required'
  | 'due_date_invalid'
  | 'due_date_past'
  | 'assignee_required'
  | 'rating_invalid'
  | 'outcome_required';

/** zh-CN messages for the API's VALIDATION_FAILED. */
export const COMPLAINT_INPUT_ERROR_MESSAGES: Record<ComplaintInputError, string> = {
  class_required: '请选择投诉类别（一类 / 二类 / 三类）',
  same_class: '新类别与当前类别相同',
  reason_required: '请填写原因',
  content_required: '请填写内容',
  measures_required: '请填写已采取的处理措施',
  due_date_invalid: '请选择办结日期',
  due_date_past: '办结日期不能早于今天',
  assignee_required: '请选择接手人员',
  rating_invalid: '请选择 1–5 星',
  outcome_required: '请选择回访结果（满意 / 不满意）',
};

const blank = (s: string | null | undefined) => !s || !s.trim();

/**
 * The first problem with an action's input, or null. `now` is needed only to refuse a resolution due date in the
 * past (a date earlier than today in Asia/Shanghai; today itself is fine).
 */
export function complaintInputError(
  t: Pick<ComplaintSnapshot, 'kind' | 'complaintClass' | 'category'>,
  action: ComplaintAction,
  input: ComplaintActionInput,
  now: Date,
): ComplaintInputError | null {
  switch (action) {
    case 'classify':
      if (!isComplaintClass(input.complaintClass)) return 'class_required';
      // the agent confirms the category's suggestion, or changes it and says why (on the timeline)
      if (input.complaintClass !== suggestComplaintClass(t.category) && blank(input.reason)) return 'reason_required';
      return null;
    case 'reclassify':
      if (!isComplaintClass(input.complaintClass)) return 'class_required';
      if (input.complaintClass === t.complaintClass) return 'same_class';
      return blank(input.reason) ? 'reason_required' : null;
    case 'reassign':
      if (!input.assigneeId) return 'assignee_required';
      return blank(input.reason) ? 'reason_required' : null;
    case 'appoint_coordinator':
      return input.assigneeId ? null : 'assignee_required';
    case 'set_resolution_due':
      if (!input.dueDate || !isCalendarDate(input.dueDate)) return 'due_date_invalid';
      return input.dueDate < shanghaiDate(now) ? 'due_date_past' : null;
    case 'issue_notice':
      // the developer's answer-by date is optional (the written reply's due time otherwise), never in the past
      if (blank(input.content)) return 'content_required';
      if (input.dueDate === undefined || input.dueDate === null) return null;
      if (!isCalendarDate(input.dueDate)) return 'due_date_invalid';
      return input.dueDate < shanghaiDate(now) ? 'due_date_past' : null;
    case 'reply':
    case 'follow_up':
    case 'record_developer_contact':
    case 'record_authority_report':
      return blank(input.content) ? 'content_required' : null;
    case 'resolve':
      return t.kind === 'complaint' && blank(input.measures) ? 'measures_required' : null;
    case 'reopen':
    case 'cancel':
      return blank(input.reason) ? 'reason_required' : null;
    case 'rate':
      return Number.isInteger(input.rating) && (input.rating as number) >= 1 && (input.rating as number) <= 5 ? null : 'rating_invalid';
    case 'return_visit':
      return typeof input.satisfied === 'boolean' ? null : 'outcome_required';
    case 'confirm':
    case 'close':
      return null;
  }
}

export const COMPLAINT_TERMINAL: readonly ComplaintStatus[] = ['closed', 'cancelled'];
export const COMPLAINT_OPEN: readonly ComplaintStatus[] = ['received', 'in_progress', 'reopened', 'resolved', 'confirmed'];
