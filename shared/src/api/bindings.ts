import type { BindingStatus, Relation } from '../org/relations';

/** POST /api/bindings (Idempotency-Key honoured) */
export interface CreateBindingRequest {
  roomId: number;
  relation: Relation;
  /** the resident's name as it should appear to staff */
  name: string;
}
export interface BindingView {
  id: number;
  roomId: number;
  roomLabel: string;
  communityId: number;
  communityName: string;
  relation: Relation;
  status: BindingStatus;
  /** how an approved binding was verified */
  verifiedBy: 'phone_match' | 'staff' | null;
  rejectReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  version: number;
}
/** Supervisor's list (GET /api/staff/bindings?status=pending&communityId=) */
export interface BindingStaffView extends BindingView {
  residentId: number;
  residentName: string;
  residentPhoneMasked: string | null;
  ownerNameOnRecord: string | null;
}
/** POST /api/staff/bindings/:id/approve | /reject — `version` guards against concurrent decisions (409). */
export interface DecideBindingRequest {
  version: number;
  reason?: string;
}
