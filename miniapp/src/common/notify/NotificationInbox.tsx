import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { notificationPage, type NotificationView, type Page } from '@linli/shared';
import { api, qs } from '../api';
import { APP_NAME } from '../env';
import { useCursorPages } from '../use-cursor-pages';
import { formatTime } from '../format';
import { Empty, LoadMore, PageState, Section } from '../components';
import './notification-inbox.css';

/** 消息通知 of both apps: newest first, unread marked, a tap reads it and opens its ticket; 全部已读. */
export function NotificationInbox() {
  const [refreshKey, setRefreshKey] = useState(0);
  const [readingAll, setReadingAll] = useState(false);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setRefreshKey((k) => k + 1);
    shown.current = true;
  });
  usePullDownRefresh(() => setRefreshKey((k) => k + 1));

  const { first, items, cursor, loadingMore, loadMore, setItems } = useCursorPages<NotificationView>(
    (c) => api.get<Page<NotificationView>>(`/api/notifications${qs({ cursor: c })}`, { silent: true }),
    [refreshKey],
  );
  useEffect(() => {
    if (!first.loading) void Taro.stopPullDownRefresh();
  }, [first.loading]);
  const unread = items.filter((n) => !n.readAt).length;

  async function open(n: NotificationView) {
    if (!n.readAt) {
      setItems(items.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
      void api.post(`/api/notifications/${n.id}/read`, {}, { silent: true }).catch(() => undefined);
    }
    const page = notificationPage(n.link, APP_NAME);
    if (page) await Taro.navigateTo({ url: `/${page}` });
  }

  async function readAll() {
    if (readingAll) return;
    setReadingAll(true);
    try {
      await api.post('/api/notifications/read-all');
      const now = new Date().toISOString();
      setItems(items.map((x) => (x.readAt ? x : { ...x, readAt: now })));
    } catch {
      /* toast shown */
    } finally {
      setReadingAll(false);
    }
  }

  const loading = first.loading && !first.data;
  const error = first.data ? null : first.error;
  return (
    <View className="ll-page page-notifications">
      <Section
        title="消息通知"
        extra={
          unread > 0 ? (
            <Button className="e2e-read-all" size="small" fill="outline" type="primary" loading={readingAll} onClick={() => void readAll()}>
              全部已读
            </Button>
          ) : undefined
        }
      >
        <PageState loading={loading} error={error} onRetry={first.reload}>
          {items.length === 0 ? (
            <Empty text="暂无消息" />
          ) : (
            <View className="ni-list">
              {items.map((n) => (
                <View
                  key={n.id}
                  className={`ni-item e2e-notification e2e-notification-${n.template} ${n.readAt ? 'is-read' : 'is-unread e2e-unread'}`}
                  onClick={() => void open(n)}
                >
                  <View className="ni-head">
                    {!n.readAt && <View className="ni-dot" />}
                    <Text className="ni-title">{n.title}</Text>
                    <Text className="ni-time">{formatTime(n.createdAt)}</Text>
                  </View>
                  <Text className="ni-body">{n.body}</Text>
                  {notificationPage(n.link, APP_NAME) && <Text className="ni-open">查看详情 ›</Text>}
                </View>
              ))}
              <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
            </View>
          )}
        </PageState>
      </Section>
    </View>
  );
}
