import { checkPass, CheckablePass, CheckContext, consumesUse } from './pass-check';
import { parsePassCode, passCodeFresh, passCodeStep } from './pass-code';
import { DEFAULT_WORK_HOURS } from './work-hours';

const monday10 = new Date('2026-12-07T10:00:00+08:00');
const pass = (o: Partial<CheckablePass> = {}): CheckablePass => ({
  kind: 'visitor',
  status: 'active',
  communityId: 1,
  validFrom: new Date('2026-12-07T00:00:00+08:00'),
  validUntil: new Date('2026-12-08T00:00:00+08:00'),
  entriesTotal: 1,
  entriesUsed: 0,
  ...o,
});
const ctx = (o: Partial<CheckContext> = {}): CheckContext => ({ at: monday10, communityIds: [1], workHours: DEFAULT_WORK_HOURS, consuming: true, ...o });

describe('checkPass', () => {
  it('admits an active pass inside its window', () => expect(checkPass(pass(), ctx())).toEqual({ ok: true }));
  it.each<[Partial<CheckablePass>, Partial<CheckContext>, string]>([
    [{ communityId: 2 }, {}, 'other_community'],
    [{ status: 'revoked' }, {}, 'revoked'],
    [{ status: 'review' }, {}, 'not_issued'],
    [{ status: 'pending_payment' }, {}, 'not_issued'],
    [{}, { at: new Date('2026-12-06T23:59:59+08:00') }, 'not_yet_valid'],
    [{}, { at: new Date('2026-12-08T00:00:00+08:00') }, 'expired'],
    [{ entriesUsed: 1 }, {}, 'used_up'],
    [{ kind: 'worker', entriesTotal: null }, { at: new Date('2026-12-07T12:30:00+08:00') }, 'outside_work_hours'],
  ])('refuses %j %j: %s', (p, c, reason) => {
    const r = checkPass(pass(p), ctx(c));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });
  it('lets a used-up pass out', () => expect(checkPass(pass({ entriesUsed: 1 }), ctx({ consuming: false }))).toEqual({ ok: true }));
  it('admits a worker inside the hours and names the hours when refusing', () => {
    expect(checkPass(pass({ kind: 'worker', entriesTotal: null }), ctx())).toEqual({ ok: true });
    const r = checkPass(
      pass({ kind: 'worker', entriesTotal: null, validUntil: new Date('2026-12-31T00:00:00+08:00') }),
      ctx({ at: new Date('2026-12-12T10:00:00+08:00') }),
    );
    expect(!r.ok && r.detail).toContain('周一至周五');
  });
});

describe('consumesUse', () => {
  it('counts entries, except a large-item release, which is used on the way out', () => {
    expect(consumesUse('visitor', 'in')).toBe(true);
    expect(consumesUse('visitor', 'out')).toBe(false);
    expect(consumesUse('item_release', 'out')).toBe(true);
    expect(consumesUse('item_release', 'in')).toBe(false);
  });
});

describe('pass codes', () => {
  it('reads the shape and nothing else', () => {
    expect(parsePassCode(' LP1.42.59000000.abcdefghijklmnop ')).toMatchObject({ passId: 42, step: 59000000, payload: 'LP1.42.59000000' });
    for (const bad of ['', 'LP1.0.1.abcdefghijklmnop', 'LP1.42.1.short', 'LP2.42.1.abcdefghijklmnop', 'LP1.99999999999.1.abcdefghijklmnop', 42, null])
      expect(parsePassCode(bad)).toBeNull();
  });
  it('is fresh for its own step and the next, not older, not from the future', () => {
    const now = new Date('2026-12-07T10:00:15Z');
    const s = passCodeStep(now);
    expect(passCodeFresh(s, now)).toBe(true);
    expect(passCodeFresh(s - 1, now)).toBe(true);
    expect(passCodeFresh(s - 2, now)).toBe(false);
    expect(passCodeFresh(s + 1, now)).toBe(false);
  });
});
