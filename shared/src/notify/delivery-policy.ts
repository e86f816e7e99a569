/**
 * The timing rules of notifications, pure so both are unit-tested: the delivery worker's retry backoff and the SLA
 * escalation ladder.
 */

/** Exponential backoff with jitter: base·2^(attempt−1), capped, then a random point in [½, 1] of it. attempt ≥ 1. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

export interface LadderPolicy {
  /** level 2 fires at due + this share (in %) of the clock's allowed time */
  level2Pct: number;
  /** level 3 fires at due + this share (in %) of the clock's allowed time */
  level3Pct: number;
}

export const DEFAULT_LADDER: LadderPolicy = { level2Pct: 50, level3Pct: 100 };
export const MAX_ESCALATION_LEVEL = 3;

export interface LadderClock {
  startedAt: Date;
  dueAt: Date;
  /** time spent paused (already added to dueAt) */
  pausedMs: number;
}

/** When each level fires: [level1, level2, level3] (level 1 at the due time). */
export function ladderTimes(c: LadderClock, p: LadderPolicy): [Date, Date, Date] {
  const due = c.dueAt.getTime();
  const allowed = Math.max(0, due - c.startedAt.getTime() - (c.pausedMs || 0));
  return [new Date(due), new Date(due + (allowed * p.level2Pct) / 100), new Date(due + (allowed * p.level3Pct) / 100)];
}

/** The highest level due at `now` (0 before the due time). */
export function ladderLevelAt(c: LadderClock, p: LadderPolicy, now: Date): number {
  const t = now.getTime();
  return ladderTimes(c, p).filter((at) => at.getTime() <= t).length;
}
