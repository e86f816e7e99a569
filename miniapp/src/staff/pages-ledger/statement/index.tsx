import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatYuan, type StatementRowView, type StatementView } from '@linli/shared';
import { api, qs } from '@common/api';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { MonthSwitch } from '../MonthSwitch';
import { exportXlsx, thisMonth } from '../util';
import '../ledger.css';

/** in the pages-pay subpackage (a subpackage cannot import another's modules) */
const RECON_PAGE = '/pages-pay/recon/index';

const CELLS: [keyof StatementRowView, string][] = [
  ['openingArrears', '期初欠费'],
  ['billed', '本期应收'],
  ['paid', '实收'],
  ['waived', '减免'],
  ['refunded', '退款'],
  ['closingArrears', '期末欠费'],
];

function Row({ r, total }: { r: StatementRowView; total?: boolean }) {
  return (
    <View className={`lg-card ${total ? 'lg-total e2e-statement-total' : `e2e-statement-row e2e-statement-${r.key.replace(/[^a-z0-9]/gi, '-')}`}`}>
      <Text className="lg-name">{r.name}</Text>
      <View className="lg-grid">
        {CELLS.map(([k, label]) => (
          <View key={k} className="lg-cell">
            <Text className="lg-cell-label">{label}</Text>
            <Text className="lg-cell-value">{formatYuan(r[k] as number)}</Text>
          </View>
        ))}
      </View>
      <Text className="lg-formula">
        {formatYuan(r.openingArrears)} + {formatYuan(r.billed)} − {formatYuan(r.paid)} − {formatYuan(r.waived)} + {formatYuan(r.refunded)} ={' '}
        {formatYuan(r.closingArrears)}
      </Text>
      {(r.lateFeesCollected > 0 || r.lateFeesRefunded > 0) && (
        <Text className="lg-formula">
          滞纳金收入 {formatYuan(r.lateFeesCollected)}
          {r.lateFeesRefunded ? `，退还 ${formatYuan(r.lateFeesRefunded)}` : ''}（另计，不计入欠费）
        </Text>
      )}
    </View>
  );
}

function Statement({ communityId, month }: { communityId: number; month: string }) {
  const s = usePageData(() => api.get<StatementView>(`/api/fees/statement${qs({ communityId, month })}`, { silent: true }), [communityId, month]);
  const v = s.data;
  return (
    <PageState loading={s.loading && !v} error={v ? null : s.error} onRetry={s.reload}>
      {v && (
        <>
          <Section
            title={`${v.communityName} ${v.firstDay} 至 ${v.lastDay}`}
            extra={
              v.balanced ? (
                <Text className="lg-ok e2e-statement-balanced">账已平</Text>
              ) : (
                <Text className="lg-bad e2e-statement-unbalanced">账不平：{v.unbalancedKeys.length} 项</Text>
              )
            }
          >
            <Text className="lg-note e2e-statement-identity">{v.identity}</Text>
            {!v.balanced && (
              <Text className="lg-bad">
                以下项目的期末欠费与账单余额不一致，请核对收款、减免与退款记录：
                {v.rows
                  .filter((r) => v.unbalancedKeys.includes(r.key))
                  .map((r) => r.name)
                  .join('、')}
              </Text>
            )}
          </Section>
          <Section>
            <Row r={v.totals} total />
          </Section>
          <Section title="按收费项目">
            {v.rows.length === 0 && <Empty text="本月没有账务发生" />}
            {v.rows.map((r) => (
              <Row key={r.key} r={r} />
            ))}
          </Section>
          <Button
            className="e2e-statement-export"
            block
            type="primary"
            onClick={() => void exportXlsx(`/api/fees/statement/export${qs({ communityId, month })}`, `月度对账-${v.communityName}-${month}.xlsx`)}
          >
            导出 Excel
          </Button>
        </>
      )}
    </PageState>
  );
}

/** 月度对账: the community's month by fee item, with the identity that ties it together. */
export default function StatementPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const [month, setMonth] = useState(thisMonth());
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-ledger-statement">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        <Section>
          {me.data && communities.length > 1 && <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />}
          <MonthSwitch value={month} onChange={setMonth} />
          {me.data?.roles.some((r) => r === 'manager' || r === 'admin') && (
            <Text className="lg-note e2e-recon-link" onClick={() => void Taro.navigateTo({ url: RECON_PAGE })}>
              微信支付每日对账 ›
            </Text>
          )}
        </Section>
        {communityId && <Statement key={`${communityId}-${month}`} communityId={communityId} month={month} />}
      </PageState>
    </View>
  );
}
