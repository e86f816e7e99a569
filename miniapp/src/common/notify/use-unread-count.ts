import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import type { UnreadCount } from '@linli/shared';
import { api } from '../api';
import { hasSession } from '../session';
import { usePolling } from '../use-polling';

/**
 * The caller's unread notifications, refreshed each time the page is shown and every 30 s while it is;
 * with `tabIndex`, also shown as the red badge on that tab.
 */
export function useUnreadCount(tabIndex?: number): { unread: number; refresh: () => void } {
  const [unread, setUnread] = useState(0);

  const refresh = useCallback(() => {
    if (!hasSession()) return;
    api
      .get<UnreadCount>('/api/notifications/unread-count', { silent: true })
      .then((r) => {
        setUnread(r.unread);
        if (tabIndex === undefined) return;
        const badge =
          r.unread > 0 ? Taro.setTabBarBadge({ index: tabIndex, text: r.unread > 99 ? '99+' : String(r.unread) }) : Taro.removeTabBarBadge({ index: tabIndex });
        return Promise.resolve(badge).catch(() => undefined);
      })
      .catch(() => undefined);
  }, [tabIndex]);

  usePolling(refresh);
  return { unread, refresh };
}
