import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Button as TaroButton } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  MAX_LEASE_PHOTOS,
  RELATION_LABELS,
  normalizeMobile,
  type BindingView,
  type BuildingView,
  type CommunityView,
  type CreateBindingRequest,
  type Me,
  type Relation,
  type RoomView,
  type UnitView,
} from '@linli/shared';
import { api, newIdempotencyKey } from '@common/api';
import { fetchMe } from '@common/auth';
import { IS_H5 } from '@common/env';
import { useAsync, useMe } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { PhotoGrid } from '@common/repairs';
import { useResidentPhotoUploads } from '@common/tickets/resident-photos';
import './index.css';

const DEFAULT_WECHAT_NAME = '微信用户';

/** Lists may come bare or as a Page<T>. */
function list<T>(v: T[] | { items: T[] } | null | undefined): T[] {
  if (!v) return [];
  return Array.isArray(v) ? v : (v.items ?? []);
}

interface Option {
  id: number;
  name: string;
}

/** One step of the community → building → unit → room choice, as tappable chips. */
function ChoiceStep<T extends Option>(props: {
  title: string;
  kind: string;
  state: { data: T[] | undefined; loading: boolean; error: unknown; reload: () => Promise<void> };
  value: number | null;
  onChange: (id: number) => void;
  emptyText: string;
  label?: (o: T) => string;
}) {
  const { title, kind, state, value, onChange, emptyText, label } = props;
  return (
    <View className={`bind-step e2e-step-${kind}`}>
      <Text className="ll-label">{title}</Text>
      <PageState loading={state.loading} error={state.error} onRetry={state.reload} empty={!state.data?.length} emptyText={emptyText}>
        <View className="ll-chips">
          {state.data?.map((o) => (
            <View key={o.id} className={`ll-chip e2e-${kind}-${o.id} ${value === o.id ? 'is-active' : ''}`} onClick={() => onChange(o.id)}>
              {label ? label(o) : o.name}
            </View>
          ))}
        </View>
      </PageState>
    </View>
  );
}

function PhoneSection({ me, onUpdated }: { me: Me; onUpdated: (me: Me) => void }) {
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);

  async function submitCode(code: string) {
    setBusy(true);
    try {
      await api.post('/api/me/phone', { code });
      onUpdated(await fetchMe());
      void Taro.showToast({ title: '手机号已授权', icon: 'success' });
    } catch {
      /* toast shown */
    } finally {
      setBusy(false);
    }
  }

  if (me.phoneMasked) {
    return (
      <Section title="手机号" className="e2e-phone-done">
        <Text className="ll-muted">已授权手机号 {me.phoneMasked}。与物业登记的业主手机号一致时将自动通过绑定。</Text>
      </Section>
    );
  }
  return (
    <Section title="手机号" className="e2e-phone">
      <Text className="ll-muted bind-note">授权手机号后，若与物业登记的业主手机号一致，将自动完成绑定；否则需物业审核。</Text>
      {IS_H5 ? (
        <View>
          <Text className="ll-label">手机号（开发模式）</Text>
          <Input className="ll-input e2e-dev-phone" type="tel" placeholder="手机号（开发模式）" value={phone} onChange={setPhone} maxLength={11} />
          <View className="ll-gap" />
          <Button
            className="e2e-dev-phone-submit"
            block
            type="primary"
            fill="outline"
            loading={busy}
            onClick={() => {
              const p = normalizeMobile(phone);
              if (!p) {
                void Taro.showToast({ title: '请输入正确的手机号', icon: 'none' });
                return;
              }
              void submitCode(`dev:${p}`);
            }}
          >
            授权手机号
          </Button>
        </View>
      ) : (
        <TaroButton
          className="bind-phone-btn e2e-get-phone"
          openType="getPhoneNumber"
          disabled={busy}
          onGetPhoneNumber={(e) => {
            const code = (e.detail as { code?: string }).code;
            if (code) void submitCode(code);
            else void Taro.showToast({ title: '未授权手机号', icon: 'none' });
          }}
        >
          授权手机号
        </TaroButton>
      )}
    </Section>
  );
}

function resultTitle(b: BindingView): string {
  if (b.status === 'approved') return '已绑定';
  if (b.ownerConsent === 'requested') return '已提交，等待业主确认';
  return '已提交，等待物业审核';
}

function Result({ binding, onAgain }: { binding: BindingView; onAgain: () => void }) {
  const approved = binding.status === 'approved';
  return (
    <View className="ll-page page-bind">
      <Section className={`bind-result e2e-bind-result e2e-bind-${binding.status}`}>
        <View className={`bind-result-icon ${approved ? 'is-ok' : ''}`}>{approved ? '✓' : '…'}</View>
        <Text className="bind-result-title">{resultTitle(binding)}</Text>
        <Text className="ll-muted">
          {binding.communityName} {binding.roomLabel} · {RELATION_LABELS[binding.relation] ?? binding.relation}
        </Text>
        {approved && <Text className="ll-muted">手机号与业主登记信息一致，已自动通过。</Text>}
        {!approved && binding.ownerConsent === 'requested' && (
          <Text className="ll-muted e2e-bind-owner-asked">已通知该房屋的业主，业主在小程序中同意后即绑定成功。</Text>
        )}
        {!approved && binding.leaseCount > 0 && <Text className="ll-muted">已上传租赁合同 {binding.leaseCount} 张，物业核对后通过。</Text>}
        <View className="ll-gap" />
        <Button className="e2e-bind-to-me" block type="primary" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
          查看我的房屋
        </Button>
        <View className="ll-gap" />
        <Button className="e2e-bind-again" block fill="outline" type="primary" onClick={onAgain}>
          继续绑定其他房屋
        </Button>
      </Section>
    </View>
  );
}

export default function BindRoom() {
  const meState = useMe();
  const me = meState.data;
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [roomId, setRoomId] = useState<number | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<BindingView | null>(null);
  const lease = useResidentPhotoUploads(MAX_LEASE_PHOTOS);
  // One Idempotency-Key per form content: a retry or double tap reuses it; an edited form gets a new one.
  const idem = useRef<{ body: string; key: string } | null>(null);

  const communities = useAsync(async () => list(await api.get<CommunityView[]>('/api/org/communities', { silent: true })));
  const buildings = useAsync(
    async () => (communityId ? list(await api.get<BuildingView[]>(`/api/org/communities/${communityId}/buildings`, { silent: true })) : []),
    [communityId],
  );
  const units = useAsync(
    async () => (buildingId ? list(await api.get<UnitView[]>(`/api/org/buildings/${buildingId}/units`, { silent: true })) : []),
    [buildingId],
  );
  const rooms = useAsync(async () => (unitId ? list(await api.get<RoomView[]>(`/api/org/units/${unitId}/rooms`, { silent: true })) : []), [unitId]);

  // the server names new WeChat users "微信用户": don't offer that as their name
  const displayName = name ?? (me?.name && me.name !== DEFAULT_WECHAT_NAME ? me.name : '');

  async function submit() {
    if (!roomId) return void Taro.showToast({ title: '请选择房屋', icon: 'none' });
    if (!relation) return void Taro.showToast({ title: '请选择与房屋的关系', icon: 'none' });
    if (!displayName.trim()) return void Taro.showToast({ title: '请填写您的姓名', icon: 'none' });
    const body: CreateBindingRequest = { roomId, relation, name: displayName.trim() };
    setSubmitting(true);
    try {
      if (relation === 'tenant' && lease.photos.length) {
        const ids = await lease.uploadedIds();
        if (!ids) return void Taro.showToast({ title: '租赁合同照片上传失败，请重试', icon: 'none' });
        body.leaseUploadIds = ids;
      }
      const bodyKey = JSON.stringify(body);
      if (!idem.current || idem.current.body !== bodyKey) idem.current = { body: bodyKey, key: newIdempotencyKey() };
      const b = await api.post<BindingView>('/api/bindings', body, { idempotencyKey: idem.current.key });
      setResult(b);
      try {
        meState.setData(await fetchMe());
      } catch {
        /* not critical */
      }
    } catch {
      /* toast shown */
    } finally {
      setSubmitting(false);
    }
  }

  function again() {
    setResult(null);
    setRoomId(null);
    setUnitId(null);
    setBuildingId(null);
    setCommunityId(null);
    setRelation(null);
    // the lease photos went with the request: a new one starts without them
    for (let i = lease.photos.length; i > 0; i--) lease.removePhoto(0);
    idem.current = null;
  }

  if (result) return <Result binding={result} onAgain={again} />;

  return (
    <View className="ll-page page-bind">
      <PageState loading={meState.loading} error={meState.error} onRetry={meState.reload}>
        {me && (
          <>
            <PhoneSection me={me} onUpdated={(m) => meState.setData(m)} />
            <Section title="选择房屋">
              <ChoiceStep
                title="小区"
                kind="community"
                state={communities}
                value={communityId}
                emptyText="暂无可选小区"
                onChange={(id) => {
                  setCommunityId(id);
                  setBuildingId(null);
                  setUnitId(null);
                  setRoomId(null);
                }}
              />
              {communityId && (
                <ChoiceStep
                  title="楼栋"
                  kind="building"
                  state={buildings}
                  value={buildingId}
                  emptyText="该小区暂无楼栋"
                  onChange={(id) => {
                    setBuildingId(id);
                    setUnitId(null);
                    setRoomId(null);
                  }}
                />
              )}
              {buildingId && (
                <ChoiceStep
                  title="单元"
                  kind="unit"
                  state={units}
                  value={unitId}
                  emptyText="该楼栋暂无单元"
                  onChange={(id) => {
                    setUnitId(id);
                    setRoomId(null);
                  }}
                />
              )}
              {unitId && <ChoiceStep title="房号" kind="room" state={rooms} value={roomId} emptyText="该单元暂无房屋" onChange={setRoomId} />}
            </Section>

            <Section title="您的身份">
              <View className="ll-chips">
                {(Object.keys(RELATION_LABELS) as Relation[]).map((r) => (
                  <View key={r} className={`ll-chip e2e-relation-${r} ${relation === r ? 'is-active' : ''}`} onClick={() => setRelation(r)}>
                    {RELATION_LABELS[r]}
                  </View>
                ))}
              </View>
              <View className="ll-gap" />
              <Text className="ll-label">姓名</Text>
              <Input className="ll-input e2e-bind-name" placeholder="请输入您的姓名" value={displayName} onChange={setName} maxLength={32} />
            </Section>

            {relation === 'tenant' && (
              <Section title="租户证明" className="e2e-lease">
                <Text className="ll-muted bind-note">
                  租户绑定需该房屋业主在小程序中同意（我们会通知业主，业主只会看到您的姓名和打码手机号）；业主未使用小程序时，请上传租赁合同照片，由物业核对后通过。
                </Text>
                <PhotoGrid
                  photos={lease.gridPhotos}
                  onAdd={() => void lease.addPhotos()}
                  onRemove={lease.removePhoto}
                  max={MAX_LEASE_PHOTOS}
                  addClassName="e2e-lease-add"
                />
              </Section>
            )}

            <Button className="e2e-bind-submit" block type="primary" loading={submitting} disabled={submitting} onClick={() => void submit()}>
              提交绑定
            </Button>
          </>
        )}
      </PageState>
    </View>
  );
}
