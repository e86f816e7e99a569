import { DataSource } from 'typeorm';
import { ReportScope } from '../report-scope';
import { MonthParts } from './month-part';
import { computeMonthParts } from './month-parts-live';
import { readMonthParts } from './month-parts-store';

/**
 * The parts of `months` (ascending, consecutive) for the report's communities: months the job has rolled up come from
 * `report_rollups` (one statement), the rest — the current month, and any month closed since the job's last run —
 * are computed live (five statements).
 */
export async function loadMonthParts(ds: DataSource, s: ReportScope, months: string[], period: string, now: Date): Promise<MonthParts> {
  const built = s.rolledUpThrough;
  const rolled = built ? months.filter((m) => m <= built) : [];
  const live = months.filter((m) => !rolled.includes(m));
  const parts = new MonthParts();
  if (rolled.length) parts.addAll(await readMonthParts(ds, s.communityIds, rolled, period));
  if (live.length) parts.addAll(await computeMonthParts(ds, s.communityIds, live, now));
  return parts;
}
