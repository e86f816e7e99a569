import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatPlate, PARKING_VEHICLE_LABELS, type PlateLookupView } from '@linli/shared';
import { api, qs } from '@common/api';
import { useMe } from '@common/hooks';
import { Empty, ErrorState, Loading, Section } from '@common/components';
import { formatTime } from '@common/format';
import { PassStatusTag } from '@common/passes/parkitems';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';

const WINDOW = { valid: '有效期内', not_yet: '未到有效期', expired: '已过期' } as const;

/** 车牌查询 (guards): a plate's parking passes in the community, with the window, room and masked phone. */
export default function PlateLookupPage() {
  const me = useMe();
  const initial = Taro.getCurrentInstance().router?.params.plate;
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const [plate, setPlate] = useState(initial ? decodeURIComponent(initial) : '');
  const [result, setResult] = useState<PlateLookupView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function look() {
    if (!communityId || plate.trim().length < 2) return;
    setLoading(true);
    setError(null);
    try {
      setResult(await api.get<PlateLookupView>(`/api/passes/plates${qs({ communityId, plate: plate.trim() })}`, { silent: true }));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  return (
    <View className="ll-page page-plate">
      {me.data ? <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} /> : null}
      <Section>
        <View className="ll-field">
          <Text className="ll-label">车牌号</Text>
          <Input
            className="ll-input e2e-plate-query"
            placeholder="例如 粤B12345"
            value={plate}
            onChange={setPlate}
            maxLength={12}
            onConfirm={() => void look()}
          />
        </View>
        <Button className="e2e-plate-search" type="primary" block loading={loading} onClick={() => void look()}>
          查询
        </Button>
      </Section>
      {error ? <ErrorState error={error} onRetry={() => void look()} /> : null}
      {loading && !result ? <Loading /> : null}
      {result ? (
        <Section title={formatPlate(result.plate)} className="e2e-plate-result">
          <Text className={`pi-big ${result.valid ? 'pi-ok' : 'pi-bad'} e2e-plate-verdict`}>{result.valid ? '有效停车证' : '无有效停车证'}</Text>
          {result.passes.length ? (
            result.passes.map((p) => (
              <View key={p.id} className={`pi-card e2e-plate-pass-${p.id}`}>
                <View className="ll-row">
                  <Text className="pi-title">
                    {PARKING_VEHICLE_LABELS[p.vehicle]} · {WINDOW[p.window]}
                  </Text>
                  <PassStatusTag status={p.status} label={p.statusLabel} />
                </View>
                <Text className="ll-card-line">
                  {p.roomLabel} · {p.holderName} {p.holderPhoneMasked ?? ''}
                </Text>
                <Text className="ll-card-line ll-muted">
                  {formatTime(p.validFrom)} 至 {formatTime(new Date(Date.parse(p.validUntil) - 60_000).toISOString())}
                </Text>
              </View>
            ))
          ) : (
            <Empty text="本小区没有该车牌的停车证" />
          )}
        </Section>
      ) : null}
    </View>
  );
}
