import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag, TextArea } from '@nutui/nutui-react-taro';
import { formatYuan, type FeeRequestView } from '@linli/shared';
import { api } from '@common/api';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import '../charges.css';

function RequestCard({ r, onDecided }: { r: FeeRequestView; onDecided: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const ask = r.kind === 'defer' ? `缓交至 ${r.deferUntil}` : r.amountCents !== null ? `${r.kindLabel} ${formatYuan(r.amountCents)}` : r.kindLabel;

  async function decide(approve: boolean) {
    if (!approve && !note.trim()) return setError('驳回时请填写审批意见');
    const { confirm } = await Taro.showModal({
      title: approve ? '批准申请' : '驳回申请',
      content: `${r.roomLabel} ${r.subject}：${ask}。${approve ? '批准后账单随即调整，不能撤回。' : '驳回后申请人会收到通知。'}`,
      confirmText: approve ? '批准' : '驳回',
    });
    if (!confirm) return;
    setBusy(true);
    setError('');
    try {
      // 免交 / 缓交 here; 作废 / 退款 are decided by the cashier module's route, which takes {decision} instead of {approve}
      const reversal = r.kind === 'void' || r.kind === 'refund';
      const verdict = reversal ? { decision: approve ? 'approve' : 'refuse' } : { approve };
      await api.post<FeeRequestView>(r.decidePath, { version: r.version, ...verdict, note: note.trim() || undefined }, { silent: true });
      void Taro.showToast({ title: approve ? '已批准' : '已驳回', icon: 'success' });
      onDecided();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`ch-card e2e-fee-request-${r.id}`}>
      <View className="ll-row">
        <Text className="ch-title">
          {r.roomLabel} · {r.subject}
        </Text>
        <Tag type="warning">{r.kindLabel}</Tag>
      </View>
      <Text className="ch-line ch-amount">{ask}</Text>
      <Text className="ch-line">原因：{r.reason}</Text>
      <Text className="ch-line">
        申请人 {r.requestedByName ?? ''} · {formatTime(r.requestedAt)}
      </Text>
      {r.canDecide ? (
        <>
          <TextArea className="ll-textarea e2e-decide-note" value={note} onChange={setNote} maxLength={200} placeholder="审批意见（驳回时必填）" />
          {error && <Text className="ch-error e2e-decide-error">{error}</Text>}
          <View className="ch-actions">
            <Button size="small" className="e2e-decide-refuse" disabled={busy} onClick={() => void decide(false)}>
              驳回
            </Button>
            <Button size="small" type="primary" className="e2e-decide-approve" disabled={busy} onClick={() => void decide(true)}>
              批准
            </Button>
          </View>
        </>
      ) : (
        <Text className="ll-muted">本人提交的申请须由其他经理审批</Text>
      )}
    </View>
  );
}

/** 减免审批: the pending 免交 / 缓交 / 作废 / 退款 requests of the manager's communities. */
export default function ApprovalsPage() {
  const list = usePageData(() => api.get<FeeRequestView[]>('/api/fees/requests?status=pending', { silent: true }), []);
  const rows = list.data ?? [];
  return (
    <View className="ll-page page-fee-approvals">
      <PageState loading={list.loading && !list.data} error={list.data ? null : list.error} onRetry={list.reload}>
        <Section title="待审批" extra={<Text className="ll-muted">{rows.length} 项</Text>}>
          {rows.length === 0 && <Empty text="没有待审批的申请" />}
          {rows.map((r) => (
            <RequestCard key={r.id} r={r} onDecided={() => list.setData(rows.filter((x) => x.id !== r.id))} />
          ))}
        </Section>
      </PageState>
    </View>
  );
}
