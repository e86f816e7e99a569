import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { NoticeFeedView } from '@linli/shared';
import { api } from '@common/api';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { NoticeRow } from '@common/notices/NoticeBody';

/** 公告: the notices of the resident's rooms, pinned first, unread marked. */
export default function NoticeListPage() {
  const feed = usePageData(() => api.get<NoticeFeedView>('/api/notices/feed?limit=50', { silent: true }));
  const v = feed.data;
  return (
    <View className="ll-page page-notice-list">
      <PageState loading={feed.loading && !v} error={v ? null : feed.error} onRetry={feed.reload} empty={!!v && v.items.length === 0} emptyText="暂无通知公告">
        <Section title={v && v.unread > 0 ? `通知公告（${v.unread} 条未读）` : '通知公告'}>
          {v?.items.map((n) => (
            <NoticeRow key={n.id} n={n} onOpen={() => void Taro.navigateTo({ url: `/pages-notice/detail/index?id=${n.id}` })} />
          ))}
        </Section>
      </PageState>
    </View>
  );
}
