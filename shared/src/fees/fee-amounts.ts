import { assertInt, divRoundHalfUp, MAX_AREA_E2, MAX_CENTS, MAX_PRICE_E4, MAX_QUANTITY_E2 } from './money';

/** area (m² × 100) × unit price (元 × 10,000 per m² and month) × months, in cents: 89.57 m² × 1.80 元 × 1 = ¥161.23 */
export function areaFeeCents(areaE2: number, priceE4: number, months = 1): number {
  assertInt('areaE2', areaE2, MAX_AREA_E2);
  assertInt('priceE4', priceE4, MAX_PRICE_E4);
  assertInt('months', months, 12);
  // m²×100 × 元×10⁴ = 元×10⁶ = 分×10⁴
  return divRoundHalfUp(areaE2 * priceE4 * months, 10_000);
}

/** One step of a tiered tariff: the price up to `uptoE2` units of the period (null: everything above). */
export interface PriceTier {
  uptoE2: number | null;
  priceE4: number;
}

/** The tiers must rise strictly and end with the open tier (null). */
export function tierProblem(tiers: readonly PriceTier[]): string | null {
  if (!tiers.length) return '至少需要一档价格';
  let prev = 0;
  for (const [i, t] of tiers.entries()) {
    if (!Number.isSafeInteger(t.priceE4) || t.priceE4 < 0 || t.priceE4 > MAX_PRICE_E4) return `第 ${i + 1} 档单价无效`;
    const last = i === tiers.length - 1;
    if (last !== (t.uptoE2 === null)) return last ? '最后一档应不设上限' : `第 ${i + 1} 档需要上限`;
    if (t.uptoE2 !== null && (!Number.isSafeInteger(t.uptoE2) || t.uptoE2 <= prev)) return `第 ${i + 1} 档上限应大于上一档`;
    prev = t.uptoE2 ?? prev;
  }
  return null;
}

/** Each tier's part of a period's quantity, priced and summed exactly, rounded once (元×10⁶ → 分). */
export function meteredFeeCents(quantityE2: number, tiers: readonly PriceTier[]): number {
  assertInt('quantityE2', quantityE2, MAX_QUANTITY_E2);
  const problem = tierProblem(tiers);
  if (problem) throw new RangeError(problem);
  let left = quantityE2;
  let from = 0;
  let totalE6 = 0;
  for (const t of tiers) {
    const width = t.uptoE2 === null ? left : Math.min(left, t.uptoE2 - from);
    totalE6 += width * t.priceE4;
    left -= width;
    from = t.uptoE2 ?? from;
    if (!left) break;
  }
  return divRoundHalfUp(totalE6, 10_000);
}

/** The lines of a tiered reading, for the bill: "0–20 m³ × 3.45 元", … (quantities × 100). */
export function tierBreakdown(quantityE2: number, tiers: readonly PriceTier[]): { fromE2: number; toE2: number; priceE4: number }[] {
  const out: { fromE2: number; toE2: number; priceE4: number }[] = [];
  let from = 0;
  for (const t of tiers) {
    if (from >= quantityE2) break;
    const to = t.uptoE2 === null ? quantityE2 : Math.min(quantityE2, t.uptoE2);
    out.push({ fromE2: from, toE2: to, priceE4: t.priceE4 });
    from = to;
  }
  return out;
}

/** A fixed fee per period (parking space rent): the amount itself, bounded. */
export function fixedFeeCents(amountCents: number, periods = 1): number {
  assertInt('amountCents', amountCents, MAX_CENTS);
  assertInt('periods', periods, 12);
  return amountCents * periods;
}
