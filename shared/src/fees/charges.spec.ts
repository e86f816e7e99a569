import { addDays, afterWaiver, chargePeriod, contractCovers, contractsOverlap, deferProblem, repairChargeText, waiveProblem } from './charges';

const line = { amountCents: 10_000, paidCents: 3_000, waivedCents: 0, status: 'open' as const, dueDate: '2026-12-15', deferredUntil: null };

describe('fees: charges, contracts, waivers and deferrals', () => {
  it('a contract bills the periods it covers, even in part', () => {
    const c = { startsOn: '2026-11-10', endsOn: null };
    expect(contractCovers(c, '2026-10')).toBe(false);
    expect(contractCovers(c, '2026-11')).toBe(true);
    expect(contractCovers(c, '2026-Q4')).toBe(true);
    expect(contractCovers({ startsOn: '2026-01-01', endsOn: '2026-09-30' }, '2026-Q4')).toBe(false);
    expect(contractCovers({ startsOn: '2026-01-01', endsOn: '2026-10-01' }, '2026-Q4')).toBe(true);
    expect(contractsOverlap({ startsOn: '2026-01-01', endsOn: '2026-06-30' }, { startsOn: '2026-07-01', endsOn: null })).toBe(false);
    expect(contractsOverlap({ startsOn: '2026-01-01', endsOn: null }, { startsOn: '2027-07-01', endsOn: null })).toBe(true);
  });

  it('dates and periods of a charge', () => {
    expect(addDays('2026-12-20', 15)).toBe('2027-01-04');
    expect(chargePeriod('2026-12-03')).toBe('2026-12');
  });

  it('a repair charge in words', () => {
    expect(
      repairChargeText('BX-20261203-0001', [
        { name: '更换水龙头', quantity: 1, amountCents: 8_000 },
        { name: '更换灯具', quantity: 2, amountCents: 4_000 },
      ]),
    ).toBe('维修工单 BX-20261203-0001 更换水龙头 ×1 ¥80.00；更换灯具 ×2 ¥40.00');
  });

  it('a waiver: at most the open principal of an open line', () => {
    expect(waiveProblem(line, 7_000)).toBeNull();
    expect(waiveProblem(line, 7_001)).toBe('减免金额不能超过未缴本金 ¥70.00');
    expect(waiveProblem(line, 0)).toBe('请填写减免金额');
    expect(waiveProblem({ ...line, status: 'paid' }, 1)).toBe('该账单已结清，无需减免');
  });

  it('after a waiver: open, paid (paid + waived = amount) or waived (wholly)', () => {
    expect(afterWaiver(line, 2_000)).toEqual({ waivedCents: 2_000, status: 'open' });
    expect(afterWaiver(line, 7_000)).toEqual({ waivedCents: 7_000, status: 'paid' });
    expect(afterWaiver({ ...line, paidCents: 0 }, 10_000)).toEqual({ waivedCents: 10_000, status: 'waived' });
  });

  it('a deferral: later than the current due date, within a year', () => {
    expect(deferProblem(line, '2027-01-15')).toBeNull();
    expect(deferProblem(line, '2026-12-15')).toBe('缓交日期应晚于当前截止日 2026-12-15');
    expect(deferProblem({ ...line, deferredUntil: '2027-01-15' }, '2027-01-10')).toBe('缓交日期应晚于当前截止日 2027-01-15');
    expect(deferProblem(line, '2028-01-15')).toBe('缓交期限不能超过一年');
    expect(deferProblem({ ...line, status: 'waived' }, '2027-01-15')).toBe('该账单已结清，无需缓交');
  });
});
