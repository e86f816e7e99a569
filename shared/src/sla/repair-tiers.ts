/** 三级处理原则: how fast a repair must be on site or handled, from acceptance. */
export const RepairTier = { Critical: 'critical', Urgent: 'urgent', Normal: 'normal' } as const;
export type RepairTier = (typeof RepairTier)[keyof typeof RepairTier];

export const REPAIR_TIER_LABELS: Record<RepairTier, string> = { critical: '特急', urgent: '急', normal: '一般' };

/** Minutes from acceptance to arrival; `normal` is "the same day" (by 24:00 Asia/Shanghai) instead. */
export const ARRIVAL_MINUTES: Record<Exclude<RepairTier, 'normal'>, number> = { critical: 5, urgent: 15 };

/** Once accepted, a work order is dispatched within 2 minutes. */
export const DISPATCH_MINUTES = 2;

/** Initial feedback to the resident (the plan: expected time, who) within 1 hour of intake; emergencies at once. */
export const INITIAL_FEEDBACK_MINUTES = 60;
export const INITIAL_FEEDBACK_EMERGENCY_MINUTES = 5;

/** A resident may urge (催单) once per 10 minutes. */
export const URGE_INTERVAL_MINUTES = 10;

/** Completed orders the resident neither confirms nor disputes are confirmed automatically after this many days. */
export const AUTO_CONFIRM_DAYS_DEFAULT = 3;

export const TIER_ORDER: Record<RepairTier, number> = { critical: 0, urgent: 1, normal: 2 };
