import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { VISIT_MODE_LABELS, type CustomerVisitView, type VisitIssueKind, type VisitIssueView } from '@linli/shared';
import { formatTime } from '@common/format';
import { usePageData } from '@common/hooks';
import { PageState, Section } from '@common/components';
import { addIssue, issueToTicket, visitDetail } from '../api';
import '../visits.css';

const KIND_LABELS: Record<VisitIssueKind, string> = { repair: '报修', complaint: '投诉' };

function IssueRow({ visitId, issue, onLinked }: { visitId: number; issue: VisitIssueView; onLinked: (next: VisitIssueView) => void }) {
  const [busy, setBusy] = useState(false);
  async function toTicket() {
    setBusy(true);
    try {
      const next = await issueToTicket(visitId, issue.id);
      onLinked(next);
      void Taro.showToast({ title: `已转${KIND_LABELS[issue.kind]} ${next.ticketNo ?? ''}`, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }
  function openTicket() {
    const page = issue.kind === 'repair' ? 'pages-repair' : 'pages-complaint';
    void Taro.navigateTo({ url: `/${page}/detail/index?id=${issue.ticketId}` });
  }
  return (
    <View className={`vs-card e2e-issue-${issue.id}`}>
      <Text className="ll-card-line vs-line">
        [{KIND_LABELS[issue.kind]}] {issue.text}
      </Text>
      {issue.ticketNo ? (
        <View className="ll-row">
          <Text className="vs-ticket e2e-issue-ticket-no" onClick={openTicket}>
            {KIND_LABELS[issue.kind]}单号 {issue.ticketNo}
          </Text>
        </View>
      ) : (
        <Button className={`e2e-issue-to-ticket-${issue.id}`} size="small" type="primary" loading={busy} disabled={busy} onClick={() => void toTicket()}>
          一键转{KIND_LABELS[issue.kind]}
        </Button>
      )}
    </View>
  );
}

function AddIssue({ visitId, onAdded }: { visitId: number; onAdded: (v: CustomerVisitView) => void }) {
  const [kind, setKind] = useState<VisitIssueKind>('repair');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  async function add() {
    if (!text.trim()) return void Taro.showToast({ title: '请填写问题内容', icon: 'none' });
    setBusy(true);
    try {
      onAdded(await addIssue(visitId, kind, text.trim()));
      setText('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title="补充问题">
      <View className="ll-chips">
        {(['repair', 'complaint'] as const).map((k) => (
          <View key={k} className={`ll-chip ${kind === k ? 'is-active' : ''} e2e-add-kind-${k}`} onClick={() => setKind(k)}>
            {KIND_LABELS[k]}
          </View>
        ))}
      </View>
      <Input className="ll-input e2e-add-text" placeholder="住户反映的问题" value={text} onChange={setText} maxLength={500} />
      <Button className="e2e-add-issue" size="small" fill="outline" loading={busy} disabled={busy} onClick={() => void add()}>
        添加
      </Button>
    </Section>
  );
}

/** 访谈详情: the visit, its issues and the repair / complaint each became (one tap). */
export default function VisitDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const visit = usePageData(() => (id > 0 ? visitDetail(id) : Promise.reject(new Error('没有指定访谈记录'))), [id]);
  const v = visit.data;
  return (
    <View className="ll-page page-visit-detail">
      <PageState loading={visit.loading} error={visit.error} onRetry={visit.reload}>
        {v ? (
          <>
            <Section title={`${v.communityName} ${v.roomLabel ?? '随机访谈'}`}>
              <Text className="ll-card-line vs-line">
                {VISIT_MODE_LABELS[v.mode]}访谈{v.deep ? ' · 经理深度访谈' : ''} · {v.visitorName}
              </Text>
              <Text className="ll-card-line ll-muted vs-line">
                {formatTime(v.visitedAt)} {v.householdName ? `· ${v.householdName}` : ''}
              </Text>
              {v.notes ? <Text className="ll-card-line vs-line">{v.notes}</Text> : null}
            </Section>
            <Section title={`问题（${v.issues.length}）`}>
              {v.issues.length === 0 ? <Text className="ll-muted">这次访谈没有记录问题</Text> : null}
              {v.issues.map((i) => (
                <IssueRow
                  key={i.id}
                  visitId={v.id}
                  issue={i}
                  onLinked={(next) => visit.setData((prev) => prev && { ...prev, issues: prev.issues.map((x) => (x.id === next.id ? next : x)) })}
                />
              ))}
            </Section>
            <AddIssue visitId={v.id} onAdded={(next) => visit.setData(next)} />
          </>
        ) : null}
      </PageState>
    </View>
  );
}
