import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { PermitView } from '@linli/shared';
import { api } from '@common/api';
import { usePageData } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { PermitSummary, PermitWorkers, WorkerPasses } from '@common/permits/PermitParts';

type Action = 'approve' | 'return' | 'revoke';
const CONFIRM: Record<Action, { title: string; content: string; ok: string; done: string }> = {
  approve: { title: '批准装修申请', content: '批准后立即为每位施工人员签发装修出入证。', ok: '批准', done: '已批准并签发' },
  return: { title: '退回装修申请', content: '业主会收到退回原因，可修改后重新申请。', ok: '退回', done: '已退回' },
  revoke: { title: '作废装修申请', content: '全部装修出入证立即作废，下次核验即为红色。', ok: '作废', done: '已作废' },
};

/** A permit for review: the application, the workers (masked IDs), then approve / return with a reason, or revoke. */
export default function StaffPermitPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const d = usePageData(() => api.get<PermitView>(`/api/passes/permits/${id}`, { silent: true }), [id]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const p = d.data;

  async function act(action: Action) {
    if (!p) return;
    if (action !== 'approve' && !reason.trim()) return setError(action === 'return' ? '退回时请填写原因' : '作废时请填写原因');
    const c = CONFIRM[action];
    const { confirm } = await Taro.showModal({ title: c.title, content: c.content, confirmText: c.ok });
    if (!confirm) return;
    setBusy(true);
    setError('');
    try {
      const body = action === 'approve' ? { version: p.version } : { version: p.version, reason: reason.trim() };
      d.setData(await api.post<PermitView>(`/api/passes/permits/${p.id}/${action}`, body, { silent: true }));
      setReason('');
      void Taro.showToast({ title: c.done, icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const deciding = p?.actions.includes('approve');
  const revoking = p?.actions.includes('revoke');
  return (
    <View className="ll-page page-staff-permit">
      <PageState loading={d.loading && !p} error={p ? null : d.error} onRetry={d.reload}>
        {p && (
          <>
            <PermitSummary p={p} />
            <PermitWorkers p={p} />
            <WorkerPasses p={p} />
            {(deciding || revoking) && (
              <Section title={deciding ? '审核' : '作废'}>
                <TextArea
                  className="ll-textarea e2e-permit-reason"
                  value={reason}
                  onChange={setReason}
                  maxLength={200}
                  placeholder={deciding ? '退回原因（退回时必填，如：缺少装修押金收据）' : '作废原因（必填）'}
                />
                {error && <Text className="pm-error e2e-permit-error">{error}</Text>}
                <View className="pm-actions">
                  {deciding && (
                    <Button className="e2e-permit-return" disabled={busy} onClick={() => void act('return')}>
                      退回
                    </Button>
                  )}
                  {deciding && (
                    <Button type="primary" className="e2e-permit-approve" disabled={busy} onClick={() => void act('approve')}>
                      批准并签发出入证
                    </Button>
                  )}
                  {revoking && (
                    <Button type="danger" className="e2e-permit-revoke" disabled={busy} onClick={() => void act('revoke')}>
                      作废
                    </Button>
                  )}
                </View>
              </Section>
            )}
            {!deciding && !revoking && p.status === 'submitted' && (
              <Section>
                <Text className="ll-muted">装修申请由客服主管或经理审核。</Text>
              </Section>
            )}
          </>
        )}
      </PageState>
    </View>
  );
}
