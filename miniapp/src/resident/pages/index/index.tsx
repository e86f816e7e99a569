import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BINDING_STATUS_LABELS } from '@linli/shared';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { InboxEntry } from '@common/notify/InboxEntry';
import { useUnreadCount } from '@common/notify/use-unread-count';
import { TAB_ME } from '../../tabs';
import { ServiceGrid } from '../../components/ServiceGrid';
import { NoticeStrip } from '../../components/NoticeStrip';
import './index.css';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '夜深了';
  if (h < 12) return '早上好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function Home() {
  const { data: me, loading, error, reload } = useMe();
  const { unread } = useUnreadCount(TAB_ME);
  const current = me?.bindings.find((b) => b.roomId === me.currentRoomId && b.status === 'approved');
  const pending = me?.bindings.filter((b) => b.status === 'pending') ?? [];

  return (
    <View className="ll-page page-home">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && (
          <>
            <View className="home-hero">
              <Text className="ll-hello e2e-greeting">
                {greeting()}，{me.name || '邻居'}
              </Text>
              {current ? (
                <View className="home-room e2e-current-room">
                  <Text className="home-room-label">当前房屋</Text>
                  <Text className="home-room-name">
                    {current.communityName} {current.roomLabel}
                  </Text>
                </View>
              ) : (
                <View className="home-room e2e-no-room">
                  <Text className="home-room-label">您还没有已绑定的房屋</Text>
                  <Button className="e2e-go-bind" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-room/bind/index' })}>
                    去绑定房屋
                  </Button>
                </View>
              )}
              {pending.length > 0 && (
                <Text className="ll-muted home-pending e2e-pending-hint">
                  {pending.map((b) => `${b.communityName} ${b.roomLabel}`).join('、')}：{BINDING_STATUS_LABELS.pending}
                </Text>
              )}
            </View>
            {unread > 0 && (
              <Section className="home-inbox">
                <InboxEntry unread={unread} />
              </Section>
            )}
            {current && <NoticeStrip />}
            <Section title="物业服务">
              <ServiceGrid />
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
