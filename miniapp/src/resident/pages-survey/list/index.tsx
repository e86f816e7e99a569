import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { RESIDENT_PROMPTS, type ResidentSurveyItem } from '@linli/shared';
import { api } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { usePageData } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { openPage } from '@common/nav';
import { shanghaiDateTime, SurveyStateBadge } from '../parts';
import '../survey.css';

/** 服务 → 问卷调查: the surveys that target the resident's rooms, open ones first. */
export default function SurveyListPage() {
  const list = usePageData(() => api.get<ResidentSurveyItem[]>('/api/resident/surveys', { silent: true }), []);
  const items = list.data ?? [];
  const subscribe = useSubscribePrompt(RESIDENT_PROMPTS.survey);
  return (
    <View className="ll-page page-survey-list">
      <PageState loading={list.loading && !list.data} error={list.data ? null : list.error} onRetry={list.reload}>
        <Section
          title="问卷调查"
          extra={
            <Button className="e2e-subscribe-surveys" size="small" fill="outline" onClick={() => void subscribe()}>
              订阅问卷通知
            </Button>
          }
        >
          {items.length === 0 && (
            <Empty text="暂时没有需要填写的问卷">
              <Text className="ll-muted">物业发布满意度调查等问卷后，会在这里和消息中通知您</Text>
            </Empty>
          )}
          {items.map((s) => (
            <View key={s.id} className={`sv-card e2e-survey-${s.id}`} onClick={() => void openPage(`/pages-survey/answer/index?id=${s.id}`)}>
              <View className="ll-row">
                <Text className="sv-title ll-nowrap">{s.title}</Text>
                <SurveyStateBadge s={s} />
              </View>
              <Text className="sv-line">
                {s.communityName}
                {s.roomLabel ? ` ${s.roomLabel}` : ''} · {s.per === 'room' ? '每户一份' : '每人一份'}
                {s.anonymous ? ' · 匿名' : ''}
              </Text>
              <Text className="sv-line">截止：{shanghaiDateTime(s.closeAt)}</Text>
            </View>
          ))}
        </Section>
      </PageState>
    </View>
  );
}
