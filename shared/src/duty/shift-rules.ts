/** A duty shift lasts at most this long (a 24-hour watch is the longest the roster knows). */
export const DUTY_SHIFT_MAX_HOURS = 24;
/** and starts at most this far ahead (the roster is planned a quarter ahead, not for 2099) */
export const DUTY_SHIFT_MAX_DAYS_AHEAD = 90;

export type ShiftProblem = 'shift_invalid' | 'shift_end_before_start' | 'shift_too_long' | 'shift_too_far_ahead' | 'shift_in_past';

export const SHIFT_PROBLEM_MESSAGES: Record<ShiftProblem, string> = {
  shift_invalid: '上下班时间无效',
  shift_end_before_start: '下班时间必须晚于上班时间',
  shift_too_long: `一个班次最长 ${DUTY_SHIFT_MAX_HOURS} 小时`,
  shift_too_far_ahead: `只能排 ${DUTY_SHIFT_MAX_DAYS_AHEAD} 天内的班次`,
  shift_in_past: '该班次已整段过去，不能再排；补记请联系管理员',
};

/** What is wrong with a planned shift, or null. A shift that has already begun may be entered late; one already over is refused. */
export function shiftError(startsAt: Date, endsAt: Date, now: Date): ShiftProblem | null {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return 'shift_invalid';
  if (endsAt.getTime() <= startsAt.getTime()) return 'shift_end_before_start';
  if (endsAt.getTime() - startsAt.getTime() > DUTY_SHIFT_MAX_HOURS * 3_600_000) return 'shift_too_long';
  if (endsAt.getTime() <= now.getTime()) return 'shift_in_past';
  return startsAt.getTime() > now.getTime() + DUTY_SHIFT_MAX_DAYS_AHEAD * 86_400_000 ? 'shift_too_far_ahead' : null;
}

/** The field a problem is reported on. */
export const shiftProblemField = (p: ShiftProblem): 'startsAt' | 'endsAt' => (p === 'shift_too_far_ahead' ? 'startsAt' : 'endsAt');
