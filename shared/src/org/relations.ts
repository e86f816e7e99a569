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
