import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Page } from '@linli/shared';
import { api, qs } from '../api';
import { useCursorPages } from '../use-cursor-pages';
import { LoadMore, PageState, Section } from '../components';
import './resident-list.css';

/** The resident's 我的报修 / 我的投诉建议: 进行中 / 已完结 tabs, a cursor-paged list, reload on show and pull-down. */
export type ResidentListStatus = 'open' | 'closed';
const TABS: { status: ResidentListStatus; title: string }[] = [
  { status: 'open', title: '进行中' },
  { status: 'closed', title: '已完结' },
];

interface ListProps<T> {
  /** e.g. `/api/repairs/mine`; gets `?status=…&cursor=…` */
  endpoint: string;
  renderCard: (item: T) => ReactNode;
  /** shown when the tab has nothing */
  renderEmpty: (status: ResidentListStatus) => ReactNode;
}

function TicketList<T extends { id: number | string }>({
  status,
  refreshKey,
  endpoint,
  renderCard,
  renderEmpty,
}: ListProps<T> & { status: ResidentListStatus; refreshKey: number }) {
  const { first, items, cursor, loadingMore, loadMore } = useCursorPages<T>(
    (c) => api.get<Page<T>>(`${endpoint}${qs({ status, cursor: c })}`, { silent: true }),
    [status, refreshKey],
  );
  useEffect(() => {
    if (!first.loading) void Taro.stopPullDownRefresh();
  }, [first.loading]);

  // a reload keeps the cards on screen (no spinner flash when coming back from the detail page)
  const loading = first.loading && !first.data;
  const error = first.data ? null : first.error;
  if (!loading && !error && items.length === 0) return <>{renderEmpty(status)}</>;
  return (
    <PageState loading={loading} error={error} onRetry={first.reload}>
      <View className="rtl-list">
        {items.map((t) => (
          <Fragment key={t.id}>{renderCard(t)}</Fragment>
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

export function ResidentTicketListPage<T extends { id: number | string }>({
  pageClassName,
  footer,
  ...list
}: ListProps<T> & { pageClassName: string; footer: ReactNode }) {
  const [status, setStatus] = useState<ResidentListStatus>('open');
  const [refreshKey, setRefreshKey] = useState(0);
  const shown = useRef(false);
  // back from a detail page (confirmed, cancelled …) or a new one: reload
  useDidShow(() => {
    if (shown.current) setRefreshKey((k) => k + 1);
    shown.current = true;
  });
  usePullDownRefresh(() => setRefreshKey((k) => k + 1));

  return (
    <View className={`ll-page ${pageClassName}`}>
      {/* A plain tab bar: NutUI Tabs slides its content pane off screen when panes render conditionally */}
      <Section className="rtl-tabs">
        <View className="rtl-tabbar">
          {TABS.map((t) => (
            <View key={t.status} className={`rtl-tab e2e-tab-${t.status} ${status === t.status ? 'is-active' : ''}`} onClick={() => setStatus(t.status)}>
              <Text>{t.title}</Text>
            </View>
          ))}
        </View>
        <TicketList<T> key={status} status={status} refreshKey={refreshKey} {...list} />
      </Section>
      {footer}
    </View>
  );
}
