import {
  categoryRequired,
  ComplaintAction,
  complaintActorsFor,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_KIND_LABELS,
  isCategoryOfKind,
  ComplaintActor,
  ComplaintCategory,
  ComplaintInputError,
  ComplaintKind,
  COMPLAINT_KINDS,
  ComplaintRecordType,
  ErrorCode,
  Role,
  TicketChannel,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { cursorId, cursorOneOf, CursorShape, cursorSqlTime } from '../../common/keyset';
import { Scope } from '../../common/scope';
import { Ticket } from '../entities/ticket.entity';

/** Clocks and uploads of complaints-desk tickets use the same subject type as repairs: they are rows of `tickets`. */
export const KINDS: ComplaintKind[] = [...COMPLAINT_KINDS];
export const DESK: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
/** roles that may own or coordinate a complaint (admins run the system, not the desk) */
export const HANDLERS: Role[] = ['agent', 'supervisor', 'manager'];
export const NO_DUE = '9999-12-31 00:00:00.000';
/** the desk inboxes' sort: closed flag, due time, id */
export const INBOX_CURSOR: CursorShape = [cursorOneOf(0, 1), cursorSqlTime, cursorId];
export const UNTIERED_RANK = 9;

export const RECORD_ACTION: Record<ComplaintRecordType, ComplaintAction> = {
  developer_contact: 'record_developer_contact',
  notice: 'issue_notice',
  authority_report: 'record_authority_report',
  coordinator: 'appoint_coordinator',
};

export const INPUT_FIELD: Record<ComplaintInputError, string> = {
  class_required: 'complaintClass',
  same_class: 'complaintClass',
  reason_required: 'reason',
  content_required: 'content',
  measures_required: 'measures',
  due_date_invalid: 'dueDate',
  due_date_past: 'dueDate',
  assignee_required: 'assigneeId',
  rating_invalid: 'rating',
  outcome_required: 'satisfied',
};

/** A new ticket as any channel takes it in. */
export type Intake = {
  companyId: number;
  communityId: number;
  roomId: number | null;
  location: string;
  channel: TicketChannel;
  reporterId: number | null;
  receivedBy: number | null;
  contactName: string | null;
  contactPhone: string | null;
  receivedAt: Date | null;
  kind: ComplaintKind;
  category: ComplaintCategory;
  text: string;
  photoIds: number[];
  writtenReplyWanted: boolean;
  anonymous: boolean;
  /** what the intake's lookup already read, for the answer */
  communityName: string;
  roomLabel: string | null;
  actorName: string | null;
  /** the working calendar's stamp (calendarStampOf) */
  calendarStamp: string;
};

/**
 * Complaints and suggestions need a category; inquiries and praise may go without (kept as 其他). A new ticket's
 * category must be one of its kind's own (KIND_CATEGORIES): no 收费争议 on a suggestion.
 */
export function categoryOf(kind: ComplaintKind, category: ComplaintCategory | undefined): ComplaintCategory {
  if (!category) {
    if (categoryRequired(kind)) throw fieldError('category', '请选择类别', 'isDefined');
    return 'other';
  }
  if (!isCategoryOfKind(kind, category)) {
    const label = COMPLAINT_CATEGORY_LABELS[category] ?? category;
    throw fieldError('category', `「${label}」不是${COMPLAINT_KIND_LABELS[kind]}的类别，请重新选择`, 'categoryOfKind');
  }
  return category;
}

export function need(what: string): never {
  throw new Error(`complaints: ${what} required for this action`);
}

export function fieldError(field: string, message: string, rule: string): AppError {
  return new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule, message }]);
}

/** An instant the caller says something happened at: now by default, never in the future. */
export function pastInstant(iso: string | undefined, now: Date, field: string, what: string): Date {
  if (iso === undefined) return now;
  const at = new Date(iso);
  if (at.getTime() > now.getTime()) throw fieldError(field, `${what}不能晚于现在`, 'notInFuture');
  return at;
}

/** The role a timeline event or reply is signed with. */
export function roleOf(caller: Caller | null): string {
  if (!caller) return 'system';
  if (caller.kind === 'resident') return 'resident';
  return HANDLERS.find((r) => caller.roles.includes(r)) ?? caller.roles[0] ?? 'staff';
}

type Handled = Pick<Ticket, 'ownerId' | 'coordinatorId' | 'reporterId' | 'communityId'>;

export function isOwner(scope: Scope, t: Handled) {
  return !scope.isResident && (t.ownerId === scope.caller.userId || t.coordinatorId === scope.caller.userId);
}

export function isReporter(scope: Scope, t: Handled) {
  return scope.isResident && t.reporterId === scope.caller.userId;
}

export function actorsOf(scope: Scope, t: Handled): ComplaintActor[] {
  return complaintActorsFor(scope.caller.roles, { isOwner: isOwner(scope, t), isReporter: isReporter(scope, t) });
}

/**
 * The handling chain sees who complained even when anonymous: the resident themself, the owner, the coordinator,
 * and the supervisors and managers of the community. Everyone else on the desk sees 匿名.
 */
export function inChain(scope: Scope, t: Handled) {
  if (scope.isResident) return isReporter(scope, t);
  if (isOwner(scope, t)) return true;
  return (scope.has('supervisor') || scope.has('manager')) && scope.canSeeCommunity(t.communityId);
}

/** The resident who filed it; desk staff of its community; its owner or coordinator. */
export function canSee(scope: Scope, t: Handled) {
  if (scope.isResident) return isReporter(scope, t);
  if (!scope.canSeeCommunity(t.communityId)) return false;
  return scope.caller.roles.some((r) => DESK.includes(r)) || isOwner(scope, t);
}
