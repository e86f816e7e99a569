import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { ReportSlaLine } from '@linli/shared';
import { Empty, Section } from '@common/components';
import { drillPage, formatDuration, isBelowTarget, sharePercent, SLA_FORMULA, SLA_TARGET_TEXT } from '../util';
import { F2Chart } from './f2-chart';
import { gaugesHeight, slaGauges } from './charts';

const hook = (key: string) => key.replace(/[^a-z0-9]/gi, '-');

function SlaLine({ l }: { l: ReportSlaLine }) {
  const red = isBelowTarget(l);
  const tone = red ? 'is-red' : l.metShare === null ? 'is-empty' : '';
  const open = () => void Taro.navigateTo({ url: drillPage(l.drill, `${l.label} 超时`, l.breached) });
  return (
    <View className={`rp-sla ${tone} ${red ? 'e2e-sla-red' : ''} e2e-sla-${hook(l.key)}`} onClick={open}>
      <View className="rp-sla-head">
        <Text className="rp-sla-name">{l.label}</Text>
        <Text className="rp-sla-share e2e-sla-share">{sharePercent(l.metShare)}</Text>
      </View>
      <Text className="rp-sla-target">
        时限 {l.target} · {SLA_TARGET_TEXT}
      </Text>
      <Text className="rp-sla-detail">
        到期 {l.total} · 按时 {l.met} · 超时 {l.breached} · 中位 {formatDuration(l.medianMs)} · P90 {formatDuration(l.p90Ms)}
      </Text>
      {l.breached > 0 && <Text className="rp-link e2e-sla-breaches">查看 {l.breached} 条超时 ›</Text>}
    </View>
  );
}

/** SLA 达标: the gauges, then one line per clock (red below the target), each drilling to its breaches. */
export function SlaSection({ lines }: { lines: ReportSlaLine[] }) {
  // gauges for the clocks that fell due this month; every clock keeps its line below
  const gauged = lines.filter((l) => l.total > 0);
  const summary = gauged.map((l) => `${l.label} ${sharePercent(l.metShare)}`).join('；');
  return (
    <Section title="SLA 达标" className="e2e-sla">
      {lines.length === 0 ? (
        <Empty text="本月没有到期的服务时钟" />
      ) : (
        <>
          {gauged.length > 0 && <F2Chart id="sla-gauges" height={gaugesHeight(gauged.length)} render={slaGauges(gauged)} dataKey={summary} summary={summary} />}
          <Text className="rp-formula">{SLA_FORMULA}；时钟计入其到期时间所在的月份</Text>
          {lines.map((l) => (
            <SlaLine key={l.key} l={l} />
          ))}
        </>
      )}
    </Section>
  );
}
