import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { NOTICE_STATUS_LABELS, NoticePageView, NoticeSummaryView, WorkbenchCounts } from '@linli/shared';
import { api, qs } from '@common/api';
import { useMe, usePageData } from '@common/hooks';
import { LoadMore, PageState, Section } from '@common/components';
import { NoticeRow } from '@common/notices/NoticeBody';
import { useCursorPages } from '@common/use-cursor-pages';

const STATUSES = ['', ...Object.keys(NOTICE_STATUS_LABELS)];
const PAGE_SIZE = 20;

/** Managers: the communities with no notice this month (每月至少发布一次通知). */
function NoticeGaps() {
  const c = usePageData(() => api.get<WorkbenchCounts>('/api/staff/workbench/counts', { silent: true }));
  const gaps = c.data?.noticeGaps ?? [];
  if (!gaps.length) return null;
  return (
    <Section className="e2e-notice-gaps">
      <Text className="nt-gap">本月尚未发布通知：{gaps.map((g) => g.communityName).join('、')}</Text>
    </Section>
  );
}

/** Staff: the notices of their communities, 20 at a time (加载更多); new; open one for receipts and publishing. */
export default function StaffNoticeList() {
  const me = useMe();
  const [status, setStatus] = useState('');
  const pages = useCursorPages<NoticeSummaryView>(
    (cursor) => api.get<NoticePageView>(`/api/notices${qs({ status, limit: PAGE_SIZE, cursor })}`, { silent: true }),
    [status],
  );
  // back from the editor or a notice: reload
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void pages.first.reload();
    shown.current = true;
  });
  const first = pages.first.data;
  const writer = !!me.data?.roles.some((r) => r === 'agent' || r === 'supervisor' || r === 'manager');
  return (
    <View className="ll-page page-staff-notices">
      {me.data?.roles.includes('manager') && <NoticeGaps />}
      <Section>
        <View className="ll-chips">
          {STATUSES.map((s) => (
            <View key={s || 'all'} className={`ll-chip ${status === s ? 'is-active' : ''} e2e-status-${s || 'all'}`} onClick={() => setStatus(s)}>
              {s ? NOTICE_STATUS_LABELS[s as keyof typeof NOTICE_STATUS_LABELS] : '全部'}
            </View>
          ))}
        </View>
        {writer && (
          <Button className="e2e-notice-new" block type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-notice/edit/index' })}>
            新建通知
          </Button>
        )}
      </Section>
      <PageState
        loading={pages.first.loading && !first}
        error={first ? null : pages.first.error}
        onRetry={pages.first.reload}
        empty={!!first && pages.items.length === 0}
        emptyText="暂无通知"
      >
        <Section>
          {pages.items.map((n) => (
            <NoticeRow key={n.id} n={n} showStatus onOpen={() => void Taro.navigateTo({ url: `/pages-notice/detail/index?id=${n.id}` })} />
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </Section>
      </PageState>
    </View>
  );
}
