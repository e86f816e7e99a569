import { DataSource } from 'typeorm';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CLASS_LABELS,
  COMPLAINT_KIND_LABELS,
  PASS_KIND_LABELS,
  previousPeriod,
  REPAIR_CATEGORIES,
  REPAIR_TIER_LABELS,
  ReportDrill,
  ReportFigure,
  TICKET_CHANNEL_LABELS,
} from '@linli/shared';
import { reportEngage } from './report-engage';
import { ReportScope } from './report-scope';
import { MonthParts, MonthSummary } from './rollup/month-part';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Per community the figures' values of the month and of the month before. */
export interface CountsResult {
  figures: ReportFigure[];
  /** tickets received in the month, per community (the company-wide bars) */
  ticketsByCommunity: Map<number, number>;
}

class Tally {
  private readonly cur = new Map<string, number>();
  private readonly prev = new Map<string, number>();
  private readonly order: { key: string; label: string; drill: ReportDrill | null }[] = [];
  private readonly seen = new Set<string>();

  add(key: string, label: string, drill: ReportDrill | null, isCur: boolean, v: number) {
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.order.push({ key, label, drill });
    }
    const m = isCur ? this.cur : this.prev;
    m.set(key, (m.get(key) ?? 0) + v);
  }
  /** a figure shown even at zero */
  declare(key: string, label: string, drill: ReportDrill | null) {
    this.add(key, label, drill, true, 0);
  }
  figures(): ReportFigure[] {
    return this.order.map((f) => ({ ...f, value: this.cur.get(f.key) ?? 0, previous: this.prev.get(f.key) ?? 0 }));
  }
}

/**
 * The counts of the month (and the month before) from the months' parts: tickets by kind / class / category / tier /
 * channel by the month they were received in, return visits done (return_visit_at in the month) and due (completed
 * in the month, still awaiting the visit), passes by kind issued in the month; and [engage]'s figures, live
 * (report-engage, one statement).
 */
export async function reportCounts(ds: DataSource, s: ReportScope, period: string, parts: MonthParts): Promise<CountsResult> {
  const prevPeriod = previousPeriod(period);
  const base: Record<string, number> = s.communityId !== null ? { communityId: s.communityId } : {};
  const drill = (kind: ReportDrill['kind'], f: ReportDrill['filter']): ReportDrill => ({ kind, filter: { period, ...base, ...f } });
  const t = new Tally();
  const ticketsByCommunity = new Map<number, number>();
  t.declare('complaints.total', '投诉', drill('tickets', { ticketKind: 'complaint' }));
  for (const c of [1, 2, 3] as const)
    t.declare(`complaints.class.${c}`, COMPLAINT_CLASS_LABELS[c], drill('tickets', { ticketKind: 'complaint', complaintClass: c }));
  for (const k of ['suggestion', 'inquiry', 'praise'] as const) t.declare(`${k}s.total`, COMPLAINT_KIND_LABELS[k], drill('tickets', { ticketKind: k }));
  t.declare('repairs.total', '报修', drill('tickets', { ticketKind: 'repair' }));
  for (const tier of ['critical', 'urgent', 'normal'] as const)
    t.declare(`repairs.tier.${tier}`, `报修·${REPAIR_TIER_LABELS[tier]}`, drill('tickets', { ticketKind: 'repair', tier }));

  const each = (fn: (sum: MonthSummary, isCur: boolean, id: number) => void) => {
    for (const p of [period, prevPeriod]) for (const id of s.communityIds) fn(parts.get(id, p).summary, p === period, id);
  };
  each((sum, isCur, id) => {
    for (const [kind, complaintClass, category, tier, channel, v] of sum.tickets)
      ticketRow(t, { community_id: id, cur: isCur ? 1 : 0, kind, complaint_class: complaintClass, category, tier, channel, n: v }, drill, ticketsByCommunity);
  });
  t.declare('return_visits.done', '回访·已完成', drill('return_visits', { state: 'done' }));
  t.declare('return_visits.due', '回访·待回访', drill('return_visits', { state: 'due' }));
  each((sum, isCur) => {
    t.add('return_visits.done', '回访·已完成', null, isCur, sum.returnVisitsDone);
    t.add('return_visits.due', '回访·待回访', null, isCur, sum.returnVisitsDue);
  });
  for (const kind of Object.keys(PASS_KIND_LABELS))
    t.declare(`passes.kind.${kind}`, `签发·${labelOf(PASS_KIND_LABELS, kind)}`, drill('passes', { passKind: kind }));
  each((sum, isCur) => {
    for (const [kind, v] of Object.entries(sum.passes))
      t.add(`passes.kind.${kind}`, `签发·${labelOf(PASS_KIND_LABELS, kind)}`, drill('passes', { passKind: kind }), isCur, v);
  });
  for (const f of await reportEngage(ds, s, period, prevPeriod, drill)) {
    t.add(f.key, f.label, f.drill, true, f.value);
    t.add(f.key, f.label, null, false, f.previous);
  }
  return { figures: t.figures(), ticketsByCommunity };
}

function labelOf(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

const REPAIR_CATEGORY_LABELS: Record<string, string> = Object.fromEntries(REPAIR_CATEGORIES.map((c) => [c.key, c.label]));

function ticketRow(t: Tally, r: Row, drill: (k: ReportDrill['kind'], f: ReportDrill['filter']) => ReportDrill, byCommunity: Map<number, number>) {
  const isCur = n(r.cur) === 1;
  const v = n(r.n);
  const kind = String(r.kind);
  const category = str(r.category);
  if (isCur) byCommunity.set(n(r.community_id), (byCommunity.get(n(r.community_id)) ?? 0) + v);
  if (kind === 'repair') {
    t.add('repairs.total', '报修', drill('tickets', { ticketKind: 'repair' }), isCur, v);
    const tier = str(r.tier);
    if (tier) t.add(`repairs.tier.${tier}`, `报修·${labelOf(REPAIR_TIER_LABELS, tier)}`, drill('tickets', { ticketKind: 'repair', tier }), isCur, v);
    if (category)
      t.add(
        `repairs.category.${category}`,
        `报修·${labelOf(REPAIR_CATEGORY_LABELS, category)}`,
        drill('tickets', { ticketKind: 'repair', category }),
        isCur,
        v,
      );
    const channel = String(r.channel);
    t.add(`repairs.channel.${channel}`, `报修·${labelOf(TICKET_CHANNEL_LABELS, channel)}`, drill('tickets', { ticketKind: 'repair', channel }), isCur, v);
    return;
  }
  if (kind !== 'complaint') {
    t.add(`${kind}s.total`, labelOf(COMPLAINT_KIND_LABELS, kind), drill('tickets', { ticketKind: kind }), isCur, v);
    return;
  }
  t.add('complaints.total', '投诉', drill('tickets', { ticketKind: 'complaint' }), isCur, v);
  const cls = r.complaint_class === null || r.complaint_class === undefined ? null : n(r.complaint_class);
  if (cls !== null)
    t.add(
      `complaints.class.${cls}`,
      labelOf(COMPLAINT_CLASS_LABELS as Record<string, string>, String(cls)),
      drill('tickets', { ticketKind: 'complaint', complaintClass: cls }),
      isCur,
      v,
    );
  if (category)
    t.add(
      `complaints.category.${category}`,
      `投诉·${labelOf(COMPLAINT_CATEGORY_LABELS, category)}`,
      drill('tickets', { ticketKind: 'complaint', category }),
      isCur,
      v,
    );
}
