import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { adjustmentText } from '@common/fees/adjustment';
import { BillLineView, formatYuan, PAY_REFUND_STATE_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, PaidLineView, PaidReceiptRef } from '@linli/shared';

/** The open lines of one period: amount, basis, due date, overdue mark, late fee with its formula. */
export function OpenPeriod({
  label,
  lines,
  picked,
  onToggle,
}: {
  label: string;
  lines: BillLineView[];
  picked?: Set<number>;
  onToggle?: (id: number) => void;
}) {
  return (
    <View className="fb-period e2e-bill-period">
      <Text className="fb-period-label">{label}</Text>
      {lines.map((l) => (
        <View key={l.id} className={`fb-line e2e-bill-line-${l.id}`}>
          <View className="ll-row">
            {picked && (
              <View className={`fb-pick ${picked.has(l.id) ? 'is-picked' : ''} e2e-pick-${l.id}`} onClick={() => onToggle?.(l.id)}>
                {picked.has(l.id) ? '✓' : ''}
              </View>
            )}
            <Text className="fb-name">{l.name}</Text>
            <Text className="fb-amount">{formatYuan(l.openCents)}</Text>
          </View>
          {l.basis && <Text className="fb-sub">计费：{l.basis}</Text>}
          {l.paidCents > 0 && (
            <Text className="fb-sub">
              已缴 {formatYuan(l.paidCents)}，尚欠本金 {formatYuan(l.openCents)}
            </Text>
          )}
          <View className="ll-row fb-due">
            <Text className="fb-sub">
              缴费截止 {l.deferredUntil ?? l.dueDate}
              {l.deferredUntil ? '（已批准缓交）' : ''}
            </Text>
            {l.overdue && (
              <Tag type="danger" className="e2e-overdue">
                已逾期
              </Tag>
            )}
          </View>
          {l.adjustments.map((a, i) => (
            <Text key={i} className="fb-sub e2e-bill-adjustment">
              {adjustmentText(a)}
            </Text>
          ))}
          {l.lateFeeCents > 0 && (
            <View className="fb-late e2e-late-fee">
              <Text className="fb-late-amount">滞纳金 {formatYuan(l.lateFeeCents)}</Text>
              {l.lateFeeFormula && <Text className="fb-formula e2e-late-fee-formula">{l.lateFeeFormula}</Text>}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

/** A paid (or partly paid) line and the receipts that paid it. */
/** 已退款 ¥x.xx / 退款中 ¥x.xx (a wechat payment's refund still with WeChat Pay) / 退款失败 */
function refundText(r: PaidReceiptRef): string {
  const state = r.wechatRefundState ? PAY_REFUND_STATE_LABELS[r.wechatRefundState] : '已退款';
  return `${state} ${formatYuan(r.refundedCents)}${r.wechatRefundState === 'failed' ? '，物业将另行退还' : ''}`;
}

export function PaidLine({ l }: { l: PaidLineView }) {
  return (
    <View className={`fb-line e2e-paid-line-${l.id}`}>
      <View className="ll-row">
        <Text className="fb-name">
          {l.periodLabel} {l.name}
        </Text>
        <Tag type={l.status === 'paid' ? 'success' : 'warning'}>{l.status === 'paid' ? '已缴清' : l.paidCents > 0 ? '部分缴纳' : '已退款，待缴'}</Tag>
      </View>
      <Text className="fb-sub">
        应缴 {formatYuan(l.amountCents)}，已缴 {formatYuan(l.paidCents)}
        {l.lateFeePaidCents > 0 ? `，滞纳金 ${formatYuan(l.lateFeePaidCents)}` : ''}
        {l.waivedCents > 0 ? `，免交 ${formatYuan(l.waivedCents)}` : ''}
        {l.openCents > 0 ? `，尚欠 ${formatYuan(l.openCents)}` : ''}
      </Text>
      {l.receipts.map((r) => (
        <View
          key={r.paymentId}
          className={`fb-receipt e2e-receipt-${r.paymentId}`}
          onClick={() => void Taro.navigateTo({ url: `/pages-fees/receipt/index?id=${r.paymentId}` })}
        >
          <Text className="fb-receipt-no">收据 {r.receiptNo}</Text>
          <Text className="fb-sub">
            {r.businessDate} · {PAYMENT_METHOD_LABELS[r.method]} · {formatYuan(r.principalCents + r.lateFeeCents)}
            {r.status !== 'paid' ? ` · ${PAYMENT_STATUS_LABELS[r.status]}` : ''}
          </Text>
          {r.refundedCents > 0 && r.status !== 'voided' && <Text className="fb-sub fb-refund e2e-paid-refund">{refundText(r)}</Text>}
          <Text className="fb-link">查看收据 ›</Text>
        </View>
      ))}
    </View>
  );
}
