import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { collectionRateBp, formatYuan, type ArrearsRoomsView } from '@linli/shared';
import { api, qs } from '@common/api';
import { usePageData } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { remindBuilding } from '../remind';
import { ratePercent } from '../util';
import '../ledger.css';

/** A building's rooms in arrears, most owed first; 催缴 the building from here too. */
export default function ArrearsRoomsPage() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const buildingId = Number(params.buildingId);
  const period = params.period;
  const r = usePageData(
    () => api.get<ArrearsRoomsView>(`/api/fees/arrears/rooms${qs({ communityId, buildingId, period })}`, { silent: true }),
    [communityId, buildingId, period],
  );
  const v = r.data;
  const name = v?.buildingName ?? decodeURIComponent(params.name ?? '');
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name} 欠费房屋` });
  }, [name]);
  return (
    <View className="ll-page page-ledger-rooms">
      <PageState loading={r.loading && !v} error={v ? null : r.error} onRetry={r.reload}>
        {v && (
          <>
            <Section title={`${v.buildingName} · ${v.rooms.length} 户欠费`} extra={<Text className="ll-muted">截至 {v.asOf}</Text>}>
              {v.rooms.length === 0 && <Empty text="这栋楼没有欠费房屋" />}
              {v.rooms.map((x) => (
                <View key={x.roomId} className={`lg-card e2e-arrears-room e2e-arrears-room-${x.roomId}`}>
                  <View className="ll-row">
                    <Text className="lg-name">{x.roomLabel}</Text>
                    <Text className="lg-big">{formatYuan(x.openCents + x.lateFeeCents)}</Text>
                  </View>
                  <Text className="lg-formula">
                    {x.ownerName ?? '业主未登记'}
                    {x.ownerPhone ? ` · ${x.ownerPhone}` : ''} · 逾期 {x.overdueLines} 笔：本金 {formatYuan(x.openCents)}，滞纳金 {formatYuan(x.lateFeeCents)}
                  </Text>
                  <Text className="lg-formula">
                    本期应收 {formatYuan(x.billedCents)}，已收 {formatYuan(x.paidCents)}，收缴率 {ratePercent(collectionRateBp(x.paidCents, x.billedCents))}
                  </Text>
                </View>
              ))}
            </Section>
            {v.rooms.length > 0 && (
              <Button
                className="e2e-rooms-remind"
                block
                type="primary"
                onClick={() => void remindBuilding(communityId, buildingId, v.buildingName, v.rooms.length)}
              >
                向这 {v.rooms.length} 户发送催缴提醒
              </Button>
            )}
          </>
        )}
      </PageState>
    </View>
  );
}
