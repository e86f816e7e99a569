import { useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/** never wait longer than one step, nor hammer the server when a clock is off */
const MAX_WAIT_MS = 30_000;
const MIN_WAIT_MS = 2_000;

/**
 * The rotating code of a pass (or a view carrying one): fetched at once, then again just after its refreshAt, while
 * the page is shown. A view without a refreshAt (revoked, expired: no code) is not fetched again.
 */
export function usePassCode<T extends { refreshAt: string | null }>(load: (() => Promise<T>) | null, deps: readonly unknown[]) {
  const [code, setCode] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loader = useRef(load);
  loader.current = load;
  const live = useRef(true);

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const tick = async () => {
    stop();
    if (!loader.current || !live.current) return;
    try {
      const c = await loader.current();
      if (!live.current) return;
      setCode(c);
      setError(null);
      if (!c.refreshAt) return;
      const wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, Date.parse(c.refreshAt) - Date.now() + 300));
      timer.current = setTimeout(() => void tick(), wait);
    } catch (e) {
      if (!live.current) return;
      setError(e);
      timer.current = setTimeout(() => void tick(), 10_000);
    }
  };

  useEffect(() => {
    live.current = true;
    void tick();
    return () => {
      live.current = false;
      stop();
    };
  }, deps); // the loader is read through a ref
  useDidShow(() => {
    if (!live.current) {
      live.current = true;
      void tick();
    }
  });
  useDidHide(() => {
    live.current = false;
    stop();
  });
  return { code, error, refresh: () => void tick() };
}
