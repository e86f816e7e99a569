import { periodOf } from '@linli/shared';

/** The periods offered for a run: last month, this month, next month, and this quarter and the last one. */
export function choosablePeriods(today: string): string[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const month = (k: number) => {
    const d = new Date(Date.UTC(y, m - 1 + k, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const quarter = periodOf(today, 'quarter');
  const lastQuarter = periodOf(`${month(-3)}-01`, 'quarter');
  return [month(-1), month(0), month(1), lastQuarter, quarter];
}
