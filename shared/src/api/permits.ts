import type { ClockView } from '../sla/clocks';
import type { PassStatus } from '../passes/pass-kinds';
import type { PermitStatus } from '../passes/permits';
import type { ScanRefusal } from '../passes/pass-check';

/** A worker named on a permit: the ID number only ever masked (110***********1234). */
export interface PermitWorkerView {
  name: string;
  idMasked: string;
}

/** A worker's pass issued on approval, with what a scan would answer now (checkPass on the server's clock). */
export interface PermitPassView {
  id: number;
  holderName: string;
  status: PassStatus;
  validFrom: string;
  validUntil: string;
  /** the share link's token (owner only; null for staff) */
  linkToken: string | null;
  issuedAt: string | null;
  /** a scan now would be green */
  validNow: boolean;
  /** red now only because of the work hours */
  outsideHours: boolean;
  /** why a scan now would be red (null when green) */
  refusal: ScanRefusal | null;
  refusalText: string | null;
  /** the issue clock (签发, 2 minutes) */
  clock: ClockView | null;
}

/** One row of the staff queue or the owner's list. */
export interface PermitListItem {
  id: number;
  communityId: number;
  communityName: string;
  roomId: number;
  roomLabel: string;
  contractorName: string;
  startsOn: string;
  endsOn: string;
  workerCount: number;
  status: PermitStatus;
  statusLabel: string;
  createdAt: string;
  /** the review clock (装修审核, 24 h) */
  reviewClock: ClockView | null;
  version: number;
}

export interface PermitView extends PermitListItem {
  applicantName: string | null;
  /** masked for staff (138****5678), in full for the owner who typed it */
  contractorPhone: string;
  description: string | null;
  workers: PermitWorkerView[];
  reviewNote: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  passes: PermitPassView[];
  /** the community's permitted work hours, printed ("周一至周五 08:00–12:00、14:00–18:00") */
  workHoursText: string;
  /** what the caller may do now */
  actions: ('approve' | 'return' | 'cancel' | 'revoke')[];
}
