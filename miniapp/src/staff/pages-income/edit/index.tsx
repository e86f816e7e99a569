import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatYuan, previousQuarter, PUBLIC_INCOME_CATEGORIES, publicIncomeTotals, shanghaiDate, type PublicIncomeView } from '@linli/shared';
import { api, newIdempotencyKey, qs } from '@common/api';
import { useAsync } from '@common/hooks';
import { PageState, Section, errorMessage } from '@common/components';
import { emptyRow, RowForm, rowsBody, rowsOf } from './form';
import './index.css';

/** Enter or edit a quarter's public income (a draft until the manager publishes it). */
export default function IncomeEditPage() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const id = params.id ? Number(params.id) : null;
  const existing = useAsync(
    () =>
      id
        ? api.get<PublicIncomeView[]>(`/api/fees/public-incomes${qs({ communityId })}`, { silent: true }).then((l) => l.find((x) => x.id === id) ?? null)
        : Promise.resolve(null),
    [communityId, id],
  );
  const [quarter, setQuarter] = useState(() => previousQuarter(shanghaiDate(new Date())));
  const [rows, setRows] = useState<RowForm[]>([emptyRow('广告收益'), emptyRow('公共车位'), emptyRow('场地租金')]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [key] = useState(newIdempotencyKey);
  useEffect(() => {
    if (existing.data) {
      setQuarter(existing.data.quarter);
      setRows(rowsOf(existing.data));
    }
  }, [existing.data]);
  const setRow = (i: number, patch: Partial<RowForm>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const parsed = rowsBody(rows);
  const totals = 'rows' in parsed ? publicIncomeTotals(parsed.rows) : null;

  async function save() {
    const r = rowsBody(rows.filter((x) => x.income.trim() || x.expense.trim() || x.note.trim()));
    if ('problem' in r) return setError(r.problem);
    setSaving(true);
    setError('');
    try {
      if (existing.data)
        await api.patch<PublicIncomeView>(
          `/api/fees/public-incomes/${existing.data.id}`,
          { version: existing.data.version, quarter, rows: r.rows },
          { silent: true },
        );
      else await api.post<PublicIncomeView>('/api/fees/public-incomes', { communityId, quarter, rows: r.rows }, { idempotencyKey: key, silent: true });
      void Taro.showToast({ title: '已保存草稿', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="ll-page page-income-edit">
      <PageState loading={existing.loading} error={existing.error} onRetry={existing.reload} empty={!!id && existing.data === null} emptyText="该记录不存在">
        <Section title="季度">
          <Input className="ll-input e2e-income-quarter" value={quarter} onChange={setQuarter} maxLength={7} placeholder="2026-Q4" />
          <Text className="ll-muted pie-hint">格式：年份-Q季度，如 2026-Q4</Text>
        </Section>
        {rows.map((r, i) => (
          <Section key={i} title={`第 ${i + 1} 项`} className={`e2e-income-row-${i}`}>
            <View className="ll-chips">
              {PUBLIC_INCOME_CATEGORIES.map((c) => (
                <View key={c} className={`ll-chip ${r.category === c ? 'is-active' : ''} e2e-income-cat-${i}-${c}`} onClick={() => setRow(i, { category: c })}>
                  {c}
                </View>
              ))}
            </View>
            <View className="pie-field">
              <Text className="pie-label">收入</Text>
              <Input className={`ll-input e2e-income-in-${i}`} type="digit" value={r.income} onChange={(v) => setRow(i, { income: v })} placeholder="0.00" />
              <Text className="pie-unit">元</Text>
            </View>
            <View className="pie-field">
              <Text className="pie-label">支出 / 使用</Text>
              <Input className={`ll-input e2e-income-out-${i}`} type="digit" value={r.expense} onChange={(v) => setRow(i, { expense: v })} placeholder="0.00" />
              <Text className="pie-unit">元</Text>
            </View>
            <Input
              className={`ll-input e2e-income-note-${i}`}
              value={r.note}
              onChange={(v) => setRow(i, { note: v })}
              maxLength={100}
              placeholder="来源与用途说明"
            />
            {rows.length > 1 && (
              <Text className="pie-remove" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                删除此项
              </Text>
            )}
          </Section>
        ))}
        <Section>
          <Button size="small" className="e2e-income-add" onClick={() => setRows((rs) => [...rs, emptyRow('其他')])}>
            添加一项
          </Button>
          {totals && (
            <Text className="pie-totals e2e-income-totals">
              收入 {formatYuan(totals.incomeCents)} − 支出 {formatYuan(totals.expenseCents)} = 结余 {formatYuan(totals.balanceCents)}
            </Text>
          )}
          {error && <Text className="pie-error e2e-income-error">{error}</Text>}
          <Button className="e2e-income-save" block type="primary" loading={saving} onClick={() => void save()}>
            保存草稿
          </Button>
        </Section>
      </PageState>
    </View>
  );
}
