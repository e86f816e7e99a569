import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { CLOCK_LABELS, formatRemaining, remainingMs, type ClockView } from '@linli/shared';
import './repairs.css';

// One 1 s ticker for every mounted countdown (a list of 20 cards = one timer, not 20).
const listeners = new Set<(now: Date) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(fn: (now: Date) => void): () => void {
  listeners.add(fn);
  if (!timer) timer = setInterval(() => listeners.forEach((l) => l(new Date())), 1000);
  return () => {
    listeners.delete(fn);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, re-rendering the caller once a second. */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => subscribe(setNow), []);
  return now;
}

export interface CountdownProps {
  /** the clock to show (RepairSummary.nextClock); nothing is rendered for null or a cancelled clock */
  clock: ClockView | null | undefined;
  /** prefix with the clock's name, e.g. "到场 还剩 4 分 12 秒" (default true) */
  showLabel?: boolean;
  className?: string;
}

/** Live SLA countdown: "到场 还剩 4 分 12 秒" / "派单 已超时 3 分 5 秒" (red when overdue or breached). */
export function Countdown({ clock, showLabel = true, className = '' }: CountdownProps) {
  const now = useNow();
  if (!clock || clock.state === 'cancelled') return null;
  const ms = remainingMs(clock, now);
  const label = showLabel ? `${CLOCK_LABELS[clock.name] ?? clock.name} ` : '';
  let text: string;
  if (clock.state === 'met') text = `${label}${ms < 0 || clock.breached ? '超时达成' : '按时达成'}`;
  else if (clock.state === 'paused') text = `${label}已暂停（${formatRemaining(ms)}）`;
  else text = `${label}${formatRemaining(ms)}`;
  const over = clock.breached || ms < 0;
  const stateClass = over ? 'is-over' : clock.state === 'running' ? 'is-running' : 'is-idle';
  return <Text className={`ll-countdown ${stateClass} e2e-countdown ${className}`}>{text}</Text>;
}
