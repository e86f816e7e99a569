import { useState } from 'react';
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
  type StaffIntakeRepairRequest,
} from '@linli/shared';
import { Section } from '@common/components';
import { IntakeChannels, IntakeContact, IntakePlace, StaffIntakeFrame, useIntakeCaller, useIntakeSubmit } from '@common/tickets/StaffIntakeParts';
import { intakeRepair } from '../api';
import { openDetail, toast } from '../util';

type IntakeChannel = Exclude<Channel, 'miniapp'>;
const CHANNELS: IntakeChannel[] = ['hotline', 'front_desk', 'visit'];
const EMERGENCIES = Object.keys(EMERGENCY_LABELS) as Emergency[];
const TIERS = Object.keys(REPAIR_TIER_LABELS) as RepairTier[];
/** a landline or a mobile, as a caller would give it */
const PHONE_RE = /^[\d+\-\s]{7,20}$/;

function IntakeForm({ me }: { me: Me }) {
  const [channel, setChannel] = useState<IntakeChannel>('hotline');
  const caller = useIntakeCaller(me);
  const { where, room, communityId, contactName, contactPhone } = caller;
  const [publicLocation, setPublicLocation] = useState('');
  const [category, setCategory] = useState<RepairCategory | undefined>(undefined);
  const [emergency, setEmergency] = useState<Emergency | null>(null);
  const [description, setDescription] = useState('');
  const [acceptNow, setAcceptNow] = useState(true);
  const [pickedTier, setPickedTier] = useState<RepairTier | null>(null);
  const { busy, submit: send } = useIntakeSubmit(intakeRepair);

  const suggested = category ? suggestTier(category, emergency) : emergency ? 'critical' : undefined;
  // emergencies are always 特急; otherwise the agent may override the suggestion
  const tier: RepairTier | undefined = emergency ? 'critical' : (pickedTier ?? suggested);

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
    await send(body, (created) => {
      toast(acceptNow ? '已登记并受理' : '已登记', 'success');
      openDetail(created.id, true);
    });
  }

  return (
    <>
      <IntakeChannels title="来电渠道" channels={CHANNELS} labels={CHANNEL_LABELS} value={channel} onChange={setChannel} />

      <IntakePlace
        me={me}
        caller={caller}
        title="报修位置"
        publicLabel="公共区域"
        lookupEmptyText="没有找到房屋，可换个关键词或选「公共区域」"
        noCommunityText="您未分配小区，无法登记公共区域报修"
        autoFocus
      >
        <Input
          className="ll-input e2e-public-location"
          placeholder="具体位置，如 3栋大堂、地下车库 B2"
          value={publicLocation}
          onChange={setPublicLocation}
          maxLength={100}
        />
      </IntakePlace>

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

      <IntakeContact title="联系人" caller={caller} nameMaxLength={30} />

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
  return (
    <StaffIntakeFrame className="page-repair-intake" noAccessText="只有客服人员可以登记报修">
      {(me) => <IntakeForm me={me} />}
    </StaffIntakeFrame>
  );
}
