import { MAX_CENTS } from './money';

/** 公共收益公示: what the community's common parts earned in a quarter, what was spent, and the balance. */
export const PUBLIC_INCOME_CATEGORIES = ['广告收益', '公共车位', '场地租金', '其他'] as const;
export type PublicIncomeCategory = (typeof PUBLIC_INCOME_CATEGORIES)[number];
export type PublicIncomeStatus = 'draft' | 'published';
export const PUBLIC_INCOME_STATUS_LABELS: Record<PublicIncomeStatus, string> = { draft: '草稿', published: '已公示' };

export const MAX_PUBLIC_INCOME_ROWS = 20;
export const PUBLIC_INCOME_NOTE_MAX = 100;

export interface PublicIncomeRowInput {
  category: PublicIncomeCategory;
  /** 收入（分） */
  incomeCents: number;
  /** 支出 / 使用（分） */
  expenseCents: number;
  /** what the money came from and was used for */
  note: string;
}

export interface PublicIncomeTotals {
  incomeCents: number;
  expenseCents: number;
  /** income − expense (negative when more was spent than earned) */
  balanceCents: number;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** "2026-Q4", years 2000–2100. */
export function isQuarter(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = QUARTER.exec(s);
  return !!m && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

export function publicIncomeTotals(rows: readonly Pick<PublicIncomeRowInput, 'incomeCents' | 'expenseCents'>[]): PublicIncomeTotals {
  const incomeCents = rows.reduce((s, r) => s + r.incomeCents, 0);
  const expenseCents = rows.reduce((s, r) => s + r.expenseCents, 0);
  return { incomeCents, expenseCents, balanceCents: incomeCents - expenseCents };
}

/** What is wrong with the rows, in words a finance clerk can act on (empty: nothing). */
export function publicIncomeProblems(rows: readonly PublicIncomeRowInput[]): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!rows.length) out.push({ field: 'rows', message: '请至少填写一项收益' });
  if (rows.length > MAX_PUBLIC_INCOME_ROWS) out.push({ field: 'rows', message: `最多 ${MAX_PUBLIC_INCOME_ROWS} 项` });
  rows.forEach((r, i) => {
    const at = `rows.${i}`;
    if (!(PUBLIC_INCOME_CATEGORIES as readonly string[]).includes(r.category))
      out.push({ field: `${at}.category`, message: `类别应为：${PUBLIC_INCOME_CATEGORIES.join('、')}` });
    for (const k of ['incomeCents', 'expenseCents'] as const)
      if (!Number.isInteger(r[k]) || r[k] < 0 || r[k] > MAX_CENTS) out.push({ field: `${at}.${k}`, message: '金额应为不小于 0 的整数（分）' });
    if (r.incomeCents === 0 && r.expenseCents === 0) out.push({ field: at, message: `第 ${i + 1} 项的收入和支出不能都为 0` });
    if (typeof r.note !== 'string' || r.note.length > PUBLIC_INCOME_NOTE_MAX)
      out.push({ field: `${at}.note`, message: `说明最多 ${PUBLIC_INCOME_NOTE_MAX} 个字` });
  });
  const totals = publicIncomeTotals(rows.filter((r) => Number.isInteger(r.incomeCents) && Number.isInteger(r.expenseCents)));
  if (Math.abs(totals.incomeCents) > MAX_CENTS || Math.abs(totals.expenseCents) > MAX_CENTS) out.push({ field: 'rows', message: '合计金额过大' });
  return out;
}

/** "2026-Q4" → "2026年第4季度" */
export function quarterLabel(q: string): string {
  const m = QUARTER.exec(q);
  return m ? `${m[1]}年第${m[2]}季度` : q;
}

/** The quarter a Shanghai calendar date falls in, and the one before it (what is usually entered). */
export function previousQuarter(date: string): string {
  const y = Number(date.slice(0, 4));
  const q = Math.ceil(Number(date.slice(5, 7)) / 3);
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}
