import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatWorkHours, workHoursProblems, type PassPolicyView, type WorkHours } from '@linli/shared';
import { api } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import '@common/permits/permits.css';

const DAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
type Form = { workHours: WorkHours; visitorMaxDays: string; visitorMaxEntries: string; tenantMaxVisitorPasses: string };

const formOf = (p: PassPolicyView): Form => ({
  workHours: { days: [...p.workHours.days], ranges: p.workHours.ranges.map((r) => ({ ...r })) },
  visitorMaxDays: String(p.visitorMaxDays),
  visitorMaxEntries: String(p.visitorMaxEntries),
  tenantMaxVisitorPasses: String(p.tenantMaxVisitorPasses),
});

/** The permitted decoration work hours: days as chips, time ranges as HH:MM pairs. */
function WorkHoursEditor({ value, onChange }: { value: WorkHours; onChange: (w: WorkHours) => void }) {
  const toggle = (d: number) => onChange({ ...value, days: value.days.includes(d) ? value.days.filter((x) => x !== d) : [...value.days, d].sort() });
  const setRange = (i: number, k: 'from' | 'to', v: string) => onChange({ ...value, ranges: value.ranges.map((r, j) => (j === i ? { ...r, [k]: v } : r)) });
  return (
    <>
      <Text className="ll-label">允许施工的日子</Text>
      <View className="ll-chips">
        {DAYS.map((label, i) => (
          <Text key={label} className={`ll-chip ${value.days.includes(i + 1) ? 'is-active' : ''} e2e-policy-day-${i + 1}`} onClick={() => toggle(i + 1)}>
            {label}
          </Text>
        ))}
      </View>
      <Text className="ll-label">施工时段（HH:MM，如 08:00 至 12:00）</Text>
      {value.ranges.map((r, i) => (
        <View key={i} className="pm-row-inputs e2e-policy-range">
          <Input className="ll-input e2e-range-from" value={r.from} onChange={(v) => setRange(i, 'from', v)} maxLength={5} />
          <Text>至</Text>
          <Input className="ll-input e2e-range-to" value={r.to} onChange={(v) => setRange(i, 'to', v)} maxLength={5} />
          {value.ranges.length > 1 && (
            <Text className="pm-link" onClick={() => onChange({ ...value, ranges: value.ranges.filter((_, j) => j !== i) })}>
              删除
            </Text>
          )}
        </View>
      ))}
      {value.ranges.length < 6 && (
        <Text className="pm-link e2e-range-add" onClick={() => onChange({ ...value, ranges: [...value.ranges, { from: '14:00', to: '18:00' }] })}>
          ＋ 添加时段
        </Text>
      )}
    </>
  );
}

/** 通行规则 (managers): the community's decoration work hours — worker passes scan red outside them — and visitor limits. */
export default function PassPolicyPage() {
  const me = useMe();
  const communities = me.data?.communities ?? [];
  const [communityId, setCommunityId] = useState<number | null>(null);
  const cid = communityId ?? communities[0]?.id ?? null;
  const policy = useAsync(() => (cid ? api.get<PassPolicyView>(`/api/passes/policy?communityId=${cid}`, { silent: true }) : Promise.resolve(undefined)), [cid]);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(policy.data ? formOf(policy.data) : null), [policy.data]);

  async function save() {
    if (!form || !policy.data || !cid) return;
    const problems = workHoursProblems(form.workHours);
    if (problems.length) return setError(problems.join('；'));
    setBusy(true);
    setError('');
    try {
      const body = {
        workHours: form.workHours,
        visitorMaxDays: Number(form.visitorMaxDays),
        visitorMaxEntries: Number(form.visitorMaxEntries),
        tenantMaxVisitorPasses: Number(form.tenantMaxVisitorPasses),
        version: policy.data.version,
      };
      policy.setData(await api.put<PassPolicyView>(`/api/passes/policy?communityId=${cid}`, body, { silent: true }));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const num = (k: 'visitorMaxDays' | 'visitorMaxEntries' | 'tenantMaxVisitorPasses', label: string) =>
    form && (
      <>
        <Text className="ll-label">{label}</Text>
        <Input className={`ll-input e2e-policy-${k}`} type="number" value={form[k]} onChange={(v) => setForm({ ...form, [k]: v })} maxLength={2} />
        <View className="ll-gap" />
      </>
    );

  return (
    <View className="ll-page page-pass-policy">
      <PageState
        loading={(me.loading && !me.data) || (policy.loading && !policy.data)}
        error={policy.data ? null : (me.error ?? policy.error)}
        onRetry={policy.reload}
      >
        {!communities.length && <Empty text="您没有负责的小区" />}
        {communities.length > 1 && (
          <View className="ll-chips">
            {communities.map((c) => (
              <Text key={c.id} className={`ll-chip ${cid === c.id ? 'is-active' : ''} e2e-policy-community`} onClick={() => setCommunityId(c.id)}>
                {c.name}
              </Text>
            ))}
          </View>
        )}
        {form && policy.data && (
          <>
            <Section title="装修施工时间" extra={<Text className="ll-muted">{policy.data.isDefault ? '默认规则' : `第 ${policy.data.version} 版`}</Text>}>
              <Text className="pm-line e2e-policy-current">当前：{formatWorkHours(policy.data.workHours)}</Text>
              <View className="ll-gap" />
              <WorkHoursEditor value={form.workHours} onChange={(workHours) => setForm({ ...form, workHours })} />
              <Text className="pm-line">装修出入证只在装修期限内、且在以上时间内核验通过；其余时间扫码为红色并提示允许的施工时间。</Text>
            </Section>
            <Section title="访客通行证">
              {num('visitorMaxDays', '最长天数（1–7）')}
              {num('visitorMaxEntries', '最多通行次数（1–50）')}
              {num('tenantMaxVisitorPasses', '租户每套房同时有效的访客通行证上限（0–20）')}
            </Section>
            {error && <Text className="pm-error e2e-policy-error">{error}</Text>}
            <Button className="e2e-policy-save" block type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
              保存
            </Button>
            <View className="ll-gap" />
          </>
        )}
      </PageState>
    </View>
  );
}
