import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { WORKBENCH_COUNT_LABELS, modulesFor, staffSubscribeTemplates, workbenchCountPlan, type WorkbenchCounts, type WorkbenchModule } from '@linli/shared';
import { IS_H5 } from '@common/env';
import { openPage } from '@common/nav';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { UnreadBadge } from '@common/notify/InboxEntry';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { useUnreadCount } from '@common/notify/use-unread-count';
import { useWorkbenchCounts } from '../../components/use-workbench-counts';
import { TAB_WORKBENCH } from '../../tabs';
import { communityNames, roleLabels } from '../../roles';
import './index.css';

type Tile = keyof WorkbenchCounts['tiles'];

/** The tile's non-zero to-do counts (已超时 in red), in the order of the plan. */
function TileCounts({ tile, keys, tiles }: { tile: string; keys: ReturnType<typeof workbenchCountPlan>[Tile]; tiles: WorkbenchCounts['tiles'] }) {
  const counts = tiles[tile as Tile];
  const shown = keys.filter((k) => (counts?.[k] ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <View className={`wb-counts e2e-counts-${tile}`}>
      {shown.map((k) => (
        <Text key={k} className={`wb-count e2e-count-${tile}-${k} ${k === 'overdue' ? 'is-hot' : ''}`}>
          {WORKBENCH_COUNT_LABELS[k]} {counts![k]! > 99 ? '99+' : counts![k]}
        </Text>
      ))}
    </View>
  );
}

export default function Workbench() {
  const { data: me, loading, error, reload } = useMe();
  const modules = me ? modulesFor(me.roles) : [];
  const plan = workbenchCountPlan(me?.roles ?? []);
  const { tiles, noticeGaps } = useWorkbenchCounts(!!me && Object.values(plan).some((k) => k.length > 0));
  const [opening, setOpening] = useState<string | null>(null);

  function open(m: WorkbenchModule) {
    if (m.ready && m.path) void openPage(m.path, (busy) => setOpening(busy ? m.key : null));
    else void Taro.showToast({ title: `${m.label}即将上线`, icon: 'none' });
  }
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
            {!!noticeGaps?.length && (
              <View className="wb-flag e2e-notice-gaps" onClick={() => void openPage('/pages-notice/list/index')}>
                <Text>本月尚未发布通知：{noticeGaps.map((g) => g.communityName).join('、')}（每月至少一次）</Text>
              </View>
            )}
            <Section title="工作台">
              {modules.length === 0 ? (
                <Text className="ll-muted">您的角色暂无可用模块</Text>
              ) : (
                <View className="ll-grid">
                  {modules.map((m) => (
                    <View
                      key={m.key}
                      className={`ll-grid-item e2e-module-${m.key} ${m.ready ? '' : 'is-disabled'} ${opening === m.key ? 'is-opening' : ''}`}
                      onClick={() => open(m)}
                    >
                      <View className="ll-grid-icon">
                        {m.label.slice(0, 1)}
                        {m.key === 'notifications' && <UnreadBadge count={unread} className="wb-badge" />}
                      </View>
                      <Text className="ll-grid-label">{m.label}</Text>
                      {!m.ready && <Text className="ll-soon">即将上线</Text>}
                      {m.key in plan && <TileCounts tile={m.key} keys={plan[m.key as Tile]} tiles={tiles} />}
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
