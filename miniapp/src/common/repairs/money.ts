/** Money is integer cents (分) everywhere; these helpers never do float arithmetic on amounts. */

/** 1250 → "¥12.50"; -300 → "-¥3.00". Non-integers are rounded to the nearest cent first. */
export function formatCents(cents: number): string {
  const c = Math.round(cents);
  const abs = Math.abs(c);
  const yuan = Math.floor(abs / 100);
  const fen = abs % 100;
  return `${c < 0 ? '-' : ''}¥${yuan}.${fen < 10 ? '0' : ''}${fen}`;
}

/** Line amount in cents: unit price × quantity, rounded to a whole cent. */
export function lineAmountCents(unitPriceCents: number, quantity: number): number {
  return Math.round(unitPriceCents * quantity);
}

/** Sum of integer cent amounts. */
export function sumCents(amounts: readonly number[]): number {
  return amounts.reduce((a, b) => a + Math.round(b), 0);
}
