/**
 * What the monthly report needs of one community's month, whether computed live from the source tables or read
 * from `report_rollups`: the report is assembled from these parts only, so both paths give the same numbers.
 */
export interface SlaLinePart {
  total: number;
  breached: number;
  /** every decided clock's duration (ms), sorted: median and p90 come from the merged lists (exact nearest rank) */
  durations: number[];
}

export interface MonthSummary {
  /** tickets received in the month: [kind, complaint class, category, tier, channel, count] */
  tickets: [string, number | null, string | null, string | null, string, number][];
  returnVisitsDone: number;
  returnVisitsDue: number;
  passes: Record<string, number>;
  ratings: { n: number; sum: number };
  slaTotal: number;
  slaMet: number;
  fees: { billed: number; waived: number; paid: number };
}

export interface MonthPart {
  summary: MonthSummary;
  /** by report line key (`dispatch`, `arrival.urgent`, …); empty when read for a trend month only */
  sla: Record<string, SlaLinePart>;
}

/** What a change-log source re-computes of a part: t tickets, k clocks, p passes, b bill lines. */
export type PartSection = 't' | 'k' | 'p' | 'b';
export const ALL_SECTIONS: readonly PartSection[] = ['t', 'k', 'p', 'b'];

/** `target` with the sections of `from` in place of its own. */
export function replaceSections(target: MonthPart, from: MonthPart, sections: Iterable<PartSection>): MonthPart {
  const s = { ...target.summary };
  let sla = target.sla;
  for (const sec of sections) {
    if (sec === 't') {
      s.tickets = from.summary.tickets;
      s.returnVisitsDone = from.summary.returnVisitsDone;
      s.returnVisitsDue = from.summary.returnVisitsDue;
      s.ratings = from.summary.ratings;
    } else if (sec === 'k') {
      s.slaTotal = from.summary.slaTotal;
      s.slaMet = from.summary.slaMet;
      sla = from.sla;
    } else if (sec === 'p') s.passes = from.summary.passes;
    else s.fees = from.summary.fees;
  }
  return { summary: s, sla };
}

export const emptyPart = (): MonthPart => ({
  summary: {
    tickets: [],
    returnVisitsDone: 0,
    returnVisitsDue: 0,
    passes: {},
    ratings: { n: 0, sum: 0 },
    slaTotal: 0,
    slaMet: 0,
    fees: { billed: 0, waived: 0, paid: 0 },
  },
  sla: {},
});

export function isEmptyPart(p: MonthPart): boolean {
  const s = p.summary;
  return (
    !s.tickets.length &&
    !s.returnVisitsDone &&
    !s.returnVisitsDue &&
    !Object.keys(s.passes).length &&
    !s.ratings.n &&
    !s.slaTotal &&
    !s.fees.billed &&
    !s.fees.waived &&
    !s.fees.paid
  );
}

/** (community, month) → part, created empty on first use. */
export class MonthParts {
  private readonly map = new Map<string, MonthPart>();

  get(communityId: number, period: string): MonthPart {
    const k = `${communityId}|${period}`;
    let p = this.map.get(k);
    if (!p) this.map.set(k, (p = emptyPart()));
    return p;
  }

  set(communityId: number, period: string, part: MonthPart) {
    this.map.set(`${communityId}|${period}`, part);
  }

  entries(): { communityId: number; period: string; part: MonthPart }[] {
    return [...this.map].map(([k, part]) => {
      const [c, period] = k.split('|');
      return { communityId: Number(c), period, part };
    });
  }

  /** the parts of one month, every community */
  ofMonth(period: string): { communityId: number; part: MonthPart }[] {
    return this.entries().filter((e) => e.period === period);
  }

  addAll(other: MonthParts) {
    for (const e of other.entries()) this.set(e.communityId, e.period, e.part);
  }
}

/** Sorted durations as deltas (small numbers, short JSON); `undelta` restores them. */
export function delta(sorted: number[]): number[] {
  return sorted.map((v, i) => (i ? v - sorted[i - 1] : v));
}
export function undelta(d: number[]): number[] {
  const out = new Array<number>(d.length);
  let acc = 0;
  for (let i = 0; i < d.length; i++) out[i] = acc += d[i];
  return out;
}

export function serializeSla(sla: Record<string, SlaLinePart>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(sla).map(([k, l]) => [k, { t: l.total, b: l.breached, d: delta(l.durations) }])));
}
export function parseSla(text: string): Record<string, SlaLinePart> {
  const raw = JSON.parse(text) as Record<string, { t: number; b: number; d: number[] }>;
  return Object.fromEntries(Object.entries(raw).map(([k, l]) => [k, { total: l.t, breached: l.b, durations: undelta(l.d) }]));
}
