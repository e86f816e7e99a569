import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import {
  complaintStatusLabel,
  formatDue,
  type ComplaintKind,
  type ComplaintStatus,
  REPAIR_STATUS_LABELS,
  ROLE_LABELS,
  notificationPage,
  type DutyNowView,
  type DutyShiftView,
  type HandoverItem,
  type Role,
} from '@linli/shared';
import { api, qs } from '@common/api';
import { useMe, usePageData } from '@common/hooks';
import { Empty, PageState, Section } from '@common/components';
import { CommunityChips, useCommunityChoice } from '../../components/CommunityChips';
import { formatShanghai, formatWindow } from '@common/repairs';
import { ShiftForm } from './ShiftForm';
import './index.css';

const PLANNERS: Role[] = ['supervisor', 'manager', 'admin'];
const MAX_NOTES = 2000;

const statusLabel = (i: HandoverItem) =>
  i.kind === 'repair'
    ? (REPAIR_STATUS_LABELS[i.status as keyof typeof REPAIR_STATUS_LABELS] ?? i.status)
    : complaintStatusLabel(i.kind as ComplaintKind, i.status as ComplaintStatus);
const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r;

function ShiftRow({ s, hook }: { s: DutyShiftView; hook: string }) {
  const state = s.signedOutAt ? '已交班' : s.signedInAt ? '在岗' : '未签到';
  return (
    <View className={`duty-row ${hook} e2e-shift-${s.id}`}>
      <Text className="duty-name">{s.userName}</Text>
      <Text className="duty-role">{roleLabel(s.role)}</Text>
      <Text className="duty-span">{formatWindow(s.startsAt, s.endsAt)}</Text>
      <Text className={`duty-state ${s.signedInAt && !s.signedOutAt ? 'is-on' : ''}`}>{state}</Text>
    </View>
  );
}

/** 值班交接: who is on duty, the caller's sign-in / sign-out with hand-over notes, the open items, the roster. */
export default function DutyPage() {
  const me = useMe();
  const communities = me.data?.communities ?? [];
  const [communityId, setCommunityId] = useCommunityChoice(me.data);

  const now = usePageData(
    () => (communityId ? api.get<DutyNowView>(`/api/staff/duty/now${qs({ communityId })}`, { silent: true }) : new Promise<DutyNowView>(() => undefined)),
    [communityId],
  );
  const roster = usePageData(
    () =>
      communityId ? api.get<DutyShiftView[]>(`/api/staff/duty/shifts${qs({ communityId })}`, { silent: true }) : new Promise<DutyShiftView[]>(() => undefined),
    [communityId],
  );
  usePullDownRefresh(() => {
    void Promise.all([now.reload(), roster.reload()]).finally(() => void Taro.stopPullDownRefresh());
  });

  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [planning, setPlanning] = useState(false);
  const mine = now.data?.onDuty.find((s) => s.userId === me.data?.id);
  const canPlan = !!me.data?.roles.some((r) => PLANNERS.includes(r));

  async function signIn() {
    if (!communityId || busy) return;
    setBusy(true);
    try {
      now.setData(await api.post<DutyNowView>('/api/staff/duty/sign-in', { communityId }));
      void roster.reload();
      void Taro.showToast({ title: '已签到上班', icon: 'success' });
    } catch {
      /* toast shown */
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    if (!communityId || busy) return;
    const { confirm } = await Taro.showModal({ title: '签退交班', content: '签退后新工单将不再派给您，确定交班吗？' });
    if (!confirm) return;
    setBusy(true);
    try {
      await api.post<DutyShiftView>('/api/staff/duty/sign-out', { communityId, notes: notes.trim() || undefined });
      setNotes('');
      await Promise.all([now.reload(), roster.reload()]);
      void Taro.showToast({ title: '已交班', icon: 'success' });
    } catch {
      /* toast shown */
    } finally {
      setBusy(false);
    }
  }

  const handover = now.data?.handover;
  return (
    <View className="ll-page page-duty">
      <PageState loading={me.loading} error={me.error} onRetry={me.reload} empty={!!me.data && communities.length === 0} emptyText="您还没有分配小区">
        {me.data && communities.length > 1 && (
          <Section>
            <CommunityChips me={me.data} value={communityId} onChange={setCommunityId} />
          </Section>
        )}
        <PageState loading={now.loading && !now.data} error={now.data ? null : now.error} onRetry={now.reload}>
          {now.data && (
            <>
              <Section title="我的值班" className="duty-mine">
                {mine ? (
                  <>
                    <Text className="duty-status is-on e2e-on-duty">
                      您正在值班（{roleLabel(mine.role)}），{formatShanghai(mine.signedInAt)} 签到，至 {formatShanghai(mine.endsAt)}
                    </Text>
                    <TextArea
                      className="ll-textarea e2e-handover-notes"
                      placeholder="交接事项：未完成的工作、需要下一班跟进的事（可不填，未结工单会自动列出）"
                      maxLength={MAX_NOTES}
                      value={notes}
                      onChange={(v) => setNotes(v)}
                    />
                    <Button className="e2e-sign-out" block type="warning" loading={busy} disabled={busy} onClick={() => void signOut()}>
                      签退交班
                    </Button>
                  </>
                ) : (
                  <>
                    <Text className="duty-status e2e-off-duty">您当前未在岗。签到后，本小区的新工单和夜间升级提醒会发给您。</Text>
                    <Button className="e2e-sign-in" block type="primary" loading={busy} disabled={busy} onClick={() => void signIn()}>
                      签到上班
                    </Button>
                  </>
                )}
              </Section>

              <Section title={`当前在岗（${now.data.onDuty.length}）`}>
                {now.data.onDuty.length === 0 ? (
                  <Text className="ll-muted e2e-nobody-on-duty">当前无客服在岗：新工单发给客服主管，并显示在本小区每位客服的消息通知中</Text>
                ) : (
                  now.data.onDuty.map((s) => <ShiftRow key={s.id} s={s} hook="e2e-on-duty-row" />)
                )}
              </Section>

              <Section title="交接班" className="e2e-handover">
                {handover?.from ? (
                  <View className="duty-from">
                    <Text className="duty-from-head">
                      上一班：{handover.from.userName}（{roleLabel(handover.from.role)}）{formatShanghai(handover.from.signedOutAt)} 交班
                    </Text>
                    <Text className="duty-notes e2e-handover-from">{handover.from.handoverNotes || '（未填写交接事项）'}</Text>
                  </View>
                ) : (
                  <Text className="ll-muted">暂无交班记录</Text>
                )}
                <Text className="duty-sub">未结工单（{handover?.openItems.length ?? 0}）</Text>
                {handover && handover.openItems.length > 0 ? (
                  handover.openItems.map((i) => (
                    <View
                      key={i.id}
                      className="duty-item e2e-open-item"
                      onClick={() => {
                        const page = notificationPage(`/${i.kind === 'repair' ? 'repairs' : 'complaints'}/${i.id}`);
                        if (page) void Taro.navigateTo({ url: `/${page}` });
                      }}
                    >
                      <Text className="duty-item-no">{i.no}</Text>
                      <Text className="duty-item-status">{statusLabel(i)}</Text>
                      <Text className={`duty-item-due ${i.slaDueAt && new Date(i.slaDueAt) < new Date() ? 'is-late' : ''}`}>
                        {i.slaDueAt ? `时限 ${formatDue(i.slaDueAt)}` : ''}
                      </Text>
                    </View>
                  ))
                ) : (
                  <Text className="ll-muted">没有未结工单</Text>
                )}
              </Section>
            </>
          )}
        </PageState>

        <Section
          title="排班"
          extra={
            canPlan && communityId ? (
              <Button className="e2e-plan-shift" size="small" type="primary" fill="outline" onClick={() => setPlanning((v) => !v)}>
                {planning ? '收起' : '新增排班'}
              </Button>
            ) : undefined
          }
        >
          {planning && communityId && (
            <View className="duty-form">
              <ShiftForm
                communityId={communityId}
                onCreated={() => {
                  setPlanning(false);
                  void roster.reload();
                }}
              />
            </View>
          )}
          <PageState loading={roster.loading && !roster.data} error={roster.data ? null : roster.error} onRetry={roster.reload}>
            {roster.data?.length ? roster.data.map((s) => <ShiftRow key={s.id} s={s} hook="e2e-roster-row" />) : <Empty text="近期没有排班" />}
          </PageState>
        </Section>
      </PageState>
    </View>
  );
}
