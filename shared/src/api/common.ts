/** Keyset pagination: pass `cursor` from the previous page; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface PageQuery {
  cursor?: string;
  limit?: number;
}
export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;
