import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { NoticeFeedView, NoticeSummaryView, RESIDENT_PROMPTS } from '@linli/shared';
import { api, qs } from '@common/api';
import { LoadMore, PageState, Section } from '@common/components';
import { NoticeRow } from '@common/notices/NoticeBody';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { useCursorPages } from '@common/use-cursor-pages';

const PAGE_SIZE = 20;

/** 公告: the notices of the resident's rooms, pinned first, unread marked; 20 at a time, 加载更多 after. */
export default function NoticeListPage() {
  const pages = useCursorPages<NoticeSummaryView, NoticeFeedView>(
    (cursor) => api.get<NoticeFeedView>(`/api/notices/feed${qs({ limit: PAGE_SIZE, cursor })}`, { silent: true }),
    [],
  );
  const subscribe = useSubscribePrompt(RESIDENT_PROMPTS.notice);
  // back from a notice: reload (its unread dot and the count)
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void pages.first.reload();
    shown.current = true;
  });
  const first = pages.first.data;
  return (
    <View className="ll-page page-notice-list">
      <PageState
        loading={pages.first.loading && !first}
        error={first ? null : pages.first.error}
        onRetry={pages.first.reload}
        empty={!!first && pages.items.length === 0}
        emptyText="暂无通知公告"
      >
        <Section
          title={first && first.unread > 0 ? `通知公告（${first.unread} 条未读）` : '通知公告'}
          extra={
            <Button className="e2e-subscribe-notices" size="small" fill="outline" onClick={() => void subscribe()}>
              订阅停水停电通知
            </Button>
          }
        >
          {pages.items.map((n) => (
            <NoticeRow key={n.id} n={n} onOpen={() => void Taro.navigateTo({ url: `/pages-notice/detail/index?id=${n.id}` })} />
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </Section>
      </PageState>
    </View>
  );
}
