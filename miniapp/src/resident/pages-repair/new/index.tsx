import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  EMERGENCY_LABELS,
  RESIDENT_PROMPTS,
  REPAIR_CATEGORIES,
  REPAIR_TIER_LABELS,
  normalizeMobile,
  type CreateRepairRequest,
  type Emergency,
  type PriceItemView,
  type RepairCategory,
  type RepairDetail,
} from '@linli/shared';
import { api } from '@common/api';
import { useSubscribePrompt } from '@common/notify/subscribe';
import { useAsync, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { useResidentPhotoUploads } from '@common/tickets/resident-photos';
import { PhotoGrid, formatCents, shanghaiInstant } from '@common/repairs';
import { DayPicker } from '../components/DayPicker';
import { repairDetailPage } from '../components/labels';
import { ResidentPlaceChooser, useResidentPlace } from '@common/tickets/ResidentPlaceChooser';
import { useResidentTicketSubmit } from '@common/tickets/useResidentTicketSubmit';
import '../components/repair-pages.css';
import './index.css';

const DEFAULT_WECHAT_NAME = '微信用户';
const MAX_PHOTOS = 9;
const MAX_DESCRIPTION = 500;
/** Preferred visit windows, local Asia/Shanghai hours [from, to). */
const SLOTS = [
  { key: 'morning', label: '上午', hint: '08:00–12:00', from: 8, to: 12 },
  { key: 'afternoon', label: '下午', hint: '12:00–18:00', from: 12, to: 18 },
  { key: 'evening', label: '晚上', hint: '18:00–21:00', from: 18, to: 21 },
] as const;
type SlotKey = (typeof SLOTS)[number]['key'];

/** The published price list (有偿服务), loaded when opened. */
function PriceList() {
  const [open, setOpen] = useState(false);
  const items = useAsync(() => api.get<PriceItemView[]>('/api/price-items', { silent: true }), [], { immediate: false });
  return (
    <Section
      title="收费标准"
      className="e2e-price-list"
      extra={
        <Text
          className="rn-link e2e-price-toggle"
          onClick={() => {
            if (!open && !items.data) void items.reload();
            setOpen(!open);
          }}
        >
          {open ? '收起' : '查看'}
        </Text>
      }
    >
      <Text className="ll-muted">原装设备缺陷免费维修；其他维修按公示价格收费，完工后在工单中列明。</Text>
      {open && (
        <PageState loading={items.loading} error={items.error} onRetry={items.reload} empty={!items.data?.some((p) => p.active)} emptyText="暂无收费项目">
          <View className="rn-prices">
            {items.data
              ?.filter((p) => p.active)
              .map((p) => (
                <View key={p.id} className="ll-row rn-price">
                  <Text>{p.name}</Text>
                  <Text className="rn-price-value">
                    {formatCents(p.priceCents)}/{p.unit}
                  </Text>
                </View>
              ))}
          </View>
        </PageState>
      )}
    </Section>
  );
}

function NoRoom() {
  return (
    <View className="ll-page page-repair-new">
      <Section>
        <Empty text="绑定房屋后即可在线报修">
          <Button className="e2e-go-bind" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-room/bind/index' })}>
            去绑定房屋
          </Button>
        </Empty>
      </Section>
    </View>
  );
}

export default function NewRepair() {
  const meState = useMe();
  const me = meState.data;
  const { rooms, isPublic, setIsPublic, roomId, communityId, chooser } = useResidentPlace(me);

  const [category, setCategory] = useState<RepairCategory | null>(null);
  const [emergency, setEmergency] = useState<Emergency | null>(null);
  const [description, setDescription] = useState('');
  const [publicLocation, setPublicLocation] = useState('');
  const [asap, setAsap] = useState(true);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<SlotKey | null>(null);
  const [contactName, setContactName] = useState<string | null>(null);
  // null: untouched, the authorised number is prefilled (editable)
  const [contactPhone, setContactPhone] = useState<string | null>(null);
  const { gridPhotos, uploading, addPhotos, removePhoto, uploadedIds } = useResidentPhotoUploads(MAX_PHOTOS);
  // the subscription prompt must come straight from the submit tap, before anything is awaited
  const promptSubscribe = useSubscribePrompt(RESIDENT_PROMPTS.repair);
  const { submitting, submit } = useResidentTicketSubmit<CreateRepairRequest, RepairDetail>({
    url: '/api/repairs',
    uploadedIds,
    doneToast: '报修已提交',
    detailPage: repairDetailPage,
  });
  const [now] = useState(() => new Date());

  if (meState.loading || meState.error || !me) {
    return (
      <View className="ll-page page-repair-new">
        <PageState loading={meState.loading} error={meState.error} onRetry={meState.reload} empty={!me} />
      </View>
    );
  }
  if (!rooms.length) return <NoRoom />;

  const name = contactName ?? (me.name && me.name !== DEFAULT_WECHAT_NAME ? me.name : '');
  const phone = contactPhone ?? me.phone ?? '';

  function fail(title: string) {
    void Taro.showToast({ title, icon: 'none' });
  }

  /** The first thing missing from the form, in zh-CN; null when it can be sent. */
  function problem(): string | null {
    if (!category) return '请选择报修类别';
    if (!description.trim()) return '请描述需要维修的问题';
    if (description.trim().length > MAX_DESCRIPTION) return `问题描述不能超过 ${MAX_DESCRIPTION} 字`;
    if (isPublic && !publicLocation.trim()) return '请填写公共区域的具体位置';
    if (!asap && (!day || !slot)) return '请选择期望上门的日期和时段';
    if (!name.trim()) return '请填写联系人';
    if (!normalizeMobile(phone)) return '请填写正确的联系电话';
    return null;
  }

  /** The request body (photos are added after their uploads); null (with a toast) when the form is incomplete. */
  function buildBody(): Omit<CreateRepairRequest, 'photoIds'> | null {
    const missing = problem();
    if (missing || !category) {
      fail(missing ?? '请选择报修类别');
      return null;
    }
    const body: Omit<CreateRepairRequest, 'photoIds'> = {
      category,
      emergency,
      description: description.trim(),
      contactName: name.trim(),
      contactPhone: normalizeMobile(phone)!,
    };
    if (isPublic) {
      body.communityId = communityId;
      body.publicLocation = publicLocation.trim();
    } else {
      body.roomId = roomId;
    }
    if (!asap && day && slot) {
      const s = SLOTS.find((x) => x.key === slot)!;
      body.preferredFrom = shanghaiInstant(day, s.from);
      body.preferredTo = shanghaiInstant(day, s.to);
    }
    return body;
  }

  return (
    <View className="ll-page page-repair-new">
      <Section title="报修类别">
        <View className="rtf-tiles">
          {REPAIR_CATEGORIES.map((c) => (
            <View
              key={c.key}
              className={`rtf-tile rn-category e2e-category-${c.key} ${category === c.key ? 'is-active' : ''}`}
              onClick={() => {
                setCategory(c.key);
                if (c.key === 'public_area') setIsPublic(true);
              }}
            >
              {c.label}
            </View>
          ))}
        </View>
        {category && (
          // the level shown follows the resident's own choice below: 特急 for an emergency, else the desk decides
          <Text className="ll-muted rp-hint e2e-suggested-tier">
            {emergency ? `处理等级：${REPAIR_TIER_LABELS.critical}（紧急情况）` : '处理等级：客服受理时按问题确定'}
          </Text>
        )}
      </Section>

      <Section title="是否紧急">
        <View className="ll-chips">
          <View className={`ll-chip e2e-emergency-none ${emergency ? '' : 'is-active'}`} onClick={() => setEmergency(null)}>
            不紧急
          </View>
          {(Object.keys(EMERGENCY_LABELS) as Emergency[]).map((e) => (
            <View key={e} className={`ll-chip rp-chip-danger e2e-emergency-${e} ${emergency === e ? 'is-active' : ''}`} onClick={() => setEmergency(e)}>
              {EMERGENCY_LABELS[e]}
            </View>
          ))}
        </View>
        {emergency && (
          <Text className="rp-emergency-note e2e-emergency-note">
            紧急情况将立即派单处理，处理等级：{REPAIR_TIER_LABELS.critical}。{emergency === 'fire' ? '如有明火或人员被困，请立即拨打 119。' : ''}
            {emergency === 'elevator_entrapment' ? '请保持冷静，按下电梯内警铃，不要强行扒门。' : ''}
          </Text>
        )}
      </Section>

      <Section title="问题描述">
        <TextArea
          className="ll-textarea rn-description e2e-repair-description"
          placeholder="请描述问题，如：厨房水龙头持续滴水"
          value={description}
          onChange={setDescription}
          maxLength={MAX_DESCRIPTION}
          showCount
        />
        <View className="ll-gap" />
        <Text className="ll-label">照片（选填，最多 {MAX_PHOTOS} 张）</Text>
        <PhotoGrid photos={gridPhotos} onAdd={() => void addPhotos()} onRemove={removePhoto} max={MAX_PHOTOS} addClassName="e2e-repair-photo-add" />
      </Section>

      <Section title="报修位置">
        <ResidentPlaceChooser
          hook="location"
          {...chooser}
          publicLabel="公共区域"
          inputClass="e2e-public-location"
          placeholder="具体位置，如：3 栋 1 单元电梯厅"
          place={publicLocation}
          onPlace={setPublicLocation}
        />
      </Section>

      <Section title="期望上门时间">
        <View className="ll-chips">
          <View className={`ll-chip e2e-time-asap ${asap ? 'is-active' : ''}`} onClick={() => setAsap(true)}>
            尽快
          </View>
          <View className={`ll-chip e2e-time-pick ${asap ? '' : 'is-active'}`} onClick={() => setAsap(false)}>
            指定时间
          </View>
        </View>
        {!asap && (
          <View>
            <Text className="ll-label">日期</Text>
            <DayPicker
              value={day}
              now={now}
              hook="preferred"
              onChange={(d) => {
                setDay(d);
                setSlot(null);
              }}
            />
            <Text className="ll-label">时段</Text>
            <View className="ll-chips">
              {SLOTS.map((s) => {
                // a slot already over today can't be chosen
                const past = !!day && new Date(shanghaiInstant(day, s.to)).getTime() <= Date.now();
                return (
                  <View
                    key={s.key}
                    className={`ll-chip e2e-slot-${s.key} ${slot === s.key ? 'is-active' : ''} ${past ? 'is-disabled' : ''}`}
                    onClick={() => (past ? fail('该时段已过，请选择其他时段') : setSlot(s.key))}
                  >
                    {s.label} {s.hint}
                  </View>
                );
              })}
            </View>
          </View>
        )}
      </Section>

      <Section title="联系方式">
        <Text className="ll-label">联系人</Text>
        <Input className="ll-input e2e-contact-name" placeholder="请输入联系人姓名" value={name} onChange={setContactName} maxLength={32} />
        <View className="ll-gap" />
        <Text className="ll-label">联系电话</Text>
        <Input
          className="ll-input e2e-contact-phone"
          type="tel"
          placeholder="维修人员将通过此号码联系您"
          value={phone}
          onChange={setContactPhone}
          maxLength={13}
        />
        {me.phone && phone === me.phone && <Text className="ll-muted rp-hint e2e-contact-phone-prefilled">已填入您授权的手机号，可修改</Text>}
      </Section>

      <PriceList />

      <Button
        className="e2e-repair-submit"
        block
        type="primary"
        loading={submitting}
        disabled={submitting}
        onClick={() => void submit(buildBody, promptSubscribe)}
      >
        {uploading && submitting ? '照片上传中…' : '提交报修'}
      </Button>
      <View className="ll-gap" />
    </View>
  );
}
