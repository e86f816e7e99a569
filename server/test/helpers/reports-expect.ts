import { Gen, GLine, HOUR } from './reports';

/**
 * The figures the reports specs expect, computed with plain loops over the generated rows (independent of the
 * report code and of shared/reports): counts by the month a ticket was received in, clocks by the month they were due.
 */
type Range = { from: Date; to: Date };
const inR = (d: Date | null, r: Range) => !!d && d.getTime() >= r.from.getTime() && d.getTime() < r.to.getTime();

export function expectedCounts(g: Gen, r: Range): Map<string, number> {
  const m = new Map<string, number>();
  const inc = (k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const t of g.tickets) {
    if (!inR(t.receivedAt, r)) continue;
    if (t.kind === 'repair') {
      inc('repairs.total');
      if (t.tier) inc(`repairs.tier.${t.tier}`);
      inc(`repairs.category.${t.category}`);
      inc(`repairs.channel.${t.channel}`);
    } else if (t.kind === 'complaint') {
      inc('complaints.total');
      if (t.cls) inc(`complaints.class.${t.cls}`);
      inc(`complaints.category.${t.category}`);
    } else inc(`${t.kind}s.total`);
  }
  for (const t of g.tickets) {
    if (inR(t.returnVisitAt, r)) inc('return_visits.done');
    if (t.status === 'confirmed' && inR(t.completedAt, r)) inc('return_visits.due');
  }
  for (const p of g.passes) if (inR(p.issuedAt, r)) inc(`passes.kind.${p.kind}`);
  for (const at of g.notices) if (inR(at, r)) inc('notices.published');
  return m;
}

export interface ExpectedSla {
  total: number;
  met: number;
  breached: number;
  medianMs: number | null;
  p90Ms: number | null;
}

function rank(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  let k = Math.ceil((sorted.length * p) / 100);
  if (k < 1) k = 1;
  return sorted[k - 1];
}

/** Clocks due in the range, not cancelled, decided at `now` (met, or open past due). */
export function expectedSla(g: Gen, r: Range, now: Date): Map<string, ExpectedSla> {
  const by = new Map<string, { d: number[]; breached: number }>();
  for (const c of g.clocks) {
    if (!inR(c.dueAt, r) || c.state === 'cancelled') continue;
    const open = c.state !== 'met';
    if (open && c.dueAt.getTime() >= now.getTime()) continue;
    const breached = c.breachedFlag || open;
    const end = open ? Math.min(now.getTime(), r.to.getTime()) : c.metAt!.getTime();
    const e = by.get(c.line) ?? { d: [], breached: 0 };
    e.d.push(end - c.startedAt.getTime());
    if (breached) e.breached++;
    by.set(c.line, e);
  }
  const out = new Map<string, ExpectedSla>();
  for (const [k, e] of by) {
    const sorted = [...e.d].sort((a, b) => a - b);
    out.set(k, { total: e.d.length, met: e.d.length - e.breached, breached: e.breached, medianMs: rank(sorted, 50), p90Ms: rank(sorted, 90) });
  }
  return out;
}

export function expectedRatings(g: Gen, r: Range): { average: number | null; count: number } {
  let sum = 0;
  let count = 0;
  for (const t of g.tickets)
    if (t.rating !== null && inR(t.completedAt, r)) {
      sum += t.rating;
      count++;
    }
  return { average: count ? Math.round((sum / count) * 100) / 100 : null, count };
}

function monthsLater(date: string, k: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + k;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const days = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(d > days ? days : d).padStart(2, '0')}`;
}

export function ageOf(due: string, asOf: string): string {
  if (asOf <= monthsLater(due, 1)) return 'upTo1';
  if (asOf <= monthsLater(due, 3)) return 'upTo3';
  if (asOf <= monthsLater(due, 12)) return 'upTo12';
  return 'over12';
}

export function expectedFees(g: Gen, period: string, lastDay: string) {
  let billed = 0;
  let waived = 0;
  let paid = 0;
  for (const l of g.lines)
    if (l.period === period) {
      billed += l.amount;
      waived += l.waived;
      paid += l.paid;
    }
  const arrears: Record<string, number> = { upTo1: 0, upTo3: 0, upTo12: 0, over12: 0 };
  const arrearsLines: Record<string, GLine[]> = { upTo1: [], upTo3: [], upTo12: [], over12: [] };
  for (const l of g.lines) {
    const open = l.amount - l.paid - l.waived;
    if (l.status !== 'open' || open <= 0 || !(l.dueDate < lastDay)) continue;
    arrears[ageOf(l.dueDate, lastDay)] += open;
    arrearsLines[ageOf(l.dueDate, lastDay)].push(l);
  }
  const billedLines = g.lines.filter((l) => l.period === period).length;
  return { billed, waived, paid, rate: billed - waived > 0 ? paid / (billed - waived) : null, arrears, arrearsLines, billedLines };
}

/** Clocks due in one Shanghai day, decided at `now`: how many, how many breached (the digest's line). */
export function expectedDay(g: Gen, dayStart: Date, now: Date): { total: number; breached: number } {
  let total = 0;
  let breached = 0;
  for (const c of g.clocks) {
    if (c.state === 'cancelled' || !inR(c.dueAt, { from: dayStart, to: new Date(dayStart.getTime() + 24 * HOUR) })) continue;
    const open = c.state !== 'met';
    if (open && c.dueAt.getTime() >= now.getTime()) continue;
    total++;
    if (c.breachedFlag || open) breached++;
  }
  return { total, breached };
}
