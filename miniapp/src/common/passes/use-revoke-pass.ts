import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { PassDetailView, PassView } from '@linli/shared';
import { api } from '../api';
import type { AsyncState } from '../hooks';

/** 作废 on a pass page (resident or staff): confirm, revoke with the version read, show the answer or reload on a conflict. */
export function useRevokePass(id: number, d: AsyncState<PassDetailView>, confirmText: string, reason?: string) {
  const [busy, setBusy] = useState(false);
  async function revoke() {
    const p = d.data;
    if (!p) return;
    const ok = await Taro.showModal({ title: '作废通行证', content: confirmText });
    if (!ok.confirm) return;
    setBusy(true);
    try {
      const v = await api.post<PassView>(`/api/passes/${id}/revoke`, { version: p.version, ...(reason ? { reason } : {}) });
      d.setData({ ...p, ...v });
      void Taro.showToast({ title: '已作废', icon: 'success' });
    } catch {
      void d.reload();
    } finally {
      setBusy(false);
    }
  }
  return { busy, revoke };
}
