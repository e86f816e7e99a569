import { useEffect, useRef } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useAsync, type AsyncState } from '../hooks';

const REFRESH_MS = 15_000;

/**
 * A staff 报修 / 投诉 detail page's ticket: `load(id)` with the id from the route; loads again when the page
 * is shown again, every 15 s while it is on screen, and on pull-down. `valid` is false for a bad id.
 */
export function useStaffTicketDetail<D>(load: (id: number) => Promise<D>): { valid: boolean; detail: AsyncState<D> } {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useAsync<D>(() => (valid ? load(id) : Promise.reject(new Error('工单不存在'))), [id]);

  const visible = useRef(true);
  const shown = useRef(false);
  useDidShow(() => {
    visible.current = true;
    if (shown.current) void detail.reload();
    shown.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  usePullDownRefresh(() => {
    void detail.reload().finally(() => void Taro.stopPullDownRefresh());
  });
  useEffect(() => {
    const t = setInterval(() => {
      if (visible.current) void detail.reload();
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  return { valid, detail };
}
