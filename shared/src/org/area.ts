/** Floor areas are kept as integer m² × 100 ("centi-m²"): 89.56 m² = 8956. */

/** "89.56" → 8956 without floating point; null for empty; NaN for anything else (at most 2 decimals, < 10,000,000 m²). */
export function parseAreaCenti(s: string): number | null {
  const t = s.trim();
  if (!t) return null;
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 8956 → "89.56", 12430 → "124.3", 10000 → "100" (as written in a form). */
export function formatAreaCenti(centi: number | null | undefined): string {
  if (centi === null || centi === undefined) return '';
  const whole = Math.floor(centi / 100);
  const frac = String(centi % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
