import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { normalizeMobile, parsePlate, shanghaiDate, VISITOR_MAX_DAYS, type CreateVisitorPassRequest, type PassView } from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { approvedRooms, passDetailPage } from '../parts';
import '../passes.css';

const MAX_ENTRIES = 10;
const DAY_MS = 86_400_000;

function Stepper({
  hook,
  value,
  min,
  max,
  onChange,
  unit,
}: {
  hook: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
  unit: string;
}) {
  return (
    <View className={`pp-stepper e2e-${hook}`}>
      <Text className="pp-step e2e-minus" onClick={() => onChange(Math.max(min, value - 1))}>
        −
      </Text>
      <Text className="pp-step-value">
        {value} {unit}
      </Text>
      <Text className="pp-step e2e-plus" onClick={() => onChange(Math.min(max, value + 1))}>
        +
      </Text>
    </View>
  );
}

/** 新建访客通行证: the visitor, the first day, how many days and entries; issued at once, then shared. */
export default function NewVisitorPass() {
  const { params } = useRouter();
  const meState = useMe();
  const me = meState.data;
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [plate, setPlate] = useState('');
  const [offset, setOffset] = useState(0);
  const [days, setDays] = useState(1);
  const [entries, setEntries] = useState(1);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  if (!me) return <View className="ll-page">{<PageState loading={meState.loading} error={meState.error} onRetry={meState.reload} />}</View>;
  const rooms = approvedRooms(me);
  const roomId = Number(params.roomId) || me.currentRoomId || rooms[0]?.roomId;
  const room = rooms.find((b) => b.roomId === roomId);
  const starts = [0, 1, 2].map((d) => shanghaiDate(new Date(Date.now() + d * DAY_MS)));

  function problem(): string | null {
    if (!room) return '请先绑定房屋';
    if (!name.trim()) return '请填写访客姓名';
    if (phone.trim() && !normalizeMobile(phone)) return '请填写正确的手机号';
    if (plate.trim() && !parsePlate(plate)) return '车牌号格式不正确';
    return null;
  }

  async function submit() {
    const p = problem();
    if (p) return void Taro.showToast({ title: p, icon: 'none' });
    const body: CreateVisitorPassRequest = { roomId: roomId!, visitorName: name.trim(), startsOn: starts[offset], days, entries };
    if (phone.trim()) body.visitorPhone = phone.trim();
    if (plate.trim()) body.plate = plate.trim();
    setBusy(true);
    try {
      const created = await api.post<PassView>('/api/passes/visitor', body, { idempotencyKey: key });
      void Taro.showToast({ title: '通行证已签发', icon: 'success' });
      void Taro.redirectTo({ url: `${passDetailPage(created.id)}&share=1` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-passes-new">
      <Section title={room ? `${room.communityName} ${room.roomLabel}` : '访客'}>
        <View className="pp-field">
          <Text className="pp-label">访客姓名</Text>
          <Input className="e2e-visitor-name" placeholder="访客的姓名" value={name} onChange={setName} maxLength={50} />
        </View>
        <View className="pp-field">
          <Text className="pp-label">手机号（选填）</Text>
          <Input className="e2e-visitor-phone" type="tel" placeholder="访客的手机号" value={phone} onChange={setPhone} maxLength={20} />
        </View>
        <View className="pp-field">
          <Text className="pp-label">车牌号（选填，驾车来访时）</Text>
          <Input className="e2e-visitor-plate" placeholder="如 粤B12345" value={plate} onChange={setPlate} maxLength={12} />
        </View>
      </Section>
      <Section title="有效期">
        <View className="ll-chips pp-field">
          {['今天', '明天', '后天'].map((label, i) => (
            <View key={label} className={`ll-chip ${offset === i ? 'is-active' : ''} e2e-start-${i}`} onClick={() => setOffset(i)}>
              {label} {starts[i].slice(5)}
            </View>
          ))}
        </View>
        <View className="pp-field">
          <Text className="pp-label">天数（最长 {VISITOR_MAX_DAYS} 天，以小区规定为准）</Text>
          <Stepper hook="days" value={days} min={1} max={VISITOR_MAX_DAYS} onChange={setDays} unit="天" />
        </View>
        <View className="pp-field">
          <Text className="pp-label">可进入次数</Text>
          <Stepper hook="entries" value={entries} min={1} max={MAX_ENTRIES} onChange={setEntries} unit="次" />
        </View>
      </Section>
      <Button className="e2e-submit-pass" block type="primary" loading={busy} onClick={() => void submit()}>
        签发并分享
      </Button>
    </View>
  );
}
