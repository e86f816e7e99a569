import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatYuan, type BillLineView, type Me, type RoomBillsView, type RoomStaffView } from '@linli/shared';
import { api, qs } from '@common/api';
import { useAsync, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { StaffRoomLookup } from '@common/tickets/StaffRoomLookup';
import { adjustmentText, chargePage, contractsPage, requestPage } from '../util';
import '../charges.css';

const FILERS = ['cashier', 'agent'];
const CONTRACTORS = ['cashier', 'manager', 'admin'];

function LineCard({ line, canFile }: { line: BillLineView; canFile: boolean }) {
  return (
    <View className={`ch-card e2e-bill-line-${line.id}`}>
      <View className="ll-row">
        <Text className="ch-title">
          {line.name} {line.periodLabel}
        </Text>
        <Text className="ch-amount">{formatYuan(line.openCents)}</Text>
      </View>
      <Text className="ch-line">{line.basis}</Text>
      <Text className="ch-line">
        应缴 {formatYuan(line.amountCents)}
        {line.paidCents ? ` · 已缴 ${formatYuan(line.paidCents)}` : ''}
        {line.waivedCents ? ` · 已减免 ${formatYuan(line.waivedCents)}` : ''}
      </Text>
      <Text className="ch-line">
        截止 {line.deferredUntil ?? line.dueDate}
        {line.deferredUntil ? `（原 ${line.dueDate}，已缓交）` : ''} {line.overdue && <Tag type="danger">已逾期</Tag>}
      </Text>
      {line.lateFeeFormula && <Text className="ch-line">{line.lateFeeFormula}</Text>}
      {line.adjustments.map((a, i) => (
        <Text key={i} className="ch-adjust e2e-bill-adjustment">
          {adjustmentText(a)}
        </Text>
      ))}
      {canFile && (
        <View className="ch-actions">
          <Button size="small" className="e2e-line-request" onClick={() => void Taro.navigateTo({ url: requestPage(line.roomId, line.id) })}>
            申请减免 / 缓交
          </Button>
        </View>
      )}
    </View>
  );
}

function RoomBills({ me, roomId }: { me: Me; roomId: number }) {
  const bills = useAsync(() => api.get<RoomBillsView>(`/api/fees/bills${qs({ roomId })}`, { silent: true }), [roomId]);
  useDidShow(() => void bills.reload());
  const has = (roles: string[]) => me.roles.some((r) => roles.includes(r));
  const b = bills.data;
  return (
    <PageState loading={bills.loading && !b} error={b ? null : bills.error} onRetry={bills.reload}>
      {b && (
        <>
          <Section title={`${b.communityName} ${b.roomLabel}`} extra={<Text className="ch-amount e2e-room-total">合计 {formatYuan(b.totalOpenCents)}</Text>}>
            {b.open.length === 0 && <Empty text="没有未缴账单" />}
            {b.open.map((l) => (
              <LineCard key={l.id} line={l} canFile={has(FILERS)} />
            ))}
          </Section>
          <View className="ch-buttons">
            <Button className="e2e-room-charge" block type="primary" onClick={() => void Taro.navigateTo({ url: chargePage(roomId) })}>
              新增一次性收费
            </Button>
            {has(CONTRACTORS) && (
              <Button className="e2e-room-contracts" block onClick={() => void Taro.navigateTo({ url: contractsPage(roomId) })}>
                车位等定额签约
              </Button>
            )}
          </View>
        </>
      )}
    </PageState>
  );
}

/** 房屋收费: find a room, see its open bills (with approved waivers and deferrals), charge it, file a request. */
export default function RoomChargesPage() {
  const { params } = useRouter();
  const me = useMe();
  const [room, setRoom] = useState<number | null>(params.roomId ? Number(params.roomId) : null);
  return (
    <View className="ll-page page-room-charges">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload}>
        {me.data && (
          <>
            <Section title="房屋">
              <StaffRoomLookup me={me.data} picked={null} onPick={(r: RoomStaffView | null) => setRoom(r?.id ?? null)} emptyText="没有找到房屋" />
            </Section>
            {room && <RoomBills key={room} me={me.data} roomId={room} />}
          </>
        )}
      </PageState>
    </View>
  );
}
