import type { PassKind, PassStatus } from '../passes/pass-kinds';
import type { ScanRefusal } from '../passes/pass-check';
import type { WorkHours } from '../passes/work-hours';

/** A community's pass rules (defaults when it has none of its own: version 0, isDefault). */
export interface PassPolicyView {
  communityId: number;
  workHours: WorkHours;
  visitorMaxDays: number;
  visitorMaxEntries: number;
  tenantMaxVisitorPasses: number;
  version: number;
  isDefault: boolean;
}

/** The rotating code a holder's page shows, and when to fetch the next one. */
export interface PassCodeView {
  code: string;
  refreshAt: string;
}

/** A guard's answer: green or red, full screen, with what identifies the holder (phone masked). */
export interface ScanResultView {
  scanId: number;
  result: 'green' | 'red';
  reason: ScanRefusal | null;
  /** zh-CN, shown large when red */
  reasonText: string | null;
  /** a detail of the refusal (the permitted work hours) */
  detail: string | null;
  pass: {
    id: number;
    kind: PassKind;
    kindLabel: string;
    status: PassStatus;
    holderName: string;
    holderPhoneMasked: string | null;
    roomLabel: string;
    plate: string | null;
    validFrom: string;
    validUntil: string;
    entriesTotal: number | null;
    /** after this scan */
    entriesLeft: number | null;
  } | null;
  direction: 'in' | 'out';
  scannedAt: string;
}
