import { visitPlan } from './visit-plan';

describe('the customer-visit plan', () => {
  it.each([
    // households, yearly households, monthly visits
    [999, 999, 84],
    [1000, 1000, 84],
    [1001, 801, 67],
    [5000, 4000, 334],
    [40, 40, 25],
    [300, 300, 25],
    [301, 301, 26],
    [0, 0, 25],
  ])('%i households → %i a year, %i a month', (n, yearly, monthly) => {
    const p = visitPlan(n);
    expect(p.yearlyHouseholds).toBe(yearly);
    expect(p.monthlyVisits).toBe(monthly);
    expect(p.managerDeepVisitsPerMonth).toBe(2);
  });

  it('names the rule it applied', () => {
    expect(visitPlan(40).rule).toContain('每月访谈不少于 25 户');
    expect(visitPlan(1000).rule).toContain('全部 1000 户');
    expect(visitPlan(1001).rule).toContain('80%（801 户）');
  });
});
