import type { ClockView, ComplaintAction, ComplaintCategory, ComplaintClass, ComplaintKind, ComplaintStatus, RepairEventView, UploadView } from '@linli/shared';
import type { TicketChannel } from '../ticket-kinds';
import type { ComplaintRecordType } from './entities/complaint-record.entity';

/*
 * The complaints API contract as the server answers it. Written to move verbatim into shared/src/api/complaints.ts
 * when the apps are built (this session could change only ClockName in shared).
 */

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
  /** class duties still missing before `resolve` (missingStepsBeforeResolve), for the owner's checklist */
  missingSteps: ComplaintAction[];
}

/** GET /api/staff/complaint-owners?communityId=&role= — the classify / reassign / coordinator picker */
export interface ComplaintOwnerCandidate {
  id: number;
  name: string;
  roles: string[];
  /** open complaints this person owns (any class) */
  openComplaints: number;
}
