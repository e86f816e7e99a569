import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Switch, Tag, TextArea } from '@nutui/nutui-react-taro';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_KIND_LABELS,
  ROLE_LABELS,
  TICKET_CHANNEL_LABELS,
  WRITTEN_REPLY_WORKING_DAYS,
  type ComplaintAction,
  type ComplaintActionRequest,
  type ComplaintDetail,
  type ComplaintReplyView,
  type Role,
  type UploadView,
  formatDue,
  formatDueDate,
} from '@linli/shared';
import { PageState, Section } from '@common/components';
import { chooseImages, uploadFile } from '@common/upload';
import { Countdown, PhotoGrid, Timeline, formatShanghai } from '@common/repairs';
import { ComplaintStatusTag } from '../components/StatusTag';
import { RESIDENT_ACTIONS, isFinished, kindText, locationText, ownerText } from '../components/labels';
import { FormButtons, InfoRow, RateForm, ReasonForm, Stars } from '@common/tickets/ResidentTicketParts';
import { useResidentTicketDetail, type TicketAct } from '@common/tickets/useResidentTicketDetail';
import '../components/complaint-pages.css';
import './index.css';

const MAX_PHOTOS = 9;

const DONE_TOAST: Partial<Record<ComplaintAction, string>> = {
  follow_up: '已发送',
  confirm: '已确认解决',
  reopen: '已重开',
  rate: '感谢您的评价',
  close: '已结束',
  cancel: '已撤销',
};

/** Button text for the resident (the shared labels are the desk's words). */
const BUTTON_TEXT: Partial<Record<ComplaintAction, string>> = {
  follow_up: '追问',
  confirm: COMPLAINT_ACTION_LABELS.confirm,
  reopen: '未解决，重开',
  rate: COMPLAINT_ACTION_LABELS.rate,
  close: '已解决，结束',
  cancel: COMPLAINT_ACTION_LABELS.cancel,
};

/** e2e hooks of the action buttons */
const BUTTON_HOOK: Partial<Record<ComplaintAction, string>> = {
  follow_up: 'e2e-complaint-followup',
  confirm: 'e2e-complaint-confirm',
  reopen: 'e2e-complaint-reopen',
  rate: 'e2e-complaint-rate',
  close: 'e2e-complaint-close',
  cancel: 'e2e-complaint-cancel',
};

type Act = TicketAct<ComplaintAction, Omit<ComplaintActionRequest, 'version'>>;

/** 追问: a message to the handler, optional photos, and (if not asked yet) a request for a written reply. */
function FollowUpForm(props: {
  canAskWritten: boolean;
  busy: boolean;
  onSubmit: (body: Pick<ComplaintActionRequest, 'content' | 'photoIds' | 'writtenReplyWanted'>) => void;
  onClose: () => void;
}) {
  const { canAskWritten, busy, onSubmit, onClose } = props;
  const [content, setContent] = useState('');
  const [written, setWritten] = useState(false);
  const [photos, setPhotos] = useState<{ key: string; path: string; upload?: UploadView; failed?: boolean }[]>([]);
  const uploading = photos.some((p) => !p.upload && !p.failed);

  async function addPhotos() {
    const chosen = await chooseImages(MAX_PHOTOS - photos.length);
    const added = chosen.map((f, i) => ({ key: `${Date.now()}-${i}`, path: f.path, fileName: f.fileName }));
    setPhotos((list) => [...list, ...added.map((a) => ({ key: a.key, path: a.path }))].slice(0, MAX_PHOTOS));
    // one at a time, in the order chosen
    for (const a of added) {
      try {
        const u = await uploadFile(a.path, { fileName: a.fileName });
        setPhotos((list) => list.map((p) => (p.key === a.key ? { ...p, upload: u } : p)));
      } catch {
        setPhotos((list) => list.map((p) => (p.key === a.key ? { ...p, failed: true } : p)));
      }
    }
  }

  return (
    <View className="rtp-form e2e-followup-form">
      <TextArea
        className="ll-textarea e2e-followup-text"
        placeholder="补充说明或继续询问，处理人员会在这里答复您"
        value={content}
        onChange={setContent}
        maxLength={2000}
        showCount
      />
      <View className="ll-gap" />
      <PhotoGrid
        photos={photos.map((p) => ({ id: p.key, url: p.path, uploading: !p.upload && !p.failed, failed: p.failed }))}
        onAdd={() => void addPhotos()}
        onRemove={(i) => setPhotos((list) => list.filter((_, j) => j !== i))}
        max={MAX_PHOTOS}
        addClassName="e2e-followup-photo-add"
      />
      {canAskWritten && (
        <View className="cp-switch-row">
          <View className="cp-switch-text">
            <Text>需要书面答复</Text>
            <Text className="cp-hint">物业将在 {WRITTEN_REPLY_WORKING_DAYS} 个工作日内给出书面答复</Text>
          </View>
          <Switch className="e2e-followup-written" checked={written} onChange={setWritten} />
        </View>
      )}
      <FormButtons
        hook="followup"
        submitText={uploading ? '照片上传中…' : '发送'}
        busy={busy}
        onClose={onClose}
        onSubmit={() => {
          if (!content.trim()) return void Taro.showToast({ title: '请填写内容', icon: 'none' });
          if (uploading) return void Taro.showToast({ title: '照片上传中，请稍候', icon: 'none' });
          if (photos.some((p) => p.failed)) return void Taro.showToast({ title: '有照片上传失败，请删除后重试', icon: 'none' });
          onSubmit({
            content: content.trim(),
            photoIds: photos.map((p) => p.upload!.id),
            ...(canAskWritten && written ? { writtenReplyWanted: true } : {}),
          });
        }}
      />
    </View>
  );
}

function Actions({ d, act }: { d: ComplaintDetail; act: Act }) {
  const [panel, setPanel] = useState<ComplaintAction | null>(null);
  const [busy, setBusy] = useState<ComplaintAction | null>(null);
  const actions = RESIDENT_ACTIONS.filter((a) => d.actions.includes(a));
  if (!actions.length) return null;

  async function run(action: ComplaintAction, body?: Omit<ComplaintActionRequest, 'version'>) {
    setBusy(action);
    try {
      if (await act(action, body)) setPanel(null);
    } finally {
      setBusy(null);
    }
  }

  async function confirmThen(action: 'confirm' | 'close', title: string, content: string) {
    const res = await Taro.showModal({ title, content, confirmText: '确认', cancelText: '再看看' });
    if (res.confirm) await run(action);
  }

  const hint =
    d.status === 'resolved' && d.kind === 'complaint'
      ? '物业已办结，请确认问题是否已解决；如未解决可重开，将继续处理。'
      : d.status === 'resolved'
        ? '物业已处理，如无其他问题可结束；也可以继续追问。'
        : d.actions.includes('rate')
          ? '请为本次处理评价，帮助我们做得更好。'
          : null;

  const toggle = (a: ComplaintAction) => setPanel(panel === a ? null : a);
  const onClick: Record<string, () => void> = {
    confirm: () => void confirmThen('confirm', '确认解决', '确认问题已经解决了吗？确认后可以评价本次处理。'),
    close: () => void confirmThen('close', '结束', `确认${COMPLAINT_KIND_LABELS[d.kind]}已处理完毕并结束吗？`),
  };
  const solid: ComplaintAction[] = ['confirm', 'rate', 'close'];

  return (
    <Section className="cd-actions e2e-complaint-actions">
      {hint && <Text className="rtp-hint">{hint}</Text>}
      <View className="rtp-buttons">
        {actions.map((a) => (
          <Button
            key={a}
            className={BUTTON_HOOK[a]}
            size="small"
            type={a === 'cancel' ? 'default' : 'primary'}
            fill={solid.includes(a) ? 'solid' : 'outline'}
            loading={busy === a}
            disabled={!!busy}
            onClick={onClick[a] ?? (() => toggle(a))}
          >
            {BUTTON_TEXT[a] ?? COMPLAINT_ACTION_LABELS[a]}
          </Button>
        ))}
      </View>
      {panel === 'follow_up' && actions.includes('follow_up') && (
        <FollowUpForm
          canAskWritten={!d.writtenReplyWanted}
          busy={busy === 'follow_up'}
          onSubmit={(body) => void run('follow_up', body)}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'reopen' && actions.includes('reopen') && (
        <ReasonForm
          hook="reopen"
          placeholder="请说明还有哪些问题没有解决"
          submitText="提交重开"
          busy={busy === 'reopen'}
          onSubmit={(reason) => void run('reopen', { reason })}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'cancel' && actions.includes('cancel') && (
        <ReasonForm
          hook="cancel"
          placeholder="请填写撤销原因，如：问题已解决"
          submitText="确认撤销"
          busy={busy === 'cancel'}
          onSubmit={(reason) => void run('cancel', { reason })}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'rate' && actions.includes('rate') && (
        <RateForm
          starClass="cp-star"
          placeholder="说说您对本次处理的评价（选填）"
          maxLength={500}
          busy={busy === 'rate'}
          onSubmit={(rating, comment) => void run('rate', comment ? { rating, comment } : { rating })}
          onClose={() => setPanel(null)}
        />
      )}
    </Section>
  );
}

const EXTRA_ROLE_LABELS: Record<string, string> = { system: '系统', resident: '我' };

function authorText(r: ComplaintReplyView): string {
  if (r.authorRole === 'resident') return '我';
  const role = EXTRA_ROLE_LABELS[r.authorRole] ?? ROLE_LABELS[r.authorRole as Role] ?? r.authorRole;
  return r.authorName ? `${r.authorName} · ${role}` : role || '物业';
}

/** The reply thread, oldest first: staff replies (书面答复 marked) and the resident's follow-ups. */
function Thread({ replies }: { replies: ComplaintReplyView[] }) {
  if (!replies.length) return <Text className="ll-muted">暂无答复，物业会尽快回复您</Text>;
  const sorted = [...replies].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime() || a.id - b.id);
  return (
    <View className="cd-thread e2e-complaint-thread">
      {sorted.map((r) => {
        const mine = r.authorRole === 'resident';
        return (
          <View key={r.id} className={`cd-reply e2e-reply-${r.id} ${mine ? 'is-mine e2e-reply-mine' : 'e2e-reply-staff'} ${r.written ? 'is-written' : ''}`}>
            <View className="cd-reply-head">
              <Text className="cd-reply-author">{authorText(r)}</Text>
              {r.written && (
                <Tag className="e2e-reply-written" background="#fff4e0" color="#d97706">
                  书面答复
                </Tag>
              )}
              <Text className="ll-muted cd-reply-time">{formatShanghai(r.at)}</Text>
            </View>
            <Text className="cd-reply-body">{r.body}</Text>
            {r.attachments.length > 0 && <PhotoGrid className="cd-reply-photos" photos={r.attachments} />}
          </View>
        );
      })}
    </View>
  );
}

export default function ComplaintDetailPage() {
  const { state, act } = useResidentTicketDetail<ComplaintDetail, ComplaintAction, Omit<ComplaintActionRequest, 'version'>>({
    base: '/api/complaints',
    notFound: '记录不存在',
    doneToast: DONE_TOAST,
    conflictText: '内容已更新，请重试',
  });
  const d = state.data;

  const clocks = d ? d.clocks.filter((c) => c.state !== 'cancelled') : [];

  // background refreshes keep the page on screen; only the first load shows the spinner / error
  return (
    <View className="ll-page page-complaint-detail">
      <PageState loading={state.loading && !d} error={d ? null : state.error} onRetry={state.reload}>
        {d && (
          <>
            <Section className={`cd-head e2e-complaint-${d.id}`}>
              <View className="ll-row">
                <Text className="rtp-title e2e-complaint-kind">{kindText(d)}</Text>
                <ComplaintStatusTag c={d} />
              </View>
              {ownerText(d) && <Text className="cd-owner e2e-complaint-owner">{ownerText(d)}</Text>}
              <View className="cp-tags cd-tags">
                {d.writtenReplyWanted && (
                  <Tag className="e2e-tag-written" background="#fff4e0" color="#d97706">
                    需书面答复
                  </Tag>
                )}
                {d.anonymous && (
                  <Tag className="e2e-tag-anonymous" background="#f0f1f3" color="#5c6370">
                    {d.kind === 'complaint' ? '不向被投诉人显示姓名' : '匿名'}
                  </Tag>
                )}
                {d.breached && (
                  <Tag className="e2e-breached" background="#e5484d" color="#ffffff">
                    已超时
                  </Tag>
                )}
              </View>
              {d.status === 'cancelled' && d.cancelReason && <Text className="rtp-note">撤销原因：{d.cancelReason}</Text>}
              <Text className="ll-muted rtp-no e2e-complaint-no">编号 {d.no}</Text>
            </Section>

            {clocks.length > 0 && (
              <Section title="办理时限" className="e2e-complaint-clocks">
                {clocks.map((c) => (
                  <View key={c.name} className={`cd-clock rtp-clock e2e-clock-${c.name}`}>
                    <Countdown clock={isFinished(d) && c.state === 'running' ? null : c} />
                    <Text className="ll-muted cd-clock-due">截止 {formatDue(c.dueAt)}</Text>
                  </View>
                ))}
              </Section>
            )}

            <Actions d={d} act={act} />

            <Section title="答复与沟通">
              <Thread replies={d.thread} />
            </Section>

            {d.measures && (
              <Section title="处理结果" className="e2e-complaint-measures">
                <Text className="rtp-comment">{d.measures}</Text>
                {d.resolvedAt && <Text className="ll-muted">办结时间 {formatShanghai(d.resolvedAt, 'YYYY-MM-DD HH:mm')}</Text>}
              </Section>
            )}

            {d.rating !== null && (
              <Section title="我的评价" className="e2e-complaint-rating">
                <Stars value={d.rating} size="small" starClass="cp-star" />
                {d.ratingComment && <Text className="rtp-comment">{d.ratingComment}</Text>}
              </Section>
            )}

            {d.returnVisit && (
              <Section title="回访" className="e2e-complaint-return-visit">
                <Text className="rtp-comment">
                  {d.returnVisit.satisfied ? '满意' : '不满意'}
                  {d.returnVisit.notes ? `：${d.returnVisit.notes}` : ''}
                </Text>
                <Text className="ll-muted">{formatShanghai(d.returnVisit.at, 'YYYY-MM-DD HH:mm')}</Text>
              </Section>
            )}

            <Section title={`${COMPLAINT_KIND_LABELS[d.kind]}内容`} className="e2e-complaint-info">
              <InfoRow label="内容" hook="text">
                {d.description}
              </InfoRow>
              <InfoRow label="涉及位置" hook="location">
                {locationText(d)}
              </InfoRow>
              <InfoRow label="提交时间">
                {formatShanghai(d.receivedAt, 'YYYY-MM-DD HH:mm')} · {TICKET_CHANNEL_LABELS[d.channel] ?? d.channel}
              </InfoRow>
              {d.resolutionDueDate && (
                <InfoRow label="承诺办结" hook="due">
                  {formatDueDate(d.resolutionDueDate)} 前
                </InfoRow>
              )}
              <View className="ll-gap" />
              <PhotoGrid photos={d.photos} emptyText="未上传照片" />
            </Section>

            <Section title="处理进度">
              <Timeline events={d.timeline} />
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
