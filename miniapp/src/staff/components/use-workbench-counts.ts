import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { WorkbenchCounts } from '@linli/shared';
import { api } from '@common/api';
import { hasSession } from '@common/session';

/** while the workbench is on screen, check again this often (as the unread badge) */
const POLL_MS = 30_000;

/** The to-do counts per workbench tile, refreshed each time the workbench is shown and every 30 s while it is. */
export function useWorkbenchCounts(enabled: boolean): WorkbenchCounts['tiles'] {
  const [tiles, setTiles] = useState<WorkbenchCounts['tiles']>({});
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const refresh = useCallback(() => {
    if (!enabled || !hasSession()) return;
    api
      .get<WorkbenchCounts>('/api/staff/workbench/counts', { silent: true })
      .then((r) => setTiles(r.tiles ?? {}))
      .catch(() => undefined);
  }, [enabled]);

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  const start = () => {
    stop();
    refresh();
    timer.current = setInterval(refresh, POLL_MS);
  };
  // the roles arrive with Me: start once they do
  useEffect(() => {
    if (enabled) start();
    return stop;
  }, [enabled]);
  useDidShow(() => enabled && start());
  useDidHide(stop);
  return tiles;
}
