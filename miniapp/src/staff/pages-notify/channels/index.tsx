import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { CommunityChannelsView } from '@linli/shared';
import { api } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { PageState, Section, errorMessage } from '@common/components';
import './index.css';

const pct = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : NaN);
/** minutes after the due time: 0–10080 (7 days) */
const minutes = (v: string) => (/^\d{1,5}$/.test(v.trim()) && Number(v.trim()) <= 10_080 ? Number(v.trim()) : NaN);

/** 通知渠道: per community, the WeCom group robot webhook and the escalation ladder (admin edits; managers read). */
function ChannelsForm({ communityId, canEdit }: { communityId: number; canEdit: boolean }) {
  const view = useAsync(() => api.get<CommunityChannelsView>(`/api/staff/communities/${communityId}/channels`, { silent: true }), [communityId]);
  const [url, setUrl] = useState('');
  const [l2, setL2] = useState('');
  const [l3, setL3] = useState('');
  const [m2, setM2] = useState('');
  const [m3, setM3] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!view.data) return;
    setUrl(view.data.wecomWebhookUrl ?? '');
    setL2(String(view.data.level2Pct));
    setL3(String(view.data.level3Pct));
    setM2(String(view.data.level2MinMinutes));
    setM3(String(view.data.level3MinMinutes));
  }, [view.data]);

  async function save() {
    const level2Pct = pct(l2);
    const level3Pct = pct(l3);
    if (Number.isNaN(level2Pct) || Number.isNaN(level3Pct)) {
      void Taro.showToast({ title: '升级比例请填写 0–1000 的整数', icon: 'none' });
      return;
    }
    const level2MinMinutes = minutes(m2);
    const level3MinMinutes = minutes(m3);
    if (Number.isNaN(level2MinMinutes) || Number.isNaN(level3MinMinutes)) {
      void Taro.showToast({ title: '最短间隔请填写 0–10080 分钟', icon: 'none' });
      return;
    }
    setSaving(true);
    setError('');
    try {
      const saved = await api.put<CommunityChannelsView>(`/api/staff/communities/${communityId}/channels`, {
        wecomWebhookUrl: url.trim() || null,
        level2Pct,
        level3Pct,
        level2MinMinutes,
        level3MinMinutes,
      });
      view.setData(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <PageState loading={view.loading && !view.data} error={view.data ? null : view.error} onRetry={view.reload}>
      <Section title="企业微信群机器人">
        <Text className="ch-hint">
          在小区员工群中添加群机器人（群设置 → 群机器人 → 添加），复制其 Webhook
          地址粘贴到这里。新工单、二三类投诉、特急报修、差评和超时升级会同时推送到该群。留空则不推送。只接受企业微信的地址
          https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…，其他网址会被拒绝。
        </Text>
        <Input
          className="ll-input e2e-wecom-url"
          placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
          value={url}
          onChange={setUrl}
          disabled={!canEdit}
          maxLength={500}
        />
        {error && <Text className="ch-error e2e-channels-error">{error}</Text>}
        <Text className={`ch-state e2e-wecom-state ${view.data?.wecomWebhookUrl ? 'is-on' : ''}`}>{view.data?.wecomWebhookUrl ? '已配置' : '未配置'}</Text>
      </Section>
      <Section title="超时升级">
        <Text className="ch-hint">一级：到期即通知负责人、在岗人员和客服主管。二级、三级按该时限的百分比在到期后继续升级。</Text>
        <View className="ch-row">
          <Text className="ch-label">二级（通知小区经理）到期后 +</Text>
          <Input className="ll-input ch-pct e2e-level2" type="number" value={l2} onChange={setL2} disabled={!canEdit} maxLength={4} />
          <Text className="ch-unit">%</Text>
        </View>
        <View className="ch-row">
          <Text className="ch-label">三级（通知公司经理）到期后 +</Text>
          <Input className="ll-input ch-pct e2e-level3" type="number" value={l3} onChange={setL3} disabled={!canEdit} maxLength={4} />
          <Text className="ch-unit">%</Text>
        </View>
        <View className="ch-row">
          <Text className="ch-label">二级最早在到期后</Text>
          <Input className="ll-input ch-pct e2e-level2-min" type="number" value={m2} onChange={setM2} disabled={!canEdit} maxLength={5} />
          <Text className="ch-unit">分钟</Text>
        </View>
        <View className="ch-row">
          <Text className="ch-label">三级最早在到期后</Text>
          <Input className="ll-input ch-pct e2e-level3-min" type="number" value={m3} onChange={setM3} disabled={!canEdit} maxLength={5} />
          <Text className="ch-unit">分钟</Text>
        </View>
        <Text className="ch-hint">
          取百分比与最短间隔中较晚者。例：派单时限 2 分钟，二级 50% 为 1 分钟，但最短 15 分钟，即超时 15 分钟后才上报小区经理。
          一轮中同一人超过几条升级时，微信和企业微信只发一条汇总，逐条明细在站内通知。
        </Text>
      </Section>
      {canEdit ? (
        <Button className="e2e-channels-save" block type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
          保存
        </Button>
      ) : (
        <Text className="ll-muted ch-readonly">仅系统管理员可修改</Text>
      )}
    </PageState>
  );
}

export default function ChannelsPage() {
  const me = useMe();
  const communities = me.data?.communities ?? [];
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  return (
    <View className="ll-page page-channels">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        {communityId && <ChannelsForm key={communityId} communityId={communityId} canEdit={!!me.data?.roles.includes('admin')} />}
      </PageState>
    </View>
  );
}
