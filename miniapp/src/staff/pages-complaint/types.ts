import type {
  CalendarOverride,
  ClockView,
  ComplaintAction,
  ComplaintCategory,
  ComplaintClass,
  ComplaintKind,
  ComplaintStatus,
  RepairEventView,
  UploadView,
} from '@linli/shared';

/*
 * The complaints API contract, mirrored from server/src/tickets/complaints/complaint.views.ts, reports.service.ts and
 * sla/calendar.service.ts until it lands in shared/src/api/complaints.ts (then import these from '@linli/shared').
 */

export type ComplaintChannel = 'miniapp' | 'hotline' | 'front_desk' | 'visit' | 'suggestion_box' | 'email' | 'return_visit';
export type StaffIntakeChannel = Exclude<ComplaintChannel, 'miniapp'>;
export type ComplaintRecordType = 'developer_contact' | 'notice' | 'authority_report' | 'coordinator';
export type ComplaintInbox = 'agent' | 'supervisor' | 'manager' | 'all';

export interface ComplaintSummary {
  id: number;
  no: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  complaintClass: ComplaintClass | null;
  status: ComplaintStatus;
  statusLabel: string;
  communityId: number;
  communityName: string;
  roomId: number | null;
  location: string;
  description: string;
  channel: ComplaintChannel;
  anonymous: boolean;
  writtenReplyWanted: boolean;
  ownerId: number | null;
  ownerName: string | null;
  coordinatorId: number | null;
  coordinatorName: string | null;
  backfilled: boolean;
  resolutionDueDate: string | null;
  nextClock: ClockView | null;
  breached: boolean;
  receivedAt: string;
  version: number;
}

export interface ComplaintReporterView {
  name: string | null;
  phone: string | null;
  roomId: number | null;
  roomLabel: string | null;
  hidden: boolean;
}

export interface ComplaintReplyView {
  id: number;
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
  payload: Record<string, unknown>;
  createdById: number;
  createdByName: string | null;
  at: string;
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
  thread: ComplaintReplyView[];
  records: ComplaintRecordView[];
  timeline: RepairEventView[];
  actions: ComplaintAction[];
  missingSteps: ComplaintAction[];
}

export interface ComplaintOwnerCandidate {
  id: number;
  name: string;
  roles: string[];
  openComplaints: number;
}

export interface ComplaintListQuery {
  inbox?: ComplaintInbox;
  kind?: ComplaintKind;
  class?: '1' | '2' | '3' | 'none';
  status?: ComplaintStatus | 'open' | 'closed';
  breached?: boolean;
  communityId?: number;
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

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
  receivedAt?: string;
  complaintClass?: ComplaintClass;
  ownerId?: number;
  reason?: string;
}

export interface ComplaintActionRequest {
  version: number;
  complaintClass?: ComplaintClass;
  ownerId?: number;
  assigneeId?: number;
  reason?: string;
  content?: string;
  written?: boolean;
  photoIds?: number[];
  writtenReplyWanted?: boolean;
  contactPerson?: string;
  contactedAt?: string;
  addressee?: string;
  authority?: string;
  reportedAt?: string;
  measures?: string;
  dueDate?: string;
  rating?: number;
  comment?: string;
  satisfied?: boolean;
  notes?: string;
}

export interface DisclosureEntry {
  no: string;
  kind: ComplaintKind;
  kindLabel: string;
  category: ComplaintCategory;
  categoryLabel: string;
  receivedDate: string;
  summary: string;
  statusLabel: string;
  handling: string;
}

export interface DisclosureDraftView {
  id: number;
  communityId: number;
  communityName: string;
  period: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  edited: boolean;
  editedByName: string | null;
  editedAt: string | null;
  entries: DisclosureEntry[];
  createdAt: string;
  updatedAt: string;
}

export interface Class2Item {
  no: string;
  category: ComplaintCategory;
  categoryLabel: string;
  status: ComplaintStatus;
  statusLabel: string;
  receivedAt: string;
  location: string;
  ownerName: string | null;
  developerContactedAt: string | null;
  developerResponseHours: number | null;
  resolvedAt: string | null;
  measures: string | null;
}

export interface Class2SummaryView {
  communityId: number;
  communityName: string;
  handoverDate: string;
  windowEnds: string;
  quarter: string;
  from: string;
  to: string;
  total: number;
  byStatus: Record<ComplaintStatus, number>;
  byCategory: { category: ComplaintCategory; label: string; total: number; byStatus: Record<ComplaintStatus, number> }[];
  developerResponse: { contacted: number; notContacted: number; averageHours: number | null; maxHours: number | null };
  items: Class2Item[];
  openItems?: Class2Item[];
}

export interface CalendarYearView {
  year: number;
  source: 'company' | 'official' | 'default';
  overrides: CalendarOverride[];
  workingDays: number;
  updatedAt: string | null;
  updatedByName: string | null;
}
