import { isVisitOverdue, newResidentVisitDue, shanghaiYearRange } from './new-resident-visit';
import { shanghaiMonth } from '../sla/shanghai-time';

describe('new-resident return visits', () => {
  it.each([
    // bound at (UTC), due (UTC) = 24:00 Shanghai of the same day a month later
    ['2026-03-10T02:00:00.000Z', '2026-04-10T16:00:00.000Z'],
    // 23:30 Shanghai on 31 Jan → the last day of February
    ['2026-01-31T15:30:00.000Z', '2026-02-28T16:00:00.000Z'],
    // 00:30 Shanghai on 1 Dec (still 30 Nov in UTC) → 1 Jan
    ['2026-11-30T16:30:00.000Z', '2027-01-01T16:00:00.000Z'],
    ['2026-12-15T01:00:00.000Z', '2027-01-15T16:00:00.000Z'],
  ])('bound %s → due %s', (bound, due) => {
    expect(newResidentVisitDue(new Date(bound)).toISOString()).toBe(due);
  });

  it('is overdue once open past its due time', () => {
    const dueAt = new Date('2026-04-10T16:00:00.000Z');
    expect(isVisitOverdue({ status: 'open', dueAt }, new Date('2026-04-10T15:59:59.000Z'))).toBe(false);
    expect(isVisitOverdue({ status: 'open', dueAt }, new Date('2026-04-10T16:00:00.000Z'))).toBe(true);
    expect(isVisitOverdue({ status: 'done', dueAt }, new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('reasons in Shanghai months and years', () => {
    expect(shanghaiMonth(new Date('2026-12-31T16:30:00.000Z'))).toBe('2027-01');
    expect(shanghaiYearRange(2026).from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});
