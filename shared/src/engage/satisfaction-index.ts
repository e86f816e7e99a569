/**
 * The satisfaction index of a 1–5 scale question (5 满意, 4 较满意, 3 一般, 2 较不满意, 1 不满意). Configurable per
 * company (DOMAIN.md): the share of 满意 + 较满意 among valid answers (default), or the weighted mean on a 100-point
 * scale. Every result prints the formula with its numbers.
 */
export type SatisfactionMethod = 'top_two_share' | 'weighted_mean';

export const SCALE_LABELS = ['', '不满意', '较不满意', '一般', '较满意', '满意'] as const;
const WEIGHTS = [0, 20, 40, 60, 80, 100];

export interface SatisfactionIndex {
  method: SatisfactionMethod;
  /** answers 1–5 counted (blank, out-of-range and "not applicable" answers are not valid) */
  valid: number;
  /** 0–100 with one decimal, null without valid answers */
  index: number | null;
  /** e.g. "满意度 = (满意 12 + 较满意 8) ÷ 有效答卷 25 × 100% = 80.0%" */
  formula: string;
}

/** counts[k] = answers of score k (1–5); index 0 is ignored. */
export function satisfactionIndex(counts: readonly number[], method: SatisfactionMethod = 'top_two_share'): SatisfactionIndex {
  const c = [1, 2, 3, 4, 5].map((k) => Math.max(0, Math.floor(counts[k] ?? 0)));
  const valid = c.reduce((s, x) => s + x, 0);
  if (method === 'top_two_share') {
    const top = c[3] + c[4];
    const index = valid ? Math.round((top / valid) * 1000) / 10 : null;
    return {
      method,
      valid,
      index,
      formula: `满意度 = (满意 ${c[4]} + 较满意 ${c[3]}) ÷ 有效答卷 ${valid} × 100% = ${index === null ? '—' : `${index.toFixed(1)}%`}`,
    };
  }
  const points = c.reduce((s, x, i) => s + x * WEIGHTS[i + 1], 0);
  const index = valid ? Math.round((points / valid) * 10) / 10 : null;
  const terms = c
    .map((x, i) => `${SCALE_LABELS[i + 1]} ${x}×${WEIGHTS[i + 1]}`)
    .reverse()
    .join(' + ');
  return { method, valid, index, formula: `满意度 = (${terms}) ÷ 有效答卷 ${valid} = ${index === null ? '—' : `${index.toFixed(1)} 分`}` };
}
