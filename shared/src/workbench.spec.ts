import { workbenchCountPlan } from './workbench';

describe('workbench count plan', () => {
  it('the desk sees ticket counts; supervisors and up also the binding approvals; a technician or guard none', () => {
    expect(workbenchCountPlan(['agent'])).toEqual({
      repairs: ['toAccept', 'toDispatch', 'overdue', 'toReturnVisit'],
      complaints: ['toAccept', 'overdue', 'toReturnVisit'],
      bindings: [],
      'new-resident-visits': ['toReturnVisit', 'overdue'],
    });
    expect(workbenchCountPlan(['supervisor']).bindings).toEqual(['toApprove']);
    expect(workbenchCountPlan(['technician'])).toEqual({ repairs: [], complaints: [], bindings: [], 'new-resident-visits': [] });
    expect(workbenchCountPlan(['guard', 'cashier'])).toEqual({ repairs: [], complaints: [], bindings: [], 'new-resident-visits': [] });
  });
});
