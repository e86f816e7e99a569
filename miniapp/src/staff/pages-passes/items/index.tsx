import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatYuan, releaseItemsText, type ItemReleaseView, type PassDecisionView } from '@linli/shared';
import { ApiError, api, qs } from '@common/api';
import { formatTime } from '@common/format';
import { useMe, usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { Countdown } from '@common/repairs';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import '@common/passes/parkitems.css';

async function ask(title: string, placeholder: string): Promise<string | null> {
  const r = await Taro.showModal({ title, editable: true, placeholderText: placeholder, content: '' } as Taro.showModal.Option);
  if (!r.confirm) return null;
  const text = ((r as { content?: string }).content ?? '').trim();
  if (text.length < 2) {
    void Taro.showToast({ title: '请填写原因', icon: 'none' });
    return null;
  }
  return text;
}

function ReviewCard({ p, canOverride, onDone, onStale }: { p: ItemReleaseView; canOverride: boolean; onDone: () => void; onStale: () => void }) {
  const [busy, setBusy] = useState(false);
  async function send(path: string, body: Record<string, unknown>, done: string) {
    setBusy(true);
    try {
      await api.post<PassDecisionView>(`/api/passes/items/${p.id}/${path}`, { version: p.version, ...body });
      void Taro.showToast({ title: done, icon: 'success' });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404) && e.code !== 'CONFLICT') onStale();
    } finally {
      setBusy(false);
    }
  }
  async function approve() {
    if (!p.overdue) return send('approve', {}, '已签发');
    const reason = await ask('欠费放行原因', '房屋有逾期欠费，填写放行原因（记入时间线）');
    if (reason) await send('approve', { overrideReason: reason }, '已签发');
  }
  async function refuse() {
    const reason = await ask('退回原因', '例如：当天电梯检修，请改期');
    if (reason) await send('return', { reason }, '已退回');
  }
  return (
    <View className={`pi-card e2e-item-review-${p.id}`}>
      <View className="ll-row">
        <Text className="pi-title">
          {p.roomLabel} · {p.date} {p.from}–{p.to}
        </Text>
        <Countdown clock={p.clock} />
      </View>
      <Text className="ll-card-line">{releaseItemsText(p.items)}</Text>
      <Text className="ll-card-line ll-muted">
        {p.holderName} {p.holderPhone ?? ''} {p.byTenant ? '· 租户（业主已同意）' : ''}
      </Text>
      {p.overdue ? (
        <Text className="pi-reason e2e-item-overdue">
          房屋有 {p.overdue.lines} 笔逾期未缴费用（本金 {formatYuan(p.overdue.openCents)}）{canOverride ? '，放行须填写原因' : '，需住户缴清或由主管放行'}
        </Text>
      ) : null}
      {p.timeline.map((e) => (
        <Text key={e.at + e.text} className="ll-card-line ll-muted">
          {formatTime(e.at)} {e.text}
        </Text>
      ))}
      <View className="ll-btn-row">
        <Button className={`e2e-item-return-${p.id}`} size="small" type="danger" fill="outline" disabled={busy} onClick={() => void refuse()}>
          退回
        </Button>
        <Button
          className={`e2e-item-approve-${p.id}`}
          size="small"
          type="primary"
          loading={busy}
          disabled={busy || (!!p.overdue && !canOverride)}
          onClick={() => void approve()}
        >
          {p.overdue ? '欠费放行' : '审核签发'}
        </Button>
      </View>
    </View>
  );
}

/** 大件放行审核: requests in review with the 1-hour clock live and the room's overdue bills. */
export default function ItemReviewPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const list = usePageData(
    () => (communityId ? api.get<ItemReleaseView[]>(`/api/passes/items/review${qs({ communityId })}`, { silent: true }) : Promise.resolve([])),
    [communityId],
  );
  const roles = me.data?.roles ?? [];
  const canOverride = roles.includes('supervisor') || roles.includes('manager');
  const items = list.data ?? [];
  return (
    <View className="ll-page page-item-review">
      {me.data ? <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} /> : null}
      <Section title="待审核的放行申请">
        <PageState
          loading={list.loading || me.loading}
          error={list.error ?? me.error}
          onRetry={list.reload}
          empty={items.length === 0}
          emptyText="没有待审核的放行申请"
        >
          {items.map((p) => (
            <ReviewCard
              key={p.id}
              p={p}
              canOverride={canOverride}
              onDone={() => list.setData((prev) => prev?.filter((x) => x.id !== p.id))}
              onStale={() => void list.reload()}
            />
          ))}
        </PageState>
      </Section>
    </View>
  );
}
