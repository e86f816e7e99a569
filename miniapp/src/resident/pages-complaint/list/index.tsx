import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ComplaintSummary } from '@linli/shared';
import { Empty } from '@common/components';
import { Countdown, formatShanghai } from '@common/repairs';
import { ResidentTicketListPage } from '@common/tickets/ResidentTicketList';
import { ComplaintStatusTag } from '../components/StatusTag';
import { NEW_COMPLAINT_PAGE, complaintDetailPage, isFinished, kindText, ownerText } from '../components/labels';
import '../components/complaint-pages.css';
import './index.css';

function ComplaintCard({ c }: { c: ComplaintSummary }) {
  return (
    <View className={`rtl-card e2e-complaint-card-${c.id}`} onClick={() => void Taro.navigateTo({ url: complaintDetailPage(c.id) })}>
      <View className="ll-row">
        <Text className="rtl-title">{kindText(c)}</Text>
        <ComplaintStatusTag c={c} />
      </View>
      <Text className="ll-card-line rtl-desc">{c.description}</Text>
      {ownerText(c) && <Text className="ll-card-line cl-owner">{ownerText(c)}</Text>}
      {!isFinished(c) && c.nextClock && (
        <View className="cp-tags rtl-gap">
          <Countdown clock={c.nextClock} />
        </View>
      )}
      <View className="ll-row rtl-gap">
        <Text className="ll-muted">编号 {c.no}</Text>
        <Text className="ll-muted ll-nowrap">{formatShanghai(c.receivedAt)}</Text>
      </View>
    </View>
  );
}

export default function MyComplaints() {
  return (
    <ResidentTicketListPage<ComplaintSummary>
      pageClassName="page-complaint-list"
      endpoint="/api/complaints/mine"
      renderCard={(c) => <ComplaintCard c={c} />}
      renderEmpty={(status) => (
        <Empty text={status === 'open' ? '没有进行中的投诉建议' : '没有已完结的投诉建议'}>
          <Button className="e2e-go-complaint" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: NEW_COMPLAINT_PAGE })}>
            去提交
          </Button>
        </Empty>
      )}
      footer={
        <Button className="e2e-complaint-new" block type="primary" onClick={() => void Taro.navigateTo({ url: NEW_COMPLAINT_PAGE })}>
          我要投诉 / 建议
        </Button>
      }
    />
  );
}
