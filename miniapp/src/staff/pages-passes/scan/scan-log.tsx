import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Me, Page, PassScanView } from '@linli/shared';
import { api, qs } from '@common/api';
import { formatTime } from '@common/format';
import { LoadMore, PageState, Section } from '@common/components';
import { useCursorPages } from '@common/use-cursor-pages';

type Filter = 'mine' | 'gate' | 'manual' | 'all';
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'mine', label: '我的' },
  { key: 'gate', label: '本门岗' },
  { key: 'manual', label: '手工登记' },
  { key: 'all', label: '全部' },
];

function ScanRow({ s }: { s: PassScanView }) {
  const open = () => s.passId && void Taro.navigateTo({ url: `/pages-passes/detail/index?id=${s.passId}` });
  return (
    <View className={`ps-log-item e2e-scan-row ${s.manual ? 'e2e-scan-manual' : ''}`} onClick={open}>
      <View className="ps-log-head">
        <Text>
          <Text className={s.result === 'green' ? 'ps-green' : 'ps-red'}>{s.result === 'green' ? '通过' : '拒绝'}</Text> {s.direction === 'in' ? '进' : '出'}{' '}
          {s.holderName ?? ''} {s.roomLabel ?? ''}
          {s.manual && <Text className="ps-manual-tag">手工登记·待复核</Text>}
        </Text>
        <Text className="ll-muted">{formatTime(s.scannedAt)}</Text>
      </View>
      <Text className="ll-muted">
        {[s.kindLabel, s.gate, s.guardName, s.reasonText, s.manualNote, s.clientAt ? `登记于 ${formatTime(s.clientAt)}` : null].filter(Boolean).join(' · ')}
      </Text>
    </View>
  );
}

/** The scan log of a community: the guard's own, the gate's, the manual entries (for review), or all. */
export function ScanLog({ me, communityId, gate, stamp }: { me: Me; communityId: number; gate: string; stamp: number }) {
  const [filter, setFilter] = useState<Filter>('mine');
  const query = (cursor?: string) =>
    qs({
      communityId,
      guardId: filter === 'mine' ? me.id : undefined,
      gate: filter === 'gate' ? gate : undefined,
      manual: filter === 'manual' ? '1' : undefined,
      cursor,
      limit: 20,
    });
  const pages = useCursorPages(
    (cursor) => api.get<Page<PassScanView>>(`/api/passes/scans${query(cursor)}`, { silent: true }),
    [communityId, gate, filter, stamp],
  );
  return (
    <Section title="核验记录" className="e2e-scan-log">
      <View className="ll-chips">
        {FILTERS.filter((f) => f.key !== 'gate' || gate).map((f) => (
          <View key={f.key} className={`ll-chip ${filter === f.key ? 'is-active' : ''} e2e-log-${f.key}`} onClick={() => setFilter(f.key)}>
            {f.label}
          </View>
        ))}
      </View>
      <PageState
        loading={pages.first.loading && !pages.first.data}
        error={pages.first.data ? null : pages.first.error}
        onRetry={pages.first.reload}
        empty={!pages.items.length}
        emptyText="暂无核验记录"
      >
        {pages.items.map((s) => (
          <ScanRow key={s.id} s={s} />
        ))}
        <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
      </PageState>
    </Section>
  );
}
