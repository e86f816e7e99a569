import type { StatementLine } from './statement';

/** One group's flows, each split by when it happened relative to the month: before, in, after. */
export interface FlowSums {
  before: number;
  during: number;
  after: number;
}
export interface GroupFlows {
  billed: FlowSums;
  paid: FlowSums;
  waived: FlowSums;
  refunded: FlowSums;
  /** Σ (amount − paid − waived) of every line of the group as it stands now */
  openNow: number;
}

export const noFlow = (): FlowSums => ({ before: 0, during: 0, after: 0 });

/**
 * A month's statement line from its flows: opening = flows before the month; closing is taken from the lines as they
 * stand now, less what happened after the month — so a ledger whose bill lines disagree with its payments, waivers
 * or refunds shows up as an unbalanced line instead of being hidden.
 */
export function statementLine(g: GroupFlows): StatementLine {
  const openingArrears = g.billed.before - g.paid.before - g.waived.before + g.refunded.before;
  const closing = g.openNow - g.billed.after + g.paid.after + g.waived.after - g.refunded.after;
  return {
    openingArrears,
    billed: g.billed.during,
    paid: g.paid.during,
    waived: g.waived.during,
    refunded: g.refunded.during,
    closingArrears: closing,
  };
}

/** Column sums of statement lines (the totals row). */
export function sumStatement<T extends StatementLine>(lines: readonly T[]): StatementLine {
  const t: StatementLine = { openingArrears: 0, billed: 0, paid: 0, waived: 0, refunded: 0, closingArrears: 0 };
  for (const l of lines) {
    t.openingArrears += l.openingArrears;
    t.billed += l.billed;
    t.paid += l.paid;
    t.waived += l.waived;
    t.refunded += l.refunded;
    t.closingArrears += l.closingArrears;
  }
  return t;
}

/** The identity as the statement prints it. */
export const STATEMENT_IDENTITY_TEXT = '期末欠费 = 期初欠费 + 本期应收 − 实收 − 减免 + 退款（滞纳金另计，不计入欠费）';

/** The UTC instants bounding a Shanghai calendar month YYYY-MM: [from, to). */
export function shanghaiMonthBounds(month: string): { from: Date; to: Date; firstDay: string; lastDay: string } {
  const [y, m] = month.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
  const last = new Date(Date.UTC(y, m, 0));
  return { from, to, firstDay: `${month}-01`, lastDay: last.toISOString().slice(0, 10) };
}

/** YYYY-MM within the supported years. */
export const isMonth = (s: unknown): s is string => typeof s === 'string' && /^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/.test(s);
