import { endOfShanghaiDate, firstReplyDue, type WorkingCalendar } from '../sla/working-calendar';
import type { ComplaintAction } from './complaint-states';

/**
 * The clocks of a complaints-desk ticket. All arithmetic is in sla/working-calendar.ts; this file only says which
 * clocks a ticket has, from when, and which actions meet them.
 *
 * - Acknowledgement (受理) is immediate: the receipt is the acknowledgement, so it has no clock.
 * - first_reply: within 1 hour of receipt, calendar time (every kind).
 * - written_reply: within 3 working days, only when the resident asks for a written reply (书面答复) — from the
 *   receipt when asked at intake, from the request when asked later.
 * - resolution: complaints only; the owner sets the due date (set_resolution_due), due at 24:00 Asia/Shanghai
 *   of that date.
 *
 * Clocks start at `receivedAt`, not at creation: a paper complaint back-filled later keeps the time the resident
 * handed it in, and may be born overdue — the clock measures the service the resident got.
 */
export const ComplaintClockName = {
  FirstReply: 'first_reply',
  WrittenReply: 'written_reply',
  Resolution: 'resolution',
} as const;
export type ComplaintClockName = (typeof ComplaintClockName)[keyof typeof ComplaintClockName];

export const COMPLAINT_CLOCK_LABELS: Record<ComplaintClockName, string> = {
  first_reply: '首次答复',
  written_reply: '书面答复',
  resolution: '办结',
};

export interface PlannedClock {
  name: ComplaintClockName;
  startedAt: Date;
  dueAt: Date;
}

/** How far back a paper complaint may be back-filled by default (BACKFILL_MAX_DAYS). */
export const BACKFILL_MAX_DAYS_DEFAULT = 30;

/**
 * Back-filled receipt times may be earlier than creation, never later than now, and at most `maxDays` back:
 * an older one would be born with every clock long overdue and escalate to the top at the first sweep.
 */
export function receivedAtError(
  receivedAt: Date,
  now: Date,
  maxDays = BACKFILL_MAX_DAYS_DEFAULT,
): 'received_invalid' | 'received_in_future' | 'received_too_old' | null {
  if (Number.isNaN(receivedAt.getTime())) return 'received_invalid';
  if (receivedAt.getTime() > now.getTime()) return 'received_in_future';
  return receivedAt.getTime() < now.getTime() - maxDays * 86_400_000 ? 'received_too_old' : null;
}

/** The clocks a new ticket (of any kind) starts with. */
export function complaintClocksAtIntake(receivedAt: Date, calendar: WorkingCalendar, opts: { writtenReplyRequested?: boolean } = {}): PlannedClock[] {
  const out: PlannedClock[] = [{ name: 'first_reply', startedAt: receivedAt, dueAt: firstReplyDue(receivedAt) }];
  if (opts.writtenReplyRequested) out.push(writtenReplyClock(receivedAt, calendar));
  return out;
}

/** The written-reply clock for a request made at `requestedAt` (the receipt, or later in the thread). */
export function writtenReplyClock(requestedAt: Date, calendar: WorkingCalendar): PlannedClock {
  return { name: 'written_reply', startedAt: requestedAt, dueAt: calendar.writtenReplyDue(requestedAt) };
}

/** The resolution clock once the owner sets a due date (YYYY-MM-DD, checked by complaintInputError). */
export function resolutionClock(setAt: Date, dueDate: string): PlannedClock {
  return { name: 'resolution', startedAt: setAt, dueAt: endOfShanghaiDate(dueDate) };
}

/**
 * The clocks an action meets (stops), if running. Any staff reply is a first reply; a reply marked written meets
 * the written-reply clock too; resolving meets the resolution clock and — the measures being reported to the
 * resident — a first reply still running.
 */
export function clocksMetBy(action: ComplaintAction, opts: { written?: boolean } = {}): ComplaintClockName[] {
  if (action === 'reply') return opts.written ? ['first_reply', 'written_reply'] : ['first_reply'];
  if (action === 'resolve') return ['first_reply', 'resolution'];
  return [];
}
