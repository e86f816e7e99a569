import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ARREARS_AGES, ARREARS_AGE_LABELS, formatYuan, type ReportDrill, type ReportFees, type ReportSatisfaction } from '@linli/shared';
import { Section } from '@common/components';
import { drillPage, sharePercent } from '../util';

const opener = (drill: ReportDrill | undefined, title: string) => (drill ? () => void Taro.navigateTo({ url: drillPage(drill, title) }) : undefined);

/** 满意度: the survey index with its formula beside the post-ticket rating average (never mixed). */
export function SatisfactionSection({ s }: { s: ReportSatisfaction }) {
  return (
    <Section title="满意度" className="e2e-satisfaction">
      <View className="rp-pair">
        <View className="rp-pair-cell e2e-survey-index">
          <Text className="rp-pair-label">调查满意度指数</Text>
          <Text className="rp-pair-value">{sharePercent(s.surveyIndex)}</Text>
          <Text className="rp-pair-note">
            {s.surveyResponses} 份问卷{s.surveysOpen ? `（${s.surveysOpen} 个调查进行中，为截至目前的答卷）` : ''}
          </Text>
        </View>
        <View className="rp-pair-cell e2e-rating-average">
          <Text className="rp-pair-label">工单评价平均分</Text>
          <Text className="rp-pair-value">{s.ticketRatingAverage === null ? '—' : `${s.ticketRatingAverage.toFixed(2)} 星`}</Text>
          <Text className="rp-pair-note">{s.ticketRatings} 条评价（1–5 星）</Text>
        </View>
      </View>
      <Text className="rp-formula e2e-survey-formula">{s.surveyFormula}</Text>
    </Section>
  );
}

/** 收费: billed, waived, collected, the collection rate with its formula, arrears by age as bars. */
export function FeesSection({ f }: { f: ReportFees }) {
  const max = Math.max(1, ...ARREARS_AGES.map((a) => f.arrearsByAge[a]));
  return (
    <Section title="收费" className="e2e-fees">
      <View className="rp-grid">
        <Cell label="本期应收" value={formatYuan(f.billedCents)} onClick={opener(f.drill.billed, '本期应收账单')} />
        <Cell label="减免" value={formatYuan(f.waivedCents)} />
        <Cell label="已收" value={formatYuan(f.collectedCents)} />
      </View>
      <View className="rp-rate e2e-collection-rate">
        <Text className="rp-pair-label">收缴率</Text>
        <Text className="rp-rate-value">{sharePercent(f.collectionRate)}</Text>
      </View>
      <Text className="rp-formula">{f.collectionFormula}</Text>
      <Text className="rp-sub">月末欠费账龄</Text>
      {ARREARS_AGES.map((a) => (
        <View key={a} className={`rp-bar-row e2e-arrears-${a}`} onClick={opener(f.drill.arrears[a], `欠费 ${ARREARS_AGE_LABELS[a]}`)}>
          <Text className="rp-bar-label">{ARREARS_AGE_LABELS[a]}</Text>
          <View className="rp-bar-track">
            <View className="rp-bar" style={{ width: `${(f.arrearsByAge[a] / max) * 100}%` }} />
          </View>
          <Text className="rp-bar-value">{formatYuan(f.arrearsByAge[a])}</Text>
        </View>
      ))}
    </Section>
  );
}

function Cell({ label, value, onClick }: { label: string; value: string; onClick?: () => void }) {
  return (
    <View className={`rp-cell ${onClick ? 'is-link' : ''}`} onClick={onClick}>
      <Text className="rp-cell-label">{label}</Text>
      <Text className="rp-cell-value">
        {value}
        {onClick ? ' ›' : ''}
      </Text>
    </View>
  );
}
