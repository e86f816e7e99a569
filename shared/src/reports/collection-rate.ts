/**
 * 收缴率 of a period: collected principal of the period's bills / billed principal (waivers excluded from both),
 * integer cents in, a share 0…1 out; null when nothing was billed.
 */
export function collectionRate(billedCents: number, waivedCents: number, collectedCents: number): number | null {
  const due = billedCents - waivedCents;
  if (due <= 0) return null;
  return Math.min(1, Math.max(0, collectedCents / due));
}

/** The formula as printed beside the rate on screens and exports. */
export const COLLECTION_RATE_FORMULA = '收缴率 = 本期账单已收本金 ÷（本期账单应收本金 − 减免）';
