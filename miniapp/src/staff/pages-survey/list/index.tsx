import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Page, SurveyListItem } from '@linli/shared';
import { api, qs } from '@common/api';
import { useMe } from '@common/hooks';
import { Empty, LoadMore, PageState, Section } from '@common/components';
import { openPage } from '@common/nav';
import { useCursorPages } from '@common/use-cursor-pages';
import { useDidShow } from '@tarojs/taro';
import { shanghaiDateTime, SurveyStatusBadge } from '../parts';
import '../survey.css';

/** 问卷调查: the communities' surveys; managers and supervisors start one from the yearly satisfaction template. */
export default function SurveyListPage() {
  const me = useMe();
  const communities = me.data?.communities ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const communityId = picked ?? communities[0]?.id ?? null;
  const canWrite = (me.data?.roles ?? []).some((r) => r === 'manager' || r === 'supervisor' || r === 'admin');
  const pages = useCursorPages<SurveyListItem>(
    (cursor) =>
      communityId
        ? api.get<Page<SurveyListItem>>(`/api/staff/engage/surveys${qs({ cursor, communityId })}`, { silent: true })
        : Promise.resolve({ items: [], nextCursor: null }),
    [communityId],
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void pages.first.reload();
    shown.current = true;
  });
  return (
    <View className="ll-page page-survey-list">
      <PageState
        loading={(me.loading && !me.data) || (pages.first.loading && !pages.first.data)}
        error={pages.first.data ? null : (me.error ?? pages.first.error)}
        onRetry={pages.first.reload}
      >
        {communities.length > 1 && (
          <View className="ll-chips">
            {communities.map((c) => (
              <Text key={c.id} className={`ll-chip ${c.id === communityId ? 'is-active' : ''}`} onClick={() => setPicked(c.id)}>
                {c.name}
              </Text>
            ))}
          </View>
        )}
        {canWrite && communityId && (
          <Button
            className="e2e-survey-from-template"
            block
            type="primary"
            onClick={() => void openPage(`/pages-survey/edit/index?communityId=${communityId}`)}
          >
            从年度满意度模板新建问卷
          </Button>
        )}
        <View className="ll-gap" />
        <Section title="问卷">
          {pages.items.length === 0 && <Empty text="还没有问卷" />}
          {pages.items.map((s) => (
            <View
              key={s.id}
              className={`sv-card e2e-survey-${s.id}`}
              onClick={() =>
                void openPage(
                  s.status === 'draft' || s.status === 'scheduled' ? `/pages-survey/edit/index?id=${s.id}` : `/pages-survey/results/index?id=${s.id}`,
                )
              }
            >
              <View className="ll-row">
                <Text className="sv-title ll-nowrap">{s.title}</Text>
                <SurveyStatusBadge status={s.status} />
              </View>
              <Text className="sv-line">
                {s.communityName} · {s.per === 'room' ? '每户一份' : '每人一份'}
                {s.anonymous ? ' · 匿名' : ''} · 已回复 {s.responses}
              </Text>
              <Text className="sv-line">截止：{shanghaiDateTime(s.closeAt)}</Text>
            </View>
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </Section>
      </PageState>
    </View>
  );
}
