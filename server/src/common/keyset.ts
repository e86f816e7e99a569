import { ErrorCode, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, Page } from '@linli/shared';
import { AppError } from './app-error';

/** Opaque cursor: the sort values of the last row of the previous page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v;
  } catch {
    /* fall through */
  }
  throw new AppError(400, ErrorCode.BadRequest, '分页参数 cursor 无效');
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
