import { shiftError } from './shift-rules';

const H = 3_600_000;
const D = 24 * H;

describe('duty shift rules', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('a normal shift, a 24-hour watch and one 90 days ahead are fine', () => {
    expect(shiftError(at(H), at(9 * H), now)).toBeNull();
    expect(shiftError(at(H), at(25 * H), now)).toBeNull();
    expect(shiftError(at(90 * D), at(90 * D + 8 * H), now)).toBeNull();
    // rostering a shift that already began (a late entry) is not refused
    expect(shiftError(at(-2 * H), at(6 * H), now)).toBeNull();
  });

  it('refuses end before start, over 24 hours, a start more than 90 days ahead, and invalid instants', () => {
    expect(shiftError(at(9 * H), at(H), now)).toBe('shift_end_before_start');
    expect(shiftError(at(H), at(H), now)).toBe('shift_end_before_start');
    expect(shiftError(at(H), at(25 * H + 1), now)).toBe('shift_too_long');
    expect(shiftError(at(H), new Date('2099-12-31T00:00:00Z'), now)).toBe('shift_too_long');
    expect(shiftError(at(90 * D + 1), at(90 * D + 8 * H), now)).toBe('shift_too_far_ahead');
    expect(shiftError(new Date('x'), at(H), now)).toBe('shift_invalid');
  });

  it('refuses a shift entirely in the past (ending now or earlier); one still running is a late entry', () => {
    expect(shiftError(at(-10 * H), at(-2 * H), now)).toBe('shift_in_past');
    expect(shiftError(at(-8 * H), at(0), now)).toBe('shift_in_past');
    expect(shiftError(at(-8 * H), at(1), now)).toBeNull();
  });
});
