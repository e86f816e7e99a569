import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PassView } from '@linli/shared';
import { api, qs } from '@common/api';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { approvedRooms, PassCard, passDetailPage, RoomChips } from '../parts';
import '../passes.css';

function Passes({ roomId }: { roomId: number }) {
  const list = usePageData(() => api.get<PassView[]>(`/api/passes/mine${qs({ roomId })}`, { silent: true }), [roomId]);
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  const open = (id: number) => void Taro.navigateTo({ url: passDetailPage(id) });
  const own = (list.data ?? []).filter((p) => p.kind === 'resident');
  const others = (list.data ?? []).filter((p) => p.kind !== 'resident');

  async function myPass() {
    setBusy(true);
    try {
      const p = await api.post<PassView>('/api/passes/resident', { roomId });
      open(p.id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageState loading={list.loading && !list.data} error={list.data ? null : list.error} onRetry={list.reload}>
      <Section title="住户出入证" className="e2e-own-pass">
        {own.map((p) => (
          <PassCard key={p.id} p={p} onOpen={() => open(p.id)} />
        ))}
        {own.length === 0 && (
          <View className="pp-actions">
            <Text className="ll-muted">领取后出示动态二维码即可通行，有效期一年（解除房屋绑定后失效）。</Text>
            <Button className="e2e-get-own-pass" size="small" type="primary" loading={busy} onClick={() => void myPass()}>
              领取我的出入证
            </Button>
          </View>
        )}
      </Section>
      <Section
        title="访客通行证"
        className="e2e-visitor-passes"
        extra={
          <Button
            className="e2e-new-visitor-pass"
            size="small"
            type="primary"
            onClick={() => void Taro.navigateTo({ url: `/pages-passes/new/index?roomId=${roomId}` })}
          >
            新建访客通行证
          </Button>
        }
      >
        {others.length === 0 && <Empty text="还没有访客通行证" />}
        {others.map((p) => (
          <PassCard key={p.id} p={p} onOpen={() => open(p.id)} />
        ))}
      </Section>
    </PageState>
  );
}

/** 通行证: the resident's own pass and the visitor passes of a room. */
export default function PassesIndex() {
  const meState = useMe();
  const me = meState.data;
  const [picked, setPicked] = useState<number | null>(null);
  if (!me) return <View className="ll-page">{<PageState loading={meState.loading} error={meState.error} onRetry={meState.reload} />}</View>;
  const rooms = approvedRooms(me);
  const roomId = picked ?? (rooms.some((b) => b.roomId === me.currentRoomId) ? me.currentRoomId : (rooms[0]?.roomId ?? null));
  return (
    <View className="ll-page page-passes">
      {roomId === null ? (
        <Section>
          <Empty text="绑定房屋并通过审核后即可办理通行证">
            <Button className="e2e-go-bind" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-room/bind/index' })}>
              去绑定房屋
            </Button>
          </Empty>
        </Section>
      ) : (
        <>
          <RoomChips me={me} value={roomId} onChange={setPicked} />
          <Passes roomId={roomId} />
        </>
      )}
    </View>
  );
}
