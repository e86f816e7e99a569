import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { formatYuan, parseScaled, REFUND_RULE_TEXT, shanghaiDate, type PaymentView, type ReversalView } from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import '../index/index.css';
import './index.css';

/** Ask a manager to void (the whole receipt, same day) or refund (part or all) a payment. */
export default function ReversalPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const p = useAsync(() => api.get<PaymentView>(`/api/fees/payments/${id}`, { silent: true }), [id]);
  const [kind, setKind] = useState<'void' | 'refund'>('refund');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const v = p.data;
  const left = v ? v.amountCents - v.refundedCents : 0;
  const voidable = !!v && v.businessDate === shanghaiDate(new Date()) && v.refundedCents === 0;

  async function submit() {
    const cents = kind === 'void' ? left : parseScaled(amount, 2);
    if (cents === null || cents <= 0 || cents > left) return setError(`退款金额应在 ¥0.01 到 ${formatYuan(left)} 之间`);
    if (!reason.trim()) return setError('请填写原因');
    const { confirm } = await Taro.showModal({
      title: kind === 'void' ? '申请作废' : '申请退款',
      content: `${v!.receiptNo} ${kind === 'void' ? '整笔作废' : '退款'} ${formatYuan(cents)}，提交后由经理审批。`,
      confirmText: '提交',
    });
    if (!confirm) return;
    setBusy(true);
    setError('');
    try {
      await api.post<ReversalView>(
        `/api/fees/payments/${id}/reversals`,
        { kind, amountCents: kind === 'refund' ? cents : undefined, reason: reason.trim() },
        { idempotencyKey: key, silent: true },
      );
      void Taro.showToast({ title: '已提交审批', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-cashier-reversal">
      <PageState loading={p.loading && !v} error={v ? null : p.error} onRetry={p.reload}>
        {v && (
          <Section title={`${v.receiptNo} · ${v.roomLabel}`}>
            <Text className="ll-muted cv-summary">
              收款 {formatYuan(v.amountCents)}，已退 {formatYuan(v.refundedCents)}，可退 {formatYuan(left)}
            </Text>
            <View className="ll-chips">
              <View className={`ll-chip e2e-kind-refund ${kind === 'refund' ? 'is-active' : ''}`} onClick={() => setKind('refund')}>
                退款
              </View>
              {voidable && (
                <View className={`ll-chip e2e-kind-void ${kind === 'void' ? 'is-active' : ''}`} onClick={() => setKind('void')}>
                  作废（当日整笔）
                </View>
              )}
            </View>
            {kind === 'refund' && (
              <View className="ll-field">
                <Text className="ll-label">退款金额（元）</Text>
                <Input className="ll-input e2e-reversal-amount" type="digit" value={amount} onChange={setAmount} placeholder={(left / 100).toFixed(2)} />
              </View>
            )}
            <View className="ll-field">
              <Text className="ll-label">原因</Text>
              <TextArea className="ll-textarea e2e-reversal-reason" value={reason} onChange={setReason} maxLength={200} />
            </View>
            <Text className="cs-rule">{REFUND_RULE_TEXT}</Text>
            {error && <Text className="cs-error">{error}</Text>}
            <Button className="e2e-reversal-submit" block type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
              提交经理审批
            </Button>
          </Section>
        )}
      </PageState>
    </View>
  );
}
