import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ApiError, api, showError } from '../api';
import { usePageData, type AsyncState } from '../hooks';

const AUTO_REFRESH_MS = 15_000;

interface TicketDetail {
  id: number;
  version: number;
  actions: readonly string[];
}

function isDetail<D extends TicketDetail>(v: unknown): v is D {
  return !!v && typeof v === 'object' && typeof (v as D).id === 'number' && Array.isArray((v as D).actions);
}

export type TicketAct<A extends string, B> = (action: A, body?: B) => Promise<boolean>;

/**
 * A resident's 报修 / 投诉 detail page: load `${base}/${id}` (id from the route), reload when shown,
 * every 15 s while on screen and on pull-down; `act` posts `${base}/${id}/actions/${action}` with the version.
 */
export function useResidentTicketDetail<D extends TicketDetail, A extends string, B extends object>(opts: {
  /** e.g. `/api/repairs` */
  base: string;
  notFound: string;
  doneToast: Partial<Record<A, string>>;
  /** toast when the server answers 409 without a message */
  conflictText: string;
}): { state: AsyncState<D>; act: TicketAct<A, B> } {
  const { base, notFound, doneToast, conflictText } = opts;
  const { params } = useRouter();
  const id = Number(params.id);
  const state = usePageData<D>(async () => {
    if (!Number.isInteger(id) || id <= 0) throw new Error(notFound);
    return api.get<D>(`${base}/${id}`, { silent: true });
  }, [id]);
  const d = state.data;
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  // auto-refresh while the page is on screen (the countdowns tick locally in between)
  useEffect(() => {
    if (!visible) return;
    const t = setInterval(() => void state.reload(), AUTO_REFRESH_MS);
    return () => clearInterval(t);
  }, [visible]);
  useEffect(() => {
    if (!state.loading) void Taro.stopPullDownRefresh();
  }, [state.loading]);
  usePullDownRefresh(() => void state.reload());

  const act: TicketAct<A, B> = async (action, body) => {
    if (!d) return false;
    try {
      const res = await api.post<D>(`${base}/${d.id}/actions/${action}`, { ...(body ?? {}), version: d.version }, { silent: true });
      if (isDetail<D>(res)) state.setData(res);
      // and fetch again: supersedes an auto-refresh that may have started before the action
      void state.reload();
      void Taro.showToast({ title: doneToast[action] ?? '操作成功', icon: 'success' });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // changed meanwhile (by staff): show the current state and why
        await state.reload();
        void Taro.showToast({ title: e.message || conflictText, icon: 'none', duration: 2500 });
        return false;
      }
      showError(e);
      return false;
    }
  };
  return { state, act };
}
