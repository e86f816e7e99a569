import { ValidationOptions, registerDecorator } from 'class-validator';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * A real instant: ISO 8601 `YYYY-MM-DD[THH:mm[:ss[.sss]][Z|±HH:MM]]` naming a date that exists (no 02-30), with
 * a year 1970–9999 (what both databases store). Rejects what `@IsISO8601()` lets through and `new Date()` cannot
 * read (week and ordinal dates, `+275760-…`), which became Invalid Date and a 500 further on.
 */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', s = '0', , oh = '0', om = '0'] = m.slice(1);
  const year = Number(y);
  if (year < 1970 || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1) return false;
  if (Number(d) > new Date(Date.UTC(year, Number(mo), 0)).getUTCDate()) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 14 || Number(om) > 59) return false;
  return Number.isFinite(Date.parse(value.replace(' ', 'T')));
}

export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: { message: `「${propertyName}」必须是有效的日期时间（如 2026-12-01T09:30:00+08:00）`, ...options },
      validator: { validate: isInstant },
    });
}
