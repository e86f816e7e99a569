import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PermitView } from '@linli/shared';
import { api } from '@common/api';
import { usePageData } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { PermitSummary, PermitWorkers, WorkerPasses } from '@common/permits/PermitParts';

/** The owner's permit: status, the reason when returned, each worker's pass (open, share); withdraw or end it. */
export default function PermitPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const d = usePageData(() => api.get<PermitView>(`/api/passes/permits/${id}`, { silent: true }), [id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const p = d.data;

  async function act(action: 'cancel' | 'revoke') {
    if (!p) return;
    const { confirm } = await Taro.showModal({
      title: action === 'cancel' ? '撤销申请' : '结束装修',
      content: action === 'cancel' ? '撤销后如需装修请重新申请。' : '结束后全部装修出入证立即作废，施工人员将无法进入小区。',
      confirmText: action === 'cancel' ? '撤销' : '结束装修',
    });
    if (!confirm) return;
    setBusy(true);
    setError('');
    try {
      d.setData(await api.post<PermitView>(`/api/passes/permits/${p.id}/${action}`, { version: p.version }, { silent: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ll-page page-permit">
      <PageState loading={d.loading && !p} error={p ? null : d.error} onRetry={d.reload}>
        {p && (
          <>
            <PermitSummary p={p} />
            <PermitWorkers p={p} />
            <WorkerPasses p={p} />
            {p.status === 'approved' && (
              <Section>
                <Text className="ll-muted">施工人员凭装修出入证在装修期限及施工时间内进出小区；请把各自的出入证链接发给施工人员本人。</Text>
              </Section>
            )}
            {error && <Text className="pm-error e2e-permit-error">{error}</Text>}
            <View className="pm-actions">
              {p.actions.includes('cancel') && (
                <Button className="e2e-permit-cancel" disabled={busy} onClick={() => void act('cancel')}>
                  撤销申请
                </Button>
              )}
              {p.actions.includes('revoke') && (
                <Button className="e2e-permit-revoke" disabled={busy} onClick={() => void act('revoke')}>
                  结束装修
                </Button>
              )}
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
