import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { NoticeFeedView } from '@linli/shared';
import { api } from '@common/api';
import { usePageData } from '@common/hooks';
import { Section } from '@common/components';
import './NoticeStrip.css';

const go = (url: string) => void Taro.navigateTo({ url });

/** 首页: the newest notices of the resident's rooms (pinned first), unread marked; 全部 opens the 公告 list. Text only. */
export function NoticeStrip() {
  const feed = usePageData(() => api.get<NoticeFeedView>('/api/notices/feed?limit=3', { silent: true }));
  const v = feed.data;
  return (
    <Section
      title={v && v.unread > 0 ? `通知公告 · ${v.unread} 条未读` : '通知公告'}
      className="home-notices e2e-home-notices"
      extra={
        <Text className="ns-all e2e-notices-all" onClick={() => go('/pages-notice/list/index')}>
          全部 ›
        </Text>
      }
    >
      {feed.loading && !v && <Text className="ll-muted">加载中…</Text>}
      {!v && !!feed.error && (
        <Text className="ll-muted e2e-notices-error" onClick={() => void feed.reload()}>
          通知加载失败，点击重试
        </Text>
      )}
      {v && v.items.length === 0 && <Text className="ll-muted e2e-notices-empty">暂无通知</Text>}
      {v?.items.map((n) => (
        <View key={n.id} className={`ns-item e2e-home-notice-${n.id}`} onClick={() => go(`/pages-notice/detail/index?id=${n.id}`)}>
          {!n.read && <View className="ns-dot" />}
          <Text className={`ns-kind ${n.kind === 'outage' ? 'is-outage' : ''}`}>{n.utilityLabel ?? n.kindLabel}</Text>
          <Text className="ns-title">{n.title}</Text>
        </View>
      ))}
    </Section>
  );
}
