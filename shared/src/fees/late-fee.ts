import { assertInt, divRoundHalfUp, formatYuan, MAX_CENTS, MAX_RATE_PPM } from './money';

/** A fee item's 滞纳金 rule: simple interest per day after the due date and a grace period, optionally capped. */
export interface LateFeeRule {
  /** per day, in parts per million of the unpaid principal (万分之五 = 500) */
  dailyRatePpm: number;
  /** days after the due date before it starts (0: from the day after the due date) */
  graceDays: number;
  /** the cap as a share of the principal in percent (100: never above the principal); null: no cap */
  capPercent: number | null;
}

export interface LateFee {
  cents: number;
  /** days charged */
  days: number;
  /** the cap applied (cents) or null when it did not bind */
  cappedAt: number | null;
  /** 滞纳金 = ¥1,000.00 × 万分之5 × 12 天 = ¥6.00 */
  formula: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** "万分之5" / "千分之3" / "0.12%" — how a daily rate is written on a Chinese bill. */
export function formatDailyRate(ppm: number): string {
  if (ppm % 1000 === 0) return `千分之${ppm / 1000}`;
  if (ppm % 100 === 0) return `万分之${ppm / 100}`;
  return `${(ppm / 10_000).toFixed(4).replace(/0+$/, '')}%`;
}

/**
 * The late fee of an unpaid principal on `asOf` (a Shanghai calendar date): days = asOf − (dueDate + graceDays), never
 * below 0; cents = principal × rate × days, rounded half up once; then the cap. Computed when read, frozen by a
 * payment (the payment stores what it paid).
 */
export function lateFee(principalCents: number, dueDate: string, asOf: string, rule: LateFeeRule): LateFee {
  assertInt('principalCents', principalCents, MAX_CENTS);
  assertInt('dailyRatePpm', rule.dailyRatePpm, MAX_RATE_PPM);
  assertInt('graceDays', rule.graceDays, 366);
  if (rule.capPercent !== null) assertInt('capPercent', rule.capPercent, 1000);
  const days = Math.max(0, dayNumber(asOf) - dayNumber(dueDate) - rule.graceDays);
  if (!Number.isSafeInteger(days)) throw new RangeError(`bad dates ${dueDate} / ${asOf}`);
  const raw = days && rule.dailyRatePpm ? divRoundHalfUp(principalCents * rule.dailyRatePpm * days, 1_000_000) : 0;
  const cap = rule.capPercent === null ? null : divRoundHalfUp(principalCents * rule.capPercent, 100);
  const cents = cap !== null && raw > cap ? cap : raw;
  const cappedAt = cap !== null && raw > cap ? cap : null;
  const formula =
    `滞纳金 = ${formatYuan(principalCents)} × ${formatDailyRate(rule.dailyRatePpm)}/天 × ${days} 天 = ${formatYuan(raw)}` +
    (cappedAt !== null ? `，以本金的 ${rule.capPercent}% 为上限：${formatYuan(cappedAt)}` : '');
  return { cents, days, cappedAt, formula };
}
