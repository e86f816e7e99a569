import Taro from '@tarojs/taro';
import type { ManualScanRequest, PassScanView } from '@linli/shared';
import { api, ApiError } from '@common/api';

const KEY = 'linli.passes.manual-queue';
const GATE_KEY = 'linli.passes.gate';

/** The manual entries written while offline, waiting to be synced (Taro storage: survives a restart of the app). */
export function queued(): ManualScanRequest[] {
  const v = Taro.getStorageSync(KEY) as ManualScanRequest[] | '';
  return Array.isArray(v) ? v : [];
}

function save(list: ManualScanRequest[]) {
  Taro.setStorageSync(KEY, list);
}

export function enqueue(entry: Omit<ManualScanRequest, 'clientRef' | 'clientAt'>): ManualScanRequest {
  const e: ManualScanRequest = {
    ...entry,
    clientRef: `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    clientAt: new Date().toISOString(),
  };
  save([...queued(), e]);
  return e;
}

/**
 * Sends the queued entries one by one (each idempotent on its clientRef); stops at the first network failure.
 * An entry the server refuses for good (a 4xx) is dropped so it cannot block the queue. Returns how many went.
 */
export async function syncQueued(): Promise<{ sent: number; left: number; offline: boolean }> {
  let sent = 0;
  for (const e of queued()) {
    try {
      await api.post<PassScanView>('/api/passes/scans/manual', e, { silent: true });
      sent++;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429) return { sent, left: queued().length, offline: true };
    }
    save(queued().filter((q) => q.clientRef !== e.clientRef));
  }
  return { sent, left: queued().length, offline: false };
}

export function savedGate(): string {
  const g = Taro.getStorageSync(GATE_KEY) as string | '';
  return typeof g === 'string' ? g : '';
}

export function saveGate(gate: string) {
  Taro.setStorageSync(GATE_KEY, gate);
}

/** A failure to reach the server at all (not an answer). */
export const isOffline = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.code === 'SERVICE_UNAVAILABLE' || e.code === 'DB_UNAVAILABLE');
