/**
 * The yearly customer-visit plan (客户访谈计划, the seeds' 4.4.3): ≤ 1,000 households — every household in the year;
 * > 1,000 — 80 % of them; a community with few households — at least 25 visits a month; the service-center manager —
 * at least 2 in-depth visits a month.
 */
export const VISIT_PLAN_ALL_UP_TO = 1000;
export const VISIT_PLAN_LARGE_SHARE_PERCENT = 80;
export const VISIT_PLAN_MIN_PER_MONTH = 25;
export const MANAGER_DEEP_VISITS_PER_MONTH = 2;

export interface VisitPlan {
  households: number;
  /** distinct households to visit in the year */
  yearlyHouseholds: number;
  /** visits per month: the yearly target spread over 12 months, never fewer than 25 */
  monthlyVisits: number;
  managerDeepVisitsPerMonth: number;
  /** the rule that applied, printed next to the plan */
  rule: string;
}

export function visitPlan(households: number): VisitPlan {
  const n = Math.max(0, Math.floor(households));
  const all = n <= VISIT_PLAN_ALL_UP_TO;
  const yearlyHouseholds = all ? n : Math.ceil((n * VISIT_PLAN_LARGE_SHARE_PERCENT) / 100);
  const spread = Math.ceil(yearlyHouseholds / 12);
  const floor = spread < VISIT_PLAN_MIN_PER_MONTH;
  return {
    households: n,
    yearlyHouseholds,
    monthlyVisits: Math.max(spread, VISIT_PLAN_MIN_PER_MONTH),
    managerDeepVisitsPerMonth: MANAGER_DEEP_VISITS_PER_MONTH,
    rule: floor
      ? `住户较少：每月访谈不少于 ${VISIT_PLAN_MIN_PER_MONTH} 户`
      : all
        ? `${VISIT_PLAN_ALL_UP_TO} 户以下（含）：全年覆盖全部 ${n} 户`
        : `${VISIT_PLAN_ALL_UP_TO} 户以上：全年覆盖 ${VISIT_PLAN_LARGE_SHARE_PERCENT}%（${yearlyHouseholds} 户）`,
  };
}
