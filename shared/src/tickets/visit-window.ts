import { endOfShanghaiDay, shanghaiDate } from '../sla/shanghai-time';

/** How far ahead a repair visit may be agreed or proposed by default (VISIT_MAX_DAYS). */
export const VISIT_MAX_DAYS_DEFAULT = 30;
/** a visit time picked a moment ago may be slightly past when it arrives */
export const VISIT_PAST_TOLERANCE_MS = 60_000;

/** The last instant a visit may be set for: 24:00 (Asia/Shanghai) of the day `maxDays` after today, the picker's last day. */
export function latestVisitAt(now: Date, maxDays: number): Date {
  return endOfShanghaiDay(new Date(now.getTime() + maxDays * 86_400_000));
}

/** The picker's last selectable day, YYYY-MM-DD (Asia/Shanghai). */
export function lastVisitDay(now: Date, maxDays: number): string {
  return shanghaiDate(new Date(now.getTime() + maxDays * 86_400_000));
}

/** An agreed or proposed visit time is neither past nor beyond the window (9999-12-31 would silence the arrival clock). */
export function visitAtError(visitAt: Date, now: Date, maxDays: number): 'visit_invalid' | 'visit_past' | 'visit_too_far' | null {
  if (Number.isNaN(visitAt.getTime())) return 'visit_invalid';
  if (visitAt.getTime() < now.getTime() - VISIT_PAST_TOLERANCE_MS) return 'visit_past';
  return visitAt.getTime() >= latestVisitAt(now, maxDays).getTime() ? 'visit_too_far' : null;
}

/** Visit slots offered in working hours (Asia/Shanghai, on the hour; 12:00 is the lunch break). */
export const VISIT_SLOT_HOURS: readonly number[] = [8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20];
/** A proposed visit leaves this much time to get there. */
export const VISIT_LEAD_MINUTES = 60;
const HOUR_MS = 3_600_000;

/** The instant of `hour`:00 (Asia/Shanghai) on the Shanghai day `dayOffset` days after `now`'s. */
export function shanghaiSlot(now: Date, dayOffset: number, hour: number): Date {
  const day = shanghaiDate(new Date(now.getTime() + dayOffset * 86_400_000));
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/**
 * The picker's default: the first working-hours slot at least VISIT_LEAD_MINUTES ahead that no other visit
 * (`taken`: agreed or proposed times) occupies within the hour, and that the visit window allows; null when none.
 */
export function nextVisitSlot(now: Date, maxDays: number, taken: readonly (string | Date | null | undefined)[] = []): Date | null {
  const busy = taken.filter((t): t is string | Date => !!t).map((t) => new Date(t).getTime());
  const earliest = now.getTime() + VISIT_LEAD_MINUTES * 60_000;
  for (let d = 0; d <= maxDays; d++) {
    for (const h of VISIT_SLOT_HOURS) {
      const at = shanghaiSlot(now, d, h);
      if (at.getTime() < earliest || busy.some((b) => Math.abs(b - at.getTime()) < HOUR_MS)) continue;
      if (visitAtError(at, now, maxDays)) return null;
      return at;
    }
  }
  return null;
}
