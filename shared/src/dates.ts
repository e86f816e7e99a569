import { SHANGHAI_OFFSET_MS } from './sla/shanghai-time';

/** Years outside this range are typing mistakes (0001, 9999), never business dates; both databases store them safely. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2100;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function realDate(y: number, m: number, d: number): boolean {
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real calendar day written YYYY-MM-DD (no 2026-02-30, no 2026-00-00), within DATE_YEAR_MIN..MAX. */
export function isRealDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  return !!m && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A strict ISO 8601 instant: `YYYY-MM-DD`, optionally `THH:mm[:ss[.sss]]` and an offset (`Z`, `+08:00`).
 * Every part must exist on the calendar and the clock. Without an offset the time is Asia/Shanghai's (the
 * platform's local time), a bare date is that day's 00:00 there. Anything else (2026-02-30, 2026-W05,
 * 24:00, +002026) is null, never a silently shifted date.
 */
export function parseInstant(s: unknown): Date | null {
  if (typeof s !== 'string') return null;
  const m = INSTANT_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (!realDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  const msPart = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  let offsetMs = SHANGHAI_OFFSET_MS;
  if (m[8] === 'Z') offsetMs = 0;
  else if (m[8]) {
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(m[8])!;
    const oh = Number(o[2]);
    const om = Number(o[3]);
    if (oh > 14 || om > 59) return null;
    offsetMs = (o[1] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, msPart) - offsetMs);
}

/** `to` is not before `from` (both YYYY-MM-DD or both instants); true when either is missing or invalid (other checks say so). */
export function isOrdered(from: unknown, to: unknown): boolean {
  const a = parseInstant(from);
  const b = parseInstant(to);
  return !a || !b || a.getTime() <= b.getTime();
}
