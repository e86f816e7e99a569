import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { Me, RoomStaffView } from '@linli/shared';
import { api, qs } from '../api';
import { useAsync } from '../hooks';
import { PageState } from '../components';
import './staff-ticket.css';

function searchRooms(q: string): Promise<RoomStaffView[]> {
  return api.get<RoomStaffView[]>(`/api/staff/rooms${qs({ q })}`, { silent: true });
}

/** A staff intake's room: search by room number or the owner's mobile, pick one, or show the picked one with 更换. */
export function StaffRoomLookup(props: {
  me: Me;
  picked: RoomStaffView | null;
  /** `q`: what was searched (a mobile fills the contact phone) */
  onPick: (room: RoomStaffView | null, q: string) => void;
  emptyText: string;
  autoFocus?: boolean;
}) {
  const { me, picked, onPick, emptyText, autoFocus } = props;
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const rooms = useAsync<RoomStaffView[]>(() => (q ? searchRooms(q) : Promise.resolve([])), [q]);

  // search as the agent types (300 ms after the last key), from 2 characters
  useEffect(() => {
    const next = input.trim();
    const t = setTimeout(() => setQ(next.length >= 2 ? next : ''), 300);
    return () => clearTimeout(t);
  }, [input]);

  const communityName = (id: number) => me.communities.find((c) => c.id === id)?.name ?? '';

  if (picked) {
    return (
      <View className="ik-picked e2e-room-picked">
        <View className="ik-picked-main">
          <Text className="ik-room-label">
            {communityName(picked.communityId)} {picked.label}
          </Text>
          <Text className="ll-muted">
            业主：{picked.ownerName ?? '未登记'} {picked.ownerPhoneMasked ?? ''}
          </Text>
        </View>
        <Button className="e2e-room-change" size="small" fill="outline" onClick={() => onPick(null, '')}>
          更换
        </Button>
      </View>
    );
  }

  return (
    <View className="ik-lookup">
      <Input
        className="ll-input e2e-room-q"
        placeholder="输入房号（如 1201）或业主手机号"
        value={input}
        onChange={setInput}
        autoFocus={autoFocus}
        clearable
        onClear={() => setInput('')}
        confirmType="search"
        onConfirm={() => setQ(input.trim())}
      />
      {q ? (
        <PageState loading={rooms.loading} error={rooms.error} onRetry={rooms.reload} empty={!rooms.data?.length} emptyText={emptyText}>
          <View className="ik-results">
            {rooms.data?.map((r) => (
              <View key={r.id} className={`ik-result e2e-room-${r.id}`} onClick={() => onPick(r, q)}>
                <Text className="ik-room-label">
                  {communityName(r.communityId)} {r.label}
                </Text>
                <Text className="ll-muted">
                  {r.ownerName ?? '未登记业主'} {r.ownerPhoneMasked ?? ''}
                </Text>
              </View>
            ))}
          </View>
        </PageState>
      ) : (
        <Text className="ll-muted ik-hint">输入 2 个字符以上开始查找；手机号需完整 11 位</Text>
      )}
    </View>
  );
}
