import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { BINDING_STATUS_LABELS, RELATION_LABELS, type BindingStatus, type Relation, type ResidentStaffView, type RevealPhoneResponse } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import './index.css';

const STATUS_TAG: Record<string, 'success' | 'warning' | 'danger' | 'default'> = {
  approved: 'success',
  pending: 'warning',
  rejected: 'danger',
  revoked: 'default',
};

function ResidentCard({ r }: { r: ResidentStaffView }) {
  const [phone, setPhone] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    setBusy(true);
    try {
      // an owner on record has no account: the number is the room's owner phone
      const path = r.registered ? `/api/staff/residents/${r.id}/phone` : `/api/staff/rooms/${r.rooms[0].roomId}/owner-phone`;
      const res = await api.post<RevealPhoneResponse>(path, {});
      setPhone(res.phone);
    } catch {
      /* toast shown */
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`rs-card ${r.registered ? `e2e-resident-${r.id}` : `e2e-owner-record e2e-owner-room-${r.rooms[0]?.roomId}`}`}>
      <View className="ll-row">
        <Text className="rs-name">
          {r.name || '（未填写姓名）'}
          {!r.registered && (
            <Tag className="rs-unreg e2e-unregistered" type="warning">
              未注册
            </Tag>
          )}
        </Text>
        {phone === undefined ? (
          <Text className="ll-muted e2e-phone-masked">{r.phoneMasked ?? '无手机号'}</Text>
        ) : (
          <Text className="rs-phone e2e-phone-full">{phone ?? '无手机号'}</Text>
        )}
      </View>
      {r.rooms.length === 0 ? (
        <Text className="ll-card-line ll-muted">未绑定房屋</Text>
      ) : (
        r.rooms.map((room) => (
          <View key={`${room.roomId}-${room.relation}`} className="ll-row rs-room">
            <Text className="ll-card-line">
              {room.label} · {RELATION_LABELS[room.relation as Relation] ?? room.relation}
            </Text>
            {r.registered ? (
              <Tag type={STATUS_TAG[room.status] ?? 'default'}>{BINDING_STATUS_LABELS[room.status as BindingStatus] ?? room.status}</Tag>
            ) : (
              <Text className="ll-muted">登记业主，尚未加入</Text>
            )}
          </View>
        ))
      )}
      {phone === undefined ? (
        r.phoneMasked && (
          <View className="ll-btn-row">
            <Button
              className={r.registered ? `e2e-reveal-${r.id}` : `e2e-reveal-owner-${r.rooms[0]?.roomId}`}
              size="small"
              fill="outline"
              type="primary"
              loading={busy}
              onClick={() => void reveal()}
            >
              查看完整号码
            </Button>
          </View>
        )
      ) : (
        <Text className="ll-card-line ll-muted rs-audit e2e-reveal-note">已记录查看（查看住户号码会留存记录）</Text>
      )}
    </View>
  );
}

export default function Residents() {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const list = useAsync(() => api.get<ResidentStaffView[]>(`/api/staff/residents${qs({ q })}`, { silent: true }), [q]);
  const search = () => {
    const next = input.trim();
    if (next === q) void list.reload();
    else setQ(next);
  };
  return (
    <View className="ll-page page-residents">
      <Section>
        <View className="rs-search">
          <Input
            className="ll-input rs-input e2e-resident-q"
            placeholder="姓名、手机号或房号（含未注册的登记业主）"
            value={input}
            onChange={setInput}
            confirmType="search"
            onConfirm={search}
            clearable
            onClear={() => setInput('')}
          />
          <Button className="e2e-resident-search" type="primary" onClick={search}>
            搜索
          </Button>
        </View>
      </Section>
      <Section title={q ? `“${q}”的搜索结果` : '住户'}>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={!list.data?.length} emptyText={q ? '没有找到匹配的住户' : '暂无住户'}>
          {list.data?.map((r) => (
            <ResidentCard key={r.registered ? `u${r.id}` : `o${r.rooms[0]?.roomId}`} r={r} />
          ))}
        </PageState>
      </Section>
    </View>
  );
}
