/**
 * Money is integer cents (分). Prices and quantities that need finer steps are integers too, each with its scale in
 * its name:
 * - a unit price in yuan × 10,000 (`…E4`: 0.5653 元/kWh = 5653), so 4-decimal tariffs are exact;
 * - an area or a meter quantity × 100 (`…E2`: 89.57 m² = 8957);
 * - a daily rate in parts per million (`…Ppm`: 万分之五 = 500, 千分之三 = 3000).
 * Every amount is rounded once, at the end, half up (四舍五入) to the fen. Inputs are bounded (see MAX_*) so every
 * product stays an exact double (< 2^53).
 */

/** 100,000 m² */
export const MAX_AREA_E2 = 10_000_000;
/** ¥1,000 per unit */
export const MAX_PRICE_E4 = 10_000_000;
/** 10 million units of a meter in one period */
export const MAX_QUANTITY_E2 = 1_000_000_000;
/** ¥100 million */
export const MAX_CENTS = 10_000_000_000;
/** 10 % a day */
export const MAX_RATE_PPM = 100_000;

/** n ÷ d rounded half up, for n ≥ 0, d > 0 (both integers). */
export function divRoundHalfUp(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 0 || d <= 0) throw new RangeError(`divRoundHalfUp(${n}, ${d})`);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return 2 * r >= d ? q + 1 : q;
}

export function assertInt(name: string, v: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < 0 || v > max) throw new RangeError(`${name} must be an integer in 0..${max}: ${v}`);
}

/** 1250 → "¥12.50", 123456789 → "¥1,234,567.89", -300 → "-¥3.00" (display only). */
export function formatYuan(cents: number): string {
  const c = Math.round(cents);
  const abs = Math.abs(c);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = String(abs % 100).padStart(2, '0');
  return `${c < 0 ? '-' : ''}¥${yuan}.${fen}`;
}

/** 5653 → "0.5653", 18000 → "1.80" (a price in yuan × 10,000, trailing zeros after the fen dropped). */
export function formatPriceE4(priceE4: number): string {
  const s = (priceE4 / 10_000).toFixed(4);
  return s.replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1');
}

/** 8957 → "89.57" (an area or quantity × 100). */
export function formatE2(v: number): string {
  return (v / 100).toFixed(2);
}

/**
 * A decimal the user typed → an integer at `scale` decimals, without floats: ("1.80", 4) → 18000, ("89.57", 2) → 8957.
 * null when it is not a plain non-negative decimal, has more decimals than the scale, or exceeds `max`.
 */
export function parseScaled(text: string, scale: number, max = Number.MAX_SAFE_INTEGER): number | null {
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').length > scale) return null;
  const v = Number(m[1]) * 10 ** scale + Number((m[2] ?? '').padEnd(scale, '0') || '0');
  return Number.isSafeInteger(v) && v <= max ? v : null;
}
