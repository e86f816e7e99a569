import { useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  PARKING_TERM_LABELS,
  PARKING_TERMS,
  PARKING_VEHICLE_LABELS,
  PARKING_VEHICLES,
  parkingEndsOn,
  parsePlate,
  RESIDENT_PROMPTS,
  type BindingView,
  type ParkingPassView,
  type ParkingTerm,
  type ParkingVehicle,
  type UploadView,
} from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { chooseImages, uploadFile } from '@common/upload';
import { Section } from '@common/components';
import { Choice, isDate, RoomChips } from '@common/passes/parkitems';
import { DayPicker } from '../../pages-repair/components/DayPicker';

/** 申请停车证: room, plate, vehicle, term, start day, the insurance photo and its expiry date. */
export function ParkingForm({ rooms, onDone }: { rooms: BindingView[]; onDone: (p: ParkingPassView) => void }) {
  const [roomId, setRoomId] = useState(rooms[0]?.roomId ?? 0);
  const [plate, setPlate] = useState('');
  const [vehicle, setVehicle] = useState<ParkingVehicle>('car');
  const [term, setTerm] = useState<ParkingTerm>('monthly');
  const [startsOn, setStartsOn] = useState<string | null>(null);
  const [insurance, setInsurance] = useState<UploadView | null>(null);
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [key] = useState(newIdempotencyKey);
  const endsOn = startsOn ? parkingEndsOn(startsOn, term) : null;
  const prompt = useSubscribePrompt(RESIDENT_PROMPTS.parking);

  async function pickInsurance() {
    const [img] = await chooseImages(1);
    if (!img) return;
    setBusy(true);
    try {
      setInsurance(await uploadFile(img.path, { fileName: img.fileName, accept: 'document' }));
    } finally {
      setBusy(false);
    }
  }

  function check(): string {
    if (!parsePlate(plate)) return '请输入正确的车牌号（例如 粤B12345，新能源 粤BD12345）';
    if (!startsOn) return '请选择开始日期';
    if (!insurance) return '请上传车辆保险单';
    if (!isDate(until)) return '请填写保险到期日（YYYY-MM-DD）';
    if (endsOn && until < endsOn) return `保险须覆盖停车证有效期（至 ${endsOn}）`;
    return '';
  }

  async function submit() {
    const p = check();
    setProblem(p);
    if (p) return;
    void prompt();
    setBusy(true);
    try {
      const body = { roomId, plate, vehicle, term, startsOn, insuranceUploadId: insurance!.id, insuranceUntil: until };
      onDone(await api.post<ParkingPassView>('/api/passes/parking', body, { idempotencyKey: key }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="申请停车证" className="e2e-parking-form">
      <RoomChips rooms={rooms} value={roomId} onChange={setRoomId} />
      <View className="ll-field">
        <Text className="ll-label">车牌号</Text>
        <Input className="ll-input e2e-plate" placeholder="例如 粤B12345 / 粤BD12345" value={plate} onChange={setPlate} maxLength={12} />
      </View>
      <View className="ll-field">
        <Text className="ll-label">车辆类型</Text>
        <Choice options={PARKING_VEHICLES} labels={PARKING_VEHICLE_LABELS} value={vehicle} onChange={setVehicle} hook="vehicle" />
      </View>
      <View className="ll-field">
        <Text className="ll-label">办理类型</Text>
        <Choice options={PARKING_TERMS} labels={PARKING_TERM_LABELS} value={term} onChange={setTerm} hook="term" />
      </View>
      <View className="ll-field">
        <Text className="ll-label">开始日期{endsOn ? `（有效至 ${endsOn}）` : ''}</Text>
        <DayPicker value={startsOn} onChange={setStartsOn} now={new Date()} days={7} hook="start" />
      </View>
      <View className="ll-field">
        <Text className="ll-label">车辆保险单（照片）</Text>
        {insurance ? (
          <Image className="pi-insurance e2e-insurance-preview" src={insurance.url} mode="aspectFit" style={{ width: '200px', height: '140px' }} />
        ) : null}
        <Button className="e2e-insurance-upload" size="small" fill="outline" loading={busy && !insurance} onClick={() => void pickInsurance()}>
          {insurance ? '重新上传' : '上传保险单'}
        </Button>
      </View>
      <View className="ll-field">
        <Text className="ll-label">保险到期日</Text>
        <Input
          className="ll-input e2e-insurance-until"
          placeholder="YYYY-MM-DD，须覆盖停车证有效期"
          value={until}
          onChange={(v) => {
            setUntil(v);
            setProblem('');
          }}
          maxLength={10}
        />
      </View>
      {problem ? <Text className="pi-reason e2e-form-problem">{problem}</Text> : null}
      <Text className="ll-muted">提交后生成停车费账单（按本小区公示的{PARKING_TERM_LABELS[term]}收费标准），缴费后 10 分钟内签发。</Text>
      <View className="ll-gap" />
      <Button className="e2e-parking-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交申请
      </Button>
    </Section>
  );
}
