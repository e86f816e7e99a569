import { View, Text } from '@tarojs/components';
import { formatCents, lineAmountCents, sumCents } from './money';
import './repairs.css';

export interface ChargeTableLine {
  name: string;
  unit: string;
  unitPriceCents: number;
  quantity: number;
  /** computed from unit price × quantity when absent (e.g. a draft in the complete form) */
  amountCents?: number;
}

export interface ChargeTableProps {
  lines: ChargeTableLine[];
  /** the server's total; summed from the lines when absent */
  totalCents?: number;
  /** true: defect of the original equipment, free of charge (lines are ignored) */
  freeOfCharge?: boolean | null;
  emptyText?: string;
}

/** Paid-service lines (项目 / 单价×数量 / 金额) with the total, or "原装设备缺陷，免费". */
export function ChargeTable({ lines, totalCents, freeOfCharge, emptyText = '暂无费用' }: ChargeTableProps) {
  if (freeOfCharge) return <Text className="ll-charge-free e2e-charge-free">原装设备缺陷，免费</Text>;
  if (!lines.length) return <Text className="ll-muted e2e-charge-empty">{emptyText}</Text>;
  const amounts = lines.map((l) => l.amountCents ?? lineAmountCents(l.unitPriceCents, l.quantity));
  const total = totalCents ?? sumCents(amounts);
  return (
    <View className="ll-charges e2e-charges">
      <View className="ll-charge-row ll-charge-head">
        <Text className="ll-charge-name">项目</Text>
        <Text className="ll-charge-qty">单价 × 数量</Text>
        <Text className="ll-charge-amount">金额</Text>
      </View>
      {lines.map((l, i) => (
        <View key={`${l.name}-${i}`} className="ll-charge-row">
          <Text className="ll-charge-name">{l.name}</Text>
          <Text className="ll-charge-qty">
            {formatCents(l.unitPriceCents)}/{l.unit} × {l.quantity}
          </Text>
          <Text className="ll-charge-amount">{formatCents(amounts[i])}</Text>
        </View>
      ))}
      <View className="ll-charge-row ll-charge-total">
        <Text className="ll-charge-name">合计</Text>
        <Text className="ll-charge-amount e2e-charge-total">{formatCents(total)}</Text>
      </View>
    </View>
  );
}
