import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { NoticeView, RESIDENT_PROMPTS } from '@linli/shared';
import { api } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { NoticeBody } from '@common/notices/NoticeBody';
import { useSubscribePrompt } from '@common/notify/subscribe';
import './index.css';

const HOUR_MS = 3600_000;

/** A notice (opening it marks it read). An outage still more than an hour away offers its WeChat reminder. */
export default function NoticeDetailPage() {
  const id = Number(useRouter().params.id);
  const d = useAsync(() => api.get<NoticeView>(`/api/notices/feed/${id}`, { silent: true }), [id]);
  const remindMe = useSubscribePrompt(RESIDENT_PROMPTS.notice);
  const n = d.data;
  const remindable = n?.kind === 'outage' && !!n.startsAt && new Date(n.startsAt).getTime() - Date.now() > HOUR_MS;
  return (
    <View className="ll-page page-notice-detail">
      <PageState loading={d.loading && !n} error={n ? null : d.error} onRetry={d.reload}>
        {n && (
          <Section>
            <NoticeBody n={n} />
            {remindable && (
              <View className="nd-remind">
                <Button className="e2e-subscribe-outage" size="small" fill="outline" type="primary" onClick={() => void remindMe()}>
                  开始前 1 小时微信提醒我
                </Button>
                <Text className="ll-muted">消息通知里也会照常提醒</Text>
              </View>
            )}
          </Section>
        )}
      </PageState>
    </View>
  );
}
