/** Billing periods: a month "2026-11" or a quarter "2026-Q4". */
export type PeriodUnit = 'month' | 'quarter';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isPeriod(s: unknown, unit?: PeriodUnit): s is string {
  if (typeof s !== 'string') return false;
  const m = MONTH.exec(s);
  const q = QUARTER.exec(s);
  const year = Number((m ?? q)?.[1]);
  if (!(year >= 2000 && year <= 2100)) return false;
  return unit === 'month' ? !!m : unit === 'quarter' ? !!q : !!(m || q);
}

/** The period a Shanghai calendar date falls in. */
export function periodOf(date: string, unit: PeriodUnit): string {
  const [y, m] = [date.slice(0, 4), Number(date.slice(5, 7))];
  return unit === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}

/** First and last calendar day of a period (inclusive). */
export function periodDays(period: string): { from: string; to: string; months: number } {
  const m = MONTH.exec(period);
  const q = QUARTER.exec(period);
  if (!m && !q) throw new RangeError(`not a period: ${period}`);
  const year = Number((m ?? q)![1]);
  const first = m ? Number(m[2]) : (Number(q![2]) - 1) * 3 + 1;
  const months = m ? 1 : 3;
  const last = first + months - 1;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const mm = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(last)}-${mm(lastDay)}`, months };
}

/** "2026年11月" / "2026年第4季度" */
export function periodLabel(period: string): string {
  const m = MONTH.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = QUARTER.exec(period);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return period;
}

/**
 * The due date of a period's bill: `dueDay` of the month after the period ends (1–28, so every month has it):
 * 2026-11 with dueDay 15 → 2026-12-15.
 */
export function dueDateOf(period: string, dueDay: number): string {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 28) throw new RangeError(`dueDay 1..28: ${dueDay}`);
  const { to } = periodDays(period);
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCDate(dueDay);
  return d.toISOString().slice(0, 10);
}

/** SJ-20261202-0007: a receipt number from the Shanghai date of the payment and the day's sequence. */
export function receiptNo(shanghaiDate: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) throw new RangeError(`receipt sequence 1..9999: ${seq}`);
  return `SJ-${shanghaiDate.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
}

/** The month `k` months before a Shanghai date's month (k = 0: its own): monthBefore('2026-12-03', 2) → "2026-10". */
export function monthBefore(date: string, k: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 - k, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
