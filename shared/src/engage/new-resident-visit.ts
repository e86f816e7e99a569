import { endOfShanghaiDay, SHANGHAI_OFFSET_MS } from '../sla/shanghai-time';

/** A new resident is visited (新住户回访) within one month of their binding. */
export const NEW_RESIDENT_VISIT_MONTHS = 1;

export const VISIT_RESULTS = ['satisfied', 'unsatisfied', 'no_answer'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];
export const VISIT_RESULT_LABELS: Record<VisitResult, string> = { satisfied: '满意', unsatisfied: '不满意', no_answer: '未接通' };

export const VISIT_MODES = ['phone', 'door', 'random'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const VISIT_MODE_LABELS: Record<VisitMode, string> = { phone: '电话', door: '上门', random: '随机' };

export const VISIT_ISSUE_KINDS = ['repair', 'complaint'] as const;
export type VisitIssueKind = (typeof VISIT_ISSUE_KINDS)[number];

/**
 * The due time of a new resident's return visit: the end (24:00, Asia/Shanghai) of the same calendar day one month
 * after the binding became active; a day the next month lacks (31 → 30 April) is clamped to its last day.
 */
export function newResidentVisitDue(boundAt: Date): Date {
  const local = new Date(boundAt.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + NEW_RESIDENT_VISIT_MONTHS;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const sameDayNextMonth = new Date(Date.UTC(y, m, day, 12) - SHANGHAI_OFFSET_MS);
  return endOfShanghaiDay(sameDayNextMonth);
}

/** An open task past its due time. */
export function isVisitOverdue(task: { status: string; dueAt: Date }, now: Date): boolean {
  return task.status === 'open' && task.dueAt.getTime() <= now.getTime();
}

/** [start, end) UTC instants of a Shanghai calendar year. */
export function shanghaiYearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS), to: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS) };
}
