import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { CHANNEL_LABELS, CLOCK_LABELS, HOLD_REASON_LABELS, REPAIR_ACTION_LABELS, type ClockView, type RepairAction, type RepairDetail } from '@linli/shared';
import { useAsync } from '@common/hooks';
import { ErrorState, PageState, Section } from '@common/components';
import { ChargeTable, Countdown, PhotoGrid, StatusTag, TierTag, Timeline, formatShanghai, formatWindow } from '@common/repairs';
import { getRepair, repairAction } from '../api';
import { isStale, showActionError, toast } from '../util';
import { categoryLabel, emergencyLabel } from '../components/labels';
import {
  AcceptPanel,
  CancelPanel,
  ChangeTierPanel,
  CompletePanel,
  DispatchPanel,
  HoldPanel,
  ReassignPanel,
  ReturnVisitPanel,
  SchedulePanel,
  type Act,
  type PanelProps,
} from '../components/panels';
import '@common/tickets/staff-ticket.css';

/** Seconds between refreshes while the page is on screen. */
const REFRESH_MS = 15_000;

/** Staff actions in button order; the server's `detail.actions` decides which are shown. */
const STAFF_ACTIONS: RepairAction[] = [
  'accept',
  'dispatch',
  'schedule',
  'arrive',
  'complete',
  'return_visit',
  'resume',
  'hold',
  'reassign',
  'change_tier',
  'cancel',
];
const PANELS: Partial<Record<RepairAction, ComponentType<PanelProps>>> = {
  accept: AcceptPanel,
  change_tier: ChangeTierPanel,
  dispatch: DispatchPanel,
  reassign: ReassignPanel,
  schedule: SchedulePanel,
  hold: HoldPanel,
  complete: CompletePanel,
  return_visit: ReturnVisitPanel,
  cancel: CancelPanel,
};
/** the one-tap actions */
const DIRECT: RepairAction[] = ['arrive', 'resume'];
const hook = (a: RepairAction) => `e2e-action-${a.replace(/_/g, '-')}`;

function InfoRow({ label, children, hookName }: { label: string; children: ReactNode; hookName?: string }) {
  return (
    <View className={`rp-info-row ${hookName ?? ''}`}>
      <Text className="rp-info-label">{label}</Text>
      <View className="rp-info-value">{children}</View>
    </View>
  );
}

function ClockRow({ c }: { c: ClockView }) {
  let state: ReactNode;
  if (c.state === 'met') {
    state = (
      <Text className={`rp-clock-state ${c.breached ? 'is-breached' : 'is-met'}`}>
        {c.breached ? '超时达成' : '按时达成'} {formatShanghai(c.metAt)}
      </Text>
    );
  } else if (c.state === 'cancelled') {
    state = <Text className="rp-clock-state ll-muted">已取消</Text>;
  } else {
    state = <Countdown clock={c} showLabel={false} />;
  }
  return (
    <View className={`rp-clock ${c.breached ? 'is-breached' : ''} e2e-clock-${c.name}`}>
      <View className="rp-clock-main">
        <Text className="rp-clock-name">{CLOCK_LABELS[c.name] ?? c.name}</Text>
        <Text className="ll-muted">时限 {formatShanghai(c.dueAt)}</Text>
      </View>
      {state}
    </View>
  );
}

function Phone({ phone }: { phone: string | null }) {
  if (!phone) return <Text className="ll-muted">未留电话</Text>;
  if (phone.includes('*')) return <Text className="e2e-contact-phone">{phone}</Text>;
  return (
    <Text className="rp-link e2e-contact-phone" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
      {phone} 拨打
    </Text>
  );
}

function Detail({ d, onChanged, onReload }: { d: RepairDetail; onChanged: (d: RepairDetail) => void; onReload: () => Promise<void> }) {
  const [panel, setPanel] = useState<RepairAction | null>(null);
  const [busy, setBusy] = useState<RepairAction | null>(null);
  const dRef = useRef(d);
  dRef.current = d;

  const actions = STAFF_ACTIONS.filter((a) => d.actions.includes(a));
  // the order moved on (refresh, someone else): close a panel whose action is no longer offered
  useEffect(() => {
    if (panel && !d.actions.includes(panel)) setPanel(null);
  }, [d.actions, panel]);

  const act: Act = async (action, body) => {
    if (busy) return false;
    setBusy(action);
    try {
      const updated = await repairAction(d.id, action, { ...body, version: dRef.current.version });
      toast(`${REPAIR_ACTION_LABELS[action]}成功`, 'success');
      setPanel(null);
      if (updated && typeof updated === 'object' && Array.isArray(updated.actions)) onChanged(updated);
      else await onReload();
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
      return true;
    } catch (e) {
      showActionError(e);
      if (isStale(e)) {
        setPanel(null);
        await onReload();
      }
      return false;
    } finally {
      setBusy(null);
    }
  };

  function tap(a: RepairAction) {
    if (DIRECT.includes(a)) void act(a, {});
    else setPanel((p) => (p === a ? null : a));
  }

  const Panel = panel ? PANELS[panel] : undefined;
  const showCharges = d.freeOfCharge !== null || d.charges.length > 0 || ['completed', 'confirmed', 'closed'].includes(d.status);

  return (
    <>
      <Section className="rp-head e2e-repair-head">
        <View className="ll-row">
          <Text className="rp-no e2e-repair-no">{d.no}</Text>
          <StatusTag status={d.status} />
        </View>
        <View className="rp-tags rp-head-tags">
          <TierTag tier={d.tier} />
          {d.emergency && (
            <Tag className="rp-tag e2e-emergency" background="#fdecec" color="#e5484d">
              紧急 · {emergencyLabel(d.emergency)}
            </Tag>
          )}
          {d.lastUrgedAt && (
            <Tag className="rp-tag e2e-urged" background="#fff4e5" color="#d97706">
              已催单 {formatShanghai(d.lastUrgedAt, 'HH:mm')}
            </Tag>
          )}
        </View>
        <Text className="rp-head-title">
          {categoryLabel(d.category)} · {d.location}
        </Text>
        {d.nextClock && (
          <View className="rp-head-clock">
            <Countdown clock={d.nextClock} />
          </View>
        )}
      </Section>

      {actions.length > 0 && (
        <Section title="操作" className="rp-actions e2e-actions">
          <View className="rp-action-buttons">
            {actions.map((a, i) => (
              <Button
                key={a}
                className={`rp-action ${panel === a ? 'is-open' : ''} ${hook(a)}`}
                size="small"
                type={a === 'cancel' ? 'danger' : i === 0 || panel === a ? 'primary' : 'default'}
                fill={i === 0 && a !== 'cancel' ? 'solid' : 'outline'}
                loading={busy === a && DIRECT.includes(a)}
                disabled={!!busy}
                onClick={() => tap(a)}
              >
                {a === 'cancel' ? '取消工单' : REPAIR_ACTION_LABELS[a]}
              </Button>
            ))}
          </View>
          {Panel && panel && <Panel key={panel} d={d} act={act} busy={busy === panel} onClose={() => setPanel(null)} />}
        </Section>
      )}

      {d.clocks.length > 0 && (
        <Section title="服务时限" className="e2e-clocks">
          {d.clocks.map((c) => (
            <ClockRow key={c.name} c={c} />
          ))}
        </Section>
      )}

      <Section title="报修信息">
        <InfoRow label="小区">{d.communityName}</InfoRow>
        <InfoRow label="位置">{d.location}</InfoRow>
        <InfoRow label="类别">
          {categoryLabel(d.category)}
          {d.emergency ? ` · ${emergencyLabel(d.emergency)}` : ''}
        </InfoRow>
        <InfoRow label="渠道">{CHANNEL_LABELS[d.channel] ?? d.channel}</InfoRow>
        <InfoRow label="报修时间">{formatShanghai(d.receivedAt, 'YYYY-MM-DD HH:mm')}</InfoRow>
        <InfoRow label="联系人">{d.contactName || '—'}</InfoRow>
        <InfoRow label="联系电话">
          <Phone phone={d.contactPhone} />
        </InfoRow>
        {(d.preferredFrom || d.preferredTo) && <InfoRow label="期望上门">{formatWindow(d.preferredFrom, d.preferredTo)}</InfoRow>}
        {d.agreedVisitAt && (
          <InfoRow label="约定上门" hookName="e2e-agreed-visit">
            {formatShanghai(d.agreedVisitAt, 'YYYY-MM-DD HH:mm')}
          </InfoRow>
        )}
        <InfoRow label="受理人">{d.ownerName || '—'}</InfoRow>
        <InfoRow label="维修工" hookName="e2e-assignee">
          {d.assigneeName || '未派单'}
        </InfoRow>
        {d.holdReason && (
          <InfoRow label="挂起原因" hookName="e2e-hold-reason">
            {HOLD_REASON_LABELS[d.holdReason] ?? d.holdReason}
          </InfoRow>
        )}
        {d.cancelReason && (
          <InfoRow label="取消原因" hookName="e2e-cancel-reason">
            {d.cancelReason}
          </InfoRow>
        )}
        <View className="rp-desc-block">
          <Text className="rp-desc-label">问题描述</Text>
          <Text className="rp-desc-text e2e-description">{d.description}</Text>
        </View>
        <PhotoGrid photos={d.photos.map((p) => ({ id: p.id, url: p.url }))} emptyText="" />
      </Section>

      {showCharges && (
        <Section title="费用" className="e2e-charges-section">
          <ChargeTable lines={d.charges} totalCents={d.chargeTotalCents} freeOfCharge={d.freeOfCharge} />
          {d.completionPhotos.length > 0 && (
            <>
              <Text className="ll-label rp-sub">完工照片</Text>
              <PhotoGrid photos={d.completionPhotos.map((p) => ({ id: p.id, url: p.url }))} />
            </>
          )}
        </Section>
      )}

      {(d.rating !== null || d.returnVisit) && (
        <Section title="评价与回访">
          {d.rating !== null && (
            <InfoRow label="住户评价" hookName="e2e-rating">
              <Text className="rp-stars">{'★'.repeat(d.rating) + '☆'.repeat(Math.max(0, 5 - d.rating))}</Text>
              {d.ratingComment ? <Text className="rp-block">{d.ratingComment}</Text> : null}
            </InfoRow>
          )}
          {d.returnVisit && (
            <InfoRow label="回访" hookName="e2e-return-visit">
              <Text className={d.returnVisit.satisfied ? 'rp-ok' : 'rp-bad'}>{d.returnVisit.satisfied ? '满意' : '不满意'}</Text>
              <Text className="ll-muted"> {formatShanghai(d.returnVisit.at)}</Text>
              {d.returnVisit.notes ? <Text className="rp-block">{d.returnVisit.notes}</Text> : null}
            </InfoRow>
          )}
        </Section>
      )}

      <Section title="处理记录">
        <Timeline events={d.timeline} />
      </Section>
    </>
  );
}

export default function RepairDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useAsync<RepairDetail>(() => (valid ? getRepair(id) : Promise.reject(new Error('工单不存在'))), [id]);

  // refresh when shown again, every 15 s while on screen, and on pull-down
  const visible = useRef(true);
  const shown = useRef(false);
  useDidShow(() => {
    visible.current = true;
    if (shown.current) void detail.reload();
    shown.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  usePullDownRefresh(() => {
    void detail.reload().finally(() => void Taro.stopPullDownRefresh());
  });
  useEffect(() => {
    const t = setInterval(() => {
      if (visible.current) void detail.reload();
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, []);

  const d = detail.data;
  return (
    <View className="ll-page page-repair-detail">
      {!valid ? (
        <ErrorState error={new Error('工单不存在')} />
      ) : (
        <PageState loading={detail.loading && !d} error={!d && detail.error} onRetry={detail.reload}>
          {d && <Detail d={d} onChanged={(next) => detail.setData(next)} onReload={detail.reload} />}
        </PageState>
      )}
    </View>
  );
}
