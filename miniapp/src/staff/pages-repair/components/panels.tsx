import { useRef, useState } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { Switch, TextArea } from '@nutui/nutui-react-taro';
import {
  HOLD_REASON_LABELS,
  lastVisitDay,
  nextVisitSlot,
  REPAIR_TIER_LABELS,
  TIER_ORDER,
  suggestTier,
  type HoldReason,
  type PriceItemView,
  type RepairAction,
  type RepairActionRequest,
  type RepairDetail,
  type RepairTier,
  type TechnicianLoad,
} from '@linli/shared';
import { useAsync } from '@common/hooks';
import { PageState } from '@common/components';
import { dayLabel, formatCents, lineAmountCents, shanghaiDay, shanghaiInstant, shanghaiParts, sumCents } from '@common/repairs';
import type { StaffPanelProps } from '@common/tickets/StaffTicketActions';
import { Field, PanelButtons, PhotoField } from '@common/tickets/StaffPanelParts';
import { useStaffPhotoDrafts } from '@common/tickets/staff-photos';
import { listPriceItems, listTechnicians } from '../api';
import { confirm, toast } from '../util';
import '@common/tickets/staff-ticket.css';

export type PanelProps = StaffPanelProps<RepairDetail, RepairAction, Omit<RepairActionRequest, 'version'>>;

const TIERS = Object.keys(REPAIR_TIER_LABELS) as RepairTier[];
const HOLD_REASONS = Object.keys(HOLD_REASON_LABELS) as HoldReason[];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function ReasonInput({
  value,
  onChange,
  placeholder,
  hook = 'e2e-action-reason',
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  hook?: string;
}) {
  return <TextArea className={`ll-textarea ${hook}`} placeholder={placeholder} value={value} onChange={onChange} maxLength={200} showCount />;
}

function TierChoice(props: { value: RepairTier | undefined; onChange: (t: RepairTier) => void; exclude?: RepairTier | null; locked?: boolean; hook: string }) {
  return (
    <View className="ll-chips">
      {TIERS.filter((t) => t !== props.exclude).map((t) => (
        <View
          key={t}
          className={`ll-chip rp-tier-chip is-${t} ${props.value === t ? 'is-active' : ''} ${props.locked && props.value !== t ? 'is-disabled' : ''} ${props.hook}${t}`}
          onClick={() => !props.locked && props.onChange(t)}
        >
          {REPAIR_TIER_LABELS[t]}
        </View>
      ))}
    </View>
  );
}

/** 受理: pick the tier (suggested from category; emergencies are always 特急). */
export function AcceptPanel({ d, act, busy, onClose }: PanelProps) {
  const locked = !!d.emergency;
  const [tier, setTier] = useState<RepairTier>(d.tier ?? suggestTier(d.category, d.emergency));
  return (
    <View className="rp-panel e2e-panel-accept">
      <Field label="处理等级">
        <TierChoice value={tier} onChange={setTier} locked={locked} hook="e2e-tier-" />
        <Text className="ll-muted">{locked ? '紧急情况一律按特急处理' : '特急 5 分钟、急 15 分钟内到场；一般当日处理'}</Text>
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="确认受理" onSubmit={() => void act('accept', { tier })} />
    </View>
  );
}

/** 调整等级 (+ reason); lowering the tier asks first. */
export function ChangeTierPanel({ d, act, busy, onClose }: PanelProps) {
  const [tier, setTier] = useState<RepairTier | undefined>(undefined);
  const [reason, setReason] = useState('');
  async function submit() {
    if (!tier) return toast('请选择新的等级');
    if (!reason.trim()) return toast('请填写调整原因');
    if (
      d.tier &&
      TIER_ORDER[tier] > TIER_ORDER[d.tier] &&
      !(await confirm('降低等级', `确定将等级从「${REPAIR_TIER_LABELS[d.tier]}」降为「${REPAIR_TIER_LABELS[tier]}」？`))
    )
      return;
    await act('change_tier', { tier, reason: reason.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-change-tier">
      <Field label={`新的等级（当前：${d.tier ? REPAIR_TIER_LABELS[d.tier] : '未定级'}）`}>
        <TierChoice value={tier} onChange={setTier} exclude={d.tier} hook="e2e-change-tier-" />
      </Field>
      <Field label="调整原因">
        <ReasonInput value={reason} onChange={setReason} placeholder="如：现场核实为漏水，升为特急" />
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="确认调整" onSubmit={() => void submit()} />
    </View>
  );
}

function loadClass(n: number): string {
  if (n <= 2) return 'is-light';
  if (n <= 5) return 'is-busy';
  return 'is-heavy';
}

function TechnicianChoice({
  communityId,
  value,
  onChange,
  exclude,
}: {
  communityId: number;
  value?: number;
  onChange: (id: number) => void;
  exclude?: number | null;
}) {
  const techs = useAsync<TechnicianLoad[]>(() => listTechnicians(communityId), [communityId]);
  const list = (techs.data ?? []).filter((t) => t.id !== exclude).sort((a, b) => a.openOrders - b.openOrders || a.name.localeCompare(b.name));
  return (
    <PageState loading={techs.loading} error={techs.error} onRetry={techs.reload} empty={!list.length} emptyText="本小区暂无可派的维修工">
      <View className="rp-techs">
        {list.map((t) => (
          <View key={t.id} className={`rp-tech ${value === t.id ? 'is-active' : ''} e2e-tech-${t.id}`} onClick={() => onChange(t.id)}>
            <Text className="rp-tech-name">{t.name}</Text>
            <Text className={`rp-tech-load ${loadClass(t.openOrders)}`}>在办 {t.openOrders} 单</Text>
            <Text className="rp-tech-check">{value === t.id ? '✓' : ''}</Text>
          </View>
        ))}
      </View>
    </PageState>
  );
}

/** 派单: choose a technician (least loaded first). */
export function DispatchPanel({ d, act, busy, onClose }: PanelProps) {
  const [tech, setTech] = useState<number | undefined>(undefined);
  return (
    <View className="rp-panel e2e-panel-dispatch">
      <Field label="选择维修工（按在办工单数排序）">
        <TechnicianChoice communityId={d.communityId} value={tech} onChange={setTech} />
      </Field>
      <PanelButtons
        busy={busy}
        onClose={onClose}
        label="确认派单"
        onSubmit={() => (tech ? void act('dispatch', { technicianId: tech }) : toast('请选择维修工'))}
      />
    </View>
  );
}

/** 转派: another technician and why. */
export function ReassignPanel({ d, act, busy, onClose }: PanelProps) {
  const [tech, setTech] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');
  async function submit() {
    if (!tech) return toast('请选择维修工');
    if (!reason.trim()) return toast('请填写转派原因');
    if (!(await confirm('转派工单', `确定将工单从 ${d.assigneeName ?? '原维修工'} 转派给其他维修工？`, '转派'))) return;
    await act('reassign', { technicianId: tech, reason: reason.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-reassign">
      <Field label={`转派给（当前：${d.assigneeName ?? '无'}）`}>
        <TechnicianChoice communityId={d.communityId} value={tech} onChange={setTech} exclude={d.assigneeId} />
      </Field>
      <Field label="转派原因">
        <ReasonInput value={reason} onChange={setReason} placeholder="如：原维修工请假" />
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="确认转派" onSubmit={() => void submit()} />
    </View>
  );
}

/** The picker's default: the resident's preferred time if still ahead and free, else the next free working-hours slot. */
function initialVisit(d: RepairDetail): { date: string; time: string } {
  const now = new Date();
  const taken = [d.agreedVisitAt, d.proposedVisitAt, ...d.technicianBusyAt];
  const preferred =
    d.preferredFrom && new Date(d.preferredFrom).getTime() > now.getTime() + 3600_000 && !taken.includes(d.preferredFrom) ? d.preferredFrom : null;
  const at = preferred
    ? new Date(preferred)
    : (nextVisitSlot(now, d.visitMaxDays, taken) ?? new Date(Math.ceil((now.getTime() + 3600_000) / 1800_000) * 1800_000));
  const p = shanghaiParts(at);
  return { date: shanghaiDay(at), time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * 提议上门时间 (technician / desk; the resident accepts or counter-proposes) or 登记约定时间 (the desk records a time
 * agreed on the phone): a Shanghai date and time within the visit window.
 */
function VisitPanel({ d, act, busy, onClose, action }: PanelProps & { action: 'schedule' | 'propose_time' }) {
  const init = useRef(initialVisit(d));
  const [date, setDate] = useState(init.current.date);
  const [time, setTime] = useState(init.current.time);
  const today = shanghaiDay(new Date());
  // the server accepts visits up to 24:00 of this day (VISIT_MAX_DAYS)
  const lastDay = lastVisitDay(new Date(), d.visitMaxDays);
  const days = [0, 1, 2].map((n) => shanghaiDay(new Date(), n)).filter((day) => day <= lastDay);
  async function submit() {
    const [h, m] = time.split(':').map(Number);
    const visitAt = shanghaiInstant(date, h, m);
    if (new Date(visitAt).getTime() < Date.now() - 60_000) return toast('上门时间不能早于现在');
    if (date > lastDay) return toast(`上门时间须在 ${d.visitMaxDays} 天内（最晚 ${lastDay}）`);
    await act(action, { visitAt });
  }
  const hook = action === 'schedule' ? 'schedule' : 'propose-time';
  return (
    <View className={`rp-panel e2e-panel-${hook}`}>
      <Field label="日期">
        <View className="ll-chips">
          {days.map((day, i) => (
            <View key={day} className={`ll-chip ${date === day ? 'is-active' : ''} e2e-day-${i}`} onClick={() => setDate(day)}>
              {dayLabel(day, new Date())} {day.slice(5)}
            </View>
          ))}
          <Picker mode="date" value={date} start={today} end={lastDay} onChange={(e) => setDate(String(e.detail.value))}>
            <View className={`ll-chip ${days.includes(date) ? '' : 'is-active'} e2e-schedule-date`}>{days.includes(date) ? '其他日期' : date}</View>
          </Picker>
        </View>
      </Field>
      <Field label="时间">
        <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
          <View className="rp-date e2e-schedule-time">{time}</View>
        </Picker>
      </Field>
      <Text className="ll-muted e2e-visit-note">
        上门时间：{dayLabel(date, new Date())} {date} {time}（北京时间）。
        {action === 'schedule' ? '仅登记已与住户电话商定的时间；' : '提交后住户确认同意即为约定，住户也可另约时间；'}最晚可约 {lastDay}（{d.visitMaxDays} 天内）
      </Text>
      <PanelButtons
        busy={busy}
        onClose={onClose}
        label={action === 'schedule' ? '登记时间' : d.proposedBy === 'resident' ? '另约此时间' : '提议此时间'}
        onSubmit={() => void submit()}
      />
    </View>
  );
}

/** 提议上门时间 / 另约时间: the resident accepts or counter-proposes in the app. */
export const ProposeTimePanel = (p: PanelProps) => <VisitPanel {...p} action="propose_time" />;
/** 登记约定时间 (desk): a time already agreed with the resident on the phone. */
export const SchedulePanel = (p: PanelProps) => <VisitPanel {...p} action="schedule" />;

/** 挂起: why (parts, no access, out of scope); the clocks pause. */
export function HoldPanel({ act, busy, onClose }: PanelProps) {
  const [holdReason, setHoldReason] = useState<HoldReason | undefined>(undefined);
  const [reason, setReason] = useState('');
  async function submit() {
    if (!holdReason) return toast('请选择挂起原因');
    if (!(await confirm('挂起工单', `挂起原因：${HOLD_REASON_LABELS[holdReason]}。挂起期间计时暂停，请及时告知住户。`, '挂起'))) return;
    await act('hold', { holdReason, reason: reason.trim() || undefined });
  }
  return (
    <View className="rp-panel e2e-panel-hold">
      <Field label="挂起原因">
        <View className="ll-chips">
          {HOLD_REASONS.map((r) => (
            <View key={r} className={`ll-chip ${holdReason === r ? 'is-active' : ''} e2e-hold-${r}`} onClick={() => setHoldReason(r)}>
              {HOLD_REASON_LABELS[r]}
            </View>
          ))}
        </View>
      </Field>
      <Field label="说明（选填）">
        <ReasonInput value={reason} onChange={setReason} placeholder="如：需订购阀门，预计明天到货" />
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="确认挂起" onSubmit={() => void submit()} />
    </View>
  );
}

/** 完工: free (defect of the original equipment) or priced lines with a live total, photos, notes. */
export function CompletePanel({ act, busy, onClose }: PanelProps) {
  const [free, setFree] = useState(false);
  const [qty, setQty] = useState<Record<number, number>>({});
  const photos = useStaffPhotoDrafts();
  const [notes, setNotes] = useState('');
  const items = useAsync<PriceItemView[]>(() => listPriceItems(), []);
  const active = (items.data ?? []).filter((p) => p.active);

  const chosen = active.filter((p) => (qty[p.id] ?? 0) > 0);
  const lines = chosen.map((p) => ({ name: p.name, unit: p.unit, unitPriceCents: p.priceCents, quantity: qty[p.id] }));
  const total = sumCents(lines.map((l) => lineAmountCents(l.unitPriceCents, l.quantity)));

  const step = (id: number, by: number) => setQty((q) => ({ ...q, [id]: Math.max(0, Math.min(99, (q[id] ?? 0) + by)) }));

  async function submit() {
    const photoProblem = photos.problem();
    if (photoProblem) return toast(photoProblem);
    if (!free && !lines.length) return toast('请添加收费项目，或选择原装设备缺陷免费');
    const summary = free ? '原装设备缺陷，免费维修' : `收费合计 ${formatCents(total)}，将计入房屋账单`;
    if (!(await confirm('确认完工', `${summary}。完工后将通知住户确认。`, '完工'))) return;
    await act('complete', {
      freeOfCharge: free,
      lines: free ? [] : chosen.map((p) => ({ priceItemId: p.id, quantity: qty[p.id] })),
      photoIds: photos.ids(),
      notes: notes.trim() || undefined,
    });
  }

  return (
    <View className="rp-panel e2e-panel-complete">
      <View className="ll-row ll-field">
        <Text>原装设备缺陷，免费维修</Text>
        <Switch className="e2e-free-of-charge" checked={free} onChange={setFree} />
      </View>
      {!free && (
        <Field label="收费项目（按公示价目表）">
          <PageState loading={items.loading} error={items.error} onRetry={items.reload} empty={!active.length} emptyText="价目表为空，请联系管理员">
            <View className="rp-prices">
              {active.map((p) => (
                <View key={p.id} className={`rp-price ${(qty[p.id] ?? 0) > 0 ? 'is-chosen' : ''} e2e-price-${p.id}`}>
                  <View className="rp-price-main">
                    <Text className="rp-price-name">{p.name}</Text>
                    <Text className="ll-muted">
                      {formatCents(p.priceCents)}/{p.unit}
                      {(qty[p.id] ?? 0) > 0 ? ` × ${qty[p.id]} = ${formatCents(lineAmountCents(p.priceCents, qty[p.id]))}` : ''}
                    </Text>
                  </View>
                  <View className="rp-stepper">
                    <View className={`rp-step ${(qty[p.id] ?? 0) > 0 ? '' : 'is-disabled'} e2e-qty-minus-${p.id}`} onClick={() => step(p.id, -1)}>
                      −
                    </View>
                    <Text className={`rp-qty e2e-qty-${p.id}`}>{qty[p.id] ?? 0}</Text>
                    <View className={`rp-step e2e-qty-plus-${p.id}`} onClick={() => step(p.id, 1)}>
                      ＋
                    </View>
                  </View>
                </View>
              ))}
            </View>
          </PageState>
          <Text className="rp-live-total e2e-complete-total" data-cents={total}>
            {lines.length ? `合计 ${formatCents(total)}` : '尚未选择收费项目'}
          </Text>
        </Field>
      )}
      <PhotoField label="完工照片" photos={photos} />
      <Field label="完工说明（选填）">
        <TextArea className="ll-textarea e2e-action-notes" placeholder="维修内容、更换部件等" value={notes} onChange={setNotes} maxLength={500} showCount />
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="确认完工" onSubmit={() => void submit()} />
    </View>
  );
}

/** 回访: satisfied closes the order; not satisfied reopens it (asks first, notes required). */
export function ReturnVisitPanel({ act, busy, onClose }: PanelProps) {
  const [satisfied, setSatisfied] = useState<boolean | undefined>(undefined);
  const [notes, setNotes] = useState('');
  async function submit() {
    if (satisfied === undefined) return toast('请选择回访结果');
    if (!satisfied) {
      if (!notes.trim()) return toast('请记录住户不满意的原因');
      if (!(await confirm('住户不满意', '工单将重开并重新处理，确定提交？', '重开工单'))) return;
    }
    await act('return_visit', { satisfied, notes: notes.trim() || undefined });
  }
  return (
    <View className="rp-panel e2e-panel-return-visit">
      <Field label="回访结果">
        <View className="ll-chips">
          <View className={`ll-chip ${satisfied === true ? 'is-active' : ''} e2e-satisfied-yes`} onClick={() => setSatisfied(true)}>
            满意
          </View>
          <View className={`ll-chip rp-chip-danger ${satisfied === false ? 'is-active' : ''} e2e-satisfied-no`} onClick={() => setSatisfied(false)}>
            不满意
          </View>
        </View>
      </Field>
      <Field label={satisfied === false ? '不满意原因' : '回访记录（选填）'}>
        <TextArea className="ll-textarea e2e-action-notes" placeholder="住户的意见" value={notes} onChange={setNotes} maxLength={500} showCount />
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="提交回访" onSubmit={() => void submit()} />
    </View>
  );
}

/** 取消工单: a reason is required; asks first. */
export function CancelPanel({ act, busy, onClose }: PanelProps) {
  const [reason, setReason] = useState('');
  async function submit() {
    if (!reason.trim()) return toast('请填写取消原因');
    if (!(await confirm('取消工单', '取消后工单不可恢复，确定取消？', '取消工单'))) return;
    await act('cancel', { reason: reason.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-cancel">
      <Field label="取消原因（住户可见）">
        <ReasonInput value={reason} onChange={setReason} placeholder="如：住户已自行修好" />
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="确认取消" danger onSubmit={() => void submit()} />
    </View>
  );
}
