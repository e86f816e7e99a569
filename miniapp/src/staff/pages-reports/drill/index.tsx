import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { notificationPage, type Page, type ReportDrillRow } from '@linli/shared';
import { api, qs } from '@common/api';
import { formatTime } from '@common/format';
import { Empty, LoadMore, PageState, Section } from '@common/components';
import { useCursorPages } from '@common/use-cursor-pages';
import '../reports.css';

/** the page's own query keys (the figure's name and value, Taro's stamp), not part of the filter */
const PAGE_KEYS = ['figure', 'count', 'stamp'];

/** The figure's filter from the page query: everything but the page's own keys. */
function drillQuery(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && !PAGE_KEYS.includes(k) && !k.startsWith('$')) out[k] = decodeURIComponent(v);
  return out;
}

function Row({ r }: { r: ReportDrillRow }) {
  const page = notificationPage(r.link, 'staff');
  return (
    <View className={`rp-row e2e-drill-row ${page ? 'is-link' : ''}`} onClick={page ? () => void Taro.navigateTo({ url: `/${page}` }) : undefined}>
      <View className="rp-row-head">
        <Text className="rp-row-no">{r.no}</Text>
        <Text className="rp-row-at">{formatTime(r.at)}</Text>
      </View>
      <Text className="rp-row-title">{r.title}</Text>
      <Text className="rp-row-meta">
        {r.communityName}
        {r.detail ? ` · ${r.detail}` : ''}
      </Text>
    </View>
  );
}

/** 报表明细: the rows behind one figure of the report, with the figure's filter, keyset-paged. */
export default function DrillPage() {
  const { params } = useRouter();
  const title = params.figure ? decodeURIComponent(params.figure) : '报表明细';
  const query = drillQuery(params);
  const key = JSON.stringify(query);
  useEffect(() => void Taro.setNavigationBarTitle({ title }), [title]);
  const list = useCursorPages<ReportDrillRow>(
    (cursor) => api.get<Page<ReportDrillRow>>(`/api/reports/drill${qs({ ...query, cursor })}`, { silent: true }),
    [key],
  );
  const missing = !query.kind;
  return (
    <View className="ll-page page-reports-drill">
      <PageState
        loading={!missing && list.first.loading && !list.items.length}
        error={missing ? new Error('缺少明细条件，请从报表进入') : list.first.error}
        onRetry={list.first.reload}
      >
        <Section
          title={title}
          extra={
            <Text className="ll-muted e2e-drill-count">
              {params.count ? `共 ${params.count} 条 · ` : ''}已显示 {list.items.length} 条
            </Text>
          }
          className="e2e-drill"
        >
          {list.items.length === 0 ? (
            <Empty text="没有符合条件的记录" />
          ) : (
            <>
              {list.items.map((r) => (
                <Row key={r.id} r={r} />
              ))}
              <LoadMore cursor={list.cursor} loading={list.loadingMore} onLoad={() => void list.loadMore()} />
            </>
          )}
        </Section>
      </PageState>
    </View>
  );
}
