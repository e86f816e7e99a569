import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { periodLabel, type MeterImportReport } from '@linli/shared';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { pickTableFile, type PickedFile } from '@common/table-file';
import { importReadings, meters, usePeriodChoice } from '../api';
import '../meter.css';

function Importer({ communityId }: { communityId: number }) {
  const items = usePageData(() => meters.items(communityId), [communityId]);
  const [itemId, setItemId] = useState<number | null>(null);
  const [options, period, setPeriod] = usePeriodChoice();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<MeterImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const item = itemId ?? items.data?.[0]?.id ?? null;

  async function choose() {
    const f = await pickTableFile();
    if (f) {
      setPicked(f);
      setReport(null);
      setError('');
    }
  }
  async function start() {
    if (!picked || !item) return;
    setBusy(true);
    setError('');
    try {
      setReport(await importReadings({ communityId, feeItemId: item, period }, picked));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <PageState
      loading={items.loading && !items.data}
      error={items.data ? null : items.error}
      onRetry={items.reload}
      empty={!!items.data && !items.data.length}
      emptyText="本小区没有按表计量的收费项目"
    >
      <Section title="导入设置">
        <Text className="ll-label">项目</Text>
        <View className="ll-chips">
          {(items.data ?? []).map((i) => (
            <View key={i.id} className={`ll-chip ${item === i.id ? 'is-active' : ''} e2e-meter-item-${i.id}`} onClick={() => setItemId(i.id)}>
              {i.name}（{i.meterUnit}）
            </View>
          ))}
        </View>
        <Text className="ll-label">抄表月份</Text>
        <View className="ll-chips">
          {options.map((p) => (
            <View key={p} className={`ll-chip ${period === p ? 'is-active' : ''} e2e-meter-period-${p}`} onClick={() => setPeriod(p)}>
              {periodLabel(p)}
            </View>
          ))}
        </View>
        <Text className="ll-muted">
          CSV（UTF-8）或 Excel（.xlsx）。表头：楼栋,单元,房号,读数（或 房屋ID,读数）；换表的房屋再填
          换表（是）,旧表止码,新表起码。已有本期读数的房屋不会被覆盖。
        </Text>
      </Section>
      <Section title="选择文件">
        <View className="ll-btn-row">
          <Button className="e2e-import-pick" fill="outline" type="primary" onClick={() => void choose()}>
            选择文件
          </Button>
          <Button className="e2e-import-start" type="primary" disabled={!picked || !item} loading={busy} onClick={() => void start()}>
            开始导入
          </Button>
        </View>
        <Text className="ll-card-line e2e-import-file">{picked ? `已选择：${picked.name}` : '尚未选择文件'}</Text>
        {error && <Text className="mt-error e2e-import-error">{error}</Text>}
      </Section>
      {report && (
        <Section title="导入结果">
          <Text className="ll-card-line e2e-import-result">
            共 {report.total} 行：录入 {report.recorded} 户，其中 {report.held} 户读数异常待审核；{report.errors.length} 行有错误未导入。
          </Text>
          {report.errors.length === 0 ? (
            <Empty text="没有错误行" />
          ) : (
            <View className="e2e-import-errors">
              <View className="mt-report-row">
                <Text className="mt-report-no">行号</Text>
                <Text className="mt-report-col">栏目</Text>
                <Text className="mt-report-msg">问题</Text>
              </View>
              {report.errors.map((e, i) => (
                <View key={i} className={`mt-report-row e2e-import-err-${e.row}`}>
                  <Text className="mt-report-no">第 {e.row} 行</Text>
                  <Text className="mt-report-col">{e.column ?? '—'}</Text>
                  <Text className="mt-report-msg">{e.message}</Text>
                </View>
              ))}
            </View>
          )}
        </Section>
      )}
    </PageState>
  );
}

/** 导入读数: a CSV / .xlsx of one item and month; good rows recorded, the rest reported row by row. */
export default function MeterImportPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-meter-import">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        {communityId && <Importer key={communityId} communityId={communityId} />}
      </PageState>
    </View>
  );
}
