import { formatShare, type ReportDrill, type ReportSlaLine } from '@linli/shared';
import { qs } from '@common/api';

/**
 * The share of clocks met below which a clock's line is red. The issue sets each clock's time limit, not the share;
 * 95 % is the dashboard's bar (printed beside every line as 「目标 ≥ 95%」).
 */
export const SLA_TARGET_SHARE = 0.95;
export const SLA_TARGET_TEXT = `目标达标率 ≥ ${Math.round(SLA_TARGET_SHARE * 100)}%`;
export const SLA_FORMULA = '达标率 = 按时完成的时钟 ÷ 本月到期的时钟';

export const isBelowTarget = (l: Pick<ReportSlaLine, 'metShare'>) => l.metShare !== null && l.metShare < SLA_TARGET_SHARE;
export const sharePercent = formatShare;

/** YYYY-MM of today in Shanghai, a month moved by `delta`, its labels and quarter. */
export function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
}
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
export const monthShort = (month: string) => `${Number(month.slice(5, 7))}月`;
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** 90 000 → 「1.5 分钟」; hours past 2, days past 48 h. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const min = ms / 60_000;
  if (min < 1) return `${Math.round(ms / 1000)} 秒`;
  if (min < 120) return `${trim(min)} 分钟`;
  if (min < 48 * 60) return `${trim(min / 60)} 小时`;
  return `${trim(min / 1440)} 天`;
}
const trim = (n: number) => (Math.round(n * 10) / 10).toString();

/** Month over month: 「较上月 +3」 / 「较上月 −12.5%」 (shares in percentage points), null when not comparable. */
export function deltaText(value: number | null, previous: number | null, kind: 'count' | 'share' = 'count'): string | null {
  if (value === null || previous === null) return null;
  const d = value - previous;
  if (kind === 'share') {
    const pts = Math.round(d * 1000) / 10;
    return `较上月 ${pts > 0 ? '+' : pts < 0 ? '−' : '±'}${Math.abs(pts).toFixed(1)} 个百分点`;
  }
  return `较上月 ${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)}`;
}
export const deltaClass = (value: number | null, previous: number | null) =>
  value === null || previous === null || value === previous ? 'is-flat' : value > previous ? 'is-up' : 'is-down';

/** The drill page for a figure: its kind and filter travel as the page's query, with the figure's name and value. */
export function drillPage(drill: ReportDrill, title: string, count?: number): string {
  return `/pages-reports/drill/index${qs({ ...stringify(drill.filter), kind: drill.kind, figure: title, count })}`;
}
const stringify = (f: ReportDrill['filter']) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)]));

export { exportXlsx } from '../pages-ledger/util';
