import { describe, expect, it } from '@jest/globals';
import { isOverdue, remindAllowedAt, roomArrears } from './arrears';
import { closingArrears, collectionRateBp, unbalanced } from './statement';
import { isMonth, noFlow, shanghaiMonthBounds, statementLine, sumStatement } from './statement-sums';

const line = (roomId: number, amountCents: number, paidCents = 0, waivedCents = 0, deferredUntil: string | null = null) => ({
  roomId,
  amountCents,
  paidCents,
  waivedCents,
  dueDate: '2026-11-15',
  deferredUntil,
  lateFeeRatePpm: 500,
  lateFeeGraceDays: 0,
  lateFeeCapPercent: 100,
});

describe('month-end statement from flows', () => {
  it('opening from before, the month from during, closing from the lines now less what came after', () => {
    const g = {
      billed: { before: 10_000, during: 5_000, after: 2_000 },
      paid: { before: 4_000, during: 3_000, after: 1_000 },
      waived: { before: 0, during: 500, after: 0 },
      refunded: { before: 0, during: 200, after: 100 },
      // 17,000 billed − 8,000 paid − 500 waived + 300 refunded
      openNow: 8_800,
    };
    const l = statementLine(g);
    expect(l).toEqual({ openingArrears: 6_000, billed: 5_000, paid: 3_000, waived: 500, refunded: 200, closingArrears: 7_700 });
    expect(closingArrears(l)).toBe(l.closingArrears);
    expect(unbalanced([l])).toEqual([]);
    // a line whose paid_cents drifted from its allocations shows up
    expect(unbalanced([statementLine({ ...g, openNow: 8_799 })])).toHaveLength(1);
    expect(sumStatement([l, l]).closingArrears).toBe(15_400);
    expect(statementLine({ billed: noFlow(), paid: noFlow(), waived: noFlow(), refunded: noFlow(), openNow: 0 }).closingArrears).toBe(0);
  });

  it('a Shanghai month in UTC', () => {
    const b = shanghaiMonthBounds('2026-12');
    expect(b.from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(b.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect([b.firstDay, b.lastDay]).toEqual(['2026-12-01', '2026-12-31']);
    expect(shanghaiMonthBounds('2028-02').lastDay).toBe('2028-02-29');
    expect(['2026-11', '2100-12'].every(isMonth)).toBe(true);
    expect(['2026-13', '2026-1', '2026-Q4', '1899-12', 202611].some(isMonth)).toBe(false);
  });
});

describe('arrears', () => {
  it('counts only principal open after the (deferred) due date, with the late fee line by line', () => {
    const m = roomArrears([line(1, 10_000), line(1, 20_000, 5_000), line(2, 10_000, 10_000), line(3, 10_000, 0, 0, '2026-12-31')], '2026-11-25');
    expect([...m.keys()]).toEqual([1]);
    // 10 days × 万分之5: 10,000 → 50, 15,000 → 75
    expect(m.get(1)).toEqual({ roomId: 1, lines: 2, openCents: 25_000, lateFeeCents: 125 });
    expect(isOverdue({ dueDate: '2026-11-15', deferredUntil: null }, '2026-11-15')).toBe(false);
    expect(isOverdue({ dueDate: '2026-11-15', deferredUntil: null }, '2026-11-16')).toBe(true);
  });

  it('collection rate and the reminder window', () => {
    expect(collectionRateBp(9_512, 10_000)).toBe(9_512);
    expect(collectionRateBp(0, 0)).toBeNull();
    const sent = new Date('2026-12-20T02:00:00.000Z');
    expect(remindAllowedAt(null, sent)).toBeNull();
    expect(remindAllowedAt(sent, new Date('2026-12-20T20:00:00.000Z'))?.toISOString()).toBe('2026-12-21T02:00:00.000Z');
    expect(remindAllowedAt(sent, new Date('2026-12-21T02:00:00.000Z'))).toBeNull();
  });
});
