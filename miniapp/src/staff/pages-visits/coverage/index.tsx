import { View, Text } from '@tarojs/components';
import type { VisitCoverageMonth, VisitCoverageView } from '@linli/shared';
import { useMe, usePageData } from '@common/hooks';
import { LoadMore, PageState, Section } from '@common/components';
import { useCursorPages } from '@common/use-cursor-pages';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { coverage, unvisited } from '../api';
import '../visits.css';

/** One month: households visited against the monthly target, as a plain View bar (no chart library). */
function MonthBar({ m, target, deepTarget }: { m: VisitCoverageMonth; target: number; deepTarget: number }) {
  const pct = target > 0 ? Math.min(100, Math.round((m.households * 100) / target)) : 0;
  return (
    <View className={`vs-bar-row e2e-bar-${m.month}`}>
      <Text className="vs-bar-month">{Number(m.month.slice(5))}月</Text>
      <View className="vs-bar-track">
        <View className={`vs-bar-fill ${pct < 100 ? 'is-short' : ''}`} style={{ width: `${pct}%` }} />
      </View>
      <Text className="vs-bar-value">
        {m.households}/{target} 深{m.deepVisits}/{deepTarget}
      </Text>
    </View>
  );
}

function Plan({ c }: { c: VisitCoverageView }) {
  const p = c.plan;
  return (
    <>
      <Section title={`${c.communityName} ${c.year} 年访谈计划`}>
        <Text className="vs-plan-line e2e-plan-rule">{p.rule}</Text>
        <Text className="vs-plan-line">
          住户（房屋）{p.households} 户 · 全年目标 {p.yearlyHouseholds} 户 · 每月 {p.monthlyVisits} 户 · 经理深度访谈每月 {p.managerDeepVisitsPerMonth} 次
        </Text>
        <Text className="vs-plan-line e2e-plan-covered">
          今年已访谈 {c.visitedHouseholds} 户（{p.yearlyHouseholds ? Math.round((c.visitedHouseholds * 100) / p.yearlyHouseholds) : 0}%）
        </Text>
      </Section>
      <Section title="每月覆盖">
        <View className="vs-chart e2e-coverage-chart">
          {c.months.map((m) => (
            <MonthBar key={m.month} m={m} target={p.monthlyVisits} deepTarget={p.managerDeepVisitsPerMonth} />
          ))}
        </View>
        <Text className="vs-legend">条形：当月访谈户数 / 每月目标；深：经理深度访谈次数 / 目标（绿色为达标）</Text>
      </Section>
    </>
  );
}

/** 访谈计划与覆盖: the yearly plan from the household count, each month against it, and who is not visited yet. */
export default function CoveragePage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const cov = usePageData(() => (communityId ? coverage(communityId) : Promise.resolve(undefined)), [communityId]);
  const rest = useCursorPages(
    (cursor) =>
      communityId
        ? unvisited(communityId, cursor).then((p) => ({ ...p, items: p.items.map((i) => ({ ...i, id: i.roomId })) }))
        : Promise.resolve({ items: [], nextCursor: null }),
    [communityId],
  );
  return (
    <View className="ll-page page-visit-coverage">
      {me.data ? <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} /> : null}
      <PageState loading={cov.loading || me.loading} error={cov.error ?? me.error} onRetry={cov.reload} empty={!cov.data} emptyText="请选择小区">
        {cov.data ? <Plan c={cov.data} /> : null}
      </PageState>
      <Section title="今年尚未访谈的住户">
        <PageState
          loading={rest.first.loading}
          error={rest.first.error}
          onRetry={rest.first.reload}
          empty={rest.items.length === 0}
          emptyText="今年所有住户都已访谈"
        >
          {rest.items.map((h) => (
            <View key={h.roomId} className="vs-card e2e-unvisited">
              <Text className="ll-card-line vs-line">
                {h.roomLabel} · {h.ownerName ?? '业主未登记'} {h.ownerPhoneMasked ?? ''}
              </Text>
            </View>
          ))}
          <LoadMore cursor={rest.cursor} loading={rest.loadingMore} onLoad={() => void rest.loadMore()} />
        </PageState>
      </Section>
    </View>
  );
}
