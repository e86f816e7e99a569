import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { shanghaiDate, VISIT_RESULT_LABELS, VISIT_RESULTS, type NewResidentVisitView, type VisitResult } from '@linli/shared';
import { ApiError } from '@common/api';
import { formatTime } from '@common/format';
import { useMe } from '@common/hooks';
import { LoadMore, PageState, Section } from '@common/components';
import { useCursorPages } from '@common/use-cursor-pages';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { newResidentTasks, recordTask, revealResidentPhone } from '../api';
import '../visits.css';

const TABS = [
  { key: 'open', label: '待回访' },
  { key: 'overdue', label: '已超时' },
  { key: 'done', label: '已回访' },
] as const;

/** the due time is 24:00 of a Shanghai day: that day */
const dueDay = (iso: string) => shanghaiDate(new Date(new Date(iso).getTime() - 1));

function TaskCard({ v, onDone }: { v: NewResidentVisitView; onDone: (next: NewResidentVisitView) => void }) {
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  async function record(result: VisitResult) {
    setBusy(true);
    try {
      onDone(await recordTask(v.id, { version: v.version, result, notes: notes.trim() || undefined }));
      void Taro.showToast({ title: '已记录回访', icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onDone({ ...v, status: 'done' });
    } finally {
      setBusy(false);
    }
  }
  async function reveal() {
    // the full number is for the call; every reveal is audited
    const r = await revealResidentPhone(v.residentId);
    setPhone(r.phone ?? '未登记');
  }
  return (
    <View className={`vs-card e2e-task-${v.id}`}>
      <View className="ll-row">
        <Text className="vs-title">
          {v.roomLabel} · {v.residentName}
        </Text>
        {v.overdue ? <Text className="vs-tag is-hot e2e-task-overdue">已超时</Text> : null}
        {v.status === 'done' && v.result ? <Text className="vs-tag e2e-task-result">{VISIT_RESULT_LABELS[v.result]}</Text> : null}
      </View>
      <Text className="ll-card-line ll-muted vs-line">
        绑定于 {formatTime(v.boundAt)} · 截止 {dueDay(v.dueAt)} 24:00
      </Text>
      <View className="ll-row">
        <Text className="ll-card-line vs-line">电话：{phone ?? v.residentPhoneMasked ?? '未登记'}</Text>
        {v.residentPhoneMasked && !phone ? (
          <Button size="small" fill="none" className="e2e-task-phone" onClick={() => void reveal()}>
            查看号码
          </Button>
        ) : null}
      </View>
      {v.status === 'done' ? (
        <Text className="ll-card-line ll-muted vs-line">
          {v.visitedByName ?? ''} {formatTime(v.visitedAt)} {v.notes ?? ''}
        </Text>
      ) : (
        <>
          <Input className="ll-input e2e-task-notes" placeholder="回访备注（可选）" value={notes} onChange={setNotes} />
          <View className="ll-btn-row">
            {VISIT_RESULTS.map((r) => (
              <Button
                key={r}
                className={`e2e-task-${r}`}
                size="small"
                type={r === 'satisfied' ? 'primary' : 'default'}
                disabled={busy}
                onClick={() => void record(r)}
              >
                {VISIT_RESULT_LABELS[r]}
              </Button>
            ))}
          </View>
        </>
      )}
    </View>
  );
}

/** 新住户回访: tasks made when a binding became active, due within a month; overdue ones marked. */
export default function NewResidentTasksPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const [tab, setTab] = useState<(typeof TABS)[number]['key']>('open');
  const pages = useCursorPages(
    (cursor) => (communityId ? newResidentTasks(communityId, tab, cursor) : Promise.resolve({ items: [], nextCursor: null })),
    [communityId, tab],
  );
  return (
    <View className="ll-page page-visit-tasks">
      {me.data ? <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} /> : null}
      <View className="ll-chips">
        {TABS.map((t) => (
          <View key={t.key} className={`ll-chip ${tab === t.key ? 'is-active' : ''} e2e-tab-${t.key}`} onClick={() => setTab(t.key)}>
            {t.label}
          </View>
        ))}
      </View>
      <Section title="新住户回访（绑定后一个月内）">
        <PageState
          loading={pages.first.loading || me.loading}
          error={pages.first.error ?? me.error}
          onRetry={pages.first.reload}
          empty={pages.items.length === 0}
          emptyText={tab === 'done' ? '还没有回访记录' : '没有待回访的新住户'}
        >
          {pages.items.map((v) => (
            <TaskCard
              key={v.id}
              v={v}
              onDone={(next) => pages.setItems(tab === 'done' ? pages.items.map((x) => (x.id === v.id ? next : x)) : pages.items.filter((x) => x.id !== v.id))}
            />
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </PageState>
      </Section>
      <Text className="ll-muted">维修、投诉的回访在报修工单、投诉建议的“待回访”中</Text>
    </View>
  );
}
