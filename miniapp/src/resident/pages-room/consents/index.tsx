import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { RESIDENT_PROMPTS, type BindingConsentView, type ConsentBindingRequest } from '@linli/shared';
import { ApiError, api } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import './index.css';

function ConsentCard({ c, onDone, onStale }: { c: BindingConsentView; onDone: (c: BindingConsentView) => void; onStale: () => void }) {
  const [busy, setBusy] = useState<'agree' | 'decline' | null>(null);
  const prompt = useSubscribePrompt(RESIDENT_PROMPTS.ownerConsent);

  async function decide(agree: boolean) {
    // a tenant let in may ask to move items out: that request reaches the owner in WeChat too
    if (agree) await prompt();
    const { confirm } = await Taro.showModal({
      title: agree ? '同意租户绑定' : '不同意租户绑定',
      content: agree
        ? `同意后，${c.tenantName} 将以租户身份绑定 ${c.communityName} ${c.roomLabel}，可办理该房屋的报修、投诉。`
        : `${c.tenantName} 的绑定申请将被驳回。`,
      confirmText: agree ? '同意' : '不同意',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(agree ? 'agree' : 'decline');
    try {
      const body: ConsentBindingRequest = { version: c.version, agree };
      onDone(await api.post<BindingConsentView>(`/api/bindings/${c.id}/consent`, body));
      void Taro.showToast({ title: agree ? '已同意' : '已拒绝', icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) onStale();
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className={`cs-card e2e-consent-${c.id}`}>
      <Text className="cs-name">
        {c.tenantName}
        <Text className="ll-muted"> {c.tenantPhoneMasked ?? '未授权手机号'}</Text>
      </Text>
      <Text className="ll-card-line">
        申请以租户身份绑定 {c.communityName} {c.roomLabel}
      </Text>
      <Text className="ll-card-line ll-muted">申请时间：{formatTime(c.createdAt)}</Text>
      <View className="ll-btn-row">
        <Button
          className={`e2e-consent-decline-${c.id}`}
          size="small"
          type="danger"
          fill="outline"
          loading={busy === 'decline'}
          disabled={!!busy}
          onClick={() => void decide(false)}
        >
          不同意
        </Button>
        <Button
          className={`e2e-consent-agree-${c.id}`}
          size="small"
          type="primary"
          loading={busy === 'agree'}
          disabled={!!busy}
          onClick={() => void decide(true)}
        >
          同意
        </Button>
      </View>
    </View>
  );
}

/** 租户绑定确认: the tenants asking to bind a room the caller owns; only their name and masked phone are shown. */
export default function ConsentsPage() {
  const list = usePageData(() => api.get<BindingConsentView[]>('/api/bindings/consents', { silent: true }));
  const items = list.data ?? [];
  return (
    <View className="ll-page page-consents">
      <Section>
        <Text className="ll-muted">您是以下房屋的业主。租户绑定后可办理该房屋的报修、投诉；如不认识申请人，请选择不同意。</Text>
      </Section>
      <Section title="待您确认">
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={items.length === 0} emptyText="没有待确认的租户绑定">
          <View className="cs-list">
            {items.map((c) => (
              <ConsentCard key={c.id} c={c} onDone={(d) => list.setData((prev) => prev?.filter((x) => x.id !== d.id))} onStale={() => void list.reload()} />
            ))}
          </View>
        </PageState>
      </Section>
    </View>
  );
}
