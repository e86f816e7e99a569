import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { DUTY_PHONE_MESSAGE, isDutyPhone, normalizeDutyPhone, type CommunityDutyPhoneView } from '@linli/shared';
import { request } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section } from '@common/components';
import './index.css';

/** One community: its duty phone, edited and saved on its own (checked here as the server checks it). */
function DutyPhoneRow({ c, onSaved }: { c: CommunityDutyPhoneView; onSaved: (v: CommunityDutyPhoneView) => void }) {
  const [value, setValue] = useState(c.dutyPhone ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = normalizeDutyPhone(value) !== (c.dutyPhone ?? '');

  async function save() {
    const v = normalizeDutyPhone(value);
    if (v && !isDutyPhone(v)) return setError(DUTY_PHONE_MESSAGE);
    setError(null);
    setBusy(true);
    try {
      const saved = await request<CommunityDutyPhoneView>(
        'PATCH',
        `/api/admin/communities/${c.communityId}/duty-phone`,
        { dutyPhone: v || null },
        { silent: true },
      );
      onSaved(saved);
      setValue(saved.dutyPhone ?? '');
      void Taro.showToast({ title: saved.dutyPhone ? '已保存' : '已清除', icon: 'success' });
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`dp-card e2e-duty-community-${c.communityId}`}>
      <View className="ll-row">
        <Text className="dp-name">{c.communityName}</Text>
        <Text className={`ll-muted e2e-duty-current-${c.communityId}`}>{c.dutyPhone ?? '未登记'}</Text>
      </View>
      <Input
        className={`ll-input dp-input e2e-duty-input-${c.communityId}`}
        type="text"
        placeholder="如 021-12345678 或 13800000000"
        value={value}
        onChange={(v) => {
          setValue(v);
          setError(null);
        }}
        maxLength={32}
      />
      {error && <Text className={`dp-error e2e-duty-error-${c.communityId}`}>{error}</Text>}
      <View className="ll-btn-row">
        <Button className={`e2e-duty-save-${c.communityId}`} size="small" type="primary" loading={busy} disabled={busy || !changed} onClick={() => void save()}>
          {normalizeDutyPhone(value) ? '保存' : '清除'}
        </Button>
      </View>
    </View>
  );
}

/** Admins: each community's 24-hour duty phone, which residents call with one tap on an emergency repair. */
export default function DutyPhonesPage() {
  const list = useAsync(() => request<CommunityDutyPhoneView[]>('GET', '/api/admin/communities/duty-phones', undefined, { silent: true }), []);
  const items = list.data ?? [];
  return (
    <View className="ll-page page-duty-phones">
      <Section title="小区 24 小时值班电话" className="e2e-duty-phones">
        <Text className="ll-muted">漏水、公共停电、电梯困人、火情等紧急报修不预约上门时间，住户在工单中一键拨打此电话。</Text>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={!items.length} emptyText="暂无小区">
          {items.map((c) => (
            <DutyPhoneRow key={c.communityId} c={c} onSaved={(v) => list.setData((prev) => prev?.map((x) => (x.communityId === v.communityId ? v : x)))} />
          ))}
        </PageState>
      </Section>
    </View>
  );
}
