import { SHANGHAI_OFFSET_MS } from '../sla/shanghai-time';
import { isRealDate } from '../dates';

/** A decoration permit (装修申请): the owner applies, staff approve (→ one worker pass each) or return it with reasons. */
export const PermitStatus = {
  Submitted: 'submitted',
  Approved: 'approved',
  Returned: 'returned',
  Cancelled: 'cancelled',
  Revoked: 'revoked',
} as const;
export type PermitStatus = (typeof PermitStatus)[keyof typeof PermitStatus];

export const PERMIT_STATUS_LABELS: Record<PermitStatus, string> = {
  submitted: '待审核',
  approved: '已批准',
  returned: '已退回',
  cancelled: '已撤销',
  revoked: '已作废',
};

/** The longest decoration period one permit covers; a longer job applies again. */
export const PERMIT_MAX_DAYS = 180;
export const PERMIT_MAX_WORKERS = 30;
/** The review target (ClockName.PermitReview): staff decide within 24 hours of the application. */
export const PERMIT_REVIEW_HOURS = 24;
/** The clocks table's subject type for permits (the review clock). */
export const PERMIT_SUBJECT = 'decoration_permit';

const DAY = 86_400_000;
const dayMs = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);

/** Why a period is not acceptable (zh-CN), or null: real dates, start ≤ end, not before today, ≤ PERMIT_MAX_DAYS. */
export function permitPeriodProblem(startsOn: unknown, endsOn: unknown, today: string): string | null {
  if (!isRealDate(startsOn) || !isRealDate(endsOn)) return '请选择装修开始和结束日期';
  if (startsOn > endsOn) return '开始日期不能晚于结束日期';
  if (startsOn < today) return '开始日期不能早于今天';
  const days = (dayMs(endsOn) - dayMs(startsOn)) / DAY + 1;
  if (days > PERMIT_MAX_DAYS) return `装修期限最长 ${PERMIT_MAX_DAYS} 天，请分次申请`;
  return null;
}

/** A worker pass's window: starts_on 00:00 to the day after ends_on 00:00, Asia/Shanghai. */
export function permitPassWindow(startsOn: string, endsOn: string): { validFrom: Date; validUntil: Date } {
  return { validFrom: new Date(dayMs(startsOn) - SHANGHAI_OFFSET_MS), validUntil: new Date(dayMs(endsOn) + DAY - SHANGHAI_OFFSET_MS) };
}

export function permitReviewDue(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + PERMIT_REVIEW_HOURS * 3600_000);
}
