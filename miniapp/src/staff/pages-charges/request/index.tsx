import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { formatYuan, isRealDate, type FeeRequestView, type RoomBillsView } from '@linli/shared';
import { api, newIdempotencyKey, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { centsOf } from '../util';
import '../charges.css';

type Kind = 'waive' | 'defer';

/** 申请免交 / 缓交 on one bill line (?roomId=…&lineId=…): a manager approves it. */
export default function RequestPage() {
  const { params } = useRouter();
  const roomId = Number(params.roomId);
  const lineId = Number(params.lineId);
  const bills = useAsync(() => api.get<RoomBillsView>(`/api/fees/bills${qs({ roomId })}`, { silent: true }), [roomId]);
  const line = bills.data?.open.find((l) => l.id === lineId) ?? null;
  const [kind, setKind] = useState<Kind>('waive');
  const [amount, setAmount] = useState('');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const [key] = useState(newIdempotencyKey);

  async function submit() {
    const cents = centsOf(amount);
    if (kind === 'waive' && !cents) return setError('请填写减免金额，如 50.00');
    if (kind === 'defer' && !isRealDate(until)) return setError('缓交日期格式应为 2027-01-31');
    if (!reason.trim()) return setError('请填写原因');
    setSaving(true);
    setError('');
    try {
      const body = { billLineId: lineId, kind, reason: reason.trim(), ...(kind === 'waive' ? { amountCents: cents } : { deferUntil: until }) };
      await api.post<FeeRequestView>('/api/fees/requests', body, { idempotencyKey: key, silent: true });
      void Taro.showToast({ title: '已提交审批', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="ll-page page-fee-request">
      <PageState loading={bills.loading} error={bills.error} onRetry={bills.reload} empty={!!bills.data && !line} emptyText="账单不存在或已结清">
        {line && bills.data && (
          <>
            <Section title={`${bills.data.roomLabel} · ${line.name} ${line.periodLabel}`}>
              <Text className="ch-line e2e-request-line">
                应缴 {formatYuan(line.amountCents)}，未缴本金 {formatYuan(line.openCents)}，截止 {line.deferredUntil ?? line.dueDate}
              </Text>
              <View className="ll-chips">
                <View className={`ll-chip ${kind === 'waive' ? 'is-active' : ''} e2e-request-waive`} onClick={() => setKind('waive')}>
                  免交
                </View>
                <View className={`ll-chip ${kind === 'defer' ? 'is-active' : ''} e2e-request-defer`} onClick={() => setKind('defer')}>
                  缓交
                </View>
              </View>
              {kind === 'waive' ? (
                <View className="ch-field">
                  <Text className="ch-label">减免金额（元）</Text>
                  <View className="ch-input">
                    <Input
                      className="ll-input e2e-request-amount"
                      type="digit"
                      value={amount}
                      onChange={setAmount}
                      placeholder={(line.openCents / 100).toFixed(2)}
                    />
                  </View>
                </View>
              ) : (
                <View className="ch-field">
                  <Text className="ch-label">缓交至</Text>
                  <View className="ch-input">
                    <Input className="ll-input e2e-request-until" value={until} onChange={setUntil} maxLength={10} placeholder="2027-01-31" />
                  </View>
                </View>
              )}
              <Text className="ch-label">原因</Text>
              <TextArea
                className="ll-textarea e2e-request-reason"
                value={reason}
                onChange={setReason}
                maxLength={200}
                placeholder="如 业主家庭困难，社区出具证明"
              />
              <Text className="ll-muted">免交、缓交须经项目经理审批，审批人、时间和原因记录在账单上。缓交后滞纳金从新的截止日起算。</Text>
            </Section>
            {error && <Text className="ch-error e2e-request-error">{error}</Text>}
            <Button className="e2e-request-submit" block type="primary" loading={saving} disabled={saving} onClick={() => void submit()}>
              提交审批
            </Button>
          </>
        )}
      </PageState>
    </View>
  );
}
