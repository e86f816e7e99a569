import type { ClockView } from '../sla/clocks';
import type { CalendarOverride } from '../sla/working-calendar';
import type { ComplaintCategory, ComplaintClass, ComplaintKind } from '../tickets/complaint-kinds';
import type { ComplaintAction, ComplaintStatus, ComplaintStep } from '../tickets/complaint-states';
import { type Channel, CHANNEL_LABELS, type RepairEventView, type UploadView } from './repairs';

/*
 * The complaints desk API contract (投诉 / 建议 / 咨询 / 表扬), as the server answers it: views, request shapes,
 * reports and the working calendar. The server's DTO classes `implements` the request interfaces.
 */

// ---------------------------------------------------------------- channels

/**
 * Intake channels. Repairs use `Channel`; the complaints desk also takes paper from the suggestion box (意见箱),
 * email, and what residents raise during a return visit (回访).
 */
export const DESK_ONLY_CHANNELS = ['suggestion_box', 'email', 'return_visit'] as const;
export type DeskOnlyChannel = (typeof DESK_ONLY_CHANNELS)[number];
export type TicketChannel = Channel | DeskOnlyChannel;

export const TICKET_CHANNEL_LABELS: Record<TicketChannel, string> = {
  ...CHANNEL_LABELS,
  suggestion_box: '意见箱',
  email: '邮件',
  return_visit: '回访',
};

/** What staff may record as the intake channel (everything but the mini-program). */
export const STAFF_INTAKE_CHANNELS = ['hotline', 'front_desk', 'visit', ...DESK_ONLY_CHANNELS] as const;
export type StaffIntakeChannel = 'hotline' | 'front_desk' | 'visit' | DeskOnlyChannel;

// ---------------------------------------------------------------- views

/** Shown in place of the reporter's name to staff outside the handling chain when the resident asked for anonymity. */
export const ANONYMOUS_NAME = '匿名';

export interface ComplaintSummary {
  id: number;
  /** TS- / JY- / ZX- / BY-YYYYMMDD-NNNN */
  no: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  /** null until classified; always null for suggestions, inquiries and praise */
  complaintClass: ComplaintClass | null;
  status: ComplaintStatus;
  /** complaintStatusLabel(kind, status) */
  statusLabel: string;
  communityId: number;
  communityName: string;
  /** null when filed for the community, or hidden (anonymous, viewer outside the handling chain) */
  roomId: number | null;
  /** the room label or the place in the community; only the community name when hidden */
  location: string;
  description: string;
  channel: TicketChannel;
  anonymous: boolean;
  writtenReplyWanted: boolean;
  /** the owner by class (shown to everyone, the resident included) */
  ownerId: number | null;
  ownerName: string | null;
  coordinatorId: number | null;
  coordinatorName: string | null;
  /** recorded later from paper: receivedAt is the real receipt, earlier than createdAt */
  backfilled: boolean;
  resolutionDueDate: string | null;
  /** the clock that matters now (earliest running) */
  nextClock: ClockView | null;
  breached: boolean;
  receivedAt: string;
  version: number;
}

export interface ComplaintReporterView {
  /** 匿名 when hidden */
  name: string | null;
  /** full for the handling chain, masked for other staff, null when hidden */
  phone: string | null;
  roomId: number | null;
  roomLabel: string | null;
  /** the identity is hidden from this viewer */
  hidden: boolean;
}

export interface ComplaintReplyView {
  id: number;
  /** resident | system | the staff role */
  authorRole: string;
  authorName: string | null;
  body: string;
  written: boolean;
  attachments: UploadView[];
  at: string;
}

/** The class duties recorded on a complaint (and what `stepsRequiredBeforeResolve` looks for). */
export type ComplaintRecordType = 'developer_contact' | 'notice' | 'authority_report' | 'coordinator';

export interface ComplaintRecordView {
  id: number;
  type: ComplaintRecordType;
  /** developer_contact: contactPerson, contactedAt, agreed; notice: addressee, title, request, text; authority_report: authority, reportedAt, content; coordinator: coordinatorId, coordinatorName, note */
  payload: Record<string, unknown>;
  createdById: number;
  createdByName: string | null;
  at: string;
  /** notice: GET it as printable text/html (with the bearer token) */
  printPath: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
  reporter: ComplaintReporterView;
  receivedById: number | null;
  receivedByName: string | null;
  backfilledById: number | null;
  backfilledByName: string | null;
  createdAt: string;
  measures: string | null;
  resolvedAt: string | null;
  cancelReason: string | null;
  rating: number | null;
  ratingComment: string | null;
  returnVisit: { satisfied: boolean; notes: string | null; at: string } | null;
  photos: UploadView[];
  clocks: ClockView[];
  /** the reply thread (有求必应…有解必答), the intake acknowledgement first */
  thread: ComplaintReplyView[];
  /** class duties recorded (staff only; empty for the resident, who sees the timeline line) */
  records: ComplaintRecordView[];
  timeline: RepairEventView[];
  /** what the caller may do now (allowedComplaintActions) */
  actions: ComplaintAction[];
  /** steps still missing before `resolve` (missingStepsBeforeResolve): class duties, and the written reply when asked for */
  missingSteps: ComplaintStep[];
}

/** GET /api/staff/complaint-owners?communityId=&role= — the classify / reassign / coordinator picker */
export interface ComplaintOwnerCandidate {
  id: number;
  name: string;
  roles: string[];
  /** open complaints this person owns (any class) */
  openComplaints: number;
}

// ---------------------------------------------------------------- requests

/** POST /api/complaints (resident; Idempotency-Key honoured) */
export interface CreateComplaintRequest {
  kind: ComplaintKind;
  /** required for complaints and suggestions */
  category?: ComplaintCategory;
  /** 1–1000 characters */
  text: string;
  /** ≤ 9 ids from POST /api/uploads */
  photoIds?: number[];
  /** one of the caller's approved rooms … */
  roomId?: number;
  /** … or a community where the caller holds a room (about a common area, the neighbourhood, …) */
  communityId?: number;
  /** where in the community (with communityId) */
  place?: string;
  /** 需要书面答复（3 个工作日内） */
  writtenReplyWanted?: boolean;
  /** 不向被投诉人员显示我的姓名 */
  anonymous?: boolean;
}

/** POST /api/staff/complaints — hotline / front desk / visit / suggestion box / email / return-visit intake; paper back-fill with receivedAt (Idempotency-Key honoured) */
export interface StaffIntakeComplaintRequest {
  channel: StaffIntakeChannel;
  kind: ComplaintKind;
  category?: ComplaintCategory;
  text: string;
  communityId: number;
  roomId?: number;
  place?: string;
  contactName?: string;
  contactPhone?: string;
  photoIds?: number[];
  writtenReplyWanted?: boolean;
  anonymous?: boolean;
  /** paper back-fill: when the resident really handed it in (ISO; earlier than now, never in the future) */
  receivedAt?: string;
  /** classify at once (complaints) */
  complaintClass?: ComplaintClass;
  /** with complaintClass: the explicit owner */
  ownerId?: number;
  /** why the class differs from the category's suggestion */
  reason?: string;
}

/** POST /api/complaints/:id/actions/:action — `version` guards races (409); each action reads its own fields. */
export interface ComplaintActionRequest {
  version: number;
  /** classify / reclassify */
  complaintClass?: ComplaintClass;
  /** classify / reclassify: the owner instead of the automatic pick */
  ownerId?: number;
  /** reassign / appoint_coordinator */
  assigneeId?: number;
  /** classify against the suggestion, reclassify, reassign, reopen, cancel (1–200) */
  reason?: string;
  /** reply / follow_up / record_developer_contact (what was agreed) / issue_notice (what the developer is asked to do) / record_authority_report / appoint_coordinator (a note); 1–2000 */
  content?: string;
  /** reply: this is the written reply (书面答复) */
  written?: boolean;
  /** reply / follow_up attachments (≤ 9) */
  photoIds?: number[];
  /** follow_up: the resident now asks for a written reply */
  writtenReplyWanted?: boolean;
  /** record_developer_contact: who at the developer, and when (default now) */
  contactPerson?: string;
  contactedAt?: string;
  /** issue_notice: to whom (default: the developer of the community) */
  addressee?: string;
  /** record_authority_report: which authority, and when (default now) */
  authority?: string;
  reportedAt?: string;
  /** resolve (1–2000) */
  measures?: string;
  /** set_resolution_due: YYYY-MM-DD (Asia/Shanghai), due at its 24:00 */
  dueDate?: string;
  /** rate: 1–5, comment ≤ 500 */
  rating?: number;
  comment?: string;
  /** return_visit */
  satisfied?: boolean;
  notes?: string;
}

export const COMPLAINT_INBOXES = ['agent', 'supervisor', 'manager', 'all'] as const;
export type ComplaintInbox = (typeof COMPLAINT_INBOXES)[number];

/** GET /api/staff/complaints, GET /api/complaints/mine */
export interface ComplaintListQuery {
  /** agent: class 1 and unclassified (suggestions, inquiries, praise included); supervisor: class 2; manager: class 3 and everything overdue */
  inbox?: ComplaintInbox;
  kind?: ComplaintKind;
  /** 1 | 2 | 3, or `none` for not (yet) classified */
  class?: '1' | '2' | '3' | 'none';
  status?: ComplaintStatus | 'open' | 'closed';
  breached?: boolean;
  communityId?: number;
  /** only what I own or coordinate */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

/** GET /api/staff/complaint-owners */
export interface ComplaintOwnersQuery {
  communityId: number;
  role?: 'agent' | 'supervisor' | 'manager';
}

// ---------------------------------------------------------------- reports

/** One line of the monthly disclosure: what, and how it was handled — never who or which room. */
export interface DisclosureEntry {
  no: string;
  kind: ComplaintKind;
  kindLabel: string;
  category: ComplaintCategory;
  categoryLabel: string;
  receivedDate: string;
  /** the matter in a sentence, names, rooms and phone numbers removed */
  summary: string;
  statusLabel: string;
  /** the measures taken (scrubbed), or 正在处理 */
  handling: string;
}

/** GET|PUT /api/staff/reports/disclosure-draft */
export interface DisclosureDraftView {
  id: number;
  communityId: number;
  communityName: string;
  period: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  /** a manager edited the text; a plain GET keeps the edit (regenerate=true rebuilds it) */
  edited: boolean;
  editedByName: string | null;
  editedAt: string | null;
  /** the month's items as the data stands now */
  entries: DisclosureEntry[];
  createdAt: string;
  updatedAt: string;
}

/** GET|PUT /api/staff/reports/disclosure-draft?communityId=&month=YYYY-MM[&regenerate=true] */
export interface DisclosureQuery {
  communityId: number;
  month: string;
  /** rebuild the text from the data even if a manager edited it */
  regenerate?: boolean;
}

/** PUT /api/staff/reports/disclosure-draft body (manager) */
export interface DisclosureEditRequest {
  title?: string;
  body: string;
}

export interface Class2Item {
  no: string;
  category: ComplaintCategory;
  categoryLabel: string;
  status: ComplaintStatus;
  statusLabel: string;
  receivedAt: string;
  /** room or place; 匿名 when the resident asked for anonymity */
  location: string;
  ownerName: string | null;
  /** the first recorded contact with the developer */
  developerContactedAt: string | null;
  /** hours from receipt to that contact */
  developerResponseHours: number | null;
  resolvedAt: string | null;
  measures: string | null;
}

/** GET /api/staff/reports/class2-summary */
export interface Class2SummaryView {
  communityId: number;
  communityName: string;
  handoverDate: string;
  /** the end of the summary period: one year after handover */
  windowEnds: string;
  quarter: string;
  from: string;
  to: string;
  total: number;
  byStatus: Record<ComplaintStatus, number>;
  byCategory: { category: ComplaintCategory; label: string; total: number; byStatus: Record<ComplaintStatus, number> }[];
  developerResponse: { contacted: number; notContacted: number; averageHours: number | null; maxHours: number | null };
  /** received in the quarter */
  items: Class2Item[];
  /** not yet resolved at the time of the report, received up to the quarter's end (earlier quarters' carry-over included) */
  openItems: Class2Item[];
}

/** GET /api/staff/reports/class2-summary?communityId=&quarter=YYYY-Qn[&format=csv] */
export interface Class2Query {
  communityId: number;
  quarter: string;
  format?: 'json' | 'csv';
}

// ---------------------------------------------------------------- working calendar

/** Where a year's arrangement comes from. */
export type CalendarSource = 'company' | 'official' | 'default';

/** GET /api/calendar/:year, GET|PUT /api/admin/calendar/:year */
export interface CalendarYearView {
  year: number;
  /** company: entered by the admin; official: the seeded State Council arrangement; default: weekends and the fixed-date statutory days only */
  source: CalendarSource;
  /** the per-date overrides of this year, by date */
  overrides: CalendarOverride[];
  /** working days in the year under this arrangement */
  workingDays: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** PUT /api/admin/calendar/:year body: the whole year's overrides (≤ 366) */
export interface CalendarYearRequest {
  overrides: CalendarOverride[];
}
