import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs, TabPane } from '@nutui/nutui-react-taro';
import type { Page, Role } from '@linli/shared';
import { useAsync, useMe } from '@common/hooks';
import { LoadMore, PageState, Section } from '@common/components';
import { showError } from '@common/api';
import { listComplaints } from '../api';
import type { ComplaintListQuery, ComplaintSummary } from '@linli/shared';
import { INTAKE_PAGE, isDesk } from '../util';
import { ComplaintCard } from '../components/ComplaintCard';
import { FilterSheet, filterCount, type InboxFilter } from '../components/FilterSheet';
import '@common/tickets/staff-ticket.css';
import '../components/complaint.css';

interface TabDef {
  key: string;
  title: string;
  query: ComplaintListQuery;
  empty: string;
  roles: Role[];
}

const TABS: TabDef[] = [
  { key: 'agent', title: '一类·待分类', query: { inbox: 'agent' }, empty: '没有一类或待分类的工单', roles: ['agent', 'admin'] },
  { key: 'supervisor', title: '二类', query: { inbox: 'supervisor' }, empty: '没有二类投诉', roles: ['supervisor', 'admin'] },
  { key: 'manager', title: '三类·超时', query: { inbox: 'manager' }, empty: '没有三类或超时的工单', roles: ['manager', 'admin'] },
  { key: 'all', title: '全部', query: { inbox: 'all' }, empty: '暂无工单', roles: ['agent', 'supervisor', 'manager', 'admin'] },
];

const AUTO_REFRESH_MS = 30_000;

function ComplaintList(props: { query: ComplaintListQuery; emptyText: string; forceTick: number; autoTick: number }) {
  const { query, emptyText, forceTick, autoTick } = props;
  const [more, setMore] = useState<{ items: ComplaintSummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync<Page<ComplaintSummary>>(async () => {
    const page = await listComplaints(query);
    setMore(null);
    return page;
  }, []);

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
      const page = await listComplaints({ ...query, cursor });
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
      <View className="rp-list e2e-complaint-list">
        {items.map((c) => (
          <ComplaintCard key={c.id} c={c} />
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

export default function ComplaintInbox() {
  const { data: me, loading, error, reload } = useMe();
  const desk = !!me && isDesk(me.roles);
  const tabs = me ? TABS.filter((t) => t.roles.some((r) => me.roles.includes(r))) : [];
  const [tab, setTab] = useState<string | null>(null);
  const current = tabs.find((t) => t.key === tab) ?? tabs[0];

  const [filter, setFilter] = useState<InboxFilter>({});
  const [sheet, setSheet] = useState(false);

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

  const nFilters = filterCount(filter);
  const query: ComplaintListQuery | null = current ? { ...filter, ...current.query } : null;

  return (
    <View className="ll-page page-complaint-inbox">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && !desk && (
          <Section>
            <Text className="ll-muted e2e-no-access">您的角色不处理投诉建议</Text>
          </Section>
        )}
        {me && desk && current && query && (
          <>
            <View className="rp-toolbar">
              <Button className="e2e-intake-open" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: INTAKE_PAGE })}>
                ＋ 热线登记
              </Button>
              <Button className="e2e-filter-open" size="small" fill="outline" type={nFilters ? 'primary' : 'default'} onClick={() => setSheet(true)}>
                筛选{nFilters ? `（${nFilters}）` : ''}
              </Button>
            </View>
            <Section className="rp-tabs">
              <Tabs value={current.key} onChange={(v) => setTab(String(v))} activeType="line" autoHeight>
                {tabs.map((t) => (
                  <TabPane key={t.key} title={t.title} value={t.key} className={`e2e-tab-${t.key}`}>
                    {current.key === t.key ? (
                      <ComplaintList
                        key={JSON.stringify(query)}
                        query={query}
                        emptyText={nFilters ? '没有符合筛选条件的工单' : t.empty}
                        forceTick={forceTick}
                        autoTick={autoTick}
                      />
                    ) : (
                      <View />
                    )}
                  </TabPane>
                ))}
              </Tabs>
            </Section>
            <FilterSheet
              visible={sheet}
              value={filter}
              communities={me.communities}
              onClose={() => setSheet(false)}
              onApply={(f) => {
                setFilter(f);
                setSheet(false);
              }}
            />
          </>
        )}
      </PageState>
    </View>
  );
}
