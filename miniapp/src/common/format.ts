const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** ISO timestamp → "2025-01-31 14:05" in the device's time zone (China: Asia/Shanghai). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
