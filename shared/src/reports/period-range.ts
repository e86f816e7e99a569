import { periodDays } from '../fees/periods';
import { endOfShanghaiDate, startOfShanghaiDate } from '../sla/working-calendar';

/** The instants a report period covers in Shanghai time: [from, to) in UTC, for `created_at >= from AND < to`. */
export function periodInstants(period: string): { from: Date; to: Date } {
  const days = periodDays(period);
  return { from: startOfShanghaiDate(days.from), to: endOfShanghaiDate(days.to) };
}

/** The period before a month ("2026-01" → "2025-12") or a quarter ("2026-Q1" → "2025-Q4"), for month over month. */
export function previousPeriod(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return Number(q[2]) === 1 ? `${Number(q[1]) - 1}-Q4` : `${q[1]}-Q${Number(q[2]) - 1}`;
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
