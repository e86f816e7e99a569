import { ErrorCode, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, Page } from '@linli/shared';
import { AppError } from './app-error';

/** One position of a keyset cursor: what the list's sort column may hold there. */
export type CursorPart = { kind: 'id' } | { kind: 'oneOf'; values: readonly number[] } | { kind: 'sqlTime' };

/** The expected shape of a list's cursor, position by position. */
export type CursorShape = readonly CursorPart[];

export const cursorId: CursorPart = { kind: 'id' };
export const cursorOneOf = (...values: number[]): CursorPart => ({ kind: 'oneOf', values });
/** a datetime as sqlTime writes it ("YYYY-MM-DD HH:MM:SS.mmm", UTC), a real instant */
export const cursorSqlTime: CursorPart = { kind: 'sqlTime' };

/** newest first by id: the shape of most lists */
export const ID_CURSOR: CursorShape = [cursorId];

const SQL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

function fits(part: CursorPart, v: unknown): boolean {
  switch (part.kind) {
    case 'id':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
    case 'oneOf':
      return typeof v === 'number' && part.values.includes(v);
    case 'sqlTime': {
      if (typeof v !== 'string' || !SQL_TIME.test(v)) return false;
      // the round trip through Date rejects 2026-02-30 and 25:00, which would compare as text without complaint
      const iso = `${v.replace(' ', 'T')}Z`;
      const d = new Date(iso);
      return !Number.isNaN(d.getTime()) && d.toISOString() === iso;
    }
  }
}

/** Opaque cursor: the sort values of the last row of the previous page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort values a cursor carries, each checked against the list's shape: a cursor that is not one this list
 * issued (garbage, another list's, hand-edited) is a 400 before it reaches SQL.
 */
export function decodeCursor(cursor: string | undefined, shape: CursorShape): (string | number)[] | null {
  if (!cursor) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (Array.isArray(v) && v.length === shape.length && shape.every((part, i) => fits(part, v[i]))) return v as (string | number)[];
  const message = '分页参数 cursor 无效，请从第一页重新加载';
  throw new AppError(400, ErrorCode.BadRequest, message, [{ field: 'cursor', rule: 'cursorShape', message }]);
}

export function pageLimit(limit?: number) {
  return Math.min(Math.max(limit ?? PAGE_LIMIT_DEFAULT, 1), PAGE_LIMIT_MAX);
}

/** Fetch limit + 1 rows; this trims the extra one and makes the next cursor from the last kept row. */
export function toPage<R, V>(rows: R[], limit: number, view: (r: R, i: number) => V, sortKey: (r: R) => (string | number)[]): Page<V> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(view), nextCursor: more ? encodeCursor(sortKey(kept[kept.length - 1])) : null };
}
