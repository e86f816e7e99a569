/** Passes (issue #14): every credential a guard verifies is one `passes` row of one of these kinds. */
export const PassKind = {
  Visitor: 'visitor',
  Resident: 'resident',
  Worker: 'worker',
  Parking: 'parking',
  ItemRelease: 'item_release',
} as const;
export type PassKind = (typeof PassKind)[keyof typeof PassKind];

export const PASS_KIND_LABELS: Record<PassKind, string> = {
  visitor: '访客通行证',
  resident: '住户出入证',
  worker: '装修出入证',
  parking: '停车证',
  item_release: '大件物品放行',
};

/**
 * Stored states. Expiry and used-up entries are not states: they follow from the window and the counter when the
 * pass is read or scanned. pending_consent: a tenant's request waiting for the owner; pending_payment: a parking
 * pass waiting for its fee; review: in the staff queue; returned: refused by staff with a reason.
 */
export const PassStatus = {
  PendingConsent: 'pending_consent',
  PendingPayment: 'pending_payment',
  Review: 'review',
  Active: 'active',
  Returned: 'returned',
  Revoked: 'revoked',
  Cancelled: 'cancelled',
} as const;
export type PassStatus = (typeof PassStatus)[keyof typeof PassStatus];

export const PASS_STATUS_LABELS: Record<PassStatus, string> = {
  pending_consent: '待业主同意',
  pending_payment: '待缴费',
  review: '待审核',
  active: '有效',
  returned: '已退回',
  revoked: '已作废',
  cancelled: '已撤销',
};

/** The service standard per kind (DOMAIN.md, Passes): minutes from the moment a pass can be issued to its issue. */
export const PASS_ISSUE_MINUTES: Record<PassKind, number> = {
  visitor: 2,
  resident: 2,
  worker: 2,
  parking: 10,
  item_release: 60,
};

/** The clocks table's subject type for passes; the clock is ClockName.PassIssue. */
export const PASS_SUBJECT = 'pass';

export function passIssueDue(kind: PassKind, from: Date): Date {
  return new Date(from.getTime() + PASS_ISSUE_MINUTES[kind] * 60_000);
}

/** A visitor pass's window is at most 7 days (DOMAIN.md); a community's policy may allow fewer. */
export const VISITOR_MAX_DAYS = 7;
