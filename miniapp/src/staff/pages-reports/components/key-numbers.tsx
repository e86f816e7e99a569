import { View, Text } from '@tarojs/components';
import type { MonthlyReportView } from '@linli/shared';
import { deltaClass, deltaText, sharePercent } from '../util';

interface KeyNumber {
  key: string;
  label: string;
  value: string;
  delta: string | null;
  trend: string;
}

/** The month's headline numbers with month over month: tickets, SLA share met, collection rate, survey index. */
export function KeyNumbers({ v }: { v: MonthlyReportView }) {
  const now = v.trend.find((t) => t.period === v.period);
  const before = v.trend.find((t) => t.period === v.previousPeriod);
  const share = (a: number | null | undefined, b: number | null | undefined) => ({
    delta: deltaText(a ?? null, b ?? null, 'share'),
    trend: deltaClass(a ?? null, b ?? null),
  });
  const items: KeyNumber[] = [
    {
      key: 'tickets',
      label: '工单总数',
      value: String(now?.tickets ?? '—'),
      delta: deltaText(now?.tickets ?? null, before?.tickets ?? null),
      // more tickets is neither good nor bad: no colour
      trend: 'is-flat',
    },
    { key: 'sla', label: 'SLA 达标率', value: sharePercent(now?.slaMetShare ?? null), ...share(now?.slaMetShare, before?.slaMetShare) },
    { key: 'collection', label: '收缴率', value: sharePercent(v.fees.collectionRate), ...share(v.fees.collectionRate, before?.collectionRate) },
    // no survey index of the month before in the report: the number of responses instead
    {
      key: 'survey',
      label: '满意度指数',
      value: sharePercent(v.satisfaction.surveyIndex),
      delta: `${v.satisfaction.surveyResponses} 份问卷`,
      trend: 'is-flat',
    },
  ];
  return (
    <View className="rp-keys e2e-key-numbers">
      {items.map((k) => (
        <View key={k.key} className={`rp-key e2e-key-${k.key}`}>
          <Text className="rp-key-label">{k.label}</Text>
          <Text className="rp-key-value">{k.value}</Text>
          <Text className={`rp-delta ${k.trend}`}>{k.delta ?? '上月无数据'}</Text>
        </View>
      ))}
    </View>
  );
}
