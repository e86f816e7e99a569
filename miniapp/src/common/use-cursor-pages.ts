import { useState } from 'react';
import type { Page } from '@linli/shared';
import { showError } from './api';
import { useAsync, type AsyncState } from './hooks';

export interface CursorPages<T, P extends Page<T> = Page<T>> {
  /** the first page's load (loading / error / reload); a reload drops the pages loaded after it */
  first: AsyncState<P>;
  items: T[];
  cursor: string | null;
  loadingMore: boolean;
  /** appends the next page (rows already shown are skipped); a failure is toasted */
  loadMore: () => Promise<void>;
  /** replaces the rows on screen (e.g. marked read), keeping the cursor */
  setItems: (items: T[]) => void;
  /** whether pages beyond the first are on screen */
  extended: boolean;
}

/**
 * A keyset-paged list: the first page on mount and whenever `deps` change, 加载更多 after it. `load` should be silent.
 * `P`: a page carrying more than items (e.g. a count) — `first.data` keeps the first page's.
 */
export function useCursorPages<T extends { id: number | string }, P extends Page<T> = Page<T>>(
  // `& Page<T>`: lets callers that name no types have T inferred from the page
  load: (cursor?: string) => Promise<P & Page<T>>,
  deps: readonly unknown[],
): CursorPages<T, P> {
  const [more, setMore] = useState<{ items: T[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync(async () => {
    const page = await load();
    setMore(null);
    return page;
  }, deps);
  const items = more ? more.items : (first.data?.items ?? []);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await load(cursor);
      const seen = new Set(items.map((t) => t.id));
      setMore({ items: [...items, ...page.items.filter((t) => !seen.has(t.id))], cursor: page.nextCursor });
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(false);
    }
  }
  return { first, items, cursor, loadingMore, loadMore, setItems: (next) => setMore({ items: next, cursor }), extended: !!more };
}
