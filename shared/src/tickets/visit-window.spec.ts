import { lastVisitDay, latestVisitAt, visitAtError } from './visit-window';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('visit window', () => {
  const now = sh('2026-11-23T22:30:00');

  it('ends at 24:00 Shanghai of the picker’s last day', () => {
    expect(lastVisitDay(now, 30)).toBe('2026-12-23');
    expect(latestVisitAt(now, 30).toISOString()).toBe(sh('2026-12-24T00:00:00').toISOString());
    // 23:30 Shanghai is still "today" there although UTC is already tomorrow
    expect(lastVisitDay(sh('2026-11-23T23:30:00'), 0)).toBe('2026-11-23');
  });

  it('accepts from a minute ago up to the last day; refuses the past, 9999-12-31 and invalid dates', () => {
    expect(visitAtError(now, now, 30)).toBeNull();
    expect(visitAtError(new Date(now.getTime() - 30_000), now, 30)).toBeNull();
    expect(visitAtError(sh('2026-12-23T23:59:00'), now, 30)).toBeNull();
    expect(visitAtError(new Date(now.getTime() - 61_000), now, 30)).toBe('visit_past');
    expect(visitAtError(sh('2026-12-24T00:00:00'), now, 30)).toBe('visit_too_far');
    expect(visitAtError(new Date('9999-12-31T00:00:00Z'), now, 30)).toBe('visit_too_far');
    expect(visitAtError(sh('2026-11-30T10:00:00'), now, 3)).toBe('visit_too_far');
    expect(visitAtError(new Date('nope'), now, 30)).toBe('visit_invalid');
  });
});
