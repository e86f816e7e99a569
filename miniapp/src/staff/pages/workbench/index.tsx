import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { modulesFor, staffSubscribeTemplates, type WorkbenchModule } from '@linli/shared';
import { IS_H5 } from '@common/env';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { UnreadBadge } from '@common/notify/InboxEntry';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { useUnreadCount } from '@common/notify/use-unread-count';
import { TAB_WORKBENCH } from '../../tabs';
import { communityNames, roleLabels } from '../../roles';
import './index.css';

function open(m: WorkbenchModule) {
  if (m.ready && m.path) void Taro.navigateTo({ url: m.path });
  else void Taro.showToast({ title: `${m.label}即将上线`, icon: 'none' });
}

export default function Workbench() {
  const { data: me, loading, error, reload } = useMe();
  const modules = me ? modulesFor(me.roles) : [];
  const { unread } = useUnreadCount(TAB_WORKBENCH);
  const subscribeKeys = me ? staffSubscribeTemplates(me.roles) : [];
  const promptSubscribe = useSubscribePrompt(subscribeKeys);

  async function subscribe() {
    await promptSubscribe();
    void Taro.showToast({ title: '已更新微信提醒', icon: 'none' });
  }
  return (
    <View className="ll-page page-workbench">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && (
          <>
            <View className="wb-hero">
              <Text className="ll-hello e2e-greeting">您好，{me.name}</Text>
              <Text className="wb-line e2e-roles">{roleLabels(me.roles)}</Text>
              <Text className="wb-line e2e-communities">{communityNames(me)}</Text>
              {/* each acceptance allows one WeChat message, so staff top it up from a tap here; not in H5 */}
              {!IS_H5 && subscribeKeys.length > 0 && (
                <Button className="wb-subscribe e2e-subscribe" size="small" fill="outline" type="primary" onClick={() => void subscribe()}>
                  开启微信提醒
                </Button>
              )}
            </View>
            <Section title="工作台">
              {modules.length === 0 ? (
                <Text className="ll-muted">您的角色暂无可用模块</Text>
              ) : (
                <View className="ll-grid">
                  {modules.map((m) => (
                    <View key={m.key} className={`ll-grid-item e2e-module-${m.key} ${m.ready ? '' : 'is-disabled'}`} onClick={() => open(m)}>
                      <View className="ll-grid-icon">
                        {m.label.slice(0, 1)}
                        {m.key === 'notifications' && <UnreadBadge count={unread} className="wb-badge" />}
                      </View>
                      <Text className="ll-grid-label">{m.label}</Text>
                      {!m.ready && <Text className="ll-soon">即将上线</Text>}
                    </View>
                  ))}
                </View>
              )}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
