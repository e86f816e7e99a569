import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatPlate, formatYuan, PARKING_TERM_LABELS, PARKING_VEHICLE_LABELS, type ParkingPassView, type PassDecisionView } from '@linli/shared';
import { api } from '@common/api';
import { useMe, usePageData } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { openPassDetail, PassStatusTag } from '@common/passes/parkitems';
import { ParkingForm } from './ParkingForm';

function PassCard({ p, onRenewed, onChanged }: { p: ParkingPassView; onRenewed: (n: ParkingPassView) => void; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  async function cancel() {
    const { confirm } = await Taro.showModal({
      title: '撤销申请',
      content: `撤销 ${formatPlate(p.plate)} 的停车证申请，未缴的停车费账单一并撤销。`,
      confirmText: '撤销',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await api.post<PassDecisionView>(`/api/passes/parking/${p.id}/cancel`, { version: p.version });
      onChanged();
    } finally {
      setBusy(false);
    }
  }
  async function renew() {
    const { confirm } = await Taro.showModal({
      title: '续期停车证',
      content: `续办 ${formatPlate(p.plate)} 下一期${PARKING_TERM_LABELS[p.term]}（沿用本车保险单，保险到期 ${p.insuranceUntil}），提交后请缴费。`,
      confirmText: '续期',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onRenewed(await api.post<ParkingPassView>(`/api/passes/parking/${p.id}/renew`, {}));
      void Taro.showToast({ title: '已提交，请缴费', icon: 'success' });
    } finally {
      setBusy(false);
    }
  }
  const reasons = p.status === 'returned' ? [p.reviewNote ?? ''] : p.status === 'review' ? p.problems : [];
  return (
    <View className={`pi-card e2e-parking-${p.id}`}>
      <View className="ll-row">
        <Text className="pi-title">{formatPlate(p.plate)}</Text>
        <PassStatusTag status={p.status} label={p.statusLabel} />
      </View>
      <Text className="ll-card-line">
        {PARKING_VEHICLE_LABELS[p.vehicle]} · {PARKING_TERM_LABELS[p.term]} · {formatYuan(p.feeCents)}
      </Text>
      <Text className="ll-card-line ll-muted">
        {p.roomLabel} · 有效期 {p.startsOn} 至 {p.endsOn} · 保险至 {p.insuranceUntil}
      </Text>
      {reasons.filter(Boolean).map((r) => (
        <Text key={r} className="pi-reason e2e-parking-reason">
          {r}
        </Text>
      ))}
      <View className="ll-btn-row">
        {p.status === 'pending_payment' ? (
          <>
            <Button className={`e2e-parking-cancel-${p.id}`} size="small" fill="outline" loading={busy} onClick={() => void cancel()}>
              撤销
            </Button>
            <Button className="e2e-parking-pay" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-fees/bills/index' })}>
              去缴费
            </Button>
          </>
        ) : null}
        {p.status === 'active' ? (
          <>
            <Button className={`e2e-parking-renew-${p.id}`} size="small" fill="outline" loading={busy} onClick={() => void renew()}>
              续期
            </Button>
            <Button className={`e2e-parking-open-${p.id}`} size="small" type="primary" onClick={() => openPassDetail(p.id)}>
              查看停车证
            </Button>
          </>
        ) : null}
      </View>
    </View>
  );
}

/** 停车证: the resident's parking passes (status, reasons, pay, renew) and the application form. */
export default function ParkingApplyPage() {
  const me = useMe();
  const list = usePageData(() => api.get<ParkingPassView[]>('/api/passes/parking/mine', { silent: true }));
  const [applying, setApplying] = useState(false);
  const rooms = me.data?.bindings.filter((b) => b.status === 'approved') ?? [];
  const items = list.data ?? [];
  const add = (p: ParkingPassView) => list.setData((prev) => [p, ...(prev ?? [])]);
  return (
    <View className="ll-page page-parking-apply">
      <Section
        title="我的停车证"
        extra={
          !applying && rooms.length ? (
            <Text className="e2e-parking-new" onClick={() => setApplying(true)}>
              ＋ 申请
            </Text>
          ) : null
        }
      >
        <PageState loading={list.loading || me.loading} error={list.error ?? me.error} onRetry={list.reload} empty={false}>
          {!rooms.length ? (
            <Empty text="请先绑定房屋后再办理停车证" />
          ) : items.length ? (
            items.map((p) => <PassCard key={p.id} p={p} onRenewed={add} onChanged={() => void list.reload()} />)
          ) : (
            <Empty text="还没有停车证" />
          )}
        </PageState>
      </Section>
      {applying && rooms.length ? (
        <ParkingForm
          rooms={rooms}
          onDone={(p) => {
            add(p);
            setApplying(false);
            void Taro.showToast({ title: '已提交，请缴费', icon: 'success' });
          }}
        />
      ) : null}
      <Section>
        <Text className="ll-muted">停车费按本小区公示的收费标准缴纳（可在“缴费”中微信支付或到物业前台缴纳），缴费后 10 分钟内签发；到期前 7 天提醒续期。</Text>
      </Section>
    </View>
  );
}
