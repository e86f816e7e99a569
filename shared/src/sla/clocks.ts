import { endOfShanghaiDay } from './shanghai-time';
import { ARRIVAL_MINUTES, DISPATCH_MINUTES, INITIAL_FEEDBACK_EMERGENCY_MINUTES, INITIAL_FEEDBACK_MINUTES, RepairTier } from './repair-tiers';

/** Every service clock lives in one table keyed by subject and name; these are the names in use. */
export const ClockName = {
  InitialFeedback: 'initial_feedback',
  Dispatch: 'dispatch',
  Arrival: 'arrival',
  Completion: 'completion',
  /** complaints desk (tickets/complaint-clocks.ts) */
  FirstReply: 'first_reply',
  WrittenReply: 'written_reply',
  Resolution: 'resolution',
  /** passes (passes/pass-kinds.ts): from the moment a pass can be issued to its issue */
  PassIssue: 'pass_issue',
  /** decoration permits (passes/permits.ts): from the application to staff's decision */
  PermitReview: 'permit_review',
} as const;
export type ClockName = (typeof ClockName)[keyof typeof ClockName];

export const CLOCK_LABELS: Record<ClockName, string> = {
  initial_feedback: '初步反馈',
  dispatch: '派单',
  arrival: '到场',
  completion: '完工',
  first_reply: '首次答复',
  written_reply: '书面答复',
  resolution: '办结',
  pass_issue: '签发',
  permit_review: '装修审核',
};

export const ClockState = { Running: 'running', Paused: 'paused', Met: 'met', Cancelled: 'cancelled' } as const;
export type ClockState = (typeof ClockState)[keyof typeof ClockState];

export interface ClockView {
  name: ClockName;
  state: ClockState;
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  pausedAt: string | null;
  pausedMs: number;
  /** met late, or still running past due */
  breached: boolean;
}

const MIN = 60_000;

/** Arrival due time from acceptance: 5 / 15 minutes, or by 24:00 Asia/Shanghai that day (or the agreed visit time). */
export function arrivalDue(tier: RepairTier, acceptedAt: Date, agreedAt?: Date | null): Date {
  if (tier === 'normal') return agreedAt ?? endOfShanghaiDay(acceptedAt);
  return new Date(acceptedAt.getTime() + ARRIVAL_MINUTES[tier] * MIN);
}

export function dispatchDue(acceptedAt: Date): Date {
  return new Date(acceptedAt.getTime() + DISPATCH_MINUTES * MIN);
}

export function initialFeedbackDue(receivedAt: Date, emergency: boolean): Date {
  return new Date(receivedAt.getTime() + (emergency ? INITIAL_FEEDBACK_EMERGENCY_MINUTES : INITIAL_FEEDBACK_MINUTES) * MIN);
}

/** Resuming a paused clock moves its due time on by the time it stood still. */
export function resumeShift(dueAt: Date, pausedAt: Date, resumedAt: Date): { dueAt: Date; pausedForMs: number } {
  const pausedForMs = Math.max(0, resumedAt.getTime() - pausedAt.getTime());
  return { dueAt: new Date(dueAt.getTime() + pausedForMs), pausedForMs };
}

/** Milliseconds left (negative when overdue); a paused clock's remaining time is frozen at the pause. */
export function remainingMs(clock: Pick<ClockView, 'state' | 'dueAt' | 'pausedAt' | 'metAt'>, now: Date): number {
  const due = new Date(clock.dueAt).getTime();
  if (clock.state === 'met' && clock.metAt) return due - new Date(clock.metAt).getTime();
  if (clock.state === 'paused' && clock.pausedAt) return due - new Date(clock.pausedAt).getTime();
  return due - now.getTime();
}

/** "还剩 4 分 12 秒" / "已超时 3 分钟" — the countdown both apps show. */
export function formatRemaining(ms: number): string {
  const over = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const text = d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${m} 分` : `${m} 分 ${s} 秒`;
  return over ? `已超时 ${text}` : `还剩 ${text}`;
}
