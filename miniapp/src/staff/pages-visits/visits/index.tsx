import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { VISIT_MODE_LABELS, VISIT_MODES, type Me, type RoomStaffView, type VisitIssueInput, type VisitIssueKind, type VisitMode } from '@linli/shared';
import { newIdempotencyKey } from '@common/api';
import { formatTime } from '@common/format';
import { useMe } from '@common/hooks';
import { LoadMore, PageState, Section } from '@common/components';
import { StaffRoomLookup } from '@common/tickets/StaffRoomLookup';
import { useCursorPages } from '@common/use-cursor-pages';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { createVisit, visitList } from '../api';
import '../visits.css';

const KIND_LABELS: Record<VisitIssueKind, string> = { repair: '报修', complaint: '投诉' };

function IssueEditor({ issues, onChange }: { issues: VisitIssueInput[]; onChange: (next: VisitIssueInput[]) => void }) {
  const [kind, setKind] = useState<VisitIssueKind>('repair');
  const [text, setText] = useState('');
  function add() {
    if (!text.trim()) return void Taro.showToast({ title: '请填写问题内容', icon: 'none' });
    onChange([...issues, { kind, text: text.trim() }]);
    setText('');
  }
  return (
    <Section title="住户提出的问题">
      {issues.map((i, n) => (
        <View key={n} className="ll-row e2e-issue-draft">
          <Text className="ll-card-line vs-line">
            [{KIND_LABELS[i.kind]}] {i.text}
          </Text>
          <Button size="small" fill="none" onClick={() => onChange(issues.filter((_, k) => k !== n))}>
            删除
          </Button>
        </View>
      ))}
      <View className="ll-chips">
        {(['repair', 'complaint'] as const).map((k) => (
          <View key={k} className={`ll-chip ${kind === k ? 'is-active' : ''} e2e-issue-kind-${k}`} onClick={() => setKind(k)}>
            {KIND_LABELS[k]}
          </View>
        ))}
      </View>
      <Input className="ll-input e2e-issue-text" placeholder="如：厨房水龙头漏水" value={text} onChange={setText} maxLength={500} />
      <Button className="e2e-issue-add" size="small" fill="outline" onClick={add}>
        添加问题
      </Button>
    </Section>
  );
}

function VisitForm({ me, communityId, onSaved }: { me: Me; communityId: number | null; onSaved: (id: number) => void }) {
  const [mode, setMode] = useState<VisitMode>('door');
  const [room, setRoom] = useState<RoomStaffView | null>(null);
  const [householdName, setHouseholdName] = useState('');
  const [deep, setDeep] = useState(false);
  const [notes, setNotes] = useState('');
  const [issues, setIssues] = useState<VisitIssueInput[]>([]);
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const isManager = me.roles.includes('manager');
  async function submit() {
    const cid = room?.communityId ?? communityId;
    if (!cid) return void Taro.showToast({ title: '请选择小区', icon: 'none' });
    if (mode === 'door' && !room) return void Taro.showToast({ title: '上门访谈请选择房屋', icon: 'none' });
    setBusy(true);
    try {
      const v = await createVisit(
        {
          communityId: cid,
          roomId: room?.id,
          mode,
          deep: isManager && deep,
          householdName: householdName.trim() || undefined,
          notes: notes.trim() || undefined,
          issues,
        },
        key,
      );
      setKey(newIdempotencyKey());
      setIssues([]);
      setNotes('');
      void Taro.showToast({ title: '访谈已记录', icon: 'success' });
      onSaved(v.id);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Section title="访谈方式">
        <View className="ll-chips">
          {VISIT_MODES.map((m) => (
            <View key={m} className={`ll-chip ${mode === m ? 'is-active' : ''} e2e-mode-${m}`} onClick={() => setMode(m)}>
              {VISIT_MODE_LABELS[m]}
            </View>
          ))}
        </View>
        {isManager ? (
          <View className="ll-row">
            <Text>经理深度访谈</Text>
            <Switch className="e2e-deep" checked={deep} onChange={setDeep} />
          </View>
        ) : null}
      </Section>
      <Section title={mode === 'random' ? '房屋（随机访谈可不选）' : '房屋'}>
        <StaffRoomLookup me={me} picked={room} onPick={(r) => setRoom(r)} emptyText="没有找到房屋" />
        <Input className="ll-input e2e-household" placeholder="受访住户称呼（可选）" value={householdName} onChange={setHouseholdName} maxLength={50} />
      </Section>
      <IssueEditor issues={issues} onChange={setIssues} />
      <Section title="访谈记录">
        <TextArea className="ll-textarea e2e-visit-notes" placeholder="住户意见、建议（可选）" value={notes} onChange={setNotes} maxLength={1000} />
        <Button className="e2e-visit-submit" block type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          保存访谈
        </Button>
      </Section>
    </>
  );
}

/** 客户访谈: record a visit (phone, door, random) with the issues raised; the community's recent visits below. */
export default function CustomerVisitsPage() {
  const me = useMe();
  const [communityId, setCommunityId] = useCommunityChoice(me.data);
  const pages = useCursorPages((cursor) => (communityId ? visitList(communityId, cursor) : Promise.resolve({ items: [], nextCursor: null })), [communityId]);
  const open = (id: number) => void Taro.navigateTo({ url: `/pages-visits/visit/index?id=${id}` });
  return (
    <View className="ll-page page-customer-visits">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload}>
        {me.data ? (
          <>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
            <VisitForm me={me.data} communityId={communityId} onSaved={(id) => (void pages.first.reload(), open(id))} />
          </>
        ) : null}
      </PageState>
      <Section title="最近的访谈">
        <PageState
          loading={pages.first.loading}
          error={pages.first.error}
          onRetry={pages.first.reload}
          empty={pages.items.length === 0}
          emptyText="还没有访谈记录"
        >
          {pages.items.map((v) => (
            <View key={v.id} className={`vs-card e2e-visit-${v.id}`} onClick={() => open(v.id)}>
              <View className="ll-row">
                <Text className="vs-title">{v.roomLabel ?? v.householdName ?? '随机访谈'}</Text>
                <Text className="vs-tag">{VISIT_MODE_LABELS[v.mode]}</Text>
                {v.deep ? <Text className="vs-tag">深度访谈</Text> : null}
              </View>
              <Text className="ll-card-line ll-muted vs-line">
                {formatTime(v.visitedAt)} · {v.visitorName} · 问题 {v.issueCount} 个
              </Text>
            </View>
          ))}
          <LoadMore cursor={pages.cursor} loading={pages.loadingMore} onLoad={() => void pages.loadMore()} />
        </PageState>
      </Section>
    </View>
  );
}
