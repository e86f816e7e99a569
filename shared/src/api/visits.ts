import type { VisitPlan } from '../engage/visit-plan';
import type { RepairCategory } from '../tickets/repair-categories';
import type { ComplaintCategory } from '../tickets/complaint-kinds';
import type { VisitIssueKind, VisitMode, VisitResult } from '../engage/new-resident-visit';

export * from '../engage/new-resident-visit';

/** A new resident's return visit (新住户回访), created when their binding became active. */
export interface NewResidentVisitView {
  id: number;
  communityId: number;
  communityName: string;
  roomId: number;
  roomLabel: string;
  /** the resident (for the phone reveal: POST /api/staff/residents/{id}/phone, audited) */
  residentId: number;
  residentName: string;
  relation: string;
  residentPhoneMasked: string | null;
  boundAt: string;
  dueAt: string;
  /** open and past its due time */
  overdue: boolean;
  status: 'open' | 'done';
  result: VisitResult | null;
  notes: string | null;
  visitedAt: string | null;
  visitedByName: string | null;
  version: number;
}

/** POST /api/staff/visits/new-residents/{id}/record */
export interface RecordNewResidentVisitRequest {
  version: number;
  result: VisitResult;
  notes?: string;
}

/** An issue a household raised during a customer visit; turned into a repair or complaint in one tap. */
export interface VisitIssueView {
  id: number;
  kind: VisitIssueKind;
  text: string;
  ticketId: number | null;
  /** the repair / complaint number once turned into one */
  ticketNo: string | null;
  createdAt: string;
}

/** A customer visit (客户访谈): by phone, at the door or at random; the manager's in-depth ones marked `deep`. */
export interface CustomerVisitView {
  id: number;
  communityId: number;
  communityName: string;
  roomId: number | null;
  roomLabel: string | null;
  householdName: string | null;
  mode: VisitMode;
  deep: boolean;
  visitedAt: string;
  visitorId: number;
  visitorName: string;
  notes: string | null;
  issues: VisitIssueView[];
  version: number;
}

export interface CustomerVisitListItem {
  id: number;
  roomLabel: string | null;
  householdName: string | null;
  mode: VisitMode;
  deep: boolean;
  visitedAt: string;
  visitorName: string;
  issueCount: number;
}

export interface VisitIssueInput {
  kind: VisitIssueKind;
  text: string;
}

/** POST /api/staff/visits (Idempotency-Key honoured) */
export interface CreateCustomerVisitRequest {
  communityId: number;
  /** absent: a random visit in the street or a public place */
  roomId?: number;
  householdName?: string;
  mode: VisitMode;
  /** the manager's in-depth visit (深度访谈): managers only */
  deep?: boolean;
  /** defaults to now; not in the future */
  visitedAt?: string;
  notes?: string;
  issues?: VisitIssueInput[];
}

/** POST /api/staff/visits/{id}/issues/{issueId}/ticket: the repair's category; contact defaults to the room's owner on record */
export interface VisitIssueTicketRequest {
  category?: RepairCategory;
  /** the complaint's topic (default 其他) */
  complaintCategory?: ComplaintCategory;
  contactName?: string;
  contactPhone?: string;
}

export interface VisitCoverageMonth {
  /** YYYY-MM (Asia/Shanghai) */
  month: string;
  visits: number;
  /** distinct households (rooms) visited that month */
  households: number;
  deepVisits: number;
}

/** GET /api/staff/visits/coverage: the community's yearly plan and each month's visits against it. */
export interface VisitCoverageView {
  communityId: number;
  communityName: string;
  year: number;
  /** households counted: every room of the community in the places register */
  plan: VisitPlan;
  /** distinct households visited this year */
  visitedHouseholds: number;
  months: VisitCoverageMonth[];
}

/** A household (room) not visited this year. */
export interface UnvisitedHouseholdView {
  roomId: number;
  roomLabel: string;
  ownerName: string | null;
  ownerPhoneMasked: string | null;
}
