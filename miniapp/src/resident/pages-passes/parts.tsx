import { View, Text } from '@tarojs/components';
import type { Me, PassView } from '@linli/shared';
import { entriesText, passWindow } from '@common/passes/format';

/** The resident's approved rooms. */
export function approvedRooms(me: Me | undefined) {
  return (me?.bindings ?? []).filter((b) => b.status === 'approved');
}

/** A row of the resident's approved rooms as chips; hidden when there is only one. */
export function RoomChips({ me, value, onChange }: { me: Me; value: number | null; onChange: (id: number) => void }) {
  const rooms = approvedRooms(me);
  if (rooms.length < 2) return null;
  return (
    <View className="ll-chips pp-room-chips">
      {rooms.map((b) => (
        <View key={b.roomId} className={`ll-chip ${value === b.roomId ? 'is-active' : ''} e2e-room-${b.roomId}`} onClick={() => onChange(b.roomId)}>
          {b.communityName} {b.roomLabel}
        </View>
      ))}
    </View>
  );
}

export function KV({ k, v, hook }: { k: string; v: string | null | undefined; hook?: string }) {
  return (
    <View className={`pp-kv ${hook ? `e2e-${hook}` : ''}`}>
      <Text className="pp-kv-key">{k}</Text>
      <Text className="pp-kv-value">{v || '—'}</Text>
    </View>
  );
}

export function PassCard({ p, onOpen }: { p: PassView; onOpen: () => void }) {
  return (
    <View className={`pp-card e2e-pass-card e2e-pass-${p.id}`} onClick={onOpen}>
      <View className="pp-card-head">
        <Text className="pp-name">
          {p.kindLabel} · {p.holderName}
        </Text>
        <Text className={`pp-state is-${p.state}`}>{p.stateLabel}</Text>
      </View>
      <Text className="ll-muted">{passWindow(p.validFrom, p.validUntil)}</Text>
      <Text className="ll-muted">{entriesText(p.entriesTotal, p.entriesUsed)}</Text>
    </View>
  );
}

export const passDetailPage = (id: number) => `/pages-passes/detail/index?id=${id}`;
