import { MAX_CENTS, parseScaled, PublicIncomeCategory, PublicIncomeRowInput, PublicIncomeView } from '@linli/shared';

export interface RowForm {
  category: PublicIncomeCategory;
  income: string;
  expense: string;
  note: string;
}

export const emptyRow = (category: PublicIncomeCategory = '广告收益'): RowForm => ({ category, income: '', expense: '', note: '' });

const yuanText = (cents: number) => (cents ? (cents / 100).toFixed(2) : '');

export function rowsOf(v: PublicIncomeView): RowForm[] {
  return v.rows.map((r) => ({ category: r.category, income: yuanText(r.incomeCents), expense: yuanText(r.expenseCents), note: r.note }));
}

/** The rows in cents, or what is wrong (amounts in yuan with at most 2 decimals; blank is 0). */
export function rowsBody(rows: RowForm[]): { rows: PublicIncomeRowInput[] } | { problem: string } {
  const out: PublicIncomeRowInput[] = [];
  for (const [i, r] of rows.entries()) {
    const income = r.income.trim() ? parseScaled(r.income, 2, MAX_CENTS) : 0;
    const expense = r.expense.trim() ? parseScaled(r.expense, 2, MAX_CENTS) : 0;
    if (income === null || expense === null) return { problem: `第 ${i + 1} 项的金额应为元，最多两位小数` };
    out.push({ category: r.category, incomeCents: income, expenseCents: expense, note: r.note.trim() });
  }
  return { rows: out };
}
