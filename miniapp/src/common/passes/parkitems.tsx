import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { BindingView, PassStatus } from '@linli/shared';
import './parkitems.css';

/** The holder's and the staff's pass page (built with the pass core): QR, window, scans. */
export const passDetailPage = (id: number) => `/pages-passes/detail/index?id=${id}`;

export function openPassDetail(id: number) {
  void Taro.navigateTo({ url: passDetailPage(id) });
}

/** A pass status as a coloured tag. */
export function PassStatusTag({ status, label }: { status: PassStatus; label: string }) {
  return <Text className={`pi-status pi-status-${status} e2e-pass-status`}>{label}</Text>;
}

/** The resident's approved rooms as chips (e2e-room-<id>); nothing when there is only one. */
export function RoomChips({ rooms, value, onChange }: { rooms: BindingView[]; value: number; onChange: (id: number) => void }) {
  if (rooms.length < 2) return null;
  return (
    <View className="ll-chips">
      {rooms.map((b) => (
        <View key={b.roomId} className={`ll-chip ${value === b.roomId ? 'is-active' : ''} e2e-room-${b.roomId}`} onClick={() => onChange(b.roomId)}>
          {b.communityName} {b.roomLabel}
        </View>
      ))}
    </View>
  );
}

/** Chips of fixed choices (e2e-<hook>-<value without separators>, e.g. e2e-window-1400-1600). */
export function Choice<T extends string>(props: { options: readonly T[]; labels: Record<T, string>; value: T; onChange: (v: T) => void; hook: string }) {
  return (
    <View className="ll-chips">
      {props.options.map((o) => (
        <View
          key={o}
          className={`ll-chip ${props.value === o ? 'is-active' : ''} e2e-${props.hook}-${o.replace(/[^\w-]/g, '')}`}
          onClick={() => props.onChange(o)}
        >
          {props.labels[o]}
        </View>
      ))}
    </View>
  );
}

export const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
