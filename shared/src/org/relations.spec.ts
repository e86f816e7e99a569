import { bindingApprovalBlock } from './relations';

describe('binding approval: a tenant needs the owner’s consent or a lease', () => {
  it('owners and family are not blocked', () => {
    expect(bindingApprovalBlock({ relation: 'owner', leaseCount: 0, ownerConsent: null })).toBeNull();
    expect(bindingApprovalBlock({ relation: 'family', leaseCount: 0, ownerConsent: null })).toBeNull();
  });

  it('a tenant with a lease, or with the owner’s consent, may be approved', () => {
    expect(bindingApprovalBlock({ relation: 'tenant', leaseCount: 1, ownerConsent: null })).toBeNull();
    expect(bindingApprovalBlock({ relation: 'tenant', leaseCount: 2, ownerConsent: 'requested' })).toBeNull();
    expect(bindingApprovalBlock({ relation: 'tenant', leaseCount: 0, ownerConsent: 'approved' })).toBeNull();
  });

  it('a tenant with neither is blocked with a reason that says what is missing', () => {
    expect(bindingApprovalBlock({ relation: 'tenant', leaseCount: 0, ownerConsent: null })).toMatch(/没有业主.*未上传租赁合同/);
    expect(bindingApprovalBlock({ relation: 'tenant', leaseCount: 0, ownerConsent: 'requested' })).toMatch(/等待业主/);
    expect(bindingApprovalBlock({ relation: 'tenant', leaseCount: 0, ownerConsent: 'declined' })).toMatch(/业主未同意/);
  });
});
