import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ComplaintSummary, Page } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { Empty, LoadMore, PageState, Section } from '@common/components';
import { Countdown, formatShanghai } from '@common/repairs';
import { ComplaintStatusTag } from '../components/StatusTag';
import { NEW_COMPLAINT_PAGE, complaintDetailPage, isFinished, kindText, ownerText } from '../components/labels';
import '../components/complaint-pages.css';
import './index.css';

type ListStatus = 'open' | 'closed';
const TABS: { status: ListStatus; title: string }[] = [
  { status: 'open', title: '进行中' },
  { status: 'closed', title: '已完结' },
];

function ComplaintCard({ c }: { c: ComplaintSummary }) {
  return (
    <View className={`cl-card e2e-complaint-card-${c.id}`} onClick={() => void Taro.navigateTo({ url: complaintDetailPage(c.id) })}>
      <View className="ll-row">
        <Text className="cl-kind">{kindText(c)}</Text>
        <ComplaintStatusTag c={c} />
      </View>
      <Text className="ll-card-line cl-desc">{c.description}</Text>
      {ownerText(c) && <Text className="ll-card-line cl-owner">{ownerText(c)}</Text>}
      {!isFinished(c) && c.nextClock && (
        <View className="cp-tags cl-foot">
          <Countdown clock={c.nextClock} />
        </View>
      )}
      <View className="ll-row cl-no">
        <Text className="ll-muted">编号 {c.no}</Text>
        <Text className="ll-muted ll-nowrap">{formatShanghai(c.receivedAt)}</Text>
      </View>
    </View>
  );
}

function ComplaintList({ status, refreshKey }: { status: ListStatus; refreshKey: number }) {
  const [more, setMore] = useState<{ items: ComplaintSummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync(async () => {
    const page = await api.get<Page<ComplaintSummary>>(`/api/complaints/mine${qs({ status })}`, { silent: true });
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
      const page = await api.get<Page<ComplaintSummary>>(`/api/complaints/mine${qs({ status, cursor })}`);
      const seen = new Set(items.map((c) => c.id));
      setMore({ items: [...items, ...page.items.filter((c) => !seen.has(c.id))], cursor: page.nextCursor });
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
      <Empty text={status === 'open' ? '没有进行中的投诉建议' : '没有已完结的投诉建议'}>
        <Button className="e2e-go-complaint" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: NEW_COMPLAINT_PAGE })}>
          去提交
        </Button>
      </Empty>
    );
  }
  return (
    <PageState loading={loading} error={error} onRetry={first.reload}>
      <View className="cl-list">
        {items.map((c) => (
          <ComplaintCard key={c.id} c={c} />
        ))}
        <LoadMore cursor={cursor} loading={loadingMore} onLoad={() => void loadMore()} />
      </View>
    </PageState>
  );
}

export default function MyComplaints() {
  const [status, setStatus] = useState<ListStatus>('open');
  const [refreshKey, setRefreshKey] = useState(0);
  const shown = useRef(false);
  // back from a detail page (confirmed, cancelled …) or a new one: reload
  useDidShow(() => {
    if (shown.current) setRefreshKey((k) => k + 1);
    shown.current = true;
  });
  usePullDownRefresh(() => setRefreshKey((k) => k + 1));

  return (
    <View className="ll-page page-complaint-list">
      {/* A plain tab bar, as in 我的报修 */}
      <Section className="cl-tabs">
        <View className="cl-tabbar">
          {TABS.map((t) => (
            <View key={t.status} className={`cl-tab e2e-tab-${t.status} ${status === t.status ? 'is-active' : ''}`} onClick={() => setStatus(t.status)}>
              <Text>{t.title}</Text>
            </View>
          ))}
        </View>
        <ComplaintList key={status} status={status} refreshKey={refreshKey} />
      </Section>
      <Button className="e2e-complaint-new" block type="primary" onClick={() => void Taro.navigateTo({ url: NEW_COMPLAINT_PAGE })}>
        我要投诉 / 建议
      </Button>
    </View>
  );
}
