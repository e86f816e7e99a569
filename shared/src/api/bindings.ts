import type { BindingStatus, OwnerConsent, Relation } from '../org/relations';
import type { UploadView } from './repairs';

/** POST /api/bindings (Idempotency-Key honoured) */
export interface CreateBindingRequest {
  roomId: number;
  relation: Relation;
  /** the resident's name as it should appear to staff */
  name: string;
  /** tenants only: photos of the lease (uploads of the caller, at most MAX_LEASE_PHOTOS), shown to the supervisor */
  leaseUploadIds?: number[];
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
  verifiedBy: 'phone_match' | 'staff' | 'owner_consent' | null;
  /** tenants: whether the room's owner in the app was asked and what they said (null: no owner in the app to ask) */
  ownerConsent: OwnerConsent | null;
  /** photos of the lease attached (GET /api/me does not load them: 0 there) */
  leaseCount: number;
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
  /** the lease photos (signed URLs) */
  leasePhotos: UploadView[];
  /** pending only: why 通过 is refused (a tenant without the owner's consent or a lease), else null */
  approveBlockedReason: string | null;
}
/** A tenant's request for the owner's consent (GET /api/bindings/consents): the tenant's name and masked phone only. */
export interface BindingConsentView {
  id: number;
  roomLabel: string;
  communityName: string;
  tenantName: string;
  tenantPhoneMasked: string | null;
  status: BindingStatus;
  consent: OwnerConsent;
  createdAt: string;
  version: number;
}
/** POST /api/bindings/:id/consent — the owner agrees (the binding is approved) or declines (it is rejected). */
export interface ConsentBindingRequest {
  version: number;
  agree: boolean;
}
/** POST /api/staff/bindings/:id/approve | /reject — `version` guards against concurrent decisions (409). */
export interface DecideBindingRequest {
  version: number;
  reason?: string;
}
