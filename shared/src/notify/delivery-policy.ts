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
  /** …but never sooner than this many minutes after the due time (short clocks would page managers at once) */
  level2MinMinutes?: number;
  level3MinMinutes?: number;
}

export const DEFAULT_LADDER: LadderPolicy = { level2Pct: 50, level3Pct: 100, level2MinMinutes: 15, level3MinMinutes: 60 };
export const MAX_ESCALATION_LEVEL = 3;

export interface LadderClock {
  startedAt: Date;
  dueAt: Date;
  /** time spent paused (already added to dueAt) */
  pausedMs: number;
}

/**
 * When each level fires: [level1, level2, level3]. Level 1 at the due time; level 2 at due + max(pct2 of the allowed
 * time, its floor); level 3 at due + max(pct3, its floor), never before level 2.
 */
export function ladderTimes(c: LadderClock, p: LadderPolicy): [Date, Date, Date] {
  const due = c.dueAt.getTime();
  const allowed = Math.max(0, due - c.startedAt.getTime() - (c.pausedMs || 0));
  const after = (pct: number, minMinutes = 0) => Math.max((allowed * pct) / 100, minMinutes * 60_000);
  const l2 = after(p.level2Pct, p.level2MinMinutes);
  const l3 = Math.max(l2, after(p.level3Pct, p.level3MinMinutes));
  return [new Date(due), new Date(due + l2), new Date(due + l3)];
}

/** The highest level due at `now` (0 before the due time). */
export function ladderLevelAt(c: LadderClock, p: LadderPolicy, now: Date): number {
  const t = now.getTime();
  return ladderTimes(c, p).filter((at) => at.getTime() <= t).length;
}
