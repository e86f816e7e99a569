export const Relation = { Owner: 'owner', Family: 'family', Tenant: 'tenant' } as const;
export type Relation = (typeof Relation)[keyof typeof Relation];
export const RELATION_LABELS: Record<Relation, string> = { owner: '业主', family: '家属', tenant: '租户' };

export const BindingStatus = { Pending: 'pending', Approved: 'approved', Rejected: 'rejected', Revoked: 'revoked' } as const;
export type BindingStatus = (typeof BindingStatus)[keyof typeof BindingStatus];
export const BINDING_STATUS_LABELS: Record<BindingStatus, string> = {
  pending: '待审核',
  approved: '已绑定',
  rejected: '已驳回',
  revoked: '已解绑',
};

/** A tenant's request as the room's owner in the app sees it: asked, agreed (approves the binding), declined (rejects it). */
export type OwnerConsent = 'requested' | 'approved' | 'declined';
export const OWNER_CONSENT_LABELS: Record<OwnerConsent, string> = { requested: '待业主确认', approved: '业主已同意', declined: '业主未同意' };

/** Photos of a lease a tenant may attach to a binding request. */
export const MAX_LEASE_PHOTOS = 6;
export const OWNER_DECLINED_REASON = '业主未同意该租户绑定';

/**
 * Why staff may not approve a pending binding, or null. A tenant's needs proof: the owner's consent in the app, or
 * an uploaded lease the supervisor has in front of them. Owners and family are checked by staff as before.
 */
export function bindingApprovalBlock(b: { relation: Relation; leaseCount: number; ownerConsent: OwnerConsent | null }): string | null {
  if (b.relation !== 'tenant' || b.leaseCount > 0 || b.ownerConsent === 'approved') return null;
  if (b.ownerConsent === 'requested') return '等待业主在小程序中确认；租户也可上传租赁合同后再审核';
  if (b.ownerConsent === 'declined') return '业主未同意，且租户未上传租赁合同，不能通过';
  return '该房屋没有业主在小程序中登记，租户也未上传租赁合同，不能通过；请驳回并请租户上传租赁合同';
}
