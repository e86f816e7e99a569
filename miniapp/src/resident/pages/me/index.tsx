import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Tag } from '@nutui/nutui-react-taro';
import { BINDING_STATUS_LABELS, OWNER_CONSENT_LABELS, RELATION_LABELS, type BindingConsentView, type BindingView, type Me } from '@linli/shared';
import { useMe, usePageData } from '@common/hooks';
import { api } from '@common/api';
import { logout } from '@common/auth';
import { setCachedMe } from '@common/session';
import { Empty, PageState, Section } from '@common/components';
import { InboxEntry } from '@common/notify/InboxEntry';
import { useUnreadCount } from '@common/notify/use-unread-count';
import { TAB_ME } from '../../tabs';
import './index.css';

const STATUS_TAG: Record<BindingView['status'], 'warning' | 'success' | 'danger' | 'default'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  revoked: 'default',
};

/** An owner's pending tenant requests (none asked for unless the caller owns a room in the app). */
function ConsentsEntry({ me }: { me: Me }) {
  const owner = me.bindings.some((b) => b.relation === 'owner' && b.status === 'approved');
  const list = usePageData(() => (owner ? api.get<BindingConsentView[]>('/api/bindings/consents', { silent: true }) : Promise.resolve([])), [owner]);
  const n = list.data?.length ?? 0;
  if (!n) return null;
  return (
    <Section>
      <Cell
        className="e2e-consents-entry"
        clickable
        onClick={() => void Taro.navigateTo({ url: '/pages-room/consents/index' })}
        title="租户绑定待您确认"
        extra={<Tag type="warning">{n} 条</Tag>}
      />
    </Section>
  );
}

export default function MePage() {
  const { data: me, loading, error, reload, setData } = useMe();
  const [switching, setSwitching] = useState<number | null>(null);
  const { unread } = useUnreadCount(TAB_ME);

  async function makeCurrent(b: BindingView) {
    if (!me || b.status !== 'approved' || b.roomId === me.currentRoomId || switching) return;
    setSwitching(b.roomId);
    try {
      const res = await api.put<Me | null>('/api/me/current-room', { roomId: b.roomId });
      const next: Me = res && typeof res === 'object' && 'bindings' in res ? res : { ...me, currentRoomId: b.roomId };
      setCachedMe(next);
      setData(next);
      void Taro.showToast({ title: '已切换当前房屋', icon: 'success' });
    } catch {
      /* toast shown by the client */
    } finally {
      setSwitching(null);
    }
  }

  return (
    <View className="ll-page page-me">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me && (
          <>
            <Section className="me-head">
              <Text className="ll-hello e2e-me-name">{me.name || '邻居'}</Text>
              <Text className="ll-muted e2e-me-phone">{me.phoneMasked ? `手机号 ${me.phoneMasked}` : '未授权手机号'}</Text>
            </Section>

            <Section>
              <InboxEntry unread={unread} />
            </Section>
            <ConsentsEntry me={me} />

            <Section
              title="我的房屋"
              extra={
                <Button className="e2e-bind-room" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-room/bind/index' })}>
                  绑定房屋
                </Button>
              }
            >
              {me.bindings.length === 0 ? (
                <Empty text="还没有绑定房屋" />
              ) : (
                me.bindings.map((b) => {
                  const isCurrent = b.status === 'approved' && b.roomId === me.currentRoomId;
                  return (
                    <Cell
                      key={b.id}
                      className={`e2e-room-${b.roomId} e2e-binding-${b.id} ${isCurrent ? 'is-current' : ''}`}
                      clickable={b.status === 'approved' && !isCurrent}
                      onClick={() => void makeCurrent(b)}
                      title={
                        <View className="me-room-title">
                          <Text>
                            {b.communityName} {b.roomLabel}
                          </Text>
                          {isCurrent && (
                            <Tag type="primary" className="me-room-current ll-nowrap">
                              当前
                            </Tag>
                          )}
                        </View>
                      }
                      description={
                        <View>
                          <Text className="ll-muted">{RELATION_LABELS[b.relation] ?? b.relation}</Text>
                          {b.status === 'pending' && b.ownerConsent === 'requested' && (
                            <Text className="ll-muted e2e-owner-consent">
                              {'  '}
                              {OWNER_CONSENT_LABELS.requested}
                            </Text>
                          )}
                          {b.status === 'rejected' && b.rejectReason && (
                            <Text className="me-reject e2e-reject-reason">
                              {'\n'}驳回原因：{b.rejectReason}
                            </Text>
                          )}
                          {b.status === 'approved' && !isCurrent && <Text className="ll-muted">{'  '}点击设为当前房屋</Text>}
                        </View>
                      }
                      extra={
                        <Tag type={STATUS_TAG[b.status]} className={`ll-nowrap e2e-status-${b.status}`}>
                          {switching === b.roomId ? '切换中…' : BINDING_STATUS_LABELS[b.status]}
                        </Tag>
                      }
                    />
                  );
                })
              )}
            </Section>

            <Button className="e2e-logout" block type="default" onClick={() => void logout()}>
              退出登录
            </Button>
          </>
        )}
      </PageState>
    </View>
  );
}
