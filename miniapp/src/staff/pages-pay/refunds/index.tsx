import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatYuan, type PayRefundFailureView } from '@linli/shared';
import { api } from '@common/api';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import '../pay.css';

function FailureCard({ f }: { f: PayRefundFailureView }) {
  const open = () => f.paymentId && void Taro.navigateTo({ url: `/pages-cashier/receipt/index?id=${f.paymentId}` });
  return (
    <View className={`py-card e2e-refund-failure e2e-refund-failure-${f.id}`} onClick={open}>
      <View className="ll-row">
        <Text className="py-title">{f.outRefundNo}</Text>
        <Tag type="danger">退款失败</Tag>
      </View>
      <Text className="py-line">
        {formatYuan(f.amountCents)} · {`${f.communityName ?? ''} ${f.roomLabel ?? ''}`.trim() || '房屋未知'}
        {f.receiptNo ? ` · 收据 ${f.receiptNo}` : ''}
      </Text>
      <Text className="py-line">原因：{f.reason || '—'}</Text>
      <Text className="py-line py-off">{f.failureLabel}</Text>
      <Text className="py-line">
        退款日期 {f.businessDate} · 失败于 {formatTime(f.failedAt)}
      </Text>
    </View>
  );
}

/** 退款异常 (managers, admins): WeChat Pay refunds that failed — the money has to go back to the resident another way. */
export default function RefundFailuresPage() {
  const list = usePageData(() => api.get<PayRefundFailureView[]>('/api/pay/refunds/failed', { silent: true }), []);
  const rows = list.data ?? [];
  return (
    <View className="ll-page page-pay-refunds">
      <PageState
        loading={list.loading && !list.data}
        error={list.data ? null : list.error}
        onRetry={list.reload}
        empty={!!list.data && rows.length === 0}
        emptyText="没有失败的微信退款"
      >
        <Section title="微信退款失败" extra={<Text className="ll-muted">{rows.length} 笔</Text>}>
          <Text className="ll-muted">账单已按退款调整；微信未能退回的款项请联系住户以其他方式退还。</Text>
          {rows.map((f) => (
            <FailureCard key={f.id} f={f} />
          ))}
        </Section>
      </PageState>
    </View>
  );
}
