import type { FeePayer } from './fee-items';
import { formatYuan } from './money';

/** Reminders to a room's residents about its bills (the fee-reminder job). */
export type FeeReminderKind = 'issued' | 'due_soon' | 'overdue';

/** "due in 3 days": from the day the reminder runs up to this many days ahead */
export const DUE_SOON_DAYS = 3;
/** an overdue room is reminded at most once in this many days */
export const OVERDUE_REPEAT_DAYS = 7;

/**
 * Who is reminded: the residents who pay the line. Owner-paid lines go to the owner's household (owners and family);
 * occupant-paid lines go to the tenants when the room has one bound, else to the household (who then occupies it).
 */
export type ReminderAudience = 'household' | 'tenant';

export function lineAudience(payer: FeePayer, roomHasTenant: boolean): ReminderAudience {
  return payer === 'occupant' && roomHasTenant ? 'tenant' : 'household';
}

/** The audience a bound resident belongs to (owner, family → household; tenant → tenant). */
export function relationAudience(relation: string): ReminderAudience {
  return relation === 'tenant' ? 'tenant' : 'household';
}

export interface ReminderFacts {
  roomLabel: string;
  /** "2026年11月" (issued) */
  periodLabel?: string;
  /** the item names, in order */
  items: string[];
  /** principal open (+ late fees for overdue) */
  totalCents: number;
  /** the earliest (effective) due date of the lines */
  dueDate: string;
  lateFeeCents?: number;
}

export interface ReminderText {
  title: string;
  body: string;
  /** WeChat keywords: thing1 room and items, amount2, date3 due date, thing4 a tip */
  wx: Record<string, unknown>;
}

function itemsText(items: string[]): string {
  const names = [...new Set(items)];
  return names.length <= 3 ? names.join('、') : `${names.slice(0, 3).join('、')}等 ${names.length} 项`;
}

/** The text of a reminder; only the recipient's own room and its amounts, never another resident's data. */
export function reminderText(kind: FeeReminderKind, f: ReminderFacts): ReminderText {
  const items = itemsText(f.items);
  const total = formatYuan(f.totalCents);
  const wx = { thing1: `${f.roomLabel} ${items}`, amount2: f.totalCents, date3: f.dueDate };
  if (kind === 'issued')
    return {
      title: `${f.periodLabel ?? ''}账单已出`,
      body: `${f.roomLabel} ${f.periodLabel ?? ''}账单已出：${items}，合计 ${total}，请于 ${f.dueDate} 前缴纳。`,
      wx: { ...wx, thing4: '账单已出，请按时缴纳' },
    };
  if (kind === 'due_soon')
    return {
      title: '缴费即将到期',
      body: `${f.roomLabel} 的${items}共 ${total} 将于 ${f.dueDate} 到期，逾期将按规定收取滞纳金。`,
      wx: { ...wx, thing4: '即将到期，请及时缴纳' },
    };
  const late = f.lateFeeCents ? `（含滞纳金 ${formatYuan(f.lateFeeCents)}）` : '';
  return {
    title: '欠费提醒',
    body: `${f.roomLabel} 的${items}已逾期（${f.dueDate} 到期），当前应缴 ${total}${late}，请尽快缴纳。`,
    wx: { ...wx, thing4: '已逾期，请尽快缴纳' },
  };
}
