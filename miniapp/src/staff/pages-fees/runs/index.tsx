import { useEffect, useRef, useState } from 'react';
import Taro, { useUnload } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatYuan, periodLabel, shanghaiDate, type BillRunPreview, type BillRunView } from '@linli/shared';
import { api, newIdempotencyKey, qs, showError } from '@common/api';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { choosablePeriods } from './periods';
import '../../pages-places/places.css';
import './index.css';

const POLL_MS = 800;
const percent = (r: BillRunView) => (r.totalRooms ? Math.floor((r.doneRooms * 100) / r.totalRooms) : 100);

function RunProgress({ run }: { run: BillRunView }) {
  return (
    <View className={`br-run e2e-run-${run.id}`}>
      <View className="ll-row">
        <Text className="br-run-title">{periodLabel(run.period)}</Text>
        <Tag className={`e2e-run-status-${run.status}`} type={run.status === 'done' ? 'success' : 'primary'}>
          {run.status === 'done' ? '已完成' : '出账中'}
        </Tag>
      </View>
      <View className="pl-bar e2e-run-bar">
        <View className="pl-bar-fill" style={{ width: `${percent(run)}%` }} />
      </View>
      <Text className="ll-card-line e2e-run-progress">
        {run.doneRooms} / {run.totalRooms} 户（{percent(run)}%）· 新出账单 {run.linesCreated} 条，{formatYuan(run.amountCents)}
      </Text>
      {run.lastError && <Text className="br-error e2e-run-error">上次中断：{run.lastError}（将自动从中断处继续）</Text>}
      <Text className="ll-muted">
        {run.createdByName ?? '—'} · {run.createdAt.slice(0, 16).replace('T', ' ')}
      </Text>
    </View>
  );
}

function Preview({ p }: { p: BillRunPreview }) {
  return (
    <View className="e2e-run-preview">
      <Text className="ll-card-line">
        共 {p.rooms} 户，预计出账 {formatYuan(p.totalCents)}
        {p.alreadyBilled ? `（本期已出 ${p.alreadyBilled} 条，不会重复出账）` : ''}
      </Text>
      {p.items.length === 0 && <Empty text="本期没有可出账的项目" />}
      {p.items.map((i) => (
        <View key={i.itemId} className="ll-row br-item">
          <Text>{i.name}</Text>
          <Text>
            {i.lines} 条 · {formatYuan(i.amountCents)}
          </Text>
        </View>
      ))}
      {p.problems.length > 0 && (
        <View className="br-problems e2e-run-problems">
          <Text className="br-problems-title">无法出账（{p.problems.length + p.moreProblems} 处）</Text>
          {p.problems.map((x, i) => (
            <Text key={i} className="br-problem">
              {x.message}
            </Text>
          ))}
          {p.moreProblems > 0 && <Text className="ll-muted">另有 {p.moreProblems} 处未列出</Text>}
        </View>
      )}
    </View>
  );
}

function Runs({ communityId }: { communityId: number }) {
  const periods = choosablePeriods(shanghaiDate(new Date()));
  const [period, setPeriod] = useState(periods[1]);
  const preview = usePageData(() => api.get<BillRunPreview>(`/api/fees/runs/preview${qs({ communityId, period })}`, { silent: true }), [communityId, period]);
  const runs = usePageData(() => api.get<BillRunView[]>(`/api/fees/runs${qs({ communityId })}`, { silent: true }), [communityId]);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useUnload(() => clearTimeout(timer.current));
  useEffect(() => () => clearTimeout(timer.current), []);

  const list = runs.data ?? [];
  const replace = (r: BillRunView) => runs.setData([r, ...list.filter((x) => x.id !== r.id)]);
  function poll(id: number) {
    timer.current = setTimeout(async () => {
      try {
        const r = await api.get<BillRunView>(`/api/fees/runs/${id}`, { silent: true });
        runs.setData((cur) => [r, ...(cur ?? []).filter((x) => x.id !== r.id)]);
        if (r.status === 'running') poll(id);
        else preview.reload();
      } catch {
        poll(id); // the run goes on without us; keep asking
      }
    }, POLL_MS);
  }
  useEffect(() => {
    const running = list.find((r) => r.status === 'running');
    if (running && !timer.current) poll(running.id);
  }, [runs.data]);

  async function start() {
    const p = preview.data;
    if (!p) return;
    const { confirm } = await Taro.showModal({
      title: `${periodLabel(period)} 出账`,
      content: `将为 ${p.rooms} 户出账，约 ${formatYuan(p.totalCents)}。已出的账单不会重复出账。`,
      confirmText: '开始出账',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const r = await api.post<BillRunView>('/api/fees/runs', { communityId, period }, { idempotencyKey: newIdempotencyKey() });
      replace(r);
      if (r.status === 'running') poll(r.id);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  const running = list.some((r) => r.status === 'running');
  return (
    <>
      <Section title="账期">
        <View className="br-periods">
          {periods.map((x) => (
            <Text key={x} className={`br-period e2e-period-${x} ${x === period ? 'is-on' : ''}`} onClick={() => setPeriod(x)}>
              {periodLabel(x)}
            </Text>
          ))}
        </View>
      </Section>
      <Section title="出账预览">
        <PageState loading={preview.loading && !preview.data} error={preview.data ? null : preview.error} onRetry={preview.reload}>
          {preview.data && <Preview p={preview.data} />}
        </PageState>
        {!!preview.error && !!preview.data && <Text className="br-error">{errorMessage(preview.error)}</Text>}
        <Button className="e2e-run-start" block type="primary" loading={busy} disabled={!preview.data || running} onClick={() => void start()}>
          {running ? '有出账正在进行' : '开始出账'}
        </Button>
      </Section>
      <Section title="出账记录">
        <PageState loading={runs.loading && !runs.data} error={runs.data ? null : runs.error} onRetry={runs.reload}>
          {list.length === 0 && <Empty text="还没有出过账" />}
          {list.map((r) => (
            <RunProgress key={r.id} run={r} />
          ))}
        </PageState>
      </Section>
    </>
  );
}

/** 出账 (cashier, manager, admin): pick the period, read the preview, start the run and watch its progress. */
export default function BillRunsPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-bill-runs">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        {communityId && <Runs key={communityId} communityId={communityId} />}
      </PageState>
    </View>
  );
}
