import { SHANGHAI_OFFSET_MS } from './sla/shanghai-time';

/**
 * The one way both apps, the server's texts and the printed notices write a deadline (截止时间), in Asia/Shanghai:
 * "12月7日 24:00", "12月7日 10:05", with the year ("2026年12月7日 24:00") when asked for (printed letters).
 *
 * Deadlines at local midnight are ends of days (a written reply due "within 3 working days", a resolution date,
 * the same-day arrival): they read as that day's 24:00, never as the next day's 00:00 — "12月8日 00:00" looks like
 * a day more than was promised, and "12月7日 24:00" names the day the resident was told. 24:00 is the
 * end of the day in GB/T 7408 (ISO 8601), as Chinese notices write it.
 */
export function formatDue(at: Date | string | null | undefined, opts: { year?: boolean } = {}): string {
  if (at === null || at === undefined || at === '') return '';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const local = d.getTime() + SHANGHAI_OFFSET_MS;
  const midnight = local % 86_400_000 === 0;
  const shown = new Date(local - (midnight ? 86_400_000 : 0));
  const day = `${opts.year ? `${shown.getUTCFullYear()}年` : ''}${shown.getUTCMonth() + 1}月${shown.getUTCDate()}日`;
  return `${day} ${midnight ? '24:00' : shown.toISOString().slice(11, 16)}`;
}

/** A due date kept as a local day (YYYY-MM-DD, due at its 24:00): "12月7日 24:00". */
export function formatDueDate(date: string | null | undefined, opts: { year?: boolean } = {}): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${opts.year ? `${Number(m[1])}年` : ''}${Number(m[2])}月${Number(m[3])}日 24:00`;
}
