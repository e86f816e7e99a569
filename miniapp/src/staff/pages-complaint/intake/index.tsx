import { useEffect, useState } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import {
  BACKFILL_MAX_DAYS_DEFAULT,
  categoriesOfKind,
  categoryRequired,
  COMPLAINT_KINDS,
  KIND_WORDING,
  COMPLAINT_KIND_LABELS,
  normalizeMobile,
  suggestComplaintClass,
  type ComplaintCategory,
  type ComplaintClass,
  type ComplaintKind,
  type Me,
} from '@linli/shared';
import { ApiError } from '@common/api';
import { Section } from '@common/components';
import { formatShanghai, shanghaiDay, shanghaiInstant } from '@common/repairs';
import { IntakeChannels, IntakeContact, IntakePlace, StaffIntakeFrame, useIntakeCaller, useIntakeSubmit } from '@common/tickets/StaffIntakeParts';
import { intakeComplaint } from '../api';
import type { StaffIntakeChannel, StaffIntakeComplaintRequest } from '@linli/shared';
import { CHANNEL_TEXT, openDetail, toast } from '../util';
import { ClassChoice, OwnerChoice } from '../components/ClassPicker';
import '@common/tickets/staff-ticket.css';
import '../components/complaint.css';

const CHANNELS: StaffIntakeChannel[] = ['hotline', 'front_desk', 'visit', 'suggestion_box', 'email'];
const PHONE_RE = /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;

function IntakeForm({ me }: { me: Me }) {
  const [channel, setChannel] = useState<StaffIntakeChannel>('hotline');
  const caller = useIntakeCaller(me);
  const { where, room, communityId, contactName, contactPhone } = caller;
  const [place, setPlace] = useState('');
  const [kind, setKind] = useState<ComplaintKind>('complaint');
  const [category, setCategory] = useState<ComplaintCategory | undefined>(undefined);
  const [text, setText] = useState('');
  const [written, setWritten] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [backfill, setBackfill] = useState(false);
  const now = new Date();
  const [recvDate, setRecvDate] = useState(shanghaiDay(now));
  const [recvTime, setRecvTime] = useState(formatShanghai(now, 'HH:mm'));
  const [recvError, setRecvError] = useState<string | null>(null);
  const [classNow, setClassNow] = useState(false);
  const [cls, setCls] = useState<ComplaintClass | undefined>(undefined);
  const [ownerId, setOwnerId] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');
  const { busy, submit: send } = useIntakeSubmit(intakeComplaint);

  const suggested = category ? suggestComplaintClass(category) : undefined;
  const effectiveCommunity = where === 'room' ? room?.communityId : communityId;
  const categoryNeeded = categoryRequired(kind);
  const categories = categoriesOfKind(kind);

  // the category's suggestion preselects the class
  useEffect(() => {
    if (suggested) setCls(suggested);
    setOwnerId(undefined);
  }, [suggested]);

  function receivedAtIso(): string | null {
    const [h, m] = recvTime.split(':').map(Number);
    return shanghaiInstant(recvDate, h, m);
  }

  function validate(): string | null {
    if (where === 'room' && !room) return '请查找并选择房屋';
    if (where === 'public' && !communityId) return '请选择小区';
    if (categoryNeeded && !category) return '请选择类别';
    if (!text.trim()) return '请填写内容';
    if (contactPhone.trim() && !PHONE_RE.test(contactPhone.trim())) return '请填写正确的联系电话';
    if (backfill) {
      const iso = receivedAtIso();
      if (!iso || new Date(iso).getTime() > Date.now()) return '受理时间不能晚于现在';
    }
    if (kind === 'complaint' && classNow) {
      if (!cls) return '请选择投诉类别';
      if (cls !== suggested && !reason.trim()) return '与建议类别不同，请填写原因';
    }
    return null;
  }

  async function submit() {
    setRecvError(null);
    const problem = validate();
    if (problem) {
      if (problem.startsWith('受理时间')) setRecvError(problem);
      toast(problem);
      return;
    }
    const body: StaffIntakeComplaintRequest = {
      channel,
      kind,
      text: text.trim(),
      communityId: effectiveCommunity!,
      writtenReplyWanted: written,
      anonymous,
    };
    if (category) body.category = category;
    if (where === 'room') body.roomId = room!.id;
    else if (place.trim()) body.place = place.trim();
    if (contactName.trim()) body.contactName = contactName.trim();
    if (contactPhone.trim()) body.contactPhone = normalizeMobile(contactPhone) ?? contactPhone.trim();
    if (backfill) body.receivedAt = receivedAtIso()!;
    if (kind === 'complaint' && classNow && cls) {
      body.complaintClass = cls;
      if (ownerId) body.ownerId = ownerId;
      if (reason.trim()) body.reason = reason.trim();
    }
    await send(
      body,
      (created) => {
        toast('已登记', 'success');
        openDetail(created.id, true);
      },
      (e) => {
        if (e instanceof ApiError && /受理时间/.test(e.message)) setRecvError(e.message);
      },
    );
  }

  const today = shanghaiDay(new Date());

  return (
    <>
      <IntakeChannels title="来源渠道" channels={CHANNELS} labels={CHANNEL_TEXT} value={channel} onChange={setChannel} />

      <IntakePlace
        me={me}
        caller={caller}
        title="涉及"
        publicLabel="小区公共事项"
        lookupEmptyText="没有找到房屋，可换个关键词或选「小区公共事项」"
        noCommunityText="您未分配小区，无法登记"
      >
        <Input className="ll-input e2e-place" placeholder="具体位置或事项（选填），如 北门、3栋电梯" value={place} onChange={setPlace} maxLength={100} />
      </IntakePlace>

      <Section title="内容">
        <Text className="ll-label">类型</Text>
        <View className="ll-chips">
          {COMPLAINT_KINDS.map((k) => (
            <View
              key={k}
              className={`ll-chip ${kind === k ? 'is-active' : ''} e2e-kind-${k}`}
              onClick={() => {
                setKind(k);
                // each kind has its own topics
                if (!categoriesOfKind(k).some((c) => c.key === category)) setCategory(undefined);
              }}
            >
              {COMPLAINT_KIND_LABELS[k]}
            </View>
          ))}
        </View>
        <Text className="ll-label">类别{categoryNeeded ? '' : '（选填）'}</Text>
        <View className="ll-chips">
          {categories.map((c) => (
            <View
              key={c.key}
              className={`ll-chip ${category === c.key ? 'is-active' : ''} e2e-category-${c.key}`}
              onClick={() => setCategory(category === c.key && !categoryNeeded ? undefined : c.key)}
            >
              {c.label}
            </View>
          ))}
        </View>
        {category && <Text className="ll-muted">{categories.find((c) => c.key === category)?.hint}</Text>}
        <TextArea className="ll-textarea e2e-text" placeholder="住户原话、事情经过" value={text} onChange={setText} maxLength={1000} showCount />
      </Section>

      <IntakeContact title="联系人（选填）" caller={caller} nameMaxLength={50} />

      <Section>
        <View className="ll-row ll-field">
          <Text>需要书面答复（3 个工作日内）</Text>
          <Switch className="e2e-written" checked={written} onChange={setWritten} />
        </View>
        <View className="ll-row">
          <Text className="e2e-anonymous-label">
            {kind === 'complaint' ? `匿名（${KIND_WORDING.complaint.anonymousLabel}）` : KIND_WORDING[kind].anonymousLabel}
          </Text>
          <Switch className="e2e-anonymous" checked={anonymous} onChange={setAnonymous} />
        </View>
        {anonymous && <Text className="ll-muted">{KIND_WORDING[kind].anonymousHint}</Text>}
      </Section>

      <Section title="补录纸质记录" extra={<Switch className="e2e-backfill" checked={backfill} onChange={setBackfill} />}>
        {backfill ? (
          <>
            <Text className="ll-label">实际受理时间</Text>
            <View className="cp-when">
              <Picker
                mode="date"
                value={recvDate}
                start={shanghaiDay(new Date(), -BACKFILL_MAX_DAYS_DEFAULT)}
                end={today}
                onChange={(e) => setRecvDate(String(e.detail.value))}
              >
                <View className="cp-picker e2e-received-date">{recvDate}</View>
              </Picker>
              <Picker mode="time" value={recvTime} onChange={(e) => setRecvTime(String(e.detail.value))}>
                <View className="cp-picker e2e-received-time">{recvTime}</View>
              </Picker>
            </View>
            {recvError && <Text className="cp-error-list e2e-received-error">{recvError}</Text>}
            <Text className="ll-muted">时限从实际受理时间起算，补录的工单可能已超时</Text>
          </>
        ) : (
          <Text className="ll-muted">意见箱、纸质登记本等事后录入时打开，填写住户实际提交的时间</Text>
        )}
      </Section>

      {kind === 'complaint' && (
        <Section title="立即分类" extra={<Switch className="e2e-classify-now" checked={classNow} onChange={setClassNow} />}>
          {classNow ? (
            <>
              <ClassChoice
                value={cls}
                suggested={suggested}
                onChange={(c) => {
                  setCls(c);
                  setOwnerId(undefined);
                }}
              />
              {cls && cls !== 1 && effectiveCommunity && (
                <View className="ll-field">
                  <Text className="ll-label">负责人</Text>
                  <OwnerChoice communityId={effectiveCommunity} cls={cls} value={ownerId} onChange={setOwnerId} />
                </View>
              )}
              {cls && suggested && cls !== suggested && (
                <TextArea
                  className="ll-textarea e2e-action-reason"
                  placeholder="与推荐类别不同的原因"
                  value={reason}
                  onChange={setReason}
                  maxLength={200}
                  showCount
                />
              )}
            </>
          ) : (
            <Text className="ll-muted">不分类则进入一类·待分类收件箱，由客服确认分类</Text>
          )}
        </Section>
      )}

      <Button className="e2e-intake-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        登记
      </Button>
      <View className="ll-gap" />
    </>
  );
}

export default function ComplaintIntake() {
  return (
    <StaffIntakeFrame className="page-complaint-intake" noAccessText="只有客服人员可以登记投诉建议">
      {(me) => <IntakeForm me={me} />}
    </StaffIntakeFrame>
  );
}
