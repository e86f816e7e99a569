import { SHANGHAI_OFFSET_MS } from '../sla/shanghai-time';

/**
 * A community's permitted decoration work hours, in Asia/Shanghai: ISO weekdays (1 = Monday … 7 = Sunday) and
 * time ranges [from, to) as "HH:MM". Worker passes verify only inside them.
 */
export interface WorkHours {
  days: number[];
  ranges: { from: string; to: string }[];
}

export const DEFAULT_WORK_HOURS: WorkHours = {
  days: [1, 2, 3, 4, 5],
  ranges: [
    { from: '08:00', to: '12:00' },
    { from: '14:00', to: '18:00' },
  ],
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Problems with a policy a manager typed, in zh-CN; empty when it is usable. */
export function workHoursProblems(w: unknown): string[] {
  const p: string[] = [];
  const v = w as Partial<WorkHours> | null;
  if (!v || typeof v !== 'object') return ['施工时间格式不正确'];
  if (!Array.isArray(v.days) || !v.days.length || v.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7) || new Set(v.days).size !== v.days.length)
    p.push('施工日须为周一至周日中的若干天，且不重复');
  if (!Array.isArray(v.ranges) || !v.ranges.length || v.ranges.length > 6) p.push('施工时段须有 1 至 6 段');
  else {
    const ok = v.ranges.every((r) => r && typeof r.from === 'string' && typeof r.to === 'string' && HHMM.test(r.from) && HHMM.test(r.to));
    if (!ok) p.push('施工时段须为 HH:MM');
    else {
      const sorted = [...v.ranges].sort((a, b) => minutes(a.from) - minutes(b.from));
      if (sorted.some((r) => minutes(r.from) >= minutes(r.to))) p.push('施工时段的开始须早于结束');
      else if (sorted.some((r, i) => i > 0 && minutes(r.from) < minutes(sorted[i - 1].to))) p.push('施工时段不能重叠');
    }
  }
  return p;
}

/** Whether `at` falls on a permitted day inside one of the ranges (Asia/Shanghai). */
export function withinWorkHours(w: WorkHours, at: Date): boolean {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const isoDay = ((local.getUTCDay() + 6) % 7) + 1;
  if (!w.days.includes(isoDay)) return false;
  const m = local.getUTCHours() * 60 + local.getUTCMinutes();
  return w.ranges.some((r) => m >= minutes(r.from) && m < minutes(r.to));
}

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** "周一至周五 08:00–12:00、14:00–18:00" — printed on the pass and in a refusal. */
export function formatWorkHours(w: WorkHours): string {
  const d = [...w.days].sort();
  const contiguous = d.every((x, i) => i === 0 || x === d[i - 1] + 1);
  const days = contiguous && d.length > 2 ? `${DAY_NAMES[d[0]]}至${DAY_NAMES[d[d.length - 1]]}` : d.map((x) => DAY_NAMES[x]).join('、');
  return `${days} ${w.ranges.map((r) => `${r.from}–${r.to}`).join('、')}`;
}
