import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MonthlyReportView } from '@linli/shared';
import { api, qs } from '@common/api';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { formatTime } from '@common/format';
import { communityBars, sharesTrend, ticketsTrend } from '../components/charts';
import { F2Chart } from '../components/f2-chart';
import { FiguresSection } from '../components/figures-section';
import { KeyNumbers } from '../components/key-numbers';
import { FeesSection, SatisfactionSection } from '../components/money-section';
import { SlaSection } from '../components/sla-section';
import { exportXlsx, monthLabel, quarterOf, sharePercent } from '../util';

function Charts({ v }: { v: MonthlyReportView }) {
  const trendText = v.trend.map((t) => `${t.period} ${t.tickets} 单`).join('；');
  const sharesText = v.trend.map((t) => `${t.period} 达标 ${sharePercent(t.slaMetShare)} 收缴 ${sharePercent(t.collectionRate)}`).join('；');
  const barsText = v.communities.map((c) => `${c.communityName} ${c.tickets} 单`).join('；');
  return (
    <Section title="近 6 个月趋势" className="e2e-trend">
      <Text className="rp-sub">工单量</Text>
      <F2Chart id="trend-tickets" height={170} render={ticketsTrend(v.trend)} dataKey={trendText} summary={trendText} />
      <Text className="rp-sub">SLA 达标率 / 收缴率</Text>
      <F2Chart id="trend-shares" height={190} render={sharesTrend(v.trend)} dataKey={sharesText} summary={sharesText} />
      {v.communities.length > 0 && (
        <>
          <Text className="rp-sub">各小区工单量</Text>
          <F2Chart id="community-bars" height={40 + 30 * v.communities.length} render={communityBars(v.communities)} dataKey={barsText} summary={barsText} />
          {v.communities.map((c) => (
            <Text key={c.communityId} className={`rp-bar-note e2e-community-bar-${c.communityId}`}>
              {c.communityName}：工单 {c.tickets} · 达标 {sharePercent(c.slaMetShare)} · 收缴 {sharePercent(c.collectionRate)}
            </Text>
          ))}
        </>
      )}
    </Section>
  );
}

function Exports({ communityId, month, name }: { communityId: number | null; month: string; name: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (which: string, path: string, file: string) => {
    setBusy(which);
    await exportXlsx(path, file);
    setBusy(null);
  };
  const quarter = quarterOf(month);
  return (
    <View className="rp-exports">
      <Button
        className="e2e-export-monthly"
        type="primary"
        loading={busy === 'monthly'}
        onClick={() => void run('monthly', `/api/reports/monthly.xlsx${qs({ period: month, communityId })}`, `月度统计-${name}-${month}.xlsx`)}
      >
        导出月报 Excel
      </Button>
      <Button
        className="e2e-export-quarterly"
        fill="outline"
        type="primary"
        loading={busy === 'quarterly'}
        onClick={() => void run('quarterly', `/api/reports/quarterly.xlsx${qs({ quarter, communityId })}`, `季度管理报告-${name}-${quarter}.xlsx`)}
      >
        导出季度报告（{quarter.replace('-', ' ')}）
      </Button>
    </View>
  );
}

/** The report of one community or the whole company for a month. */
export function Report({ communityId, month }: { communityId: number | null; month: string }) {
  const r = usePageData(() => api.get<MonthlyReportView>(`/api/reports/monthly${qs({ period: month, communityId })}`, { silent: true }), [communityId, month]);
  const v = r.data;
  const name = v?.communityName ?? '全公司';
  return (
    <PageState loading={r.loading && !v} error={v ? null : r.error} onRetry={r.reload}>
      {v && (
        <View className="e2e-report">
          <Text className="rp-title e2e-report-title">
            {name} · {monthLabel(v.period)}
          </Text>
          {v.rolledUpAt && <Text className="rp-asof e2e-rolled-up">往月数据为定时汇总，更新于 {formatTime(v.rolledUpAt)}；本月为实时数据</Text>}
          <KeyNumbers v={v} />
          <Charts v={v} />
          <SlaSection lines={v.sla} />
          <SatisfactionSection s={v.satisfaction} />
          <FeesSection f={v.fees} />
          <FiguresSection figures={v.figures} />
          <Exports communityId={communityId} month={month} name={name} />
        </View>
      )}
    </PageState>
  );
}
