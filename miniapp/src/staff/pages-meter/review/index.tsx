import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { MAX_READING_E2, parseScaled, periodLabel, type MeterReadingView } from '@linli/shared';
import { usePageData, useMe } from '@common/hooks';
import { Empty, PageState, Section, errorMessage } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { e2, meters } from '../api';
import '../meter.css';

function HeldCard({ r, onDone }: { r: MeterReadingView; onDone: (v: MeterReadingView) => void }) {
  const [fixing, setFixing] = useState(false);
  const [reading, setReading] = useState(e2(r.readingE2));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function run(work: () => Promise<MeterReadingView>) {
    setBusy(true);
    setError('');
    try {
      const v = await work();
      onDone(v);
      void Taro.showToast({ title: v.status === 'held' ? '已修改，仍需审核' : '已处理', icon: 'none' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  async function approve() {
    const { confirm } = await Taro.showModal({
      title: '审核通过',
      content: `确认 ${r.roomLabel} ${periodLabel(r.period)} 的读数 ${e2(r.readingE2)}（用量 ${e2(r.usageE2)} ${r.meterUnit}）无误？通过后将在出账时计费。`,
      confirmText: '通过',
    });
    if (confirm) await run(() => meters.approve(r.id, r.version));
  }
  async function correct() {
    const readingE2 = parseScaled(reading, 2, MAX_READING_E2);
    if (readingE2 === null) return setError('请填写正确的读数（最多两位小数）');
    const replaced = r.replaced ? { replaced: true, oldFinalE2: r.oldFinalE2, newStartE2: r.newStartE2 } : {};
    await run(() => meters.enter({ roomId: r.roomId, feeItemId: r.feeItemId, period: r.period, readingE2, version: r.version, ...replaced }));
  }
  return (
    <View className={`mt-card e2e-held-${r.id}`}>
      <View className="ll-row">
        <Text className="mt-room">{r.roomLabel}</Text>
        <Text className="ll-muted">
          {r.itemName} · {periodLabel(r.period)}
        </Text>
      </View>
      <Text className="ll-card-line">
        上期 {e2(r.previousE2)} → 本期 {e2(r.readingE2)}，用量 {e2(r.usageE2)} {r.meterUnit}
        {r.replaced ? `（换表：旧表止码 ${e2(r.oldFinalE2)}，新表起码 ${e2(r.newStartE2)}）` : ''}
      </Text>
      <Text className="mt-held e2e-held-reason">{r.holdReason}</Text>
      <Text className="ll-card-line ll-muted">录入：{r.enteredByName ?? '—'}</Text>
      {fixing && (
        <View className="ll-field">
          <Text className="ll-label">改正后的读数（{r.meterUnit}）</Text>
          <Input className="ll-input e2e-held-reading" type="digit" value={reading} onChange={setReading} />
        </View>
      )}
      {error && <Text className="mt-error e2e-held-error">{error}</Text>}
      <View className="ll-btn-row">
        {fixing ? (
          <Button size="small" className="e2e-held-save" type="primary" loading={busy} onClick={() => void correct()}>
            保存修改
          </Button>
        ) : (
          <Button size="small" className="e2e-held-fix" onClick={() => setFixing(true)}>
            修改读数
          </Button>
        )}
        <Button size="small" className="e2e-held-approve" type="primary" loading={busy && !fixing} onClick={() => void approve()}>
          审核通过
        </Button>
      </View>
    </View>
  );
}

function Held({ communityId }: { communityId: number }) {
  const list = usePageData(() => meters.held(communityId), [communityId]);
  const rows = list.data ?? [];
  return (
    <PageState loading={list.loading && !list.data} error={list.data ? null : list.error} onRetry={list.reload}>
      <Section title={`待审核的异常读数（${rows.length}）`} extra={<Text className="ll-muted">审核通过或改正后才会出账</Text>}>
        {rows.length === 0 && <Empty text="没有待审核的读数" />}
        {rows.map((r) => (
          <HeldCard
            key={r.id}
            r={r}
            onDone={(v) => list.setData(v.status === 'held' ? rows.map((x) => (x.id === v.id ? v : x)) : rows.filter((x) => x.id !== v.id))}
          />
        ))}
      </Section>
    </PageState>
  );
}

/** 异常读数审核: held readings of a community; a supervisor or manager approves or corrects them. */
export default function MeterReviewPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const communities = me.data?.communities ?? [];
  return (
    <View className="ll-page page-meter-review">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        {communityId && <Held key={communityId} communityId={communityId} />}
      </PageState>
    </View>
  );
}
