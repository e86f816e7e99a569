import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { releaseItemsText, RESIDENT_PROMPTS, type ItemReleaseView, type PassDecisionView } from '@linli/shared';
import { ApiError, api } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import '@common/passes/parkitems.css';

function ConsentCard({ p, onDone, onStale }: { p: ItemReleaseView; onDone: () => void; onStale: () => void }) {
  const [busy, setBusy] = useState<'agree' | 'refuse' | null>(null);
  const prompt = useSubscribePrompt(RESIDENT_PROMPTS.ownerConsent);
  async function decide(agree: boolean) {
    // the tenant's next request reaches the owner in WeChat too
    await prompt();
    const r = await Taro.showModal({
      title: agree ? '同意搬出' : '不同意搬出',
      content: agree ? `同意后由物业审核放行：${releaseItemsText(p.items)}` : '',
      editable: !agree,
      placeholderText: '不同意的原因（选填）',
      confirmText: agree ? '同意' : '不同意',
      cancelText: '再想想',
    } as Taro.showModal.Option);
    if (!r.confirm) return;
    setBusy(agree ? 'agree' : 'refuse');
    try {
      const reason = agree ? undefined : ((r as { content?: string }).content ?? '').trim() || undefined;
      await api.post<PassDecisionView>(`/api/passes/items/${p.id}/consent`, { version: p.version, agree, reason });
      void Taro.showToast({ title: agree ? '已同意' : '已拒绝', icon: 'success' });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) onStale();
    } finally {
      setBusy(null);
    }
  }
  return (
    <View className={`pi-card e2e-item-consent-${p.id}`}>
      <Text className="pi-title">
        {p.holderName}
        <Text className="ll-muted"> {p.holderPhone ?? ''}</Text>
      </Text>
      <Text className="ll-card-line">
        {p.roomLabel} · {p.date} {p.from}–{p.to} 搬出
      </Text>
      <Text className="ll-card-line">{releaseItemsText(p.items)}</Text>
      <Text className="ll-card-line ll-muted">申请时间：{formatTime(p.createdAt)}</Text>
      <View className="ll-btn-row">
        <Button
          className={`e2e-item-refuse-${p.id}`}
          size="small"
          type="danger"
          fill="outline"
          loading={busy === 'refuse'}
          disabled={!!busy}
          onClick={() => void decide(false)}
        >
          不同意
        </Button>
        <Button className={`e2e-item-agree-${p.id}`} size="small" type="primary" loading={busy === 'agree'} disabled={!!busy} onClick={() => void decide(true)}>
          同意
        </Button>
      </View>
    </View>
  );
}

/** 放行申请确认: tenants' large-item requests for the rooms the caller owns. */
export default function ItemConsentsPage() {
  const list = usePageData(() => api.get<ItemReleaseView[]>('/api/passes/items/consents', { silent: true }));
  const items = list.data ?? [];
  return (
    <View className="ll-page page-item-consents">
      <Section>
        <Text className="ll-muted">租户搬出大件物品需业主同意。如物品属于您（如家具家电），请选择不同意。</Text>
      </Section>
      <Section title="待您确认">
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={items.length === 0} emptyText="没有待确认的放行申请">
          {items.map((p) => (
            <ConsentCard key={p.id} p={p} onDone={() => list.setData((prev) => prev?.filter((x) => x.id !== p.id))} onStale={() => void list.reload()} />
          ))}
        </PageState>
      </Section>
    </View>
  );
}
