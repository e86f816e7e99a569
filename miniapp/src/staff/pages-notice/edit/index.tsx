import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import {
  NOTICE_BODY_MAX,
  NOTICE_EDITABLE_KINDS,
  NOTICE_KIND_LABELS,
  NOTICE_TITLE_MAX,
  NoticeView,
  OUTAGE_UTILITIES,
  OUTAGE_UTILITY_LABELS,
} from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { errorMessage, PageState, Section } from '@common/components';
import { PhotoGrid } from '@common/repairs/PhotoGrid';
import { formatShanghai } from '@common/repairs/time';
import { useResidentPhotoUploads } from '@common/tickets/resident-photos';
import { UnitPicker } from '../../components/UnitPicker';
import { shanghaiInput } from '../util';

type Chip = { key: string; label: string };
function Chips({ items, value, onPick, prefix }: { items: Chip[]; value: string; onPick: (k: string) => void; prefix: string }) {
  return (
    <View className="ll-chips">
      {items.map((c) => (
        <View key={c.key} className={`ll-chip ${value === c.key ? 'is-active' : ''} e2e-${prefix}-${c.key}`} onClick={() => onPick(c.key)}>
          {c.label}
        </View>
      ))}
    </View>
  );
}

/** New notice or a draft's edit: kind, text (plain), outage times, community, buildings or units, images. */
export default function NoticeEdit() {
  const id = Number(useRouter().params.id ?? 0);
  const me = useMe();
  const existing = useAsync(() => (id ? api.get<NoticeView>(`/api/notices/${id}`, { silent: true }) : Promise.resolve(null)), [id]);
  const [communityId, setCommunityId] = useState(0);
  const [kind, setKind] = useState('notice');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [utility, setUtility] = useState('power');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [targetKind, setTargetKind] = useState('community');
  const [buildings, setBuildings] = useState<number[]>([]);
  const [units, setUnits] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const photos = useResidentPhotoUploads(9);
  const communities = me.data?.communities ?? [];
  const cid = communityId || existing.data?.communityId || communities[0]?.id || 0;
  const blds = useAsync(
    () => (cid ? api.get<{ id: number; name: string }[]>(`/api/org/communities/${cid}/buildings`, { silent: true }) : Promise.resolve([])),
    [cid],
  );

  useEffect(() => {
    const n = existing.data;
    if (!n) return;
    setKind(n.kind);
    setTitle(n.title);
    setBody(n.body);
    if (n.utility) setUtility(n.utility);
    setStartsAt(n.startsAt ? formatShanghai(n.startsAt, 'YYYY-MM-DD HH:mm') : '');
    setEndsAt(n.endsAt ? formatShanghai(n.endsAt, 'YYYY-MM-DD HH:mm') : '');
    setTargetKind(n.targetKind);
    setBuildings(n.targetKind === 'building' ? n.targets.map((t) => t.id) : []);
    setUnits(n.targetKind === 'unit' ? n.targets.map((t) => t.id) : []);
  }, [existing.data]);

  async function save() {
    const outage = kind === 'outage';
    const s = outage ? shanghaiInput(startsAt) : null;
    const e = outage ? shanghaiInput(endsAt) : null;
    if (outage && (!s || !e)) return void Taro.showToast({ title: '请按 2026-12-05 09:00 填写开始和结束时间', icon: 'none' });
    const newIds = await photos.uploadedIds();
    if (!newIds) return void Taro.showToast({ title: '有图片上传失败，请重试', icon: 'none' });
    const imageIds = [...(existing.data?.images.map((i) => i.id) ?? []), ...newIds];
    const payload = {
      kind,
      title,
      body,
      targetKind,
      targetIds: targetKind === 'building' ? buildings : targetKind === 'unit' ? units : [],
      imageIds,
      ...(outage ? { utility, startsAt: s, endsAt: e } : {}),
    };
    setSaving(true);
    try {
      const n = existing.data
        ? await api.put<NoticeView>(`/api/notices/${id}`, { ...payload, version: existing.data.version }, { silent: true })
        : await api.post<NoticeView>('/api/notices', { ...payload, communityId: cid }, { silent: true, idempotencyKey: key });
      void Taro.redirectTo({ url: `/pages-notice/detail/index?id=${n.id}` });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  }

  const toggle = (b: number) => setBuildings((list) => (list.includes(b) ? list.filter((x) => x !== b) : [...list, b]));
  return (
    <View className="ll-page page-notice-edit">
      <PageState
        loading={(me.loading && !me.data) || (existing.loading && !existing.data && !!id)}
        error={me.data ? existing.error : me.error}
        onRetry={existing.reload}
      >
        <Section>
          {!id && communities.length > 1 && (
            <Chips
              prefix="community"
              items={communities.map((c) => ({ key: String(c.id), label: c.name }))}
              value={String(cid)}
              onPick={(k) => setCommunityId(Number(k))}
            />
          )}
          <Text className="nt-form-label">类型</Text>
          <Chips prefix="kind" items={NOTICE_EDITABLE_KINDS.map((k) => ({ key: k, label: NOTICE_KIND_LABELS[k] }))} value={kind} onPick={setKind} />
          {kind === 'outage' && (
            <>
              <Chips prefix="utility" items={OUTAGE_UTILITIES.map((u) => ({ key: u, label: OUTAGE_UTILITY_LABELS[u] }))} value={utility} onPick={setUtility} />
              <Text className="nt-form-label">开始时间（北京时间）</Text>
              <Input className="ll-input e2e-notice-starts" value={startsAt} onChange={setStartsAt} placeholder="2026-12-05 09:00" />
              <Text className="nt-form-label">结束时间</Text>
              <Input className="ll-input e2e-notice-ends" value={endsAt} onChange={setEndsAt} placeholder="2026-12-05 17:00" />
            </>
          )}
          <Text className="nt-form-label">标题</Text>
          <Input className="ll-input e2e-notice-title" value={title} onChange={setTitle} maxLength={NOTICE_TITLE_MAX} placeholder="如：1栋计划停电通知" />
          <Text className="nt-form-label">正文（纯文本）</Text>
          <TextArea className="ll-textarea e2e-notice-body" value={body} onChange={setBody} maxLength={NOTICE_BODY_MAX} placeholder="通知内容" />
          <Text className="nt-form-label">发布范围</Text>
          <Chips
            prefix="target"
            items={[
              { key: 'community', label: '全小区' },
              { key: 'building', label: '指定楼栋' },
              { key: 'unit', label: '指定单元' },
            ]}
            value={targetKind}
            onPick={setTargetKind}
          />
          {targetKind === 'building' && (
            <View className="ll-chips">
              {(blds.data ?? []).map((b) => (
                <View key={b.id} className={`ll-chip ${buildings.includes(b.id) ? 'is-active' : ''} e2e-building-${b.name}`} onClick={() => toggle(b.id)}>
                  {b.name}
                </View>
              ))}
            </View>
          )}
          {targetKind === 'unit' && <UnitPicker buildings={blds.data ?? []} value={units} onChange={setUnits} />}
          <Text className="nt-form-label">图片</Text>
          <PhotoGrid
            photos={[...(existing.data?.images ?? []).map((u) => ({ id: u.id, url: u.url })), ...photos.gridPhotos]}
            onAdd={() => void photos.addPhotos()}
            onRemove={(i) => photos.removePhoto(i - (existing.data?.images.length ?? 0))}
          />
        </Section>
        <Section>
          <Button className="e2e-notice-save" block type="primary" loading={saving} disabled={photos.uploading} onClick={() => void save()}>
            保存草稿
          </Button>
        </Section>
      </PageState>
    </View>
  );
}
