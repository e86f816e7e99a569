/** One item's (or a community's) month in the ledger, all in cents. */
export interface StatementLine {
  openingArrears: number;
  billed: number;
  paid: number;
  waived: number;
  refunded: number;
  closingArrears: number;
}

/** 期末欠费 = 期初欠费 + 本期应收 − 实收 − 减免 + 退款 */
export function closingArrears(l: Omit<StatementLine, 'closingArrears'>): number {
  return l.openingArrears + l.billed - l.paid - l.waived + l.refunded;
}

/** The lines whose closing arrears do not follow from the rest (empty when the statement balances). */
export function unbalanced<T extends StatementLine>(lines: readonly T[]): T[] {
  return lines.filter((l) => closingArrears(l) !== l.closingArrears);
}

/** 收缴率 = paid ÷ billed for the period, in basis points (9,512 = 95.12 %); null when nothing was billed. */
export function collectionRateBp(paidForPeriod: number, billedForPeriod: number): number | null {
  if (billedForPeriod <= 0) return null;
  return Math.round((paidForPeriod * 10_000) / billedForPeriod);
}
