import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Section } from '@common/components';
import { enqueue } from '../offline-queue';

/** 无法联网: the guard writes the entry down; it is kept on the phone and synced (flagged manual) when back online. */
export function OfflineEntry(props: { communityId: number; gate: string; direction: 'in' | 'out'; pending: number; onSaved: () => void; onRetry: () => void }) {
  const [name, setName] = useState('');
  const [room, setRoom] = useState('');
  const [note, setNote] = useState('');
  function save() {
    if (!name.trim() || !room.trim()) return void Taro.showToast({ title: '请填写姓名和去往房号', icon: 'none' });
    enqueue({
      communityId: props.communityId,
      gate: props.gate || undefined,
      direction: props.direction,
      name: name.trim(),
      room: room.trim(),
      note: note.trim() || undefined,
    });
    setName('');
    setRoom('');
    setNote('');
    void Taro.showToast({ title: '已登记，联网后自动上传', icon: 'none' });
    props.onSaved();
  }
  return (
    <Section className="ps-offline e2e-offline">
      <Text className="ps-offline-title">无法联网</Text>
      <Text className="ll-muted">暂时无法核验二维码。请核实来人身份后手工登记，联网后自动上传，由主管复核。</Text>
      <View className="ps-field">
        <Input className="e2e-manual-name" placeholder="来人姓名" value={name} onChange={setName} maxLength={50} />
      </View>
      <View className="ps-field">
        <Input className="e2e-manual-room" placeholder="去往房号，如 1栋1单元101" value={room} onChange={setRoom} maxLength={60} />
      </View>
      <View className="ps-field">
        <Input className="e2e-manual-note" placeholder="备注（事由、证件等，选填）" value={note} onChange={setNote} maxLength={200} />
      </View>
      <View className="ps-row">
        <Button className="e2e-manual-save" type="primary" onClick={save}>
          手工登记（{props.direction === 'in' ? '进' : '出'}）
        </Button>
        <Button className="e2e-retry-online" fill="outline" onClick={props.onRetry}>
          重新联网
        </Button>
      </View>
      {props.pending > 0 && <Text className="ll-muted e2e-manual-pending">待上传 {props.pending} 条</Text>}
    </Section>
  );
}
