import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Page, RepairSummary } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { Empty, LoadMore, PageState, Section } from '@common/components';
import { Countdown, StatusTag, TierTag, formatShanghai } from '@common/repairs';
import { NEW_REPAIR_PAGE, categoryText, locationText, repairDetailPage } from '../components/labels';
import '../components/repair-pages.css';
import './index.css';

type ListStatus = 'open' | 'closed';
const TABS: { status: ListStatus; title: string }[] = [
  { status: 'open', title: '进行中' },
  { status: 'closed', title: '已完结' },
];

function RepairCard({ r }: { r: RepairSummary }) {
  const open = r.status !== 'closed' && r.status !== 'cancelled';
  return (
    <View className={`rl-card e2e-repair-card-${r.id}`} onClick={() => void Taro.navigateTo({ url: repairDetailPage(r.id) })}>
      <View className="ll-row">
        <Text className="rl-category">{categoryText(r.category, r.emergency)}</Text>
        <StatusTag status={r.status} />
      </View>
      <Text className="ll-card-line rl-location">{locationText(r)}</Text>
      <Text className="ll-card-line rl-desc">{r.description}</Text>
      <View className="ll-row rl-foot">
        <View className="rp-tags">
          <TierTag tier={r.tier} />
          {open && r.nextClock && <Countdown clock={r.nextClock} />}
        </View>
        <Text className="ll-muted ll-nowrap">{formatShanghai(r.receivedAt)}</Text>
      </View>
      <Text className="ll-muted rl-no">单号 {r.no}</Text>
    </View>
  );
}

function RepairList({ status, refreshKey }: { status: ListStatus; refreshKey: number }) {
  const [more, setMore] = useState<{ items: RepairSummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync(async () => {
    const page = await api.get<Page<RepairSummary>>(`/api/repairs/mine${qs({ status })}`, { silent: true });
    setMore(null);
    return page;
  }, [status, refreshKey]);

  const items = more ? more.items : (first.data?.items ?? []);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);
  useEffect(() => {
    if (!first.loading) void Taro.stopPullDownRefresh();
  }, [first.loading]);

  async function loadMore() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await api.get<Page<RepairSummary>>(`/api/repairs/mine${qs({ status, cursor })}`);
      const seen = new Set(items.map((r) => r.id));
      setMore({ items: [...items, ...page.items.filter((r) => !seen.has(r.id))], cursor: page.nextCursor });
    } catch {
      /* toast shown */
    } finally {
      setLoadingMore(false);
    }
  }

  // a reload keeps the cards on screen (no spinner flash when coming back from the detail page)
  const loading = first.loading && !first.data;
  const error = first.data ? null : first.error;
  if (!loading && !error && items.length === 0) {
    return (
      <Empty text={status === 'open' ? '没有进行中的报修' : '没有已完结的报修'}>
        <Button className="e2e-go-repair" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: NEW_REPAIR_PAGE })}>
          去报修
        </Button>
      </Empty>
    );
  }
  return (
    <PageState loading={loading} error={error} onRetry={first.reload}>
      <View className="rl-list">
        {items.map((r) => (
          <RepairCard key={r.id} r={r} />
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

export default function MyRepairs() {
  const [status, setStatus] = useState<ListStatus>('open');
  const [refreshKey, setRefreshKey] = useState(0);
  const shown = useRef(false);
  // back from a detail page (confirmed, cancelled …) or a new report: reload
  useDidShow(() => {
    if (shown.current) setRefreshKey((k) => k + 1);
    shown.current = true;
  });
  usePullDownRefresh(() => setRefreshKey((k) => k + 1));

  return (
    <View className="ll-page page-repair-list">
      {/* A plain tab bar: NutUI Tabs slides its content pane off screen when panes render conditionally */}
      <Section className="rl-tabs">
        <View className="rl-tabbar">
          {TABS.map((t) => (
            <View key={t.status} className={`rl-tab e2e-tab-${t.status} ${status === t.status ? 'is-active' : ''}`} onClick={() => setStatus(t.status)}>
              <Text>{t.title}</Text>
            </View>
          ))}
        </View>
        <RepairList key={status} status={status} refreshKey={refreshKey} />
      </Section>
      <Button className="e2e-repair-new" block type="primary" onClick={() => void Taro.navigateTo({ url: NEW_REPAIR_PAGE })}>
        我要报修
      </Button>
    </View>
  );
}
