import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { ReportFigure } from '@linli/shared';
import { Empty, Section } from '@common/components';
import { deltaText, drillPage } from '../util';

/** Figure groups by the key's first part, in the order of the monthly table. */
const GROUPS: [string, string][] = [
  ['complaints', '投诉'],
  ['suggestions', '建议'],
  ['inquirys', '咨询'],
  ['inquiries', '咨询'],
  ['praises', '表扬'],
  ['praise', '表扬'],
  ['repairs', '报修'],
  ['return_visits', '回访'],
  ['new_resident_visits', '新住户回访'],
  ['visits', '客户访谈（对照月计划）'],
  ['notices', '公告'],
  ['passes', '通行证'],
];

const hook = (key: string) => key.replace(/[^a-z0-9]/gi, '-');

function FigureRow({ f }: { f: ReportFigure }) {
  const delta = deltaText(f.value, f.previous);
  const drill = f.drill;
  const open = drill ? () => void Taro.navigateTo({ url: drillPage(drill, f.label, f.value) }) : undefined;
  return (
    <View className={`rp-figure e2e-figure-${hook(f.key)} ${drill ? 'is-link' : ''}`} onClick={open}>
      <Text className="rp-figure-label">{f.label}</Text>
      <View className="rp-figure-right">
        <Text className="rp-figure-value e2e-figure-value">{f.value}</Text>
        {delta && <Text className="rp-delta">{delta}</Text>}
        {drill && <Text className="rp-chevron">›</Text>}
      </View>
    </View>
  );
}

/** 本月统计: every count of the monthly table, grouped, each with its month-over-month change and drill-down. */
export function FiguresSection({ figures }: { figures: ReportFigure[] }) {
  const prefix = (k: string) => k.split('.')[0];
  const known = new Set(GROUPS.map(([g]) => g));
  const groups = [...GROUPS, ['other', '其他'] as [string, string]]
    .map(([g, title]) => ({ title, items: figures.filter((f) => (g === 'other' ? !known.has(prefix(f.key)) : prefix(f.key) === g)) }))
    .filter((g) => g.items.length > 0);
  return (
    <Section title="本月统计" className="e2e-figures">
      {groups.length === 0 && <Empty text="本月没有统计数据" />}
      {groups.map((g) => (
        <View key={g.title} className="rp-group">
          <Text className="rp-sub">{g.title}</Text>
          {g.items.map((f) => (
            <FigureRow key={f.key} f={f} />
          ))}
        </View>
      ))}
    </Section>
  );
}
