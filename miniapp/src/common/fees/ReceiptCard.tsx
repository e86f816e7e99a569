import { View, Text } from '@tarojs/components';
import { formatYuan, PAY_REFUND_STATE_LABELS, type PaymentView } from '@linli/shared';
import { formatTime } from '../format';
import './receipt-card.css';

/** A receipt (收据) as both apps show it and the cashier prints it. */
export function ReceiptCard({ p }: { p: PaymentView }) {
  return (
    <View className={`rc-receipt e2e-receipt is-${p.status}`}>
      <Text className="rc-company">{p.companyName}</Text>
      <Text className="rc-title">收 款 收 据</Text>
      <View className="rc-meta">
        <Text className="e2e-receipt-no">No. {p.receiptNo}</Text>
        <Text>{formatTime(p.createdAt)}</Text>
      </View>
      <View className="rc-meta">
        <Text>
          {p.communityName} {p.roomLabel}
        </Text>
        <Text>交款人：{p.payerName || '—'}</Text>
      </View>
      <View className="rc-table">
        <View className="rc-tr rc-th">
          <Text className="rc-c1">账期</Text>
          <Text className="rc-c2">项目</Text>
          <Text className="rc-c3">本金</Text>
          <Text className="rc-c3">滞纳金</Text>
        </View>
        {p.lines.map((l) => (
          <View key={l.billLineId} className="rc-tr e2e-receipt-line">
            <Text className="rc-c1">{l.periodLabel}</Text>
            <Text className="rc-c2">{l.name}</Text>
            <Text className="rc-c3">{formatYuan(l.principalCents)}</Text>
            <Text className="rc-c3">{formatYuan(l.lateFeeCents)}</Text>
          </View>
        ))}
        <View className="rc-tr rc-total">
          <Text className="rc-c1">合计</Text>
          <Text className="rc-c2 e2e-receipt-capital">人民币（大写）{p.amountCapital}</Text>
          <Text className="rc-c4 e2e-receipt-total">{formatYuan(p.amountCents)}</Text>
        </View>
      </View>
      <View className="rc-meta">
        <Text>收款方式：{p.methodLabel}</Text>
        <Text>收款人：{p.cashierName ?? '—'}</Text>
      </View>
      {p.invoiceTitle && (
        <Text className="rc-line">
          发票抬头：{p.invoiceTitle}
          {p.invoiceTaxId ? `（税号 ${p.invoiceTaxId}）` : ''}，由财务开具
        </Text>
      )}
      {p.note && <Text className="rc-line">备注：{p.note}</Text>}
      {p.status !== 'paid' || p.refundedCents > 0 ? (
        <View className="rc-refunds">
          <Text className="rc-stamp e2e-receipt-status">{p.refundedCents > 0 && p.status === 'paid' ? '部分退款' : p.statusLabel}</Text>
          {p.refundedCents > 0 && p.status !== 'voided' && (
            <Text className="rc-line e2e-receipt-refunded">
              已退款 {formatYuan(p.refundedCents)}，实收 {formatYuan(p.amountCents - p.refundedCents)}
            </Text>
          )}
          {p.refunds.map((r) => (
            <Text key={r.requestId} className={`rc-line e2e-receipt-refund${r.wechatState ? ` is-${r.wechatState}` : ''}`}>
              {r.businessDate} {r.kind === 'void' ? '作废' : '退款'} {formatYuan(r.amountCents)}
              {r.wechatState ? `（微信原路退回：${PAY_REFUND_STATE_LABELS[r.wechatState]}）` : ''}：{r.reason}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
