import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { Me } from '@linli/shared';
import { fetchMe } from './auth';
import { goChangePassword, goLogin } from './api';
import { getCachedMe, hasSession } from './session';

export interface AsyncState<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  /** run the loader again (keeps current data while loading) */
  reload: () => Promise<void>;
  setData: (v: T | undefined | ((prev: T | undefined) => T | undefined)) => void;
}

/**
 * Run an async loader on mount (and whenever `deps` change); track loading / error / data.
 * Stale responses (from an older run) are ignored.
 */
export function useAsync<T>(loader: () => Promise<T>, deps: readonly unknown[] = [], opts: { immediate?: boolean } = {}): AsyncState<T> {
  const { immediate = true } = opts;
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState<boolean>(immediate);
  const [error, setError] = useState<unknown>(null);
  const runId = useRef(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;

  const reload = useCallback(async () => {
    const id = ++runId.current;
    setLoading(true);
    setError(null);
    try {
      const v = await loaderRef.current();
      if (id === runId.current) setData(v);
    } catch (e) {
      if (id === runId.current) setError(e);
    } finally {
      if (id === runId.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (immediate) void reload();
  }, deps); // the loader is read through a ref: `deps` alone decide when to run it

  return { data, loading, error, reload, setData };
}

/** Like useAsync, and also reloads whenever the page is shown again (e.g. back from a subpage). */
export function usePageData<T>(loader: () => Promise<T>, deps: readonly unknown[] = []): AsyncState<T> {
  const state = useAsync(loader, deps);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void state.reload();
    shown.current = true;
  });
  return state;
}

/**
 * The signed-in user for a page that requires a session: redirects to login when there is none (and staff on an
 * initial password to the change-password page), shows the cached Me at once and refreshes it each time it is shown.
 */
export function useMe(): AsyncState<Me> {
  const hasToken = hasSession();
  const state = usePageData<Me>(() => {
    if (!hasSession()) {
      goLogin();
      return new Promise<Me>(() => undefined);
    }
    return fetchMe();
  });
  const cached = hasToken ? getCachedMe() : null;
  const mustChange = (state.data ?? cached)?.mustChangePassword === true;
  useEffect(() => {
    if (mustChange) goChangePassword();
  }, [mustChange]);
  return {
    ...state,
    data: state.data ?? cached ?? undefined,
    loading: state.loading && !cached,
    error: cached ? null : state.error,
  };
}
