import { SHANGHAI_OFFSET_MS } from '@linli/shared';

/** "12-03 10:00" in Shanghai time. */
function md(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString();
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`;
}

/** A pass's window: "12-03 10:00 至 12-05 24:00". */
export function passWindow(from: string, until: string): string {
  const end = md(until).replace(/ 00:00$/, ' 24:00');
  const endText = end.endsWith(' 24:00') ? md(new Date(Date.parse(until) - 60_000).toISOString()).slice(0, 5) + ' 24:00' : end;
  return `${md(from)} 至 ${endText}`;
}

/** "剩余 2/3 次" or "不限次数". */
export function entriesText(total: number | null, used: number): string {
  return total === null ? '不限次数' : `剩余 ${Math.max(0, total - used)}/${total} 次`;
}
