import { useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import {
  CHANNEL_LABELS,
  EMERGENCY_LABELS,
  REPAIR_CATEGORIES,
  REPAIR_TIER_LABELS,
  normalizeMobile,
  suggestTier,
  type Channel,
  type Emergency,
  type Me,
  type RepairCategory,
  type RepairTier,
  type RoomStaffView,
  type StaffIntakeRepairRequest,
} from '@linli/shared';
import { newIdempotencyKey, showError } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { intakeRepair, searchRooms } from '../api';
import { isDesk, openDetail, toast } from '../util';
import '@common/tickets/staff-ticket.css';

type IntakeChannel = Exclude<Channel, 'miniapp'>;
const CHANNELS: IntakeChannel[] = ['hotline', 'front_desk', 'visit'];
const EMERGENCIES = Object.keys(EMERGENCY_LABELS) as Emergency[];
const TIERS = Object.keys(REPAIR_TIER_LABELS) as RepairTier[];
/** a landline or a mobile, as a caller would give it */
const PHONE_RE = /^[\d+\-\s]{7,20}$/;

function RoomLookup(props: { me: Me; picked: RoomStaffView | null; onPick: (room: RoomStaffView | null, q: string) => void }) {
  const { me, picked, onPick } = props;
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const rooms = useAsync<RoomStaffView[]>(() => (q ? searchRooms(q) : Promise.resolve([])), [q]);

  // search as the agent types (300 ms after the last key), from 2 characters
  useEffect(() => {
    const next = input.trim();
    const t = setTimeout(() => setQ(next.length >= 2 ? next : ''), 300);
    return () => clearTimeout(t);
  }, [input]);

  const communityName = (id: number) => me.communities.find((c) => c.id === id)?.name ?? '';

  if (picked) {
    return (
      <View className="ik-picked e2e-room-picked">
        <View className="ik-picked-main">
          <Text className="ik-room-label">
            {communityName(picked.communityId)} {picked.label}
          </Text>
          <Text className="ll-muted">
            业主：{picked.ownerName ?? '未登记'} {picked.ownerPhoneMasked ?? ''}
          </Text>
        </View>
        <Button className="e2e-room-change" size="small" fill="outline" onClick={() => onPick(null, '')}>
          更换
        </Button>
      </View>
    );
  }

  return (
    <View className="ik-lookup">
      <Input
        className="ll-input e2e-room-q"
        placeholder="输入房号（如 1201）或业主手机号"
        value={input}
        onChange={setInput}
        autoFocus
        clearable
        onClear={() => setInput('')}
        confirmType="search"
        onConfirm={() => setQ(input.trim())}
      />
      {q ? (
        <PageState
          loading={rooms.loading}
          error={rooms.error}
          onRetry={rooms.reload}
          empty={!rooms.data?.length}
          emptyText="没有找到房屋，可换个关键词或选「公共区域」"
        >
          <View className="ik-results">
            {rooms.data?.map((r) => (
              <View key={r.id} className={`ik-result e2e-room-${r.id}`} onClick={() => onPick(r, q)}>
                <Text className="ik-room-label">
                  {communityName(r.communityId)} {r.label}
                </Text>
                <Text className="ll-muted">
                  {r.ownerName ?? '未登记业主'} {r.ownerPhoneMasked ?? ''}
                </Text>
              </View>
            ))}
          </View>
        </PageState>
      ) : (
        <Text className="ll-muted ik-hint">输入 2 个字符以上开始查找；手机号需完整 11 位</Text>
      )}
    </View>
  );
}

function IntakeForm({ me }: { me: Me }) {
  const [channel, setChannel] = useState<IntakeChannel>('hotline');
  const [where, setWhere] = useState<'room' | 'public'>('room');
  const [room, setRoom] = useState<RoomStaffView | null>(null);
  const [communityId, setCommunityId] = useState<number | undefined>(me.communities.length === 1 ? me.communities[0].id : undefined);
  const [publicLocation, setPublicLocation] = useState('');
  const [category, setCategory] = useState<RepairCategory | undefined>(undefined);
  const [emergency, setEmergency] = useState<Emergency | null>(null);
  const [description, setDescription] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [acceptNow, setAcceptNow] = useState(true);
  const [pickedTier, setPickedTier] = useState<RepairTier | null>(null);
  const [busy, setBusy] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  const suggested = category ? suggestTier(category, emergency) : emergency ? 'critical' : undefined;
  // emergencies are always 特急; otherwise the agent may override the suggestion
  const tier: RepairTier | undefined = emergency ? 'critical' : (pickedTier ?? suggested);

  function pickRoom(r: RoomStaffView | null, q: string) {
    setRoom(r);
    if (!r) return;
    const phone = normalizeMobile(q);
    if (phone && !contactPhone) setContactPhone(phone);
    if (r.ownerName && !contactName) setContactName(r.ownerName);
  }

  function validate(): string | null {
    if (where === 'room' && !room) return '请查找并选择报修房屋';
    if (where === 'public' && !communityId) return '请选择小区';
    if (where === 'public' && !publicLocation.trim()) return '请填写公共区域的具体位置';
    if (!category) return '请选择报修类别';
    if (!description.trim()) return '请填写问题描述';
    if (!contactName.trim()) return '请填写联系人';
    if (!PHONE_RE.test(contactPhone.trim())) return '请填写正确的联系电话';
    if (acceptNow && !tier) return '请选择处理等级';
    return null;
  }

  async function submit() {
    const problem = validate();
    if (problem) {
      toast(problem);
      return;
    }
    const body: StaffIntakeRepairRequest = {
      channel,
      category: category!,
      description: description.trim(),
      contactName: contactName.trim(),
      contactPhone: normalizeMobile(contactPhone) ?? contactPhone.trim(),
      communityId: where === 'room' ? room!.communityId : communityId!,
    };
    if (emergency) body.emergency = emergency;
    if (where === 'room') body.roomId = room!.id;
    else body.publicLocation = publicLocation.trim();
    if (acceptNow && tier) body.tier = tier;
    setBusy(true);
    try {
      const created = await intakeRepair(body, idemKey.current);
      toast(acceptNow ? '已登记并受理' : '已登记', 'success');
      idemKey.current = newIdempotencyKey();
      openDetail(created.id, true);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Section title="来电渠道">
        <View className="ll-chips">
          {CHANNELS.map((c) => (
            <View key={c} className={`ll-chip ${channel === c ? 'is-active' : ''} e2e-channel-${c}`} onClick={() => setChannel(c)}>
              {CHANNEL_LABELS[c]}
            </View>
          ))}
        </View>
      </Section>

      <Section
        title="报修位置"
        extra={
          <View className="ik-where">
            <Text className={`ik-where-item ${where === 'room' ? 'is-active' : ''} e2e-where-room`} onClick={() => setWhere('room')}>
              房屋
            </Text>
            <Text className={`ik-where-item ${where === 'public' ? 'is-active' : ''} e2e-where-public`} onClick={() => setWhere('public')}>
              公共区域
            </Text>
          </View>
        }
      >
        {where === 'room' ? (
          <RoomLookup me={me} picked={room} onPick={pickRoom} />
        ) : (
          <>
            {me.communities.length === 0 ? (
              <Text className="ll-muted">您未分配小区，无法登记公共区域报修</Text>
            ) : (
              <View className="ll-chips">
                {me.communities.map((c) => (
                  <View key={c.id} className={`ll-chip ${communityId === c.id ? 'is-active' : ''} e2e-community-${c.id}`} onClick={() => setCommunityId(c.id)}>
                    {c.name}
                  </View>
                ))}
              </View>
            )}
            <Input
              className="ll-input e2e-public-location"
              placeholder="具体位置，如 3栋大堂、地下车库 B2"
              value={publicLocation}
              onChange={setPublicLocation}
              maxLength={100}
            />
          </>
        )}
      </Section>

      <Section title="报修内容">
        <Text className="ll-label">类别</Text>
        <View className="ll-chips">
          {REPAIR_CATEGORIES.map((c) => (
            <View key={c.key} className={`ll-chip ${category === c.key ? 'is-active' : ''} e2e-category-${c.key}`} onClick={() => setCategory(c.key)}>
              {c.label}
            </View>
          ))}
        </View>
        <Text className="ll-label">紧急情况（启动应急预案）</Text>
        <View className="ll-chips">
          <View className={`ll-chip ${emergency === null ? 'is-active' : ''} e2e-emergency-none`} onClick={() => setEmergency(null)}>
            无
          </View>
          {EMERGENCIES.map((e) => (
            <View key={e} className={`ll-chip ik-emergency ${emergency === e ? 'is-active' : ''} e2e-emergency-${e}`} onClick={() => setEmergency(e)}>
              {EMERGENCY_LABELS[e]}
            </View>
          ))}
        </View>
        <TextArea
          className="ll-textarea e2e-description"
          placeholder="问题描述（住户原话、现场情况）"
          value={description}
          onChange={setDescription}
          maxLength={500}
          showCount
        />
      </Section>

      <Section title="联系人">
        <View className="ll-field">
          <Input className="ll-input e2e-contact-name" placeholder="联系人姓名" value={contactName} onChange={setContactName} maxLength={30} />
        </View>
        <Input className="ll-input e2e-contact-phone" type="number" placeholder="联系电话" value={contactPhone} onChange={setContactPhone} maxLength={20} />
      </Section>

      <Section title="立即受理" extra={<Switch className="e2e-accept-now" checked={acceptNow} onChange={setAcceptNow} />}>
        {acceptNow ? (
          <>
            <View className="ll-chips">
              {TIERS.map((t) => (
                <View
                  key={t}
                  className={`ll-chip rp-tier-chip is-${t} ${tier === t ? 'is-active' : ''} ${emergency && t !== 'critical' ? 'is-disabled' : ''} e2e-tier-${t}`}
                  onClick={() => !emergency && setPickedTier(t)}
                >
                  {REPAIR_TIER_LABELS[t]}
                </View>
              ))}
            </View>
            <Text className="ll-muted">
              {emergency ? '紧急情况一律按特急处理' : suggested ? `按类别建议：${REPAIR_TIER_LABELS[suggested]}` : '选择类别后给出建议等级'}
            </Text>
          </>
        ) : (
          <Text className="ll-muted">{emergency ? '紧急情况将由系统自动按特急受理' : '仅登记，稍后在工单中受理并定级'}</Text>
        )}
      </Section>

      <Button className="e2e-intake-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        {acceptNow ? '登记并受理' : '登记'}
      </Button>
      <View className="ll-gap" />
    </>
  );
}

export default function RepairIntake() {
  const { data: me, loading, error, reload } = useMe();
  return (
    <View className="ll-page page-repair-intake ik-page">
      <PageState loading={loading} error={error} onRetry={reload}>
        {me &&
          (isDesk(me.roles) ? (
            <IntakeForm me={me} />
          ) : (
            <Section>
              <Text className="ll-muted e2e-no-access">只有客服人员可以登记报修</Text>
            </Section>
          ))}
      </PageState>
    </View>
  );
}
