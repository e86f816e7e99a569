/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so day arithmetic is a fixed offset. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The instant of the next 24:00 in Asia/Shanghai after (or at) `at`: the end of that local day. */
export function endOfShanghaiDay(at: Date): Date {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  return new Date(dayStart + 86_400_000 - SHANGHAI_OFFSET_MS);
}

/** YYYY-MM-DD of the local day in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYYMMDD, for ticket numbers. */
export function shanghaiDayKey(at: Date): string {
  return shanghaiDate(at).replace(/-/g, '');
}

/** The Shanghai month (YYYY-MM) of an instant. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDate(at).slice(0, 7);
}
