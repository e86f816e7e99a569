import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatAreaCenti, normalizeMobile, parseAreaCenti, type PlaceRoomView } from '@linli/shared';
import { errorMessage } from '@common/components';

export interface RoomFields {
  name: string;
  floor: number | null;
  areaCenti: number | null;
  ownerName: string | null;
  ownerPhone: string | null;
}

/** New room or edit of `room`: area typed in m² (2 decimals), kept as centi-m²; the owner on record. */
export function RoomForm({ room, onSave, onCancel }: { room: PlaceRoomView | null; onSave: (f: RoomFields) => Promise<void>; onCancel?: () => void }) {
  const [name, setName] = useState('');
  const [floor, setFloor] = useState('');
  const [area, setArea] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [ownerPhone, setOwnerPhone] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setName(room?.name ?? '');
    setFloor(room?.floor === null || room?.floor === undefined ? '' : String(room.floor));
    setArea(formatAreaCenti(room?.areaCenti));
    setOwnerName(room?.ownerName ?? '');
    setOwnerPhone(room?.ownerPhone ?? '');
    setError('');
  }, [room?.id, room?.version]);

  async function save() {
    const areaCenti = parseAreaCenti(area);
    const phone = ownerPhone.trim() ? normalizeMobile(ownerPhone) : null;
    const floorN = floor.trim() ? Number(floor.trim()) : null;
    const problem = !name.trim()
      ? '请填写房号'
      : floorN !== null && (!Number.isInteger(floorN) || floorN < -10 || floorN > 300)
        ? '楼层须为 -10 到 300 的整数'
        : Number.isNaN(areaCenti)
          ? '面积请填写平方米，最多两位小数，如 89.56'
          : ownerPhone.trim() && !phone
            ? '业主手机号格式不正确'
            : '';
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      await onSave({ name: name.trim(), floor: floorN, areaCenti, ownerName: ownerName.trim() || null, ownerPhone: phone });
      if (!room) {
        setName('');
        setOwnerName('');
        setOwnerPhone('');
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="e2e-room-form">
      <View className="pl-grid">
        <View className="ll-field">
          <Text className="ll-label">房号</Text>
          <Input className="ll-input e2e-room-name" placeholder="如 1201" value={name} onChange={setName} maxLength={50} />
        </View>
        <View className="ll-field">
          <Text className="ll-label">楼层</Text>
          <Input className="ll-input e2e-room-floor" type="digit" placeholder="如 12" value={floor} onChange={setFloor} maxLength={4} />
        </View>
        <View className="ll-field">
          <Text className="ll-label">建筑面积（㎡）</Text>
          <Input className="ll-input e2e-room-area" type="digit" placeholder="如 89.56" value={area} onChange={setArea} maxLength={10} />
        </View>
        <View className="ll-field">
          <Text className="ll-label">业主姓名</Text>
          <Input className="ll-input e2e-room-owner" placeholder="选填" value={ownerName} onChange={setOwnerName} maxLength={50} />
        </View>
        <View className="ll-field">
          <Text className="ll-label">业主手机</Text>
          <Input className="ll-input e2e-room-phone" type="number" placeholder="选填，11 位" value={ownerPhone} onChange={setOwnerPhone} maxLength={14} />
        </View>
      </View>
      {error && <Text className="pl-error e2e-room-error">{error}</Text>}
      <View className="ll-btn-row">
        <Button className="e2e-room-save" type="primary" loading={saving} onClick={() => void save()}>
          {room ? '保存修改' : '添加房屋'}
        </Button>
        {onCancel && (
          <Button fill="outline" onClick={onCancel}>
            取消
          </Button>
        )}
      </View>
    </View>
  );
}
