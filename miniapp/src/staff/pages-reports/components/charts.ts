import { Axis, Chart, Interval, Legend, Line, Point, jsx } from '@antv/f2';
import type { MonthlyReportView, ReportCommunityBar, ReportSlaLine } from '@linli/shared';
import { isBelowTarget, monthShort, sharePercent } from '../util';

/** F2's classic `jsx(type, props, ...children)`, loosely typed (its generics don't survive a plain call). */
const h = jsx as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

const GREEN = '#13a07a';
const BLUE = '#3d7eff';
const RED = '#e5484d';
const GREY = '#e7e9ee';
const TEXT = '#5c6370';

const percentTick = (v: number) => `${Math.round(v * 100)}%`;
/** a count axis 0…n with whole-number ticks (4 steps) */
const countMax = (values: number[]) => Math.max(4, Math.ceil(Math.max(0, ...values) / 4) * 4);
const AXIS = { style: { label: { fontSize: 11, fill: TEXT } } };

/** 工单量 over the last six months (one line with points). */
export function ticketsTrend(trend: MonthlyReportView['trend']) {
  const data = trend.map((t) => ({ month: monthShort(t.period), tickets: t.tickets }));
  const max = countMax(data.map((d) => d.tickets));
  return () =>
    h(
      Chart,
      { data, scale: { tickets: { min: 0, max, tickCount: 5 } } },
      h(Axis, { field: 'month', ...AXIS }),
      h(Axis, { field: 'tickets', ...AXIS }),
      h(Line, { x: 'month', y: 'tickets', color: BLUE }),
      h(Point, { x: 'month', y: 'tickets', color: BLUE }),
    );
}

/** SLA 达标率 and 收缴率 over the last six months, 0–100 %. Months without data leave a gap. */
export function sharesTrend(trend: MonthlyReportView['trend']) {
  const data = trend.flatMap((t) => [
    { month: monthShort(t.period), series: 'SLA 达标率', share: t.slaMetShare },
    { month: monthShort(t.period), series: '收缴率', share: t.collectionRate },
  ]);
  return () =>
    h(
      Chart,
      { data, scale: { share: { min: 0, max: 1, tickCount: 5, formatter: percentTick } } },
      h(Axis, { field: 'month', ...AXIS }),
      h(Axis, { field: 'share', formatter: percentTick, ...AXIS }),
      h(Line, { x: 'month', y: 'share', color: { field: 'series', range: [GREEN, BLUE] } }),
      h(Point, { x: 'month', y: 'share', color: { field: 'series', range: [GREEN, BLUE] } }),
      h(Legend, { position: 'top', nameStyle: { fontSize: 12, fill: TEXT } }),
    );
}

/** Tickets per community, horizontal bars (company-wide view). */
export function communityBars(bars: ReportCommunityBar[]) {
  const data = bars.map((b) => ({ name: b.communityName, tickets: b.tickets }));
  const max = countMax(data.map((d) => d.tickets));
  return () =>
    h(
      Chart,
      { data, coord: { transposed: true }, scale: { tickets: { min: 0, max, tickCount: 5 } } },
      h(Axis, { field: 'name', ...AXIS }),
      h(Axis, { field: 'tickets', ...AXIS }),
      h(Interval, { x: 'name', y: 'tickets', color: BLUE }),
    );
}

/** Half-circle gauges, three to a row: the clock's share met, red below the target. */
export function slaGauges(lines: ReportSlaLine[]) {
  return ({ width }: { width: number }) => {
    const col = width / 3;
    const r = Math.min(34, col / 2 - 12);
    return h(
      'group',
      null,
      ...lines.map((l, i) => {
        const cx = col * (i % 3) + col / 2;
        const cy = 18 + Math.floor(i / 3) * GAUGE_ROW + r + 8;
        const share = l.metShare ?? 0;
        const color = l.metShare === null ? GREY : isBelowTarget(l) ? RED : GREEN;
        return h(
          'group',
          { key: l.key },
          h('arc', { attrs: { cx, cy, r, startAngle: 180, endAngle: 360, lineWidth: 9, stroke: GREY, lineCap: 'round' } }),
          share > 0 && h('arc', { attrs: { cx, cy, r, startAngle: 180, endAngle: 180 + 180 * share, lineWidth: 9, stroke: color, lineCap: 'round' } }),
          h('text', {
            attrs: {
              x: cx,
              y: cy - 4,
              text: sharePercent(l.metShare),
              fontSize: 13,
              fontWeight: 'bold',
              fill: color === GREY ? TEXT : color,
              textAlign: 'center',
              textBaseline: 'bottom',
            },
          }),
          h('text', { attrs: { x: cx, y: cy + 8, text: clip(l.label, 7), fontSize: 11, fill: TEXT, textAlign: 'center', textBaseline: 'top' } }),
        );
      }),
    );
  };
}

/** height of one row of gauges, px */
export const GAUGE_ROW = 84;
export const gaugesHeight = (n: number) => Math.max(1, Math.ceil(n / 3)) * GAUGE_ROW + 8;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
