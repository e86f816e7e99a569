import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { formatYuan, type BillLineView, type OneOffItemView, type RoomBillsView } from '@linli/shared';
import { api, newIdempotencyKey, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { centsOf } from '../util';
import '../charges.css';

/** 一次性收费: a bill line for the room — an item of the community's list, or a named charge with its amount. */
export default function ChargePage() {
  const roomId = Number(useRouter().params.roomId);
  const bills = useAsync(() => api.get<RoomBillsView>(`/api/fees/bills${qs({ roomId })}`, { silent: true }), [roomId]);
  const items = useAsync(() => api.get<OneOffItemView[]>(`/api/fees/one-off-items${qs({ roomId })}`, { silent: true }), [roomId]);
  const [itemId, setItemId] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const [key] = useState(newIdempotencyKey);

  function pick(i: OneOffItemView | null) {
    setItemId(i?.id ?? null);
    if (i) setAmount((i.amountCents / 100).toFixed(2));
  }

  async function save() {
    const cents = centsOf(amount);
    if (!itemId && !name.trim()) return setError('请选择收费项目或填写收费名称');
    if (!cents) return setError('请填写金额，如 200.00');
    if (!reason.trim()) return setError('请填写收费原因');
    const { confirm } = await Taro.showModal({
      title: '确认收费',
      content: `为 ${bills.data?.roomLabel ?? ''} 生成一笔 ${formatYuan(cents)} 的账单？`,
      confirmText: '生成账单',
    });
    if (!confirm) return;
    setSaving(true);
    setError('');
    try {
      const body = { roomId, amountCents: cents, reason: reason.trim(), ...(itemId ? { feeItemId: itemId } : { name: name.trim() }) };
      await api.post<BillLineView>('/api/fees/charges', body, { idempotencyKey: key, silent: true });
      void Taro.showToast({ title: '已生成账单', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="ll-page page-one-off-charge">
      <PageState loading={bills.loading} error={bills.error} onRetry={bills.reload}>
        <Section title={bills.data ? `${bills.data.communityName} ${bills.data.roomLabel}` : '房屋'}>
          <Text className="ch-label">收费项目</Text>
          <View className="ll-chips">
            <View className={`ll-chip ${itemId === null ? 'is-active' : ''} e2e-charge-free`} onClick={() => pick(null)}>
              其他（填写名称）
            </View>
            {(items.data ?? []).map((i) => (
              <View key={i.id} className={`ll-chip ${itemId === i.id ? 'is-active' : ''} e2e-charge-item-${i.id}`} onClick={() => pick(i)}>
                {i.name} {formatYuan(i.amountCents)}
              </View>
            ))}
          </View>
          {itemId === null && (
            <View className="ch-field">
              <Text className="ch-label">名称</Text>
              <View className="ch-input">
                <Input className="ll-input e2e-charge-name" value={name} onChange={setName} maxLength={50} placeholder="如 门禁卡补办费" />
              </View>
            </View>
          )}
          <View className="ch-field">
            <Text className="ch-label">金额（元）</Text>
            <View className="ch-input">
              <Input className="ll-input e2e-charge-amount" type="digit" value={amount} onChange={setAmount} placeholder="200.00" />
            </View>
          </View>
          <Text className="ch-label">原因</Text>
          <TextArea className="ll-textarea e2e-charge-reason" value={reason} onChange={setReason} maxLength={200} placeholder="如 装修垃圾清运 2 车" />
          <Text className="ll-muted">选择收费项目时按项目的缴费期限和滞纳金规则；其他收费 15 天内缴清，不收滞纳金。</Text>
        </Section>
        {error && <Text className="ch-error e2e-charge-error">{error}</Text>}
        <Button className="e2e-charge-save" block type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
          生成账单
        </Button>
      </PageState>
    </View>
  );
}
