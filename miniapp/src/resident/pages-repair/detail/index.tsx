import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import {
  CHANNEL_LABELS,
  EMERGENCY_LABELS,
  HOLD_REASON_LABELS,
  REPAIR_ACTION_LABELS,
  URGE_INTERVAL_MINUTES,
  VISIT_SLOT_HOURS,
  nextVisitSlot,
  type Emergency,
  type RepairAction,
  type RepairActionRequest,
  type RepairDetail,
  RESIDENT_PROMPTS,
} from '@linli/shared';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { PageState, Section } from '@common/components';
import {
  ChargeTable,
  Countdown,
  PhotoGrid,
  StatusTag,
  TierTag,
  Timeline,
  formatShanghai,
  formatWindow,
  shanghaiDay,
  shanghaiInstant,
  useNow,
} from '@common/repairs';
import { DayPicker } from '../components/DayPicker';
import { RESIDENT_ACTIONS, categoryLabel, locationText, visitText } from '../components/labels';
import { InfoRow, RateForm, ReasonForm, Stars } from '@common/tickets/ResidentTicketParts';
import { useResidentTicketDetail, type TicketAct } from '@common/tickets/useResidentTicketDetail';
import '../components/repair-pages.css';
import './index.css';

const CLOSED = ['closed', 'cancelled'];
const AFTER_WORK = ['completed', 'confirmed', 'closed'];
/** what the resident can do right now, per emergency (火情 keeps its 119 hint) */
const EMERGENCY_SAFETY: Partial<Record<Emergency, string>> = {
  fire: '如有明火或人员被困，请立即拨打 119，并尽快离开现场。',
  elevator_entrapment: '请保持冷静，按下电梯内警铃，不要强行扒门。',
};

const DONE_TOAST: Partial<Record<RepairAction, string>> = {
  confirm: '已确认完成',
  dispute: '已提交异议',
  rate: '感谢您的评价',
  cancel: '报修已取消',
  urge: '已催单',
  propose_time: '已提交，待对方确认',
  accept_time: '上门时间已约定',
};

type Act = TicketAct<RepairAction, Omit<RepairActionRequest, 'version'>>;

/** The next free working-hours slot (not midnight): its day and hour, if the 7 day chips show it. */
function defaultSlot(d: RepairDetail, now: Date, days: number): { day: string | null; hour: number | null } {
  const slot = nextVisitSlot(now, d.visitMaxDays, [d.agreedVisitAt, d.proposedVisitAt, ...d.technicianBusyAt]);
  if (!slot) return { day: null, hour: null };
  const day = shanghaiDay(slot);
  const hour = Number(formatShanghai(slot, 'HH:mm').slice(0, 2));
  return day <= shanghaiDay(now, days - 1) ? { day, hour } : { day: null, hour: null };
}

function ProposeTimeForm(props: { d: RepairDetail; busy: boolean; onSubmit: (visitAt: string) => void; onClose: () => void }) {
  const { d, busy, onSubmit, onClose } = props;
  const maxDays = d.visitMaxDays;
  const [now] = useState(() => new Date());
  const [initial] = useState(() => defaultSlot(d, now, Math.min(7, maxDays + 1)));
  const [day, setDay] = useState<string | null>(initial.day);
  const [hour, setHour] = useState<number | null>(initial.hour);
  return (
    <View className="rtp-form e2e-propose-form">
      <Text className="ll-label">日期</Text>
      <DayPicker
        value={day}
        now={now}
        days={Math.min(7, maxDays + 1)}
        hook="visit"
        onChange={(d) => {
          setDay(d);
          setHour(null);
        }}
      />
      <Text className="ll-label">时间</Text>
      <View className="ll-chips">
        {VISIT_SLOT_HOURS.map((h) => {
          const past = !!day && new Date(shanghaiInstant(day, h)).getTime() <= Date.now();
          return (
            <View
              key={h}
              className={`ll-chip rd-hour e2e-visit-hour-${h} ${hour === h ? 'is-active' : ''} ${past ? 'is-disabled' : ''}`}
              onClick={() => (past ? void Taro.showToast({ title: '该时间已过', icon: 'none' }) : setHour(h))}
            >
              {h < 10 ? `0${h}` : h}:00
            </View>
          );
        })}
      </View>
      <Text className="ll-muted">提交后由维修方确认；对方也可另约时间。</Text>
      <View className="ll-btn-row">
        <Button size="small" fill="outline" disabled={busy} onClick={onClose}>
          返回
        </Button>
        <Button
          className="e2e-propose-submit"
          size="small"
          type="primary"
          loading={busy}
          disabled={busy}
          onClick={() => {
            if (!day || hour === null) return void Taro.showToast({ title: '请选择日期和时间', icon: 'none' });
            onSubmit(shanghaiInstant(day, hour));
          }}
        >
          提交
        </Button>
      </View>
    </View>
  );
}

function Actions({ d, act }: { d: RepairDetail; act: Act }) {
  const now = useNow();
  const [panel, setPanel] = useState<RepairAction | null>(null);
  const [busy, setBusy] = useState<RepairAction | null>(null);
  const progress = useSubscribePrompt(RESIDENT_PROMPTS.repairProgress);
  const actions = RESIDENT_ACTIONS.filter((a) => d.actions.includes(a));
  if (!actions.length) return null;

  const urgedAgo = d.lastUrgedAt ? now.getTime() - new Date(d.lastUrgedAt).getTime() : Infinity;
  const urgeBlocked = urgedAgo < URGE_INTERVAL_MINUTES * 60_000;

  async function run(action: RepairAction, body?: Omit<RepairActionRequest, 'version'>) {
    if (action === 'urge') void progress();
    setBusy(action);
    try {
      if (await act(action, body)) setPanel(null);
    } finally {
      setBusy(null);
    }
  }

  async function confirm() {
    const res = await Taro.showModal({
      title: '确认完成',
      content: '确认维修已经完成了吗？确认后可以评价本次服务。',
      confirmText: '确认完成',
      cancelText: '再看看',
    });
    if (res.confirm) await run('confirm');
  }

  async function acceptTime() {
    if (!d.proposedVisitAt) return;
    const res = await Taro.showModal({
      title: '同意上门时间',
      content: `维修方提议 ${formatShanghai(d.proposedVisitAt, 'YYYY-MM-DD HH:mm')} 上门，确认同意吗？`,
      confirmText: '同意',
      cancelText: '再想想',
    });
    if (res.confirm) await run('accept_time');
  }

  const hint =
    d.actions.includes('accept_time') && d.proposedVisitAt
      ? `维修方提议 ${formatShanghai(d.proposedVisitAt, 'MM-DD HH:mm')} 上门，请同意或另约时间。`
      : d.status === 'completed'
        ? '维修人员已完工，请确认维修结果；如有问题可提出异议，工单将重新处理。'
        : d.actions.includes('rate')
          ? '请为本次维修服务评价，帮助我们做得更好。'
          : null;

  const button = (a: RepairAction, props: { type?: 'primary' | 'default' | 'danger'; fill?: 'outline' | 'solid'; onClick: () => void; disabled?: boolean }) => (
    <Button
      key={a}
      className={`e2e-repair-${a === 'propose_time' ? 'propose' : a.replace(/_/g, '-')}`}
      size="small"
      type={props.type ?? 'primary'}
      fill={props.fill ?? 'outline'}
      loading={busy === a}
      disabled={!!busy || props.disabled}
      onClick={props.onClick}
    >
      {a === 'propose_time' && d.proposedBy === 'staff' ? '另约时间' : REPAIR_ACTION_LABELS[a]}
    </Button>
  );

  return (
    <Section className="rd-actions e2e-repair-actions">
      {hint && <Text className="rtp-hint e2e-repair-hint">{hint}</Text>}
      <View className="rtp-buttons">
        {actions.map((a) => {
          switch (a) {
            case 'confirm':
              return button(a, { fill: 'solid', onClick: () => void confirm() });
            case 'accept_time':
              return button(a, { fill: 'solid', onClick: () => void acceptTime() });
            case 'urge':
              return button(a, { onClick: () => void run('urge'), disabled: urgeBlocked });
            case 'cancel':
              return button(a, { type: 'default', onClick: () => setPanel(panel === a ? null : a) });
            case 'rate':
              return button(a, { fill: 'solid', onClick: () => setPanel(panel === a ? null : a) });
            default:
              return button(a, { onClick: () => setPanel(panel === a ? null : a) });
          }
        })}
        {(actions.includes('urge') || actions.includes('cancel')) && (
          <Button className="e2e-subscribe-progress" size="small" fill="outline" onClick={() => void progress()}>
            订阅进度通知
          </Button>
        )}
      </View>
      {actions.includes('urge') && urgeBlocked && <Text className="ll-muted rd-urge-note e2e-urge-blocked">{URGE_INTERVAL_MINUTES} 分钟内只能催一次</Text>}
      {panel === 'dispute' && actions.includes('dispute') && (
        <ReasonForm
          hook="dispute"
          placeholder="请说明哪里还有问题（维修人员可见）"
          submitText="提交异议"
          busy={busy === 'dispute'}
          onSubmit={(reason) => void run('dispute', { reason })}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'cancel' && actions.includes('cancel') && (
        <ReasonForm
          hook="cancel"
          placeholder="请填写取消原因，如：问题已自行解决"
          submitText="确认取消报修"
          busy={busy === 'cancel'}
          onSubmit={(reason) => void run('cancel', { reason })}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'rate' && actions.includes('rate') && (
        <RateForm
          starClass="rp-star"
          placeholder="说说您对本次维修的评价（选填）"
          maxLength={200}
          busy={busy === 'rate'}
          onSubmit={(rating, comment) => void run('rate', { rating, comment })}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'propose_time' && actions.includes('propose_time') && (
        <ProposeTimeForm d={d} busy={busy === 'propose_time'} onSubmit={(visitAt) => void run('propose_time', { visitAt })} onClose={() => setPanel(null)} />
      )}
    </Section>
  );
}

/** Emergencies get no appointment: a one-tap call to the community's 24-hour duty phone and what happens next. */
function EmergencyCard({ d }: { d: RepairDetail }) {
  if (!d.emergency || CLOSED.includes(d.status) || AFTER_WORK.includes(d.status)) return null;
  const safety = EMERGENCY_SAFETY[d.emergency];
  const phone = d.dutyPhone;
  return (
    <Section title="紧急情况" className="rd-emergency e2e-emergency-card">
      {safety && <Text className="rp-emergency-note e2e-emergency-safety">{safety}</Text>}
      <Text className="rtp-hint e2e-emergency-next">
        接下来：报修已按特急自动受理，值班人员会立即派维修人员赶到现场（5 分钟内到场），无需预约上门时间；如情况变化，请直接拨打值班电话。
      </Text>
      {phone ? (
        <Button className="e2e-duty-call" block type="danger" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
          拨打小区 24 小时值班电话 {phone}
        </Button>
      ) : (
        <Text className="ll-muted e2e-duty-missing">本小区暂未登记值班电话，已通知值班人员处理。</Text>
      )}
    </Section>
  );
}

export default function RepairDetailPage() {
  const { state, act } = useResidentTicketDetail<RepairDetail, RepairAction, Omit<RepairActionRequest, 'version'>>({
    base: '/api/repairs',
    notFound: '工单不存在',
    doneToast: DONE_TOAST,
    conflictText: '工单已更新，请重试',
  });
  const d = state.data;

  // background refreshes keep the page on screen; only the first load shows the spinner / error
  return (
    <View className="ll-page page-repair-detail">
      <PageState loading={state.loading && !d} error={d ? null : state.error} onRetry={state.reload}>
        {d && (
          <>
            <Section className={`rd-head e2e-repair-${d.id}`}>
              <View className="ll-row">
                <Text className="rtp-title">{categoryLabel(d.category)}</Text>
                <StatusTag status={d.status} />
              </View>
              <View className="rp-tags rd-tags">
                <TierTag tier={d.tier} />
                {d.emergency && (
                  <Tag background="#fdecec" color="#e5484d">
                    {EMERGENCY_LABELS[d.emergency]}
                  </Tag>
                )}
                {d.breached && (
                  <Tag className="e2e-breached" background="#e5484d" color="#ffffff">
                    已超时
                  </Tag>
                )}
              </View>
              {!CLOSED.includes(d.status) && d.nextClock && (
                <View className="rd-clock rtp-clock">
                  <Countdown clock={d.nextClock} />
                </View>
              )}
              {d.status === 'on_hold' && d.holdReason && <Text className="rtp-note">暂停原因：{HOLD_REASON_LABELS[d.holdReason] ?? d.holdReason}</Text>}
              {d.status === 'cancelled' && d.cancelReason && <Text className="rtp-note">取消原因：{d.cancelReason}</Text>}
              <Text className="ll-muted rtp-no e2e-repair-no">单号 {d.no}</Text>
            </Section>

            <EmergencyCard d={d} />

            <Actions d={d} act={act} />

            <Section title="报修信息" className="e2e-repair-info">
              <InfoRow label="问题描述" hook="description">
                {d.description}
              </InfoRow>
              <InfoRow label="报修位置" hook="location">
                {locationText(d)}
              </InfoRow>
              <InfoRow label="联系人" hook="contact">
                {[d.contactName, d.contactPhone].filter(Boolean).join(' ') || '—'}
              </InfoRow>
              <InfoRow label="期望时间" hook="preferred">
                {formatWindow(d.preferredFrom, d.preferredTo) || '尽快'}
              </InfoRow>
              <InfoRow label="上门时间" hook="visit">
                {d.emergency ? '紧急情况，立即上门' : visitText(d)}
              </InfoRow>
              <InfoRow label="维修人员" hook="assignee">
                {d.assigneeName ?? (CLOSED.includes(d.status) ? '—' : '待派单')}
              </InfoRow>
              <InfoRow label="报修时间">
                {formatShanghai(d.receivedAt, 'YYYY-MM-DD HH:mm')} · {CHANNEL_LABELS[d.channel] ?? d.channel}
              </InfoRow>
            </Section>

            <Section title="现场照片">
              <PhotoGrid photos={d.photos} emptyText="未上传照片" />
            </Section>

            {d.completionNotes && (
              <Section title="完工说明" className="e2e-completion-notes">
                <Text className="rtp-comment">{d.completionNotes}</Text>
              </Section>
            )}

            {d.completionPhotos.length > 0 && (
              <Section title="完工照片" className="e2e-completion-photos">
                <PhotoGrid photos={d.completionPhotos} />
              </Section>
            )}

            {(AFTER_WORK.includes(d.status) || d.charges.length > 0 || d.freeOfCharge !== null) && (
              <Section title="费用明细" className="e2e-repair-charges">
                <ChargeTable lines={d.charges} totalCents={d.chargeTotalCents} freeOfCharge={d.freeOfCharge} emptyText="本次维修无收费项目" />
              </Section>
            )}

            {d.rating !== null && (
              <Section title="我的评价" className="e2e-repair-rating">
                <Stars value={d.rating} size="small" starClass="rp-star" />
                {d.ratingComment && <Text className="rtp-comment">{d.ratingComment}</Text>}
              </Section>
            )}

            {d.returnVisit && (
              <Section title="回访" className="e2e-repair-return-visit">
                <Text className="rtp-comment">
                  {d.returnVisit.satisfied ? '满意' : '不满意'}
                  {d.returnVisit.notes ? `：${d.returnVisit.notes}` : ''}
                </Text>
                <Text className="ll-muted">{formatShanghai(d.returnVisit.at, 'YYYY-MM-DD HH:mm')}</Text>
              </Section>
            )}

            <Section title="处理进度">
              <Timeline events={d.timeline} />
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
