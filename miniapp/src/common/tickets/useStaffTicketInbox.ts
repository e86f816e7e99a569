import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';

const AUTO_REFRESH_MS = 30_000;

/** Counters the inbox list reloads on: `force` when the page is shown again or pulled down, `auto` every 30 s on screen. */
export interface InboxTicks {
  force: number;
  auto: number;
}

/** A staff 报修 / 投诉 inbox page: the chosen tab (`?tab=`, else the first one the user has) and the reload ticks. */
export function useStaffTicketInbox<T extends { key: string }>(tabs: readonly T[]) {
  // a notification may open the inbox on a tab (?tab=breached from an escalation summary)
  const [tab, setTab] = useState<string | null>(() => Taro.getCurrentInstance().router?.params?.tab ?? null);
  const current: T | undefined = tabs.find((t) => t.key === tab) ?? tabs[0];

  const [force, setForce] = useState(0);
  const [auto, setAuto] = useState(0);
  const visible = useRef(true);
  const shown = useRef(false);
  useDidShow(() => {
    visible.current = true;
    if (shown.current) setForce((n) => n + 1);
    shown.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  usePullDownRefresh(() => {
    setForce((n) => n + 1);
    void Taro.stopPullDownRefresh();
  });
  useEffect(() => {
    const t = setInterval(() => {
      if (visible.current) setAuto((n) => n + 1);
    }, AUTO_REFRESH_MS);
    return () => clearInterval(t);
  }, []);

  const ticks: InboxTicks = { force, auto };
  return { current, setTab, ticks };
}
