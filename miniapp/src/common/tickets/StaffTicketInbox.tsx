import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, Tabs, TabPane } from '@nutui/nutui-react-taro';
import type { Page } from '@linli/shared';
import { useCursorPages } from '../use-cursor-pages';
import { LoadMore, PageState, Section } from '../components';
import type { InboxTicks } from './useStaffTicketInbox';
import './staff-ticket.css';

/** Pieces of the staff 报修 / 投诉 inbox pages. */

export interface StaffInboxTab {
  key: string;
  title: string;
  /** shown when the tab has nothing (and no filter is on) */
  empty: string;
}

/** ＋ 热线登记 and 筛选（n）, each when given. */
export function StaffInboxToolbar(props: { intakePage?: string; filters?: { count: number; onOpen: () => void } }) {
  const { intakePage, filters } = props;
  if (!intakePage && !filters) return null;
  return (
    <View className="rp-toolbar">
      {intakePage && (
        <Button className="e2e-intake-open" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: intakePage })}>
          ＋ 热线登记
        </Button>
      )}
      {filters && (
        <Button className="e2e-filter-open" size="small" fill="outline" type={filters.count ? 'primary' : 'default'} onClick={filters.onOpen}>
          筛选{filters.count ? `（${filters.count}）` : ''}
        </Button>
      )}
    </View>
  );
}

interface ListProps<T> {
  /** a page of the list: the first without a cursor */
  load: (cursor?: string) => Promise<Page<T>>;
  ticks: InboxTicks;
  /** e.g. `e2e-repair-list` */
  listClassName: string;
  renderCard: (item: T) => ReactNode;
}

function TicketList<T extends { id: number }>({ load, ticks, listClassName, renderCard, emptyText }: ListProps<T> & { emptyText: string }) {
  const { first, items, cursor, loadingMore, loadMore, extended } = useCursorPages<T>(load, []);

  // back on the page / pulled down: reload; the 30 s tick only while no further page is loaded
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) void first.reload();
  }, [ticks.force]);
  useEffect(() => {
    if (mounted.current && !extended) void first.reload();
    mounted.current = true;
  }, [ticks.auto]);

  return (
    <PageState
      loading={first.loading && !first.data}
      error={!first.data && first.error}
      onRetry={first.reload}
      empty={items.length === 0}
      emptyText={emptyText}
    >
      <View className={`rp-list ${listClassName}`}>
        {items.map((r) => (
          <Fragment key={r.id}>{renderCard(r)}</Fragment>
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

/** The tabs with the current tab's cursor-paged list. */
export function StaffInboxTabs<T extends { id: number }>(
  props: ListProps<T> & {
    tabs: readonly StaffInboxTab[];
    current: string;
    onChange: (key: string) => void;
    /** a new key (another tab or filter) loads the list anew */
    listKey: string;
    filtered: boolean;
  },
) {
  const { tabs, current, onChange, listKey, filtered, ...list } = props;
  return (
    <Section className="rp-tabs">
      <Tabs value={current} onChange={(v) => onChange(String(v))} activeType="line" autoHeight>
        {tabs.map((t) => (
          <TabPane key={t.key} title={t.title} value={t.key} className={`e2e-tab-${t.key}`}>
            {current === t.key ? (
              <TicketList<T> key={listKey} emptyText={filtered ? '没有符合筛选条件的工单' : t.empty} {...list} />
            ) : (
              // NutUI's TabPane renders nothing without children, which shifts the slide offset: keep a placeholder
              <View />
            )}
          </TabPane>
        ))}
      </Tabs>
    </Section>
  );
}
