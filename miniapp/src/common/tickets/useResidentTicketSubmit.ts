import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { api, newIdempotencyKey } from '../api';

/**
 * The submit of a new 报修 / 投诉: waits for the photo uploads, posts with one Idempotency-Key per
 * form content (a retry or double tap reuses it; an edited form gets a new one), then opens the detail page.
 */
export function useResidentTicketSubmit<Req extends { photoIds?: number[] }, Res extends { id: number }>(opts: {
  url: string;
  uploadedIds: () => Promise<number[] | null>;
  doneToast: string;
  detailPage: (id: number) => string;
}) {
  const [submitting, setSubmitting] = useState(false);
  const idem = useRef<{ body: string; key: string } | null>(null);

  /**
   * `buildBody` gives the body without photos, or null (it shows why) when the form is incomplete;
   * `prompt` runs straight from the tap, before anything is awaited (a subscription prompt), and is awaited first.
   */
  async function submit(buildBody: () => Omit<Req, 'photoIds'> | null, prompt?: () => Promise<unknown> | undefined) {
    if (submitting) return;
    const base = buildBody();
    if (!base) return;
    const prompted = prompt?.();
    setSubmitting(true);
    try {
      await prompted;
      // wait for uploads in flight; retry the ones that failed
      const ids = await opts.uploadedIds();
      if (!ids) {
        void Taro.showToast({ title: '有照片上传失败，请删除后重试', icon: 'none' });
        return;
      }
      const body = { ...base, photoIds: ids } as Req;
      const bodyKey = JSON.stringify(body);
      if (!idem.current || idem.current.body !== bodyKey) idem.current = { body: bodyKey, key: newIdempotencyKey() };
      const created = await api.post<Res>(opts.url, body, { idempotencyKey: idem.current.key });
      void Taro.showToast({ title: opts.doneToast, icon: 'success' });
      await Taro.redirectTo({ url: opts.detailPage(created.id) });
    } catch {
      /* toast shown */
    } finally {
      setSubmitting(false);
    }
  }
  return { submitting, submit };
}
