import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { RepairSummary } from '@linli/shared';
import { Empty } from '@common/components';
import { Countdown, StatusTag, TierTag, formatShanghai } from '@common/repairs';
import { ResidentTicketListPage } from '@common/tickets/ResidentTicketList';
import { NEW_REPAIR_PAGE, categoryText, locationText, repairDetailPage } from '../components/labels';
import '../components/repair-pages.css';
import './index.css';

function RepairCard({ r }: { r: RepairSummary }) {
  const open = r.status !== 'closed' && r.status !== 'cancelled';
  return (
    <View className={`rtl-card e2e-repair-card-${r.id}`} onClick={() => void Taro.navigateTo({ url: repairDetailPage(r.id) })}>
      <View className="ll-row">
        <Text className="rtl-title">{categoryText(r.category, r.emergency)}</Text>
        <StatusTag status={r.status} />
      </View>
      <Text className="ll-card-line rl-location">{locationText(r)}</Text>
      <Text className="ll-card-line rtl-desc">{r.description}</Text>
      <View className="ll-row rtl-gap">
        <View className="rp-tags">
          <TierTag tier={r.tier} />
          {open && r.nextClock && <Countdown clock={r.nextClock} />}
        </View>
        <Text className="ll-muted ll-nowrap">{formatShanghai(r.receivedAt)}</Text>
      </View>
      <Text className="ll-muted rtl-gap">单号 {r.no}</Text>
    </View>
  );
}

export default function MyRepairs() {
  return (
    <ResidentTicketListPage<RepairSummary>
      pageClassName="page-repair-list"
      endpoint="/api/repairs/mine"
      renderCard={(r) => <RepairCard r={r} />}
      renderEmpty={(status) => (
        <Empty text={status === 'open' ? '没有进行中的报修' : '没有已完结的报修'}>
          <Button className="e2e-go-repair" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: NEW_REPAIR_PAGE })}>
            去报修
          </Button>
        </Empty>
      )}
      footer={
        <Button className="e2e-repair-new" block type="primary" onClick={() => void Taro.navigateTo({ url: NEW_REPAIR_PAGE })}>
          我要报修
        </Button>
      }
    />
  );
}
