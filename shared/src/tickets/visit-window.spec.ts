import { lastVisitDay, latestVisitAt, nextVisitSlot, shanghaiSlot, visitAtError } from './visit-window';

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

describe('next visit slot (the pickers’ default)', () => {
  it('is the next working-hours slot an hour ahead, never midnight', () => {
    expect(nextVisitSlot(sh('2026-11-23T09:10:00'), 30)?.toISOString()).toBe(sh('2026-11-23T11:00:00').toISOString());
    // 11:30 → 13:00 (lunch is no slot); late evening → 08:00 the next day, not 00:00
    expect(nextVisitSlot(sh('2026-11-23T11:30:00'), 30)?.toISOString()).toBe(sh('2026-11-23T13:00:00').toISOString());
    expect(nextVisitSlot(sh('2026-11-23T22:30:00'), 30)?.toISOString()).toBe(sh('2026-11-24T08:00:00').toISOString());
    // 23:30 Shanghai is 15:30 UTC: still the Shanghai day, so tomorrow 08:00 Shanghai
    expect(nextVisitSlot(sh('2026-11-23T23:30:00'), 30)?.toISOString()).toBe(sh('2026-11-24T08:00:00').toISOString());
  });

  it('skips slots another visit takes within the hour', () => {
    const now = sh('2026-11-23T22:30:00');
    const taken = [sh('2026-11-24T08:00:00').toISOString(), sh('2026-11-24T09:30:00'), null];
    expect(nextVisitSlot(now, 30, taken)?.toISOString()).toBe(sh('2026-11-24T11:00:00').toISOString());
  });

  it('stays inside the visit window: none when the window has no working hour left', () => {
    expect(nextVisitSlot(sh('2026-11-23T20:30:00'), 0)).toBeNull();
    const slot = nextVisitSlot(sh('2026-11-23T20:30:00'), 1)!;
    expect(visitAtError(slot, sh('2026-11-23T20:30:00'), 1)).toBeNull();
  });

  it('shanghaiSlot counts days in Shanghai', () => {
    expect(shanghaiSlot(sh('2026-11-23T23:30:00'), 1, 8).toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });
});
