/** How the databases store datetime(3): UTC "YYYY-MM-DD HH:MM:SS.mmm"; as a parameter it compares right in both dialects. */
export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** A datetime as either driver returns it (inside JSON: `YYYY-MM-DD HH:MM:SS.mmm`, UTC) or as a value. */
export function utc(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
