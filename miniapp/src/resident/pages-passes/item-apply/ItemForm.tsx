import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { RELEASE_MAX_LINES, RESIDENT_PROMPTS, releaseProblems, addCalendarDays, type BindingView, type ItemReleaseView } from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { Section } from '@common/components';
import { shanghaiDay } from '@common/repairs';
import { Choice, RoomChips } from '@common/passes/parkitems';
import { DayPicker } from '../../pages-repair/components/DayPicker';

const WINDOWS = ['08:00-10:00', '10:00-12:00', '14:00-16:00', '16:00-18:00'] as const;
type Window = (typeof WINDOWS)[number];
const WINDOW_LABELS = Object.fromEntries(WINDOWS.map((w) => [w, w.replace('-', '–')])) as Record<Window, string>;

/** 申请大件物品放行: room, the items (1–20 lines), the day and the window. */
export function ItemForm({ rooms, onDone }: { rooms: BindingView[]; onDone: (p: ItemReleaseView) => void }) {
  const [roomId, setRoomId] = useState(rooms[0]?.roomId ?? 0);
  const [lines, setLines] = useState([{ name: '', quantity: '1' }]);
  const [date, setDate] = useState<string | null>(null);
  const [window, setWindow] = useState<Window>('08:00-10:00');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [key] = useState(newIdempotencyKey);
  const room = rooms.find((b) => b.roomId === roomId);
  const prompt = useSubscribePrompt(RESIDENT_PROMPTS.itemRelease);

  const set = (i: number, field: 'name' | 'quantity', v: string) => setLines((prev) => prev.map((l, j) => (j === i ? { ...l, [field]: v } : l)));

  async function submit() {
    const items = lines.filter((l) => l.name.trim()).map((l) => ({ name: l.name.trim(), quantity: Number(l.quantity) }));
    const [from, to] = window.split('-');
    const today = shanghaiDay(new Date());
    const p = date ? releaseProblems({ items, date, from, to }, today, addCalendarDays(today, 30)).join('；') : '请选择放行日期';
    setProblem(p);
    if (p) return;
    void prompt();
    setBusy(true);
    try {
      onDone(await api.post<ItemReleaseView>('/api/passes/items', { roomId, items, date, from, to }, { idempotencyKey: key }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="申请大件物品放行" className="e2e-item-form">
      <RoomChips rooms={rooms} value={roomId} onChange={setRoomId} />
      {room?.relation === 'tenant' ? <Text className="ll-muted">您是该房屋的租户，提交后需业主在小程序中同意。</Text> : null}
      <View className="ll-field">
        <Text className="ll-label">物品（最多 {RELEASE_MAX_LINES} 项）</Text>
        {lines.map((l, i) => (
          <View key={i} className="pi-line-row">
            <Input
              className={`ll-input pi-line-name e2e-item-name-${i}`}
              placeholder="物品名称，如 沙发"
              value={l.name}
              onChange={(v) => set(i, 'name', v)}
              maxLength={30}
            />
            <Input
              className={`ll-input pi-line-qty e2e-item-qty-${i}`}
              type="number"
              value={l.quantity}
              onChange={(v) => set(i, 'quantity', v)}
              maxLength={3}
            />
          </View>
        ))}
        {lines.length < RELEASE_MAX_LINES ? (
          <Text className="e2e-item-add" onClick={() => setLines((prev) => [...prev, { name: '', quantity: '1' }])}>
            ＋ 添加一项
          </Text>
        ) : null}
      </View>
      <View className="ll-field">
        <Text className="ll-label">放行日期</Text>
        <DayPicker value={date} onChange={setDate} now={new Date()} days={7} hook="item" />
      </View>
      <View className="ll-field">
        <Text className="ll-label">时段</Text>
        <Choice options={WINDOWS} labels={WINDOW_LABELS} value={window} onChange={setWindow} hook="window" />
      </View>
      {problem ? <Text className="pi-reason e2e-item-problem">{problem}</Text> : null}
      <Text className="ll-muted">物业审核（1 小时内）：房屋有逾期未缴费用的需先缴清。放行条当天凭码出门一次。</Text>
      <View className="ll-gap" />
      <Button className="e2e-item-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交申请
      </Button>
    </Section>
  );
}
