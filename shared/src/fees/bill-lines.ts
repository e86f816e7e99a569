import { areaFeeCents, fixedFeeCents, meteredFeeCents, PriceTier } from './fee-amounts';
import type { FeeKind } from './fee-items';
import { lateFee, LateFee, LateFeeRule } from './late-fee';
import { formatYuan } from './money';
import { effectiveDueDate } from './ledger';
import { MeteredDetail } from './meter-readings';
import { dueDateOf, periodDays, PeriodUnit } from './periods';

/** What a bill run needs of an item and of a room. */
export interface BillableItem {
  id: number;
  name: string;
  kind: FeeKind;
  periodUnit: PeriodUnit | null;
  priceE4: number | null;
  amountCents: number | null;
  dueDay: number;
  startsOn: string;
  /** metered items: the tariff and the unit */
  tiers?: PriceTier[] | null;
  meterUnit?: string | null;
}
export interface BillableRoom {
  id: number;
  label: string;
  areaCenti: number | null;
  /** a fixed item: the room's contract note (车位号 B-023), shown on the line */
  contractNote?: string | null;
}

/** The key that makes a run idempotent: one line per room × item × period (unique with the room). */
export const itemSourceKey = (itemId: number, period: string) => `item:${itemId}:${period}`;
/** A closed repair order's charge becomes one line of its room, once. */
export const repairSourceKey = (ticketId: number) => `repair:${ticketId}`;

export type BillLineDraft = { amountCents: number; dueDate: string; sourceKey: string; detail: Record<string, number | string> };
export type BillProblem = { roomId: number | null; roomLabel: string | null; itemId: number; message: string };

/**
 * Which items a periodic run bills: area items (every room with an area) and fixed items (the rooms with a contract
 * covering the period: parking space rent …) of the period's unit, started by the period's last day, and metered
 * items once the period has readings (`hasReadings`). One-off ones are charged when they happen — listed, not billed.
 */
export function runItemProblem(item: BillableItem, period: string, hasReadings = false): string | null {
  if (item.kind === 'metered' && !hasReadings) return `「${item.name}」按表计量，抄表后出账，本次不包含`;
  if (item.kind === 'one_off') return `「${item.name}」为一次性收费，发生时收取，本次不包含`;
  const quarter = period.includes('Q');
  if ((item.periodUnit === 'quarter') !== quarter) return `「${item.name}」按${item.periodUnit === 'quarter' ? '季度' : '月'}计费，与账期不符，本次不包含`;
  if (item.startsOn > periodDays(period).to) return `「${item.name}」自 ${item.startsOn} 起执行，本期不收`;
  return null;
}

/** The line of one room for one billable item and period, or the reason it cannot be billed. */
export function billLineFor(item: BillableItem, room: BillableRoom, period: string): BillLineDraft | { problem: string } {
  const { months } = periodDays(period);
  const dueDate = dueDateOf(period, item.dueDay);
  const sourceKey = itemSourceKey(item.id, period);
  if (item.kind === 'area') {
    if (!room.areaCenti) return { problem: `${room.label} 未登记建筑面积` };
    return {
      amountCents: areaFeeCents(room.areaCenti, item.priceE4 ?? 0, months),
      dueDate,
      sourceKey,
      detail: { areaE2: room.areaCenti, priceE4: item.priceE4 ?? 0, months },
    };
  }
  const detail: Record<string, number | string> = { amountCents: item.amountCents ?? 0 };
  if (room.contractNote) detail.note = room.contractNote;
  return { amountCents: fixedFeeCents(item.amountCents ?? 0), dueDate, sourceKey, detail };
}

/** A reading as a bill run sees it (usage already computed when it was entered). */
export interface BillableReading {
  previousE2: number | null;
  readingE2: number;
  usageE2: number;
  oldFinalE2: number | null;
  newStartE2: number | null;
}

/** The metered line of one room's reading: usage × the item's tiers; a meter's first reading bills nothing. */
export function meteredLineFor(item: BillableItem, room: BillableRoom, reading: BillableReading, period: string): BillLineDraft | { problem: string } {
  if (reading.previousE2 === null) return { problem: `${room.label} 为首次抄表（起始读数），本期不计费` };
  const tiers = item.tiers ?? [];
  const detail: MeteredDetail = {
    previousE2: reading.previousE2,
    readingE2: reading.readingE2,
    usageE2: reading.usageE2,
    unit: item.meterUnit ?? '',
    tiers: JSON.stringify(tiers),
    ...(reading.oldFinalE2 !== null && reading.newStartE2 !== null ? { oldFinalE2: reading.oldFinalE2, newStartE2: reading.newStartE2 } : {}),
  };
  return {
    amountCents: meteredFeeCents(reading.usageE2, tiers),
    dueDate: dueDateOf(period, item.dueDay),
    sourceKey: itemSourceKey(item.id, period),
    detail: { ...detail },
  };
}

/**
 * What is open on a line as of a Shanghai date: the principal left and its late fee (computed when read), less the
 * late fee earlier payments already paid on the line (frozen by them), so no day is charged twice.
 */
export function openAmounts(
  line: { amountCents: number; paidCents: number; waivedCents: number; dueDate: string; deferredUntil?: string | null; lateFeePaidCents?: number },
  rule: LateFeeRule,
  asOf: string,
): { principalCents: number; late: LateFee } {
  const principalCents = Math.max(0, line.amountCents - line.paidCents - line.waivedCents);
  const late = lateFee(principalCents, effectiveDueDate(line), asOf, rule);
  const paid = line.lateFeePaidCents ?? 0;
  if (!paid || !late.cents) return { principalCents, late };
  const cents = Math.max(0, late.cents - paid);
  return { principalCents, late: { ...late, cents, formula: `${late.formula}，已缴 ${formatYuan(paid)}，尚欠 ${formatYuan(cents)}` } };
}
