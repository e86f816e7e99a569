import { PriceTier, tierBreakdown } from './fee-amounts';
import { formatE2, formatPriceE4, MAX_QUANTITY_E2 } from './money';

/**
 * Meter readings (抄表): a reading per room × metered item × period, × 100 as an integer (145.50 → 14550).
 * recorded → billed; an outlier is held → approved (by a supervisor or manager) → billed.
 */
export type MeterReadingStatus = 'recorded' | 'held' | 'approved' | 'billed';
export const METER_READING_STATUS_LABELS: Record<MeterReadingStatus, string> = {
  recorded: '已录入',
  held: '待审核',
  approved: '已审核',
  billed: '已出账',
};
/** Statuses a bill run bills. */
export const BILLABLE_READING_STATUSES: readonly MeterReadingStatus[] = ['recorded', 'approved'];

/** A usage above OUTLIER_FACTOR × the room's average usage of the last OUTLIER_MONTHS months is held for review. */
export const OUTLIER_FACTOR = 3;
export const OUTLIER_MONTHS = 6;
/** 9,999,999.99 units on the dial */
export const MAX_READING_E2 = MAX_QUANTITY_E2 - 1;

/** 换表: the old meter's last reading and the new meter's first. */
export interface MeterReplacement {
  oldFinalE2: number;
  newStartE2: number;
}

export interface ReadingInput {
  /** the room's latest reading before this period; null: the meter's first reading */
  previousE2: number | null;
  readingE2: number;
  replacement: MeterReplacement | null;
}

const okReading = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= MAX_READING_E2;
const num = (e2: number) => formatE2(e2);

/**
 * The period's usage, or why the reading is refused. A reading below the previous one is refused unless the meter
 * was replaced: then usage = (old final − previous) + (reading − new start). The first reading of a meter is its
 * start: usage 0, nothing billed.
 */
export function readingUsage(i: ReadingInput): { usageE2: number } | { problem: string } {
  if (!okReading(i.readingE2)) return { problem: '读数应为 0–9999999.99 之间、最多两位小数的数字' };
  const r = i.replacement;
  if (r && (!okReading(r.oldFinalE2) || !okReading(r.newStartE2))) return { problem: '旧表止码和新表起码应为最多两位小数的数字' };
  if (i.previousE2 === null) {
    if (r) return { problem: '该表尚无上期读数，首次抄表无需登记换表' };
    return { usageE2: 0 };
  }
  let usageE2: number;
  if (r) {
    if (r.oldFinalE2 < i.previousE2) return { problem: `旧表止码 ${num(r.oldFinalE2)} 不能小于上期读数 ${num(i.previousE2)}` };
    if (i.readingE2 < r.newStartE2) return { problem: `本期读数 ${num(i.readingE2)} 不能小于新表起码 ${num(r.newStartE2)}` };
    usageE2 = r.oldFinalE2 - i.previousE2 + (i.readingE2 - r.newStartE2);
  } else {
    if (i.readingE2 < i.previousE2)
      return { problem: `本期读数 ${num(i.readingE2)} 小于上期读数 ${num(i.previousE2)}；如已换表，请登记换表（旧表止码、新表起码）` };
    usageE2 = i.readingE2 - i.previousE2;
  }
  if (usageE2 > MAX_QUANTITY_E2) return { problem: '用量过大，请核对读数' };
  return { usageE2 };
}

/**
 * Why a usage is held for review, or null. Compared with the average usage of the room's readings of the last
 * months (not counting a meter's first reading); no history → never held. An average of 0 (an empty flat): any
 * usage is held. Integer arithmetic: usage × n > factor × Σ.
 */
export function outlierReason(usageE2: number, historyUsagesE2: readonly number[], unit = ''): string | null {
  if (!historyUsagesE2.length) return null;
  const sum = historyUsagesE2.reduce((s, u) => s + u, 0);
  const n = historyUsagesE2.length;
  if (usageE2 * n <= OUTLIER_FACTOR * sum) return null;
  const u = unit ? ` ${unit}` : '';
  if (!sum) return `本期用量 ${num(usageE2)}${u}，近 ${OUTLIER_MONTHS} 个月平均用量为 0，请核实后审核`;
  const avg = Math.round(sum / n);
  return `本期用量 ${num(usageE2)}${u} 超过近 ${OUTLIER_MONTHS} 个月平均用量 ${num(avg)}${u} 的 ${OUTLIER_FACTOR} 倍，请核实后审核`;
}

/** A period `months` months away: ("2026-11", -6) → "2026-05"; quarters move by whole quarters ("2026-Q4", -6) → "2026-Q2". */
export function shiftPeriod(period: string, months: number): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const idx = Number(q[1]) * 4 + Number(q[2]) - 1 + Math.trunc(months / 3);
    return `${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  const idx = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** What a metered bill line keeps of its reading (bill_lines.detail). */
export interface MeteredDetail {
  previousE2: number;
  readingE2: number;
  usageE2: number;
  unit: string;
  /** JSON of the item's PriceTier[] when billed */
  tiers: string;
  oldFinalE2?: number;
  newStartE2?: number;
}

/**
 * How a metered line came about: "上期 123.00 → 本期 145.50，用量 22.50 m³ × 3.45 元/m³", tiered:
 * "…，用量 22.50 m³：20.00 m³ × 3.45 元 + 2.50 m³ × 4.83 元"; a replaced meter shows both dials.
 */
export function meteredBasisText(d: MeteredDetail): string {
  const tiers = JSON.parse(d.tiers) as PriceTier[];
  const dials =
    d.oldFinalE2 !== undefined && d.newStartE2 !== undefined
      ? `上期 ${num(d.previousE2)} → 旧表止码 ${num(d.oldFinalE2)}，换表后新表起码 ${num(d.newStartE2)} → 本期 ${num(d.readingE2)}`
      : `上期 ${num(d.previousE2)} → 本期 ${num(d.readingE2)}`;
  const used = `用量 ${num(d.usageE2)} ${d.unit}`;
  if (tiers.length === 1) return `${dials}，${used} × ${formatPriceE4(tiers[0].priceE4)} 元/${d.unit}`;
  const parts = tierBreakdown(d.usageE2, tiers).map((p) => `${num(p.toE2 - p.fromE2)} ${d.unit} × ${formatPriceE4(p.priceE4)} 元`);
  return `${dials}，${used}：${parts.join(' + ') || '0'}`;
}

/** A room's earlier (or later) reading of the same item, as the decision below needs it. */
export interface ReadingHistoryEntry {
  period: string;
  readingE2: number;
  previousE2: number | null;
  usageE2: number;
  status: MeterReadingStatus;
}

export type ReadingDecision = { problem: string } | { previousE2: number | null; usageE2: number; status: 'recorded' | 'held'; holdReason: string | null };

/**
 * Decides a reading of `period` from the room's other readings of the item: refused when a later period already
 * has one (its usage was computed from this one), or when readingUsage refuses; held when it is an outlier against
 * the last OUTLIER_MONTHS months (first readings and readings still held do not count).
 */
export function decideReading(
  others: readonly ReadingHistoryEntry[],
  period: string,
  input: { readingE2: number; replacement: MeterReplacement | null },
  unit = '',
): ReadingDecision {
  const later = others.filter((h) => h.period > period).sort((a, b) => (a.period < b.period ? -1 : 1))[0];
  if (later) return { problem: `已有 ${later.period} 的读数，不能录入或修改更早月份的读数` };
  const earlier = others.filter((h) => h.period < period).sort((a, b) => (a.period < b.period ? 1 : -1));
  const previousE2 = earlier[0]?.readingE2 ?? null;
  const used = readingUsage({ previousE2, readingE2: input.readingE2, replacement: input.replacement });
  if ('problem' in used) return used;
  const from = shiftPeriod(period, -OUTLIER_MONTHS);
  const history = earlier.filter((h) => h.period >= from && h.previousE2 !== null && h.status !== 'held').map((h) => h.usageE2);
  const holdReason = previousE2 === null ? null : outlierReason(used.usageE2, history, unit);
  return { previousE2, usageE2: used.usageE2, status: holdReason ? 'held' : 'recorded', holdReason };
}
