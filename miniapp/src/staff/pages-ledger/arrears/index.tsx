import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatYuan, type ArrearsBuildingView, type ArrearsView } from '@linli/shared';
import { api, qs } from '@common/api';
import { formatTime } from '@common/format';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { MonthSwitch } from '../MonthSwitch';
import { remindBuilding } from '../remind';
import { exportXlsx, ratePercent, roomsPage, thisMonth } from '../util';
import '../ledger.css';

function Cells({ cells }: { cells: [string, string][] }) {
  return (
    <View className="lg-grid">
      {cells.map(([label, value]) => (
        <View key={label} className="lg-cell">
          <Text className="lg-cell-label">{label}</Text>
          <Text className="lg-cell-value">{value}</Text>
        </View>
      ))}
    </View>
  );
}

function Building({ b, communityId, period, onReminded }: { b: ArrearsBuildingView; communityId: number; period: string; onReminded: () => void }) {
  const open = () => void Taro.navigateTo({ url: roomsPage(communityId, b.buildingId, period, b.buildingName) });
  return (
    <View className={`lg-card e2e-arrears-building e2e-arrears-building-${b.buildingId}`}>
      <View className="ll-row" onClick={open}>
        <Text className="lg-name">{b.buildingName}</Text>
        <Text className="ll-muted">收缴率 {ratePercent(b.collectionRateBp)} ›</Text>
      </View>
      <View onClick={open}>
        <Cells
          cells={[
            ['欠费户数', `${b.overdueRooms} / ${b.rooms}`],
            ['欠费本金', formatYuan(b.openCents)],
            ['滞纳金', formatYuan(b.lateFeeCents)],
            ['本期应收', formatYuan(b.billedCents)],
            ['本期已收', formatYuan(b.paidCents)],
            ['收缴率', ratePercent(b.collectionRateBp)],
          ]}
        />
      </View>
      <View className="lg-actions">
        {b.remindAllowedAt && <Text className="ll-muted e2e-remind-wait">已催缴，{formatTime(b.remindAllowedAt)} 后可再次催缴</Text>}
        <Button
          size="small"
          className="e2e-arrears-remind"
          type="primary"
          disabled={b.overdueRooms === 0 || !!b.remindAllowedAt}
          onClick={() => void remindBuilding(communityId, b.buildingId, b.buildingName, b.overdueRooms).then((ok) => ok && onReminded())}
        >
          催缴
        </Button>
      </View>
    </View>
  );
}

function Arrears({ communityId, period }: { communityId: number; period: string }) {
  const a = usePageData(() => api.get<ArrearsView>(`/api/fees/arrears${qs({ communityId, period })}`, { silent: true }), [communityId, period]);
  const v = a.data;
  return (
    <PageState loading={a.loading && !v} error={v ? null : a.error} onRetry={a.reload}>
      {v && (
        <>
          <Section title={`${v.communityName} 合计`} extra={<Text className="ll-muted">截至 {v.asOf}</Text>}>
            <View className="lg-total e2e-arrears-total">
              <Cells
                cells={[
                  ['欠费户数', `${v.totals.overdueRooms} / ${v.totals.rooms}`],
                  ['欠费本金', formatYuan(v.totals.openCents)],
                  ['滞纳金', formatYuan(v.totals.lateFeeCents)],
                  ['本期应收', formatYuan(v.totals.billedCents)],
                  ['本期已收', formatYuan(v.totals.paidCents)],
                  ['收缴率', ratePercent(v.totals.collectionRateBp)],
                ]}
              />
            </View>
            <Text className="lg-note">收缴率 = 本期已收 ÷ 本期应收（{v.period} 账期）；欠费为逾期未缴的本金，滞纳金按今日计算、另计。</Text>
          </Section>
          <Section title="各楼栋">
            {v.buildings.length === 0 && <Empty text="该小区还没有楼栋" />}
            {v.buildings.map((b) => (
              <Building key={b.buildingId} b={b} communityId={communityId} period={v.period} onReminded={a.reload} />
            ))}
          </Section>
          <Button
            className="e2e-arrears-export"
            block
            type="primary"
            onClick={() => void exportXlsx(`/api/fees/arrears/export${qs({ communityId, period })}`, `欠费统计-${v.communityName}-${v.period}.xlsx`)}
          >
            导出 Excel
          </Button>
        </>
      )}
    </PageState>
  );
}

/** 欠费统计: buildings with their arrears and 收缴率; tap one for its rooms; 催缴 a building. */
export default function ArrearsPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const [period, setPeriod] = useState(thisMonth());
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-ledger-arrears">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        <Section>
          {me.data && communities.length > 1 && <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />}
          <MonthSwitch value={period} onChange={setPeriod} />
        </Section>
        {communityId && <Arrears key={`${communityId}-${period}`} communityId={communityId} period={period} />}
      </PageState>
    </View>
  );
}
