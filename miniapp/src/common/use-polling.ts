import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/** while a page that polls is on screen, check again this often */
export const POLL_MS = 30_000;

/**
 * Runs `refresh` each time the page is shown and every POLL_MS while it is (and at once when `enabled` turns true,
 * e.g. once the roles have arrived with Me); stops when the page is hidden or unmounted.
 */
export function usePolling(refresh: () => void, enabled = true): void {
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const latest = useRef(refresh);
  latest.current = refresh;
  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  const started = useRef(0);
  const start = () => {
    // mount and the first show come together: one request
    if (timer.current && Date.now() - started.current < 1000) return;
    stop();
    started.current = Date.now();
    latest.current();
    timer.current = setInterval(() => latest.current(), POLL_MS);
  };
  useEffect(() => {
    if (enabled) start();
    return stop;
  }, [enabled]);
  useDidShow(() => enabled && start());
  useDidHide(stop);
}
