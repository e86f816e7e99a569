import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Switch, TextArea } from '@nutui/nutui-react-taro';
import {
  categoriesOfKind,
  RESIDENT_PROMPTS,
  COMPLAINT_KIND_LABELS,
  FIRST_REPLY_MINUTES,
  WRITTEN_REPLY_WORKING_DAYS,
  type ComplaintCategory,
  type ComplaintDetail,
  type ComplaintKind,
  type CreateComplaintRequest,
} from '@linli/shared';
import { useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { useResidentPhotoUploads } from '@common/tickets/resident-photos';
import { PhotoGrid } from '@common/repairs';
import { KINDS, complaintDetailPage, needsCategory } from '../components/labels';
import { ResidentPlaceChooser, useResidentPlace } from '@common/tickets/ResidentPlaceChooser';
import { useResidentTicketSubmit } from '@common/tickets/useResidentTicketSubmit';
import { useSubscribePrompt } from '@common/notify/subscribe';
import '../components/complaint-pages.css';
import './index.css';

const MAX_PHOTOS = 9;
/** topics that are usually about the community rather than one's own room: picking one switches to 小区公共事务 */
const PUBLIC_TOPICS: readonly ComplaintCategory[] = [
  'cleaning_greening',
  'security_order',
  'parking',
  'supporting_facilities',
  'outside_environment',
  'municipal_facilities',
  'public_area',
  'community_life',
];
const MAX_TEXT = 1000;
const FIRST_REPLY_TEXT = FIRST_REPLY_MINUTES % 60 === 0 ? `${FIRST_REPLY_MINUTES / 60} 小时` : `${FIRST_REPLY_MINUTES} 分钟`;

function NoRoom() {
  return (
    <View className="ll-page page-complaint-new">
      <Section>
        <Empty text="绑定房屋后即可在线提交投诉建议">
          <Button className="e2e-go-bind" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: '/pages-room/bind/index' })}>
            去绑定房屋
          </Button>
        </Empty>
      </Section>
    </View>
  );
}

export default function NewComplaint() {
  const meState = useMe();
  const me = meState.data;
  const { rooms, isPublic, setIsPublic, roomId, communityId, chooser } = useResidentPlace(me);

  const [kind, setKind] = useState<ComplaintKind>('complaint');
  const [category, setCategory] = useState<ComplaintCategory | null>(null);
  const [text, setText] = useState('');
  const [place, setPlace] = useState('');
  const [written, setWritten] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const { gridPhotos, uploading, addPhotos, removePhoto, uploadedIds } = useResidentPhotoUploads(MAX_PHOTOS);
  const promptSubscribe = useSubscribePrompt(RESIDENT_PROMPTS.complaint);
  const { submitting, submit } = useResidentTicketSubmit<CreateComplaintRequest, ComplaintDetail>({
    url: '/api/complaints',
    uploadedIds,
    doneToast: '已提交',
    detailPage: complaintDetailPage,
  });

  if (meState.loading || meState.error || !me) {
    return (
      <View className="ll-page page-complaint-new">
        <PageState loading={meState.loading} error={meState.error} onRetry={meState.reload} empty={!me} />
      </View>
    );
  }
  if (!rooms.length) return <NoRoom />;

  const kindInfo = KINDS.find((k) => k.kind === kind) ?? KINDS[0];
  const categories = categoriesOfKind(kind);
  const categoryInfo = categories.find((c) => c.key === category);

  function fail(title: string) {
    void Taro.showToast({ title, icon: 'none' });
  }

  /** The first thing missing from the form, in zh-CN; null when it can be sent. */
  function problem(): string | null {
    if (needsCategory(kind) && !category) return `请选择${COMPLAINT_KIND_LABELS[kind]}类别`;
    if (!text.trim()) return `请填写${COMPLAINT_KIND_LABELS[kind]}内容`;
    if (text.trim().length > MAX_TEXT) return `内容不能超过 ${MAX_TEXT} 字`;
    return null;
  }

  /** The request body (photos are added after their uploads); null (with a toast) when the form is incomplete. */
  function buildBody(): Omit<CreateComplaintRequest, 'photoIds'> | null {
    const missing = problem();
    if (missing) {
      fail(missing);
      return null;
    }
    const body: Omit<CreateComplaintRequest, 'photoIds'> = { kind, text: text.trim(), writtenReplyWanted: written, anonymous };
    if (category && (needsCategory(kind) || category !== 'other')) body.category = category;
    if (isPublic) {
      body.communityId = communityId;
      if (place.trim()) body.place = place.trim();
    } else {
      body.roomId = roomId;
    }
    return body;
  }

  return (
    <View className="ll-page page-complaint-new">
      <Section title="类型">
        <View className="rtf-tiles">
          {KINDS.map((k) => (
            <View
              key={k.kind}
              className={`rtf-tile cn-kind e2e-complaint-kind-${k.kind} ${kind === k.kind ? 'is-active' : ''}`}
              onClick={() => {
                setKind(k.kind);
                // each kind has its own topics: a complaint's 收费争议 is no suggestion's
                if (!categoriesOfKind(k.kind).some((c) => c.key === category)) setCategory(null);
              }}
            >
              <Text className="cn-kind-label">{COMPLAINT_KIND_LABELS[k.kind]}</Text>
              <Text className="cn-kind-hint">{k.hint}</Text>
            </View>
          ))}
        </View>
        <Text className="cp-hint">提交即受理，{FIRST_REPLY_TEXT}内首次答复；办理进度可在「我的投诉建议」中查看。</Text>
      </Section>

      <Section title={`${COMPLAINT_KIND_LABELS[kind]}类别${needsCategory(kind) ? '' : '（选填）'}`} className={`e2e-complaint-categories-${kind}`}>
        <View className="rtf-tiles">
          {categories.map((c) => (
            <View
              key={c.key}
              className={`rtf-tile cn-category e2e-complaint-category-${c.key} ${category === c.key ? 'is-active' : ''}`}
              onClick={() => {
                setCategory(category === c.key && !needsCategory(kind) ? null : c.key);
                // common matters are usually about the community, not one's own room
                if (PUBLIC_TOPICS.includes(c.key)) setIsPublic(true);
              }}
            >
              {c.label}
            </View>
          ))}
        </View>
        {categoryInfo && <Text className="cp-hint e2e-complaint-category-hint">{categoryInfo.hint}</Text>}
      </Section>

      <Section title={`${COMPLAINT_KIND_LABELS[kind]}内容`}>
        <TextArea
          className="ll-textarea cn-text e2e-complaint-text"
          placeholder={kindInfo.placeholder}
          value={text}
          onChange={setText}
          maxLength={MAX_TEXT}
          showCount
        />
        <View className="ll-gap" />
        <Text className="ll-label">照片（选填，最多 {MAX_PHOTOS} 张）</Text>
        <PhotoGrid photos={gridPhotos} onAdd={() => void addPhotos()} onRemove={removePhoto} max={MAX_PHOTOS} addClassName="e2e-complaint-photo-add" />
      </Section>

      <Section title="涉及位置">
        <ResidentPlaceChooser
          hook="complaint"
          {...chooser}
          publicLabel="小区公共事务"
          inputClass="e2e-complaint-place"
          placeholder="具体位置（选填），如：北门停车场"
          place={place}
          onPlace={setPlace}
        />
      </Section>

      <Section title="答复方式">
        <View className="cp-switch-row">
          <View className="cp-switch-text">
            <Text>需要书面答复</Text>
            <Text className="cp-hint">物业将在 {WRITTEN_REPLY_WORKING_DAYS} 个工作日内给出书面答复</Text>
          </View>
          <Switch className="e2e-complaint-written" checked={written} onChange={setWritten} />
        </View>
        <View className="cp-switch-row">
          <View className="cp-switch-text">
            <Text className="e2e-complaint-anonymous-label">{kindInfo.anonymousLabel}</Text>
            <Text className="cp-hint">{kindInfo.anonymousHint}</Text>
          </View>
          <Switch className="e2e-complaint-anonymous" checked={anonymous} onChange={setAnonymous} />
        </View>
      </Section>

      <Button
        className="e2e-complaint-submit"
        block
        type="primary"
        loading={submitting}
        disabled={submitting}
        onClick={() => void submit(buildBody, promptSubscribe)}
      >
        {uploading && submitting ? '照片上传中…' : `提交${COMPLAINT_KIND_LABELS[kind]}`}
      </Button>
      <View className="ll-gap" />
    </View>
  );
}
