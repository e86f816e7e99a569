import type { PassKind, PassStatus } from '../passes/pass-kinds';
import type { PassState } from '../passes/visitor-pass';

/** A pass as its creator / holder / the room's owner sees it (GET /api/passes/mine, POST create, GET /api/passes/:id). */
export interface PassView {
  id: number;
  kind: PassKind;
  kindLabel: string;
  status: PassStatus;
  /** status + window + entries at the time of the answer */
  state: PassState;
  stateLabel: string;
  communityId: number;
  roomId: number;
  roomLabel: string;
  holderName: string;
  /** full for the creator / holder, masked for staff */
  holderPhone: string | null;
  plate: string | null;
  validFrom: string;
  validUntil: string;
  entriesTotal: number | null;
  entriesUsed: number;
  /** visitor passes: `/pages-passes/visit/index?token=…` (the page a visitor opens without logging in) */
  shareLink: string | null;
  linkToken: string | null;
  /** the caller may fetch the rotating code (the holder, the creator) */
  canShowCode: boolean;
  canRevoke: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string;
  version: number;
}

/** One verification (or manual entry) in the scan log. */
export interface PassScanView {
  id: number;
  passId: number | null;
  kind: PassKind | null;
  kindLabel: string | null;
  /** the holder's name (staff only), or the name written by hand on a manual entry */
  holderName: string | null;
  roomLabel: string | null;
  guardId: number;
  guardName: string;
  gate: string | null;
  direction: 'in' | 'out';
  result: 'green' | 'red';
  reason: string | null;
  reasonText: string | null;
  manual: boolean;
  manualNote: string | null;
  /** when the guard wrote it down offline (manual entries) */
  clientAt: string | null;
  scannedAt: string;
}

/** Staff's view of a pass (pages-passes/detail): the holder's phone masked, its latest scans. */
export interface PassDetailView extends PassView {
  scans: PassScanView[];
}

/** What the visitor's link page shows, without a login: no more than the visitor needs. */
export interface PassLinkView {
  passId: number;
  kind: PassKind;
  kindLabel: string;
  state: PassState;
  stateLabel: string;
  communityName: string;
  roomLabel: string;
  /** the host resident, masked: 张* */
  hostName: string;
  visitorName: string;
  plate: string | null;
  validFrom: string;
  validUntil: string;
  entriesTotal: number | null;
  entriesUsed: number;
  /** only while the pass can be used */
  code: string | null;
  refreshAt: string | null;
}

/** POST /api/passes/visitor */
export interface CreateVisitorPassRequest {
  roomId: number;
  visitorName: string;
  visitorPhone?: string;
  plate?: string;
  /** YYYY-MM-DD, Asia/Shanghai */
  startsOn: string;
  days: number;
  entries: number;
}

/** POST /api/passes/scans/manual — a guard's offline record, synced later (client_ref makes it idempotent). */
export interface ManualScanRequest {
  communityId: number;
  gate?: string;
  direction: 'in' | 'out';
  name: string;
  room: string;
  note?: string;
  clientRef: string;
  /** when the guard wrote it, ISO */
  clientAt: string;
}
