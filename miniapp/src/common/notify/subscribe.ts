import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import type { NotifyTemplate, SubscriptionsView } from '@linli/shared';
import { api } from '../api';
import { IS_H5 } from '../env';
import { hasSession } from '../session';

/** WeChat shows at most 3 templates in one wx.requestSubscribeMessage. */
const MAX_PER_PROMPT = 3;

type Templates = SubscriptionsView['templates'];

/**
 * Asking for WeChat subscribe-message consent at a natural moment. The template IDs are fetched when the page
 * opens, because wx.requestSubscribeMessage only works straight from a tap, before anything is awaited; what the
 * user accepted is reported to the server, which keeps one message of balance per acceptance. In H5 (no such
 * API) and when the company has configured no template IDs, `prompt` does nothing.
 */
export function useSubscribePrompt(keys: NotifyTemplate[]): () => Promise<void> {
  const templates = useRef<Templates>([]);
  const wanted = keys.join(',');
  useEffect(() => {
    if (IS_H5 || !hasSession()) return;
    api
      .get<SubscriptionsView>('/api/me/subscriptions', { silent: true })
      .then((v) => {
        templates.current = v.templates;
      })
      .catch(() => undefined);
  }, [wanted]);

  return () => {
    const chosen = keys
      .map((k) => templates.current.find((t) => t.key === k && t.templateId))
      .filter((t): t is Templates[number] => !!t)
      .slice(0, MAX_PER_PROMPT);
    if (!chosen.length) return Promise.resolve();
    return Taro.requestSubscribeMessage({ tmplIds: chosen.map((t) => t.templateId!) } as Taro.requestSubscribeMessage.Option)
      .then((res) => {
        const result = res as unknown as Record<string, string>;
        const accepted = chosen.filter((t) => result[t.templateId!] === 'accept').map((t) => t.key);
        if (accepted.length) return api.post('/api/me/subscriptions', { accepted }, { silent: true }).then(() => undefined);
      })
      .catch(() => undefined);
  };
}
