import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs, TabPane } from '@nutui/nutui-react-taro';
import type { Page, RepairListQuery, RepairSummary } from '@linli/shared';
import { useAsync, useMe } from '@common/hooks';
import { LoadMore, PageState, Section } from '@common/components';
import { showError } from '@common/api';
import { listRepairs } from '../api';
import { canFilter, INTAKE_PAGE, isDesk, isTechnician } from '../util';
import { RepairCard } from '../components/RepairCard';
import { FilterSheet, filterCount, type InboxFilter } from '../components/FilterSheet';
import '@common/tickets/staff-ticket.css';

interface TabDef {
  key: string;
  title: string;
  query: RepairListQuery;
  empty: string;
}

const DESK_TABS: TabDef[] = [
  { key: 'submitted', title: '待受理', query: { status: 'submitted' }, empty: '没有待受理的报修' },
  { key: 'open', title: '处理中', query: { status: 'open' }, empty: '没有处理中的工单' },
  { key: 'breached', title: '已超时', query: { breached: true }, empty: '没有超时的工单' },
  { key: 'all', title: '全部', query: {}, empty: '暂无工单' },
];
const MINE_TAB: TabDef = { key: 'mine', title: '我的', query: { mine: true, status: 'open' }, empty: '没有派给我的工单' };
const TECH_TABS: TabDef[] = [
  { key: 'mine-open', title: '处理中', query: { mine: true, status: 'open' }, empty: '没有派给我的工单' },
  { key: 'mine-all', title: '全部', query: { mine: true }, empty: '暂无工单' },
];

/** Seconds between quiet refreshes of the first page while the inbox is on screen. */
const AUTO_REFRESH_MS = 30_000;

function RepairList(props: { query: RepairListQuery; emptyText: string; forceTick: number; autoTick: number }) {
  const { query, emptyText, forceTick, autoTick } = props;
  const [more, setMore] = useState<{ items: RepairSummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync<Page<RepairSummary>>(async () => {
    const page = await listRepairs({ ...query, sort: 'inbox' });
    setMore(null);
    return page;
  }, []);

  // back on the page / pulled down: reload; the 30 s tick only while no further page is loaded
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) void first.reload();
  }, [forceTick]);
  useEffect(() => {
    if (mounted.current && !more) void first.reload();
    mounted.current = true;
  }, [autoTick]);

  const items = more ? more.items : (first.data?.items ?? []);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await listRepairs({ ...query, sort: 'inbox', cursor });
      const seen = new Set(items.map((r) => r.id));
      setMore({ items: [...items, ...page.items.filter((r) => !seen.has(r.id))], cursor: page.nextCursor });
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <PageState
      loading={first.loading && !first.data}
      error={!first.data && first.error}
      onRetry={first.reload}
      empty={items.length === 0}
      emptyText={emptyText}
    >
      <View className="rp-list e2e-repair-list">
        {items.map((r) => (
          <RepairCard key={r.id} r={r} />
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

function filterQuery(f: InboxFilter): RepairListQuery {
  return { status: f.status, tier: f.tier, assigneeId: f.assigneeId, from: f.from, to: f.to };
}

export default function RepairInbox() {
  const { data: me, loading, error, reload } = useMe();
  const desk = !!me && isDesk(me.roles);
  const tech = !!me && isTechnician(me.roles);
  const tabs = desk ? (tech ? [...DESK_TABS, MINE_TAB] : DESK_TABS) : tech ? TECH_TABS : [];
  const [tab, setTab] = useState<string | null>(null);
  const current = tabs.find((t) => t.key === tab) ?? tabs[0];

  const [filter, setFilter] = useState<InboxFilter>({});
  const [sheet, setSheet] = useState(false);
  const filtering = !!me && canFilter(me.roles);

  const [forceTick, setForceTick] = useState(0);
  const [autoTick, setAutoTick] = useState(0);
  const visible = useRef(true);
  const shown = useRef(false);
  useDidShow(() => {
    visible.current = true;
    if (shown.current) setForceTick((n) => n + 1);
    shown.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  usePullDownRefresh(() => {
    setForceTick((n) => n + 1);
    void Taro.stopPullDownRefresh();
  });
  useEffect(() => {
    const t = setInterval(() => {
      if (visible.current) setAutoTick((n) => n + 1);
    }, AUTO_REFRESH_MS);
    return () => clearInterval(t);
  }, []);

  useEffect(() => {
    if (me && !desk && tech) void Taro.setNavigationBarTitle({ title: '我的工单' });
  }, [me, desk, tech]);

  function applyFilter(f: InboxFilter) {
    setFilter(f);
    setSheet(false);
    // a status filter would fight the 待受理 / 处理中 tabs: it is applied on 全部
    if (f.status && current?.query.status) setTab('all');
  }

  const nFilters = filterCount(filter);
  const query: RepairListQuery | null = current ? { ...filterQuery(filter), ...current.query } : null;

  return (
    <View className="ll-page page-repair-inbox">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && !current && (
          <Section>
            <Text className="ll-muted e2e-no-access">您的角色不处理报修工单</Text>
          </Section>
        )}
        {me && current && query && (
          <>
            {(desk || filtering) && (
              <View className="rp-toolbar">
                {desk && (
                  <Button className="e2e-intake-open" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: INTAKE_PAGE })}>
                    ＋ 热线登记
                  </Button>
                )}
                {filtering && (
                  <Button className="e2e-filter-open" size="small" fill="outline" type={nFilters ? 'primary' : 'default'} onClick={() => setSheet(true)}>
                    筛选{nFilters ? `（${nFilters}）` : ''}
                  </Button>
                )}
              </View>
            )}
            {!desk && <Text className="rp-heading e2e-mine-title">我的工单</Text>}
            <Section className="rp-tabs">
              <Tabs value={current.key} onChange={(v) => setTab(String(v))} activeType="line" autoHeight>
                {tabs.map((t) => (
                  <TabPane key={t.key} title={t.title} value={t.key} className={`e2e-tab-${t.key}`}>
                    {current.key === t.key ? (
                      <RepairList
                        key={JSON.stringify(query)}
                        query={query}
                        emptyText={nFilters ? '没有符合筛选条件的工单' : t.empty}
                        forceTick={forceTick}
                        autoTick={autoTick}
                      />
                    ) : (
                      // NutUI's TabPane renders nothing without children, which shifts the slide offset: keep a placeholder
                      <View />
                    )}
                  </TabPane>
                ))}
              </Tabs>
            </Section>
            {filtering && (
              <FilterSheet
                visible={sheet}
                value={filter}
                communityIds={me.communities.map((c) => c.id)}
                onClose={() => setSheet(false)}
                onApply={applyFilter}
              />
            )}
          </>
        )}
      </PageState>
    </View>
  );
}
