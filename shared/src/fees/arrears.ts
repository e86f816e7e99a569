import { openAmounts } from './bill-lines';
import { effectiveDueDate } from './ledger';

/** What the arrears report needs of an open bill line. */
export interface ArrearsLine {
  roomId: number;
  amountCents: number;
  paidCents: number;
  waivedCents: number;
  dueDate: string;
  deferredUntil: string | null;
  lateFeeRatePpm: number;
  lateFeeGraceDays: number;
  lateFeeCapPercent: number | null;
}

export interface RoomArrears {
  roomId: number;
  /** overdue lines */
  lines: number;
  /** principal open on overdue lines */
  openCents: number;
  /** late fee as of the date, computed line by line exactly as the bill shows it */
  lateFeeCents: number;
}

/** A line is in arrears (欠费) when principal is open after its (deferred) due date. */
export const isOverdue = (l: Pick<ArrearsLine, 'dueDate' | 'deferredUntil'>, asOf: string) => asOf > effectiveDueDate(l);

/** Per room: overdue lines, open principal and the late fee as of `asOf` (a Shanghai date). */
export function roomArrears(lines: readonly ArrearsLine[], asOf: string): Map<number, RoomArrears> {
  const out = new Map<number, RoomArrears>();
  for (const l of lines) {
    if (!isOverdue(l, asOf)) continue;
    const rule = { dailyRatePpm: l.lateFeeRatePpm, graceDays: l.lateFeeGraceDays, capPercent: l.lateFeeCapPercent };
    const { principalCents, late } = openAmounts(l, rule, asOf);
    if (principalCents <= 0) continue;
    const r = out.get(l.roomId) ?? { roomId: l.roomId, lines: 0, openCents: 0, lateFeeCents: 0 };
    r.lines += 1;
    r.openCents += principalCents;
    r.lateFeeCents += late.cents;
    out.set(l.roomId, r);
  }
  return out;
}

/** 24 h between two reminders to the same building. */
export const REMIND_INTERVAL_MS = 24 * 3600_000;

/** When a building may be reminded again (null: now). */
export function remindAllowedAt(lastSentAt: Date | null, now: Date): Date | null {
  if (!lastSentAt) return null;
  const next = new Date(lastSentAt.getTime() + REMIND_INTERVAL_MS);
  return next > now ? next : null;
}
