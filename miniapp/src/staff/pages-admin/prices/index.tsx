import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import type { PriceItemView } from '@linli/shared';
import { api, ApiError, newIdempotencyKey } from '@common/api';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { formatCents } from '@common/repairs/money';
import { centsToYuan, confirmDanger, showAdminError, yuanToCents } from '../admin';
import '../admin.css';

interface Draft {
  /** null: a new item */
  item: PriceItemView | null;
  name: string;
  unit: string;
  price: string;
  key: string;
}

function problemOf(d: Draft): string | null {
  if (!d.name.trim()) return '请填写项目名称';
  if (!d.unit.trim()) return '请填写单位，如 次、个、米';
  const cents = yuanToCents(d.price);
  if (cents === null) return '单价请填写金额（元），最多两位小数，如 80 或 12.50';
  if (cents > 10_000_000) return '单价不能超过 ¥100000.00';
  return null;
}

function PriceForm({ draft, onChange, onSaved, onCancel }: { draft: Draft; onChange: (d: Draft) => void; onSaved: () => void; onCancel: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (patch: Partial<Draft>) => {
    setError(null);
    onChange({ ...draft, ...patch });
  };
  async function save() {
    const problem = problemOf(draft);
    setError(problem);
    if (problem) return;
    const body = { name: draft.name.trim(), unit: draft.unit.trim(), priceCents: yuanToCents(draft.price)! };
    setBusy(true);
    try {
      if (draft.item) await api.patch(`/api/price-items/${draft.item.id}`, { ...body, version: draft.item.version }, { silent: true });
      else await api.post('/api/price-items', body, { silent: true, idempotencyKey: draft.key });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        showAdminError(e);
        onSaved();
      } else setError(e instanceof ApiError ? e.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={draft.item ? `编辑：${draft.item.name}` : '新增收费项目'} className="ad-form e2e-price-form">
      <Text className="ll-label">项目名称</Text>
      <Input className="ll-input e2e-price-name" placeholder="如 更换水龙头" value={draft.name} onChange={(name) => change({ name })} />
      <Text className="ll-label">单位</Text>
      <Input className="ll-input e2e-price-unit" placeholder="如 次、个、米" value={draft.unit} onChange={(unit) => change({ unit })} />
      <Text className="ll-label">单价（元）</Text>
      <Input className="ll-input e2e-price-amount" type="digit" placeholder="如 80 或 12.50" value={draft.price} onChange={(price) => change({ price })} />
      {yuanToCents(draft.price) !== null && <Text className="ll-muted ad-note">将显示为 {formatCents(yuanToCents(draft.price)!)}</Text>}
      {error && <Text className="ad-error e2e-price-error">{error}</Text>}
      <View className="ll-btn-row">
        <Button className="e2e-price-cancel" fill="outline" onClick={onCancel}>
          取消
        </Button>
        <Button className="e2e-price-save" type="primary" loading={busy} onClick={() => void save()}>
          保存
        </Button>
      </View>
      <Text className="ll-muted ad-note">已开出的收费单保留当时的名称和单价，修改只影响之后的收费。</Text>
    </Section>
  );
}

/** 有偿服务价目表: the company's paid services; admins add, edit, withdraw (停用) and restore items. */
export default function Prices() {
  const list = usePageData(() => api.get<PriceItemView[]>('/api/price-items', { silent: true }));
  const [draft, setDraft] = useState<Draft | null>(null);

  const edit = (item: PriceItemView | null) =>
    setDraft({ item, name: item?.name ?? '', unit: item?.unit ?? '', price: item ? centsToYuan(item.priceCents) : '', key: newIdempotencyKey() });

  async function setActive(item: PriceItemView, active: boolean) {
    if (!active && !(await confirmDanger('停用收费项目', `停用后维修工不能再选择「${item.name}」开收费单，已开出的不受影响。确定停用吗？`, '停用'))) return;
    try {
      await api.patch(`/api/price-items/${item.id}`, { version: item.version, active }, { silent: true });
      void Taro.showToast({ title: active ? '已恢复' : '已停用', icon: 'success' });
    } catch (e) {
      showAdminError(e);
    }
    void list.reload();
  }

  return (
    <View className="ll-page page-admin-prices">
      {draft ? (
        <PriceForm
          draft={draft}
          onChange={setDraft}
          onCancel={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            void list.reload();
          }}
        />
      ) : (
        <Section>
          <Button className="e2e-price-new" block type="primary" fill="outline" onClick={() => edit(null)}>
            ＋ 新增收费项目
          </Button>
        </Section>
      )}
      <Section title="价目表" extra={list.data ? <Text className="ll-muted">{list.data.filter((p) => p.active).length} 项使用中</Text> : undefined}>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload} empty={!list.data?.length} emptyText="还没有收费项目">
          {list.data?.map((p) => (
            <View key={p.id} className={`ad-card e2e-price-${p.id} ${p.active ? '' : 'is-off'}`}>
              <View className="ll-row">
                <Text className="ad-name">{p.name}</Text>
                <Text className="ad-price e2e-price-value">
                  {formatCents(p.priceCents)}/{p.unit}
                </Text>
              </View>
              <View className="ll-row">
                {p.active ? <Tag type="success">使用中</Tag> : <Tag type="default">已停用</Tag>}
                <View className="ll-btn-row">
                  <Button className="e2e-price-edit" size="small" fill="outline" type="primary" onClick={() => edit(p)}>
                    编辑
                  </Button>
                  {p.active ? (
                    <Button className="e2e-price-deactivate" size="small" fill="outline" type="danger" onClick={() => void setActive(p, false)}>
                      停用
                    </Button>
                  ) : (
                    <Button className="e2e-price-activate" size="small" fill="outline" type="success" onClick={() => void setActive(p, true)}>
                      恢复
                    </Button>
                  )}
                </View>
              </View>
            </View>
          ))}
        </PageState>
      </Section>
    </View>
  );
}
