/** What is still open on a bill, oldest bills first (period, then id). */
export interface OpenBill {
  id: number;
  /** YYYY-MM (or YYYY-Qn): the order of allocation */
  period: string;
  principalCents: number;
  /** the late fee as of the payment (frozen by it) */
  lateFeeCents: number;
}

export interface Allocation {
  billId: number;
  lateFeeCents: number;
  principalCents: number;
}

/**
 * 先缴旧欠、先滞纳金后本金: a payment goes to the oldest bill first, on each bill to its late fee before its principal.
 * Amounts above what is open are refused (null) — there is no prepaid balance.
 */
export function allocatePayment(bills: readonly OpenBill[], amountCents: number): Allocation[] | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return null;
  const ordered = [...bills].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.id - b.id));
  const open = ordered.reduce((s, b) => s + b.principalCents + b.lateFeeCents, 0);
  if (amountCents > open) return null;
  let left = amountCents;
  const out: Allocation[] = [];
  for (const b of ordered) {
    if (!left) break;
    const late = Math.min(left, b.lateFeeCents);
    left -= late;
    const principal = Math.min(left, b.principalCents);
    left -= principal;
    if (late || principal) out.push({ billId: b.id, lateFeeCents: late, principalCents: principal });
  }
  return out;
}
