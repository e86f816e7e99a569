import { useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Page, PermitListItem } from '@linli/shared';
import { api, qs } from '@common/api';
import { Empty, LoadMore, PageState, Section } from '@common/components';
import { openPage } from '@common/nav';
import { useCursorPages } from '@common/use-cursor-pages';
import { PermitCard } from '@common/permits/PermitParts';

const TABS = [
  { key: 'submitted', label: '待审核' },
  { key: '', label: '全部' },
] as const;

/** 装修审核: the queue of the caller's communities, oldest first, each with its live review clock (装修审核 24 小时). */
export default function PermitQueuePage() {
  const [tab, setTab] = useState<string>('submitted');
  const pages = useCursorPages<PermitListItem>(
    (cursor) => api.get<Page<PermitListItem>>(`/api/passes/permits${qs({ status: tab || undefined, cursor })}`, { silent: true }),
    [tab],
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void pages.first.reload();
    shown.current = true;
  });
  return (
    <View className="ll-page page-permit-queue">
      <View className="ll-chips">
        {TABS.map((t) => (
          <Text key={t.key} className={`ll-chip ${tab === t.key ? 'is-active' : ''} e2e-permit-tab-${t.key || 'all'}`} onClick={() => setTab(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      <PageState loading={pages.first.loading && !pages.first.data} error={pages.first.data ? null : pages.first.error} onRetry={pages.first.reload}>
        <Section title={tab ? '待审核的装修申请' : '装修申请'}>
          {pages.items.length === 0 && <Empty text={tab ? '没有待审核的装修申请' : '暂无装修申请'} />}
          {pages.items.map((p) => (
            <PermitCard key={p.id} p={p} onOpen={() => void openPage(`/pages-passes/permit/index?id=${p.id}`)} />
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </Section>
      </PageState>
    </View>
  );
}
