import { useState } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { COMPLAINT_CLASS_LABELS, formatDue, formatDueDate, suggestComplaintClass, type ComplaintAction, type ComplaintClass } from '@linli/shared';
import { formatShanghai, shanghaiDay, shanghaiInstant } from '@common/repairs';
import type { StaffPanelProps } from '@common/tickets/StaffTicketActions';
import { Field, PanelButtons, PhotoField } from '@common/tickets/StaffPanelParts';
import { useStaffPhotoDrafts } from '@common/tickets/staff-photos';
import type { ComplaintActionRequest, ComplaintDetail } from '@linli/shared';
import { categoryLabel, confirm, kindLabel, toast } from '../util';
import { ClassChoice, OwnerChoice, StaffChoice } from './ClassPicker';
import '@common/tickets/staff-ticket.css';
import './complaint.css';

export type PanelProps = StaffPanelProps<ComplaintDetail, ComplaintAction, Omit<ComplaintActionRequest, 'version'>>;

function Area({
  value,
  onChange,
  placeholder,
  max = 2000,
  hook = 'e2e-action-content',
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  max?: number;
  hook?: string;
}) {
  return <TextArea className={`ll-textarea cp-textarea ${hook}`} placeholder={placeholder} value={value} onChange={onChange} maxLength={max} showCount />;
}

/** Date + time pickers (Asia/Shanghai), default now; never later than today. */
function WhenPicker({
  date,
  time,
  onDate,
  onTime,
  hook,
}: {
  date: string;
  time: string;
  onDate: (v: string) => void;
  onTime: (v: string) => void;
  hook: string;
}) {
  return (
    <View className="cp-when">
      <Picker mode="date" value={date} end={shanghaiDay(new Date())} onChange={(e) => onDate(String(e.detail.value))}>
        <View className={`cp-picker ${hook}-date`}>{date}</View>
      </Picker>
      <Picker mode="time" value={time} onChange={(e) => onTime(String(e.detail.value))}>
        <View className={`cp-picker ${hook}-time`}>{time}</View>
      </Picker>
    </View>
  );
}

function useWhen() {
  const now = new Date();
  const [date, setDate] = useState(shanghaiDay(now));
  const [time, setTime] = useState(formatShanghai(now, 'HH:mm'));
  const iso = () => {
    const [h, m] = time.split(':').map(Number);
    return shanghaiInstant(date, h, m);
  };
  return { date, time, setDate, setTime, iso };
}

/** 确认分类: class (the category's suggestion preselected), owner for class 2/3, reason when it differs. */
export function ClassifyPanel({ d, act, busy, onClose }: PanelProps) {
  const suggested = suggestComplaintClass(d.category);
  const [cls, setCls] = useState<ComplaintClass>(suggested);
  const [ownerId, setOwnerId] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');
  async function submit() {
    if (cls !== suggested && !reason.trim()) return toast('与推荐类别不同，请填写原因');
    await act('classify', { complaintClass: cls, ownerId, reason: reason.trim() || undefined });
  }
  return (
    <View className="rp-panel e2e-panel-classify">
      <Field label={`投诉类别（按「${categoryLabel(d.category)}」推荐${COMPLAINT_CLASS_LABELS[suggested]}）`}>
        <ClassChoice
          value={cls}
          suggested={suggested}
          onChange={(c) => {
            setCls(c);
            setOwnerId(undefined);
          }}
        />
      </Field>
      {cls !== 1 && (
        <Field label="负责人">
          <OwnerChoice communityId={d.communityId} cls={cls} value={ownerId} onChange={setOwnerId} />
        </Field>
      )}
      {cls !== suggested && <Area value={reason} onChange={setReason} placeholder="与推荐类别不同的原因" max={200} hook="e2e-action-reason" />}
      <PanelButtons busy={busy} onClose={onClose} label="确认分类" onSubmit={() => void submit()} />
    </View>
  );
}

/** 调整分类 (+ reason, optional owner). */
export function ReclassifyPanel({ d, act, busy, onClose }: PanelProps) {
  const [cls, setCls] = useState<ComplaintClass | undefined>(undefined);
  const [ownerId, setOwnerId] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');
  async function submit() {
    if (!cls) return toast('请选择新的类别');
    if (!reason.trim()) return toast('请填写调整原因');
    await act('reclassify', { complaintClass: cls, ownerId, reason: reason.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-reclassify">
      <Field label={`新的类别（当前：${d.complaintClass ? COMPLAINT_CLASS_LABELS[d.complaintClass] : '未分类'}）`}>
        <ClassChoice
          value={cls}
          exclude={d.complaintClass}
          suggested={suggestComplaintClass(d.category)}
          onChange={(c) => {
            setCls(c);
            setOwnerId(undefined);
          }}
        />
      </Field>
      {cls && cls !== 1 && (
        <Field label="负责人">
          <OwnerChoice communityId={d.communityId} cls={cls} value={ownerId} onChange={setOwnerId} />
        </Field>
      )}
      <Area value={reason} onChange={setReason} placeholder="调整原因（将记入处理记录）" max={200} hook="e2e-action-reason" />
      <PanelButtons busy={busy} onClose={onClose} label="调整分类" onSubmit={() => void submit()} />
    </View>
  );
}

/** 转交 to another owner of the same class (+ reason). */
export function ReassignPanel({ d, act, busy, onClose }: PanelProps) {
  const [assigneeId, setAssigneeId] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');
  async function submit() {
    if (!assigneeId) return toast('请选择接手人员');
    if (!reason.trim()) return toast('请填写转交原因');
    await act('reassign', { assigneeId, reason: reason.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-reassign">
      <Field label={`转交给（当前：${d.ownerName ?? '无'}）`}>
        {d.complaintClass && d.complaintClass !== 1 ? (
          <OwnerChoice communityId={d.communityId} cls={d.complaintClass} value={assigneeId} onChange={(id) => setAssigneeId(id)} excludeId={d.ownerId} />
        ) : (
          <StaffChoice communityId={d.communityId} value={assigneeId} onChange={setAssigneeId} excludeId={d.ownerId} />
        )}
      </Field>
      <Area value={reason} onChange={setReason} placeholder="转交原因" max={200} hook="e2e-action-reason" />
      <PanelButtons busy={busy} onClose={onClose} label="确认转交" onSubmit={() => void submit()} />
    </View>
  );
}

/** 答复: text, 书面答复, photos. */
export function ReplyPanel({ d, act, busy, onClose }: PanelProps) {
  const [content, setContent] = useState('');
  const [written, setWritten] = useState(false);
  // one after another, in the chosen order
  const photos = useStaffPhotoDrafts(true);
  const writtenDue = d.clocks.find((c) => c.name === 'written_reply' && (c.state === 'running' || c.state === 'paused'));

  async function submit() {
    if (!content.trim()) return toast('请填写答复内容');
    const photoProblem = photos.problem();
    if (photoProblem) return toast(photoProblem);
    await act('reply', {
      content: content.trim(),
      written,
      photoIds: photos.ids(),
    });
  }

  return (
    <View className="rp-panel e2e-panel-reply">
      <Area value={content} onChange={setContent} placeholder="答复住户的内容（住户可见）" />
      <View className="ll-row ll-field">
        <Text>
          这是书面答复
          {writtenDue ? `（住户要求，${formatDue(writtenDue.dueAt)} 前）` : ''}
        </Text>
        <Switch className="e2e-reply-written" checked={written} onChange={setWritten} />
      </View>
      <PhotoField label="附件照片" photos={photos} />
      <PanelButtons busy={busy} onClose={onClose} label="发送答复" onSubmit={() => void submit()} />
    </View>
  );
}

/** 记录联系开发商: who, when, what was agreed. */
export function DeveloperContactPanel({ act, busy, onClose }: PanelProps) {
  const [who, setWho] = useState('');
  const [content, setContent] = useState('');
  const when = useWhen();
  async function submit() {
    if (!who.trim()) return toast('请填写开发商联系人');
    if (!content.trim()) return toast('请填写商定的内容');
    const at = when.iso();
    if (new Date(at).getTime() > Date.now()) return toast('联系时间不能晚于现在');
    await act('record_developer_contact', { contactPerson: who.trim(), contactedAt: at, content: content.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-record-developer-contact">
      <Field label="开发商联系人">
        <Input className="ll-input cp-input e2e-contact-person" placeholder="如 XX 地产 客服部 王经理" value={who} onChange={setWho} maxLength={100} />
      </Field>
      <Field label="联系时间">
        <WhenPicker date={when.date} time={when.time} onDate={when.setDate} onTime={when.setTime} hook="e2e-contacted" />
      </Field>
      <Area value={content} onChange={setContent} placeholder="商定的内容（如 派人查看时间、维修方案）" />
      <PanelButtons busy={busy} onClose={onClose} label="保存记录" onSubmit={() => void submit()} />
    </View>
  );
}

/**
 * 发出书面通知 to the developer: addressee (default the community's developer), the problem and the request in the
 * supervisor's own words (the notice never quotes the resident), and ONE answer-by date, defaulting to the day the
 * written reply is owed to the resident (else the resolution date).
 */
export function IssueNoticePanel({ d, act, busy, onClose }: PanelProps) {
  const today = shanghaiDay(new Date());
  const written = d.clocks.find((c) => c.name === 'written_reply' && (c.state === 'running' || c.state === 'paused'));
  const fallback = written ? shanghaiDay(new Date(new Date(written.dueAt).getTime() - 1)) : (d.resolutionDueDate ?? shanghaiDay(new Date(), 3));
  const [addressee, setAddressee] = useState('');
  const [content, setContent] = useState('');
  const [date, setDate] = useState(fallback < today ? today : fallback);
  async function submit() {
    if (!content.trim()) return toast('请概述问题情况与处理要求');
    if (date < today) return toast('回复期限不能早于今天');
    if (!(await confirm('发出书面通知', `请开发商于 ${formatDueDate(date)} 前书面回复。通知将存档并可打印，发出后不能修改。`, '发出'))) return;
    await act('issue_notice', { addressee: addressee.trim() || undefined, content: content.trim(), dueDate: date });
  }
  return (
    <View className="rp-panel e2e-panel-issue-notice">
      <Field label="致（选填，默认为本小区开发商）">
        <Input className="ll-input cp-input e2e-addressee" placeholder="收件单位" value={addressee} onChange={setAddressee} maxLength={100} />
      </Field>
      <Field label="问题情况及处理要求（印在通知上）">
        <Area value={content} onChange={setContent} placeholder="请用您的话概述问题与要求开发商处理的事项，不要照抄住户原文；期限在下面选" />
      </Field>
      <Field label={`开发商书面回复期限${written ? '（默认：住户书面答复到期日）' : ''}`}>
        <Picker mode="date" value={date} start={today} onChange={(e) => setDate(String(e.detail.value))}>
          <View className="cp-picker e2e-notice-due">{formatDueDate(date)} 前</View>
        </Picker>
      </Field>
      <PanelButtons busy={busy} onClose={onClose} label="发出通知" onSubmit={() => void submit()} />
    </View>
  );
}

/** 指定协调人 (class 3; a note). */
export function CoordinatorPanel({ d, act, busy, onClose }: PanelProps) {
  const [assigneeId, setAssigneeId] = useState<number | undefined>(undefined);
  const [note, setNote] = useState('');
  async function submit() {
    if (!assigneeId) return toast('请选择协调人');
    await act('appoint_coordinator', { assigneeId, content: note.trim() || undefined });
  }
  return (
    <View className="rp-panel e2e-panel-appoint-coordinator">
      <Field label={`协调人${d.coordinatorName ? `（当前：${d.coordinatorName}）` : ''}`}>
        <StaffChoice communityId={d.communityId} value={assigneeId} onChange={setAssigneeId} excludeId={d.coordinatorId} />
      </Field>
      <Area value={note} onChange={setNote} placeholder="说明（选填）" />
      <PanelButtons busy={busy} onClose={onClose} label="指定" onSubmit={() => void submit()} />
    </View>
  );
}

/** 记录书面报告 to the authority (class 3). */
export function AuthorityReportPanel({ act, busy, onClose }: PanelProps) {
  const [authority, setAuthority] = useState('');
  const [content, setContent] = useState('');
  const when = useWhen();
  async function submit() {
    if (!authority.trim()) return toast('请填写报告的主管部门');
    if (!content.trim()) return toast('请填写报告内容');
    const at = when.iso();
    if (new Date(at).getTime() > Date.now()) return toast('报告时间不能晚于现在');
    await act('record_authority_report', { authority: authority.trim(), reportedAt: at, content: content.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-record-authority-report">
      <Field label="主管部门">
        <Input
          className="ll-input cp-input e2e-authority"
          placeholder="如 街道办、市政管理处、供电局"
          value={authority}
          onChange={setAuthority}
          maxLength={100}
        />
      </Field>
      <Field label="报告时间">
        <WhenPicker date={when.date} time={when.time} onDate={when.setDate} onTime={when.setTime} hook="e2e-reported" />
      </Field>
      <Area value={content} onChange={setContent} placeholder="书面报告的内容摘要" />
      <PanelButtons busy={busy} onClose={onClose} label="保存记录" onSubmit={() => void submit()} />
    </View>
  );
}

/** 设定办结时限: a date (due at its 24:00), not before today. */
export function ResolutionDuePanel({ d, act, busy, onClose }: PanelProps) {
  const today = shanghaiDay(new Date());
  const [date, setDate] = useState(d.resolutionDueDate ?? shanghaiDay(new Date(), 7));
  return (
    <View className="rp-panel e2e-panel-set-resolution-due">
      <Field label="办结日期（当日 24:00 前）">
        <Picker mode="date" value={date} start={today} onChange={(e) => setDate(String(e.detail.value))}>
          <View className="cp-picker e2e-due-date">{date}</View>
        </Picker>
      </Field>
      <PanelButtons
        busy={busy}
        onClose={onClose}
        label="设定时限"
        onSubmit={() => void (date < today ? toast('办结日期不能早于今天') : act('set_resolution_due', { dueDate: date }))}
      />
    </View>
  );
}

/** 办结: measures (required for complaints); the checklist of class duties is shown above the actions. */
export function ResolvePanel({ d, act, busy, onClose }: PanelProps) {
  const [measures, setMeasures] = useState('');
  const need = d.kind === 'complaint';
  async function submit() {
    if (need && !measures.trim()) return toast('请填写已采取的处理措施');
    if (!(await confirm('办结', need ? '办结后将请住户确认是否解决。' : '确定标记为已处理？', '办结'))) return;
    await act('resolve', { measures: measures.trim() || undefined });
  }
  return (
    <View className="rp-panel e2e-panel-resolve">
      <Area value={measures} onChange={setMeasures} placeholder={need ? '已采取的处理措施（必填，住户可见）' : '处理说明（选填）'} hook="e2e-measures" />
      <PanelButtons busy={busy} onClose={onClose} label="办结" onSubmit={() => void submit()} />
    </View>
  );
}

/** 回访: 满意 / 不满意 + notes. */
export function ReturnVisitPanel({ act, busy, onClose }: PanelProps) {
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [notes, setNotes] = useState('');
  async function submit() {
    if (satisfied === null) return toast('请选择回访结果');
    await act('return_visit', { satisfied, notes: notes.trim() || undefined });
  }
  return (
    <View className="rp-panel e2e-panel-return-visit">
      <Field label="回访结果">
        <View className="ll-chips">
          <View className={`ll-chip ${satisfied === true ? 'is-active' : ''} e2e-satisfied`} onClick={() => setSatisfied(true)}>
            满意
          </View>
          <View className={`ll-chip ${satisfied === false ? 'is-active' : ''} e2e-unsatisfied`} onClick={() => setSatisfied(false)}>
            不满意
          </View>
        </View>
        {satisfied === false && <Text className="ll-muted">不满意将重开工单，由负责人继续处理</Text>}
      </Field>
      <Area value={notes} onChange={setNotes} placeholder="回访记录（选填）" max={500} hook="e2e-notes" />
      <PanelButtons busy={busy} onClose={onClose} label="提交回访" onSubmit={() => void submit()} />
    </View>
  );
}

/** 撤销: a reason first, then a dialog naming what is withdrawn — never one tap. */
export function CancelPanel({ d, act, busy, onClose }: PanelProps) {
  const [reason, setReason] = useState('');
  async function submit() {
    if (!reason.trim()) return toast('请填写撤销原因');
    const what = `${kindLabel(d.kind)} ${d.no}`;
    if (!(await confirm(`撤销${kindLabel(d.kind)}`, `撤销后${what}不再处理，原因「${reason.trim()}」将记入处理记录。确定撤销？`, '撤销'))) return;
    await act('cancel', { reason: reason.trim() });
  }
  return (
    <View className="rp-panel e2e-panel-cancel">
      <Area value={reason} onChange={setReason} placeholder="撤销原因（如 重复登记、登记错误）" max={200} hook="e2e-action-reason" />
      <PanelButtons busy={busy} onClose={onClose} label="确认撤销" danger onSubmit={() => void submit()} />
    </View>
  );
}
