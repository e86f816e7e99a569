import { permitPassWindow, permitPeriodProblem } from './permits';

describe('decoration permit periods', () => {
  it('accepts today through 180 days, refuses the past, inverted and over-long periods', () => {
    expect(permitPeriodProblem('2026-12-03', '2026-12-03', '2026-12-03')).toBeNull();
    expect(permitPeriodProblem('2026-12-03', '2027-05-31', '2026-12-03')).toBeNull(); // 180 days
    expect(permitPeriodProblem('2026-12-03', '2027-06-01', '2026-12-03')).toContain('180');
    expect(permitPeriodProblem('2026-12-02', '2026-12-05', '2026-12-03')).toContain('早于今天');
    expect(permitPeriodProblem('2026-12-06', '2026-12-05', '2026-12-03')).toContain('晚于');
    expect(permitPeriodProblem('2026-02-30', '2026-12-05', '2026-01-01')).toContain('请选择');
  });
  it('gives worker passes the period from its first 00:00 to the 00:00 after its last day, Shanghai time', () => {
    const w = permitPassWindow('2026-12-07', '2026-12-08');
    expect(w.validFrom.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(w.validUntil.toISOString()).toBe('2026-12-08T16:00:00.000Z');
  });
});
