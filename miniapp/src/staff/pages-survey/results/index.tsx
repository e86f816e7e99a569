import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { SurveyResults } from '@linli/shared';
import { api } from '@common/api';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { exportXlsx } from '../../pages-ledger/util';
import { Bar, SurveyStatusBadge } from '../parts';
import '../survey.css';

const METHOD = { top_two_share: '满意 + 较满意占比', weighted_mean: '加权平均（百分制）' };

/** Results: the response rate, the index with its formula, each question as CSS bars, by building, ticket ratings beside. */
export default function SurveyResultsPage() {
  const id = Number(useRouter().params.id);
  const r = usePageData(() => api.get<SurveyResults>(`/api/staff/engage/surveys/${id}/results`, { silent: true }), [id]);
  const v = r.data;
  return (
    <View className="ll-page page-survey-results">
      <PageState loading={r.loading && !v} error={v ? null : r.error} onRetry={r.reload}>
        {v && (
          <>
            <Section title={v.title} extra={<SurveyStatusBadge status={v.status} />}>
              <Text className="sv-line">
                {v.communityName} · {v.per === 'room' ? '每户一份' : '每人一份'}
                {v.anonymous ? ' · 匿名（不显示填写人）' : ''}
              </Text>
              <Bar className="e2e-response-rate" label="回复率" percent={v.responseRate} value={`${v.responseRate.toFixed(1)}%`} />
              <Text className="sv-formula">{v.responseRateText}</Text>
            </Section>
            <Section title={`满意度（${METHOD[v.method]}）`}>
              <Text className="sv-big e2e-index">
                {v.index.index === null ? '—' : v.method === 'top_two_share' ? `${v.index.index.toFixed(1)}%` : `${v.index.index.toFixed(1)} 分`}
              </Text>
              <Text className="sv-formula e2e-index-formula">{v.index.formula}</Text>
              {v.dimensions.map((d) => (
                <Bar key={d.dimension} label={d.dimension} percent={d.index.index ?? 0} value={d.index.index === null ? '—' : d.index.index.toFixed(1)} />
              ))}
            </Section>
            <Section title="同期工单评价（单独列示，不计入满意度）">
              {v.ticketRatings.kinds.map((k) => (
                <Text key={k.kind} className="sv-line e2e-ticket-ratings">
                  {k.kind === 'repair' ? '报修' : '投诉'}：{k.rated} 条评价{k.average === null ? '' : `，平均 ${k.average.toFixed(1)} 星`}
                </Text>
              ))}
            </Section>
            {v.questions.map((q) => (
              <Section key={q.questionId} title={`${q.seq}. ${q.title}`} className={`e2e-result-q-${q.seq}`}>
                <Text className="sv-line">共 {q.answered} 份作答</Text>
                {q.options.map((o) => (
                  <Bar key={o.label} label={o.label} percent={o.percent} value={`${o.count}（${o.percent.toFixed(1)}%）`} />
                ))}
                {q.index && <Text className="sv-formula">{q.index.formula}</Text>}
                {q.texts.map((t, i) => (
                  <Text key={i} className="sv-text-answer" userSelect>
                    {t.text}
                    {t.by ? `（${t.by}）` : ''}
                  </Text>
                ))}
              </Section>
            ))}
            <Section title="分楼栋">
              {v.byBuilding.map((b) => (
                <View key={b.buildingId} className="sv-q">
                  <Bar label={b.buildingName} percent={b.responseRate} value={`${b.responded}/${b.targeted}`} />
                  <Text className="sv-line">满意度：{b.index.index === null ? '—' : b.index.index.toFixed(1)}</Text>
                </View>
              ))}
            </Section>
            <Button
              block
              className="e2e-survey-export"
              onClick={() => void exportXlsx(`/api/staff/engage/surveys/${id}/results/export`, `问卷结果-${v.title}.xlsx`)}
            >
              导出 Excel
            </Button>
          </>
        )}
      </PageState>
    </View>
  );
}
