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
