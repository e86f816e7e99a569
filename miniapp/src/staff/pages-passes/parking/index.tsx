import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatPlate, formatYuan, PARKING_TERM_LABELS, PARKING_VEHICLE_LABELS, type ParkingPassView, type PassDecisionView } from '@linli/shared';
import { ApiError, api, qs } from '@common/api';
import { useMe, usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { Countdown } from '@common/repairs';
import { PassStatusTag } from '@common/passes/parkitems';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';

function ReviewCard({ p, onDone, onStale }: { p: ParkingPassView; onDone: () => void; onStale: () => void }) {
  const [busy, setBusy] = useState(false);
  async function decide(approve: boolean) {
    let reason = '';
    if (!approve) {
      const r = await Taro.showModal({ title: '退回原因', editable: true, placeholderText: '例如：保险单与车牌不符', content: '' } as Taro.showModal.Option);
      if (!r.confirm) return;
      reason = ((r as { content?: string }).content ?? '').trim();
      if (reason.length < 2) return void Taro.showToast({ title: '请填写退回原因', icon: 'none' });
    }
    setBusy(true);
    try {
      await api.post<PassDecisionView>(
        `/api/passes/parking/${p.id}/${approve ? 'approve' : 'return'}`,
        approve ? { version: p.version } : { version: p.version, reason },
      );
      void Taro.showToast({ title: approve ? '已签发' : '已退回', icon: 'success' });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) onStale();
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className={`pi-card e2e-review-${p.id}`}>
      <View className="ll-row">
        <Text className="pi-title">{formatPlate(p.plate)}</Text>
        <Countdown clock={p.clock} />
      </View>
      <Text className="ll-card-line">
        {p.roomLabel} · {p.holderName} {p.holderPhone ?? ''} <PassStatusTag status={p.status} label={p.statusLabel} />
      </Text>
      <Text className="ll-card-line ll-muted">
        {PARKING_VEHICLE_LABELS[p.vehicle]} {PARKING_TERM_LABELS[p.term]} {formatYuan(p.feeCents)}（已缴） · {p.startsOn} 至 {p.endsOn} · 保险至{' '}
        {p.insuranceUntil}
      </Text>
      {p.problems.map((r) => (
        <Text key={r} className="pi-reason">
          {r}
        </Text>
      ))}
      {p.insurance ? (
        p.insurance.mime === 'application/pdf' ? (
          <Text className="ll-card-line" onClick={() => void Taro.setClipboardData({ data: p.insurance!.url })}>
            保险单（PDF，点此复制链接）
          </Text>
        ) : (
          <Image
            src={p.insurance.url}
            mode="aspectFit"
            style={{ width: '240px', height: '160px' }}
            onClick={() => void Taro.previewImage({ urls: [p.insurance!.url] })}
          />
        )
      ) : null}
      <View className="ll-btn-row">
        <Button className={`e2e-return-${p.id}`} size="small" type="danger" fill="outline" disabled={busy} onClick={() => void decide(false)}>
          退回
        </Button>
        <Button className={`e2e-approve-${p.id}`} size="small" type="primary" loading={busy} disabled={busy} onClick={() => void decide(true)}>
          审核签发
        </Button>
      </View>
    </View>
  );
}

/** 停车证审核: passes whose fee is paid but whose rules did not pass, with the 10-minute clock live. */
export default function ParkingReviewPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const list = usePageData(
    () => (communityId ? api.get<ParkingPassView[]>(`/api/passes/parking/review${qs({ communityId })}`, { silent: true }) : Promise.resolve([])),
    [communityId],
  );
  const items = list.data ?? [];
  return (
    <View className="ll-page page-parking-review">
      {me.data ? <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} /> : null}
      <Section title="待审核的停车证">
        <PageState
          loading={list.loading || me.loading}
          error={list.error ?? me.error}
          onRetry={list.reload}
          empty={items.length === 0}
          emptyText="没有待审核的停车证"
        >
          {items.map((p) => (
            <ReviewCard key={p.id} p={p} onDone={() => list.setData((prev) => prev?.filter((x) => x.id !== p.id))} onStale={() => void list.reload()} />
          ))}
        </PageState>
      </Section>
    </View>
  );
}
