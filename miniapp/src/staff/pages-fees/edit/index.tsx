import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { FEE_KIND_LABELS, FEE_KINDS, FEE_PAYER_LABELS, FEE_PAYERS, PERIOD_UNIT_LABELS, PERIOD_UNITS, type FeeItemView } from '@linli/shared';
import { api, newIdempotencyKey, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { bodyOf, EMPTY_FORM, formOf, type FeeForm } from './form';
import './index.css';

function Chips<T extends string>({
  values,
  labels,
  value,
  onChange,
  hook,
}: {
  values: readonly T[];
  labels: Record<T, string>;
  value: T | null;
  onChange: (v: T) => void;
  hook: string;
}) {
  return (
    <View className="ll-chips">
      {values.map((v) => (
        <View key={v} className={`ll-chip ${value === v ? 'is-active' : ''} e2e-${hook}-${v}`} onClick={() => onChange(v)}>
          {labels[v]}
        </View>
      ))}
    </View>
  );
}

function Field({ label, unit, children }: { label: string; unit?: string; children: React.ReactNode }) {
  return (
    <View className="fe-field">
      <Text className="fe-label">{label}</Text>
      <View className="fe-input">{children}</View>
      {unit && <Text className="fe-unit">{unit}</Text>}
    </View>
  );
}

/** Add or edit a fee item (admins). The kind of an existing item stays: its bills follow it. */
export default function FeeItemEdit() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const id = params.id ? Number(params.id) : null;
  const existing = useAsync(
    () =>
      id
        ? api.get<FeeItemView[]>(`/api/fees/items${qs({ communityId })}`, { silent: true }).then((l) => l.find((x) => x.id === id) ?? null)
        : Promise.resolve(null),
    [communityId, id],
  );
  const [f, setF] = useState<FeeForm>(EMPTY_FORM);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [key] = useState(newIdempotencyKey);
  useEffect(() => {
    if (existing.data) setF(formOf(existing.data));
  }, [existing.data]);
  const set = (patch: Partial<FeeForm>) => setF((x) => ({ ...x, ...patch }));
  const text = (k: keyof FeeForm) => (v: string) => set({ [k]: v } as Partial<FeeForm>);

  async function save() {
    const r = bodyOf(f);
    if ('problem' in r) return setError(r.problem);
    setSaving(true);
    setError('');
    try {
      if (existing.data) {
        const { kind: _k, ...changes } = r.body;
        await api.patch<FeeItemView>(`/api/fees/items/${existing.data.id}`, { ...changes, version: existing.data.version }, { silent: true });
      } else await api.post<FeeItemView>('/api/fees/items', { ...r.body, communityId }, { idempotencyKey: key, silent: true });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  const k = f.kind;
  return (
    <View className="ll-page page-fee-edit">
      <PageState loading={existing.loading} error={existing.error} onRetry={existing.reload} empty={!!id && existing.data === null} emptyText="收费项目不存在">
        <Section title="项目">
          <Field label="名称">
            <Input className="ll-input e2e-fee-name" value={f.name} onChange={text('name')} maxLength={50} placeholder="如 物业服务费" />
          </Field>
          <Text className="fe-label">计费方式{existing.data ? '（已出账的项目不能改）' : ''}</Text>
          {existing.data ? (
            <Text className="fe-fixed">{FEE_KIND_LABELS[k]}</Text>
          ) : (
            <Chips
              values={FEE_KINDS}
              labels={FEE_KIND_LABELS}
              value={k}
              onChange={(v) => set({ kind: v, periodUnit: v === 'one_off' ? null : (f.periodUnit ?? 'month') })}
              hook="fee-kind"
            />
          )}
          <Text className="fe-label">缴费人</Text>
          <Chips values={FEE_PAYERS} labels={FEE_PAYER_LABELS} value={f.payer} onChange={(v) => set({ payer: v })} hook="fee-payer" />
          {k !== 'one_off' && (
            <>
              <Text className="fe-label">计费周期</Text>
              <Chips values={PERIOD_UNITS} labels={PERIOD_UNIT_LABELS} value={f.periodUnit} onChange={(v) => set({ periodUnit: v })} hook="fee-period" />
            </>
          )}
        </Section>
        <Section title="收费标准">
          {k === 'area' && (
            <Field label="单价" unit="元/㎡·月">
              <Input className="ll-input e2e-fee-price" type="digit" value={f.price} onChange={text('price')} placeholder="1.80" />
            </Field>
          )}
          {(k === 'fixed' || k === 'one_off') && (
            <Field label="金额" unit={k === 'fixed' ? `元/${PERIOD_UNIT_LABELS[f.periodUnit ?? 'month']}` : '元'}>
              <Input className="ll-input e2e-fee-amount" type="digit" value={f.amount} onChange={text('amount')} placeholder="300.00" />
            </Field>
          )}
          {k === 'metered' && (
            <>
              <Field label="计量单位">
                <Input className="ll-input e2e-fee-meter-unit" value={f.meterUnit} onChange={text('meterUnit')} maxLength={8} placeholder="m³ 或 kWh" />
              </Field>
              {f.tiers.map((t, i) => (
                <View key={i} className="fe-tier">
                  <Text className="fe-label">{f.tiers.length > 1 ? `第 ${i + 1} 档` : '单价'}</Text>
                  {i < f.tiers.length - 1 ? (
                    <Field label="用量至" unit={f.meterUnit || '单位'}>
                      <Input
                        className={`ll-input e2e-fee-tier-upto-${i}`}
                        type="digit"
                        value={t.upto}
                        onChange={(v) => set({ tiers: f.tiers.map((x, j) => (j === i ? { ...x, upto: v } : x)) })}
                      />
                    </Field>
                  ) : (
                    f.tiers.length > 1 && <Text className="ll-muted">以上用量</Text>
                  )}
                  <Field label="单价" unit={`元/${f.meterUnit || '单位'}`}>
                    <Input
                      className={`ll-input e2e-fee-tier-price-${i}`}
                      type="digit"
                      value={t.price}
                      onChange={(v) => set({ tiers: f.tiers.map((x, j) => (j === i ? { ...x, price: v } : x)) })}
                    />
                  </Field>
                </View>
              ))}
              <View className="fe-tier-actions">
                <Button
                  size="small"
                  className="e2e-fee-tier-add"
                  onClick={() => set({ tiers: [{ upto: '', price: '' }, ...f.tiers] })}
                  disabled={f.tiers.length >= 10}
                >
                  增加一档
                </Button>
                {f.tiers.length > 1 && (
                  <Button size="small" onClick={() => set({ tiers: f.tiers.slice(1) })}>
                    删除第 1 档
                  </Button>
                )}
              </View>
            </>
          )}
          <Field label="执行日期">
            <Input className="ll-input e2e-fee-starts" value={f.startsOn} onChange={text('startsOn')} maxLength={10} placeholder="2026-01-01" />
          </Field>
          <Field label="收费依据">
            <Input className="ll-input e2e-fee-basis" value={f.legalBasis} onChange={text('legalBasis')} maxLength={200} placeholder="物业服务合同第五条" />
          </Field>
          <Field label="服务等级">
            <Input className="ll-input" value={f.standardName} onChange={text('standardName')} maxLength={100} placeholder="一级服务标准（可不填）" />
          </Field>
          <Text className="fe-label">服务内容</Text>
          <TextArea
            className="ll-textarea e2e-fee-content"
            value={f.serviceContent}
            onChange={text('serviceContent')}
            maxLength={500}
            placeholder="公共区域清洁、秩序维护、绿化养护……"
          />
        </Section>
        <Section title="缴费期限与滞纳金">
          <Field label="缴费截止" unit="日（次月，1–28）">
            <Input className="ll-input fe-short e2e-fee-due" type="number" value={f.dueDay} onChange={text('dueDay')} maxLength={2} />
          </Field>
          <Field label="日费率 万分之" unit="（0 为不收）">
            <Input className="ll-input fe-short e2e-fee-late-rate" type="digit" value={f.lateRate} onChange={text('lateRate')} maxLength={6} />
          </Field>
          <Field label="宽限" unit="天">
            <Input className="ll-input fe-short e2e-fee-grace" type="number" value={f.graceDays} onChange={text('graceDays')} maxLength={3} />
          </Field>
          <Field label="上限 本金的" unit="%（不填为不设上限）">
            <Input className="ll-input fe-short e2e-fee-cap" type="number" value={f.capPercent} onChange={text('capPercent')} maxLength={4} />
          </Field>
          <Text className="ll-muted fe-hint">滞纳金按单利逐日计算：欠费本金 × 日费率 × 逾期天数，缴费时确定，账单上逐项列明公式。</Text>
        </Section>
        {error && <Text className="fe-error e2e-fee-error">{error}</Text>}
        <Button className="e2e-fee-save" block type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
          保存
        </Button>
      </PageState>
    </View>
  );
}
