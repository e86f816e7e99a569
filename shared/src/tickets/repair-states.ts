import type { Role } from '../roles';

export const RepairStatus = {
  Submitted: 'submitted',
  Accepted: 'accepted',
  Dispatched: 'dispatched',
  Scheduled: 'scheduled',
  InProgress: 'in_progress',
  OnHold: 'on_hold',
  Completed: 'completed',
  Confirmed: 'confirmed',
  Closed: 'closed',
  Reopened: 'reopened',
  Cancelled: 'cancelled',
} as const;
export type RepairStatus = (typeof RepairStatus)[keyof typeof RepairStatus];

export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派单',
  scheduled: '已预约',
  in_progress: '维修中',
  on_hold: '已挂起',
  completed: '待确认',
  confirmed: '待回访',
  closed: '已完结',
  reopened: '已重开',
  cancelled: '已取消',
};

export const RepairAction = {
  Accept: 'accept',
  ChangeTier: 'change_tier',
  Dispatch: 'dispatch',
  Reassign: 'reassign',
  Schedule: 'schedule',
  ProposeTime: 'propose_time',
  AcceptTime: 'accept_time',
  Arrive: 'arrive',
  Hold: 'hold',
  Resume: 'resume',
  Complete: 'complete',
  Confirm: 'confirm',
  Dispute: 'dispute',
  Rate: 'rate',
  ReturnVisit: 'return_visit',
  Cancel: 'cancel',
  Urge: 'urge',
} as const;
export type RepairAction = (typeof RepairAction)[keyof typeof RepairAction];

export const REPAIR_ACTION_LABELS: Record<RepairAction, string> = {
  accept: '受理',
  change_tier: '调整等级',
  dispatch: '派单',
  reassign: '转派',
  schedule: '登记约定时间',
  propose_time: '提议上门时间',
  accept_time: '同意上门时间',
  arrive: '到场',
  hold: '挂起',
  resume: '恢复',
  complete: '完工',
  confirm: '确认完成',
  dispute: '有异议',
  rate: '评价',
  return_visit: '回访',
  cancel: '取消',
  urge: '催单',
};

export const HoldReason = { Parts: 'parts', NoAccess: 'no_access', OutOfScope: 'out_of_scope' } as const;
export type HoldReason = (typeof HoldReason)[keyof typeof HoldReason];
export const HOLD_REASON_LABELS: Record<HoldReason, string> = { parts: '等待配件', no_access: '无法入户', out_of_scope: '超出服务范围' };

/** Who acts: the desk (agents and up), the assigned technician, the resident who filed it, or the system (auto-confirm). */
export type RepairActor = 'desk' | 'technician' | 'resident' | 'system';

export interface RepairActorContext {
  /** the caller is the technician the order is dispatched to */
  isAssignee?: boolean;
  /** the caller is the resident who reported it (or holds the room) */
  isReporter?: boolean;
}

const DESK_ROLES: readonly Role[] = ['agent', 'supervisor', 'manager', 'admin'];
const OPEN_BEFORE_COMPLETION: RepairStatus[] = ['submitted', 'accepted', 'dispatched', 'scheduled', 'in_progress', 'on_hold', 'reopened'];
const WORKING: RepairStatus[] = ['dispatched', 'scheduled', 'in_progress'];

type Rule = { from: readonly RepairStatus[]; to: RepairStatus | 'same' | 'held_from' | 'by_outcome' | 'by_agreement'; actors: readonly RepairActor[] };

/** Which side of the visit agreement proposed the pending time: the resident, or staff (technician / desk). */
export type VisitSide = 'resident' | 'staff';
const VISIT_STATES: RepairStatus[] = ['accepted', 'dispatched', 'scheduled'];
const VISIT_ACTIONS: readonly RepairAction[] = ['schedule', 'propose_time', 'accept_time'];

/**
 * The repair order state machine: action × current state × actor → next state. The server enforces it; both
 * apps use `allowedRepairActions` to show only the buttons that would succeed.
 */
export const REPAIR_RULES: Record<RepairAction, Rule> = {
  accept: { from: ['submitted'], to: 'accepted', actors: ['desk'] },
  change_tier: { from: ['accepted', 'dispatched', 'scheduled', 'on_hold', 'reopened'], to: 'same', actors: ['desk'] },
  dispatch: { from: ['accepted', 'reopened'], to: 'dispatched', actors: ['desk'] },
  reassign: { from: ['dispatched', 'scheduled', 'on_hold'], to: 'dispatched', actors: ['desk'] },
  // the desk records a time agreed with the resident on the phone; in the app one side proposes, the other accepts
  schedule: { from: ['dispatched', 'scheduled'], to: 'scheduled', actors: ['desk'] },
  propose_time: { from: VISIT_STATES, to: 'same', actors: ['technician', 'desk', 'resident'] },
  accept_time: { from: VISIT_STATES, to: 'by_agreement', actors: ['technician', 'desk', 'resident'] },
  arrive: { from: ['dispatched', 'scheduled'], to: 'in_progress', actors: ['technician'] },
  hold: { from: WORKING, to: 'on_hold', actors: ['technician', 'desk'] },
  resume: { from: ['on_hold'], to: 'held_from', actors: ['technician', 'desk'] },
  complete: { from: ['in_progress'], to: 'completed', actors: ['technician'] },
  confirm: { from: ['completed'], to: 'confirmed', actors: ['resident', 'system'] },
  dispute: { from: ['completed'], to: 'reopened', actors: ['resident'] },
  rate: { from: ['confirmed', 'closed'], to: 'same', actors: ['resident'] },
  return_visit: { from: ['confirmed'], to: 'by_outcome', actors: ['desk'] },
  cancel: { from: OPEN_BEFORE_COMPLETION, to: 'cancelled', actors: ['desk', 'resident'] },
  urge: { from: OPEN_BEFORE_COMPLETION, to: 'same', actors: ['resident'] },
};

/** A resident may cancel only before a technician is dispatched; staff any time before completion (with a reason). */
const RESIDENT_CANCEL_FROM: RepairStatus[] = ['submitted', 'accepted'];

export function actorsFor(roles: readonly Role[], ctx: RepairActorContext): RepairActor[] {
  const out: RepairActor[] = [];
  if (roles.some((r) => DESK_ROLES.includes(r))) out.push('desk');
  if (roles.includes('technician') && ctx.isAssignee) out.push('technician');
  if (roles.includes('resident') && ctx.isReporter) out.push('resident');
  return out;
}

export type TransitionResult = { ok: true; next: RepairStatus } | { ok: false; error: 'illegal_transition' | 'not_allowed' };

/** The side an actor speaks for in the visit agreement (null: the system, which never proposes). */
export function visitSideOf(actor: RepairActor): VisitSide | null {
  if (actor === 'resident') return 'resident';
  return actor === 'technician' || actor === 'desk' ? 'staff' : null;
}

export interface RepairTransitionOpts {
  heldFrom?: RepairStatus | null;
  satisfied?: boolean;
  /** an emergency: the technician comes at once, no appointment is made */
  emergency?: boolean;
  /** the side whose proposed visit time waits for the other side (null: none pending) */
  proposedBy?: VisitSide | null;
}

/** Whether `actor` may take part in a visit-time action: never on emergencies; only the other side accepts a proposal. */
function visitActorOk(action: RepairAction, actor: RepairActor, opts: RepairTransitionOpts): boolean {
  if (!VISIT_ACTIONS.includes(action)) return true;
  if (opts.emergency) return false;
  if (action !== 'accept_time') return true;
  const side = visitSideOf(actor);
  return !!opts.proposedBy && !!side && side !== opts.proposedBy;
}

export function repairTransition(
  status: RepairStatus,
  action: RepairAction,
  actors: readonly RepairActor[],
  opts: RepairTransitionOpts = {},
): TransitionResult {
  const rule = REPAIR_RULES[action];
  if (!rule.from.includes(status)) return { ok: false, error: 'illegal_transition' };
  if (VISIT_ACTIONS.includes(action) && (opts.emergency || (action === 'accept_time' && !opts.proposedBy))) return { ok: false, error: 'illegal_transition' };
  const allowed = actors.filter(
    (a) => rule.actors.includes(a) && !(action === 'cancel' && a === 'resident' && !RESIDENT_CANCEL_FROM.includes(status)) && visitActorOk(action, a, opts),
  );
  if (!allowed.length) return { ok: false, error: 'not_allowed' };
  if (rule.to === 'by_agreement') return { ok: true, next: status === 'accepted' ? 'accepted' : 'scheduled' };
  if (rule.to === 'same') return { ok: true, next: status };
  if (rule.to === 'held_from') return { ok: true, next: opts.heldFrom && WORKING.includes(opts.heldFrom) ? opts.heldFrom : 'dispatched' };
  if (rule.to === 'by_outcome') return { ok: true, next: opts.satisfied === false ? 'reopened' : 'closed' };
  return { ok: true, next: rule.to };
}

export function allowedRepairActions(
  status: RepairStatus,
  actors: readonly RepairActor[],
  opts: RepairTransitionOpts & { rated?: boolean } = {},
): RepairAction[] {
  return (Object.keys(REPAIR_RULES) as RepairAction[]).filter((a) => !(a === 'rate' && opts.rated) && repairTransition(status, a, actors, opts).ok);
}

export const REPAIR_TERMINAL: readonly RepairStatus[] = ['closed', 'cancelled'];
export const REPAIR_OPEN: readonly RepairStatus[] = [
  'submitted',
  'accepted',
  'dispatched',
  'scheduled',
  'in_progress',
  'on_hold',
  'reopened',
  'completed',
  'confirmed',
];
