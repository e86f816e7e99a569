import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { isRealDate, shanghaiDate, type FeeContractView, type RoomContractsView } from '@linli/shared';
import { api, newIdempotencyKey, qs, showError } from '@common/api';
import { usePageData } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import '../charges.css';

function ContractCard({ c, onEnd }: { c: FeeContractView; onEnd: (c: FeeContractView) => void }) {
  const ended = c.endsOn !== null && c.endsOn < shanghaiDate(new Date());
  return (
    <View className={`ch-card e2e-contract-${c.id}`}>
      <View className="ll-row">
        <Text className="ch-title">{c.itemName}</Text>
        {ended ? <Tag>已终止</Tag> : <Tag type="success">{c.endsOn ? `至 ${c.endsOn}` : '长期'}</Tag>}
      </View>
      <Text className="ch-line">
        {c.standardText}
        {c.note ? ` · ${c.note}` : ''}
      </Text>
      <Text className="ch-line">
        {c.startsOn} 起{c.endsOn ? `，${c.endsOn} 止` : ''}
        {c.createdByName ? ` · 登记人 ${c.createdByName}` : ''}
      </Text>
      {!ended && (
        <View className="ch-actions">
          <Button size="small" className="e2e-contract-end" onClick={() => onEnd(c)}>
            终止
          </Button>
        </View>
      )}
    </View>
  );
}

/** 定额签约 of a room (车位租金 …): the bill run bills them for the periods they cover. */
export default function ContractsPage() {
  const roomId = Number(useRouter().params.roomId);
  const data = usePageData(() => api.get<RoomContractsView>(`/api/fees/contracts${qs({ roomId })}`, { silent: true }), [roomId]);
  const [itemId, setItemId] = useState<number | null>(null);
  const [startsOn, setStartsOn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const v = data.data;

  async function add() {
    if (!itemId) return setError('请选择收费项目');
    if (!isRealDate(startsOn)) return setError('起始日期格式应为 2026-10-01');
    setSaving(true);
    setError('');
    try {
      const c = await api.post<FeeContractView>(
        '/api/fees/contracts',
        { roomId, feeItemId: itemId, startsOn, note: note || undefined },
        { idempotencyKey: key, silent: true },
      );
      data.setData((x) => x && { ...x, contracts: [c, ...x.contracts] });
      setNote('');
      setKey(newIdempotencyKey());
      void Taro.showToast({ title: '已签约', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  async function end(c: FeeContractView) {
    const endsOn = shanghaiDate(new Date());
    const { confirm } = await Taro.showModal({
      title: '终止签约',
      content: `「${c.itemName}」${c.note ?? ''}将于 ${endsOn} 终止，之后的账期不再出账。已出的账单不受影响。`,
      confirmText: '终止',
    });
    if (!confirm) return;
    try {
      const next = await api.post<FeeContractView>(`/api/fees/contracts/${c.id}/end`, { version: c.version, endsOn });
      data.setData((x) => x && { ...x, contracts: x.contracts.map((y) => (y.id === next.id ? next : y)) });
    } catch (e) {
      showError(e);
      void data.reload();
    }
  }

  return (
    <View className="ll-page page-contracts">
      <PageState loading={data.loading && !v} error={v ? null : data.error} onRetry={data.reload}>
        {v && (
          <>
            <Section title={`${v.roomLabel} 的签约`}>
              {v.contracts.length === 0 && <Empty text="还没有签约的定额项目" />}
              {v.contracts.map((c) => (
                <ContractCard key={c.id} c={c} onEnd={(x) => void end(x)} />
              ))}
            </Section>
            <Section title="新签约">
              {v.items.length === 0 ? (
                <Empty text="本小区没有启用中的定额收费项目" />
              ) : (
                <>
                  <View className="ll-chips">
                    {v.items.map((i) => (
                      <View key={i.id} className={`ll-chip ${itemId === i.id ? 'is-active' : ''} e2e-contract-item-${i.id}`} onClick={() => setItemId(i.id)}>
                        {i.name} {i.standardText}
                      </View>
                    ))}
                  </View>
                  <View className="ch-field">
                    <Text className="ch-label">起始日期</Text>
                    <View className="ch-input">
                      <Input className="ll-input e2e-contract-starts" value={startsOn} onChange={setStartsOn} maxLength={10} placeholder="2026-10-01" />
                    </View>
                  </View>
                  <View className="ch-field">
                    <Text className="ch-label">备注</Text>
                    <View className="ch-input">
                      <Input className="ll-input e2e-contract-note" value={note} onChange={setNote} maxLength={100} placeholder="车位号 B-023" />
                    </View>
                  </View>
                  {error && <Text className="ch-error e2e-contract-error">{error}</Text>}
                  <Button className="e2e-contract-add" block type="primary" loading={saving} disabled={saving} onClick={() => void add()}>
                    签约
                  </Button>
                </>
              )}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
