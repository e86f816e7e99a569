import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { releaseItemsText, type ItemReleaseView, type PassDecisionView } from '@linli/shared';
import { api } from '@common/api';
import { useMe, usePageData } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { openPassDetail, PassStatusTag } from '@common/passes/parkitems';
import { ItemForm } from './ItemForm';

function ItemCard({ p, onChanged }: { p: ItemReleaseView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  async function cancel() {
    const { confirm } = await Taro.showModal({ title: '撤销申请', content: `撤销 ${p.date} 的放行申请？`, confirmText: '撤销' });
    if (!confirm) return;
    setBusy(true);
    try {
      await api.post<PassDecisionView>(`/api/passes/items/${p.id}/cancel`, { version: p.version });
      onChanged();
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className={`pi-card e2e-item-${p.id}`}>
      <View className="ll-row">
        <Text className="pi-title">
          {p.date} {p.from}–{p.to}
        </Text>
        <PassStatusTag status={p.status} label={p.statusLabel} />
      </View>
      <Text className="ll-card-line">{releaseItemsText(p.items)}</Text>
      <Text className="ll-card-line ll-muted">
        {p.roomLabel} · {p.holderName}
      </Text>
      {p.status === 'returned' && p.reviewNote ? <Text className="pi-reason e2e-item-reason">{p.reviewNote}</Text> : null}
      {p.status === 'pending_consent' || p.status === 'review' ? (
        <View className="ll-btn-row">
          <Button className={`e2e-item-cancel-${p.id}`} size="small" fill="outline" loading={busy} onClick={() => void cancel()}>
            撤销
          </Button>
        </View>
      ) : null}
      {p.status === 'active' ? (
        <View className="ll-btn-row">
          <Button className={`e2e-item-open-${p.id}`} size="small" type="primary" onClick={() => openPassDetail(p.id)}>
            出示放行码
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 大件物品放行: the resident's requests (status, reasons, the issued pass) and the form. */
export default function ItemApplyPage() {
  const me = useMe();
  const list = usePageData(() => api.get<ItemReleaseView[]>('/api/passes/items/mine', { silent: true }));
  const [applying, setApplying] = useState(false);
  const rooms = me.data?.bindings.filter((b) => b.status === 'approved') ?? [];
  const owner = rooms.some((b) => b.relation === 'owner');
  const items = list.data ?? [];
  return (
    <View className="ll-page page-item-apply">
      <Section
        title="我的放行申请"
        extra={
          !applying && rooms.length ? (
            <Text className="e2e-item-new" onClick={() => setApplying(true)}>
              ＋ 申请
            </Text>
          ) : null
        }
      >
        <PageState loading={list.loading || me.loading} error={list.error ?? me.error} onRetry={list.reload} empty={false}>
          {!rooms.length ? (
            <Empty text="请先绑定房屋后再申请" />
          ) : items.length ? (
            items.map((p) => <ItemCard key={p.id} p={p} onChanged={() => void list.reload()} />)
          ) : (
            <Empty text="还没有放行申请" />
          )}
        </PageState>
      </Section>
      {applying && rooms.length ? (
        <ItemForm
          rooms={rooms}
          onDone={(p) => {
            list.setData((prev) => [p, ...(prev ?? [])]);
            setApplying(false);
            void Taro.showToast({ title: '已提交', icon: 'success' });
          }}
        />
      ) : null}
      {owner ? (
        <Section>
          <Text className="e2e-item-consents-link" onClick={() => void Taro.navigateTo({ url: '/pages-passes/item-consents/index' })}>
            租户的放行申请待我确认 ›
          </Text>
        </Section>
      ) : null}
    </View>
  );
}
