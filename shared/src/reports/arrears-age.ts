/** Arrears by age (欠费账龄) as the monthly report groups them: how long past its due date a line is at the report's end. */
export type ArrearsAge = 'upTo1' | 'upTo3' | 'upTo12' | 'over12';

export const ARREARS_AGES: readonly ArrearsAge[] = ['upTo1', 'upTo3', 'upTo12', 'over12'];

export const ARREARS_AGE_LABELS: Record<ArrearsAge, string> = {
  upTo1: '1 个月以内',
  upTo3: '1–3 个月',
  upTo12: '3–12 个月',
  over12: '12 个月以上',
};

/** A calendar date (YYYY-MM-DD) plus whole months; the day is clamped to the month's end (01-31 + 1 → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.toISOString().slice(0, 8)}${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The bucket of a line due on `due`, overdue at `asOf` (upper bounds inclusive: exactly one month late is ≤ 1). */
export function arrearsAge(due: string, asOf: string): ArrearsAge {
  if (asOf <= addMonths(due, 1)) return 'upTo1';
  if (asOf <= addMonths(due, 3)) return 'upTo3';
  if (asOf <= addMonths(due, 12)) return 'upTo12';
  return 'over12';
}

/** Open principal (cents) per age bucket of the lines overdue at `asOf`. */
export function arrearsByAge(lines: readonly { dueDate: string; openCents: number }[], asOf: string): Record<ArrearsAge, number> {
  const out: Record<ArrearsAge, number> = { upTo1: 0, upTo3: 0, upTo12: 0, over12: 0 };
  for (const l of lines) if (l.openCents > 0 && asOf > l.dueDate) out[arrearsAge(l.dueDate, asOf)] += l.openCents;
  return out;
}
