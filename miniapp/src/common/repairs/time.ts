import { SHANGHAI_OFFSET_MS } from '@linli/shared';

/** Display of instants in Asia/Shanghai (UTC+8, no DST) whatever the device's time zone. */

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

export function shanghaiParts(at: Date): ShanghaiParts {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

export type TimeFormat = 'MM-DD HH:mm' | 'YYYY-MM-DD HH:mm' | 'YYYY-MM-DD' | 'MM-DD' | 'HH:mm';

/** ISO instant → Asia/Shanghai local text, default "MM-DD HH:mm". Empty for null; the input back if unparsable. */
export function formatShanghai(iso: string | Date | null | undefined, format: TimeFormat = 'MM-DD HH:mm'): string {
  if (!iso) return '';
  const at = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  const p = shanghaiParts(at);
  const date = `${pad(p.month)}-${pad(p.day)}`;
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  switch (format) {
    case 'YYYY-MM-DD HH:mm':
      return `${p.year}-${date} ${time}`;
    case 'YYYY-MM-DD':
      return `${p.year}-${date}`;
    case 'MM-DD':
      return date;
    case 'HH:mm':
      return time;
    default:
      return `${date} ${time}`;
  }
}

/** A from–to window: "02-03 08:00–12:00" on one day, else "02-03 20:00 – 02-04 08:00". */
export function formatWindow(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '';
  if (!from || !to) return formatShanghai(from || to);
  if (formatShanghai(from, 'YYYY-MM-DD') === formatShanghai(to, 'YYYY-MM-DD')) return `${formatShanghai(from)}–${formatShanghai(to, 'HH:mm')}`;
  return `${formatShanghai(from)} – ${formatShanghai(to)}`;
}

/** "YYYY-MM-DD" (a Shanghai calendar day) + local hour/minute → ISO instant. */
export function shanghaiInstant(date: string, hour: number, minute = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - SHANGHAI_OFFSET_MS).toISOString();
}

/** The Shanghai calendar day `days` after the one containing `at`, as "YYYY-MM-DD". */
export function shanghaiDay(at: Date, days = 0): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10);
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** "今天" / "明天" / "后天" or "周三", for a day picker. */
export function dayLabel(date: string, now: Date): string {
  if (date === shanghaiDay(now)) return '今天';
  if (date === shanghaiDay(now, 1)) return '明天';
  if (date === shanghaiDay(now, 2)) return '后天';
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}
