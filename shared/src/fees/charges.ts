import { effectiveDueDate } from './ledger';
import { formatYuan, MAX_CENTS } from './money';
import { periodDays } from './periods';

/** A one-off charge without an item is due this many days after it is charged. */
export const CHARGE_DUE_DAYS = 15;
/** A deferral moves the due date by at most a year. */
export const MAX_DEFER_DAYS = 366;

const DAY_MS = 86_400_000;
/** A calendar date plus days ("2026-12-03" + 15 → "2026-12-18"). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** The month period ("2026-12") a one-off or repair charge is booked in: the Shanghai date it was charged. */
export const chargePeriod = (shanghaiDate: string) => shanghaiDate.slice(0, 7);

/** A fixed-item contract (车位 …) bills a period when it covers part of it: from ≤ the period's end, to (if any) ≥ its start. */
export function contractCovers(c: { startsOn: string; endsOn: string | null }, period: string): boolean {
  const { from, to } = periodDays(period);
  return c.startsOn <= to && (c.endsOn === null || c.endsOn >= from);
}

/** Two contracts of one room and item may not overlap (one line per room × item × period). */
export function contractsOverlap(a: { startsOn: string; endsOn: string | null }, b: { startsOn: string; endsOn: string | null }): boolean {
  return a.startsOn <= (b.endsOn ?? '9999-12-31') && b.startsOn <= (a.endsOn ?? '9999-12-31');
}

/** 维修工单 BX-20261203-0001 更换水龙头 ×1 ¥80.00；疏通下水道 ×1 ¥80.00 */
export function repairChargeText(ticketNo: string, lines: { name: string; quantity: number; amountCents: number }[]): string {
  return `维修工单 ${ticketNo} ${lines.map((l) => `${l.name} ×${l.quantity} ${formatYuan(l.amountCents)}`).join('；')}`;
}

/** What a line is when a request is filed or approved. */
export interface AdjustableLine {
  amountCents: number;
  paidCents: number;
  waivedCents: number;
  status: 'open' | 'paid' | 'waived';
  dueDate: string;
  deferredUntil: string | null;
}

export const openPrincipal = (l: AdjustableLine) => Math.max(0, l.amountCents - l.paidCents - l.waivedCents);

/** Why a waiver of `amountCents` cannot be filed or approved on the line (null: it can). */
export function waiveProblem(l: AdjustableLine, amountCents: number): string | null {
  if (l.status !== 'open') return '该账单已结清，无需减免';
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > MAX_CENTS) return '请填写减免金额';
  const open = openPrincipal(l);
  if (amountCents > open) return `减免金额不能超过未缴本金 ${formatYuan(open)}`;
  return null;
}

/** Why a deferral to `until` cannot be filed or approved (null: it can): later than the current due date, within a year. */
export function deferProblem(l: AdjustableLine, until: string): string | null {
  if (l.status !== 'open') return '该账单已结清，无需缓交';
  const due = effectiveDueDate(l);
  if (until <= due) return `缓交日期应晚于当前截止日 ${due}`;
  if (daysBetween(due, until) > MAX_DEFER_DAYS) return '缓交期限不能超过一年';
  return null;
}

/** The line after an approved waiver: 'waived' when nothing is left and nothing was paid, 'paid' when paid + waived cover it. */
export function afterWaiver(l: AdjustableLine, amountCents: number): { waivedCents: number; status: 'open' | 'paid' | 'waived' } {
  const waivedCents = l.waivedCents + amountCents;
  if (l.amountCents - l.paidCents - waivedCents > 0) return { waivedCents, status: 'open' };
  return { waivedCents, status: l.paidCents > 0 ? 'paid' : 'waived' };
}
