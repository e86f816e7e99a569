import type { ComponentType } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import {
  CN_FIXED_STATUTORY_DAYS,
  WorkingCalendar,
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_STEP_LABELS,
  ROLE_LABELS,
  formatDue,
  formatDueDate,
  type ClockView,
  type ComplaintAction,
  type Role,
} from '@linli/shared';
import { useAsync } from '@common/hooks';
import { Section } from '@common/components';
import { PhotoGrid, formatShanghai, shanghaiDay } from '@common/repairs';
import { IS_H5 } from '@common/env';
import { showError } from '@common/api';
import { ClockRow, Description, DetailHead, DetailHistory, InfoRow, Phone, StaffDetailFrame } from '@common/tickets/StaffTicketParts';
import { StaffTicketActions } from '@common/tickets/StaffTicketActions';
import { complaintAction, getComplaint, getStaffCalendar } from '../api';
import type { ComplaintDetail, ComplaintRecordView, ComplaintReplyView } from '@linli/shared';
import { CHANNEL_TEXT, dueText, NOTICE_PAGE, categoryLabel, classLabel, confirm, kindLabel, openTextInWindow } from '../util';
import { ComplaintStatusTag, KindTags } from '../components/tags';
import {
  AuthorityReportPanel,
  CancelPanel,
  ClassifyPanel,
  CoordinatorPanel,
  DeveloperContactPanel,
  IssueNoticePanel,
  ReassignPanel,
  ReclassifyPanel,
  ReplyPanel,
  ResolutionDuePanel,
  ResolvePanel,
  ReturnVisitPanel,
  type PanelProps,
} from '../components/panels';
import '../components/complaint.css';

/** Staff actions in button order; the server's `detail.actions` decides which are shown. */
const STAFF_ACTIONS: ComplaintAction[] = [
  'classify',
  'reply',
  'record_developer_contact',
  'issue_notice',
  'appoint_coordinator',
  'record_authority_report',
  'set_resolution_due',
  'resolve',
  'return_visit',
  'close',
  'reclassify',
  'reassign',
  'cancel',
];
const PANELS: Partial<Record<ComplaintAction, ComponentType<PanelProps>>> = {
  classify: ClassifyPanel,
  reclassify: ReclassifyPanel,
  reassign: ReassignPanel,
  reply: ReplyPanel,
  record_developer_contact: DeveloperContactPanel,
  issue_notice: IssueNoticePanel,
  appoint_coordinator: CoordinatorPanel,
  record_authority_report: AuthorityReportPanel,
  set_resolution_due: ResolutionDuePanel,
  resolve: ResolvePanel,
  return_visit: ReturnVisitPanel,
  cancel: CancelPanel,
};
/** the one-tap actions (asked first) */
const DIRECT: ComplaintAction[] = ['close'];

const EXTRA_ROLE_LABELS: Record<string, string> = { system: '系统', resident: '住户' };
const roleText = (r: string) => EXTRA_ROLE_LABELS[r] ?? ROLE_LABELS[r as Role] ?? r;

/**
 * The working days left for the written reply on the company's calendar. The rule counts from the day after
 * receipt, so this counts the working days after today up to the due day: "今天之后还有 2 个工作日".
 */
function WorkingDaysLeft({ c }: { c: ClockView }) {
  const now = new Date();
  const today = shanghaiDay(now);
  const dueDay = shanghaiDay(new Date(new Date(c.dueAt).getTime() - 1));
  const years = [...new Set([Number(today.slice(0, 4)), Number(dueDay.slice(0, 4))])];
  const cal = useAsync(async () => {
    const views = await Promise.all(years.map((y) => getStaffCalendar(y)));
    return new WorkingCalendar(
      views.flatMap((v) => v.overrides),
      { years: views.filter((v) => v.source !== 'default').map((v) => v.year), fallbackOffDays: CN_FIXED_STATUTORY_DAYS },
    );
  }, [years.join(',')]);
  if (!cal.data) return null;
  let text: string;
  if (dueDay < today) text = '已过书面答复时限';
  else if (dueDay === today) text = '今天是书面答复的最后一天';
  else text = `今天之后还有 ${cal.data.countWorkingDays(shanghaiDay(now, 1), dueDay)} 个工作日`;
  return <Text className="ll-muted e2e-working-days-left">{text}</Text>;
}

function Reply({ r }: { r: ComplaintReplyView }) {
  return (
    <View className={`cp-reply e2e-reply-${r.id}`}>
      <View className="cp-reply-head">
        <Text className="rp-clock-name">
          {r.authorName ? `${r.authorName} · ` : ''}
          {roleText(r.authorRole)}
          {r.written ? ' · 书面答复' : ''}
        </Text>
        <Text className="ll-muted">{formatShanghai(r.at)}</Text>
      </View>
      <Text className="cp-reply-body">{r.body}</Text>
      {r.attachments.length > 0 && <PhotoGrid photos={r.attachments.map((p) => ({ id: p.id, url: p.url }))} />}
    </View>
  );
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const when = (v: unknown) => (typeof v === 'string' ? formatShanghai(v, 'YYYY-MM-DD HH:mm') : '');

async function printNotice(complaintId: number, r: ComplaintRecordView) {
  const path = r.printPath ?? `/api/complaints/${complaintId}/notice/${r.id}`;
  if (IS_H5) {
    try {
      await openTextInWindow(path, 'text/html;charset=utf-8');
    } catch (e) {
      showError(e);
    }
  } else {
    void Taro.navigateTo({ url: `${NOTICE_PAGE}?id=${complaintId}&recordId=${r.id}` });
  }
}

function RecordItem({ r, complaintId }: { r: ComplaintRecordView; complaintId: number }) {
  const p = r.payload;
  const by = `${r.createdByName ?? ''} 记录于 ${formatShanghai(r.at)}`;
  let title = '';
  let lines: string[] = [];
  if (r.type === 'developer_contact') {
    title = '联系开发商';
    lines = [`联系人：${str(p.contactPerson)}`, `联系时间：${when(p.contactedAt)}`, `商定：${str(p.agreed ?? p.content)}`];
  } else if (r.type === 'notice') {
    title = `书面通知${p.title ? `：${str(p.title)}` : ''}`;
    lines = [`致：${str(p.addressee)}`, `事项：${str(p.request ?? p.content)}`, ...(p.replyBy ? [`回复期限：${formatDue(str(p.replyBy))} 前`] : [])];
  } else if (r.type === 'authority_report') {
    title = '书面报告主管部门';
    lines = [`部门：${str(p.authority)}`, `报告时间：${when(p.reportedAt)}`, `内容：${str(p.content)}`];
  } else {
    title = '指定协调人';
    lines = [`协调人：${str(p.coordinatorName)}`, ...(p.note ? [`说明：${str(p.note)}`] : [])];
  }
  return (
    <View className={`cp-record e2e-record-${r.type} e2e-record-${r.id}`}>
      <Text className="cp-record-title">{title}</Text>
      {lines.map((l, i) => (
        <Text key={i} className="cp-record-line">
          {l}
        </Text>
      ))}
      <View className="ll-row">
        <Text className="ll-muted">{by}</Text>
        {r.type === 'notice' && (
          <Button
            className={`e2e-print-notice e2e-print-notice-${r.id}`}
            size="small"
            fill="outline"
            type="primary"
            onClick={() => void printNotice(complaintId, r)}
          >
            打印通知
          </Button>
        )}
      </View>
    </View>
  );
}

function Detail({ d, onChanged, onReload }: { d: ComplaintDetail; onChanged: (d: ComplaintDetail) => void; onReload: () => Promise<void> }) {
  const working = ['received', 'in_progress', 'reopened'].includes(d.status);
  const showChecklist = working && (d.missingSteps.length > 0 || d.actions.includes('resolve'));

  return (
    <>
      <DetailHead
        kind="complaint"
        no={d.no}
        status={<ComplaintStatusTag status={d.status} label={d.statusLabel} />}
        title={`${categoryLabel(d.category)} · ${d.location}`}
        nextClock={d.nextClock}
        tags={
          <>
            <KindTags c={d} />
            {d.writtenReplyWanted && (
              <Tag className="rp-tag e2e-written-wanted" background="#fff4e5" color="#d97706">
                要求书面答复
              </Tag>
            )}
            {d.backfilled && (
              <Tag className="rp-tag e2e-backfilled" background="#f0f1f3" color="#5c6370">
                补录
              </Tag>
            )}
            {d.breached && (
              <Tag className="rp-tag e2e-breached" type="danger">
                已超时
              </Tag>
            )}
          </>
        }
      >
        <Text className="ll-muted e2e-owner">
          {d.ownerName ? `由 ${d.ownerName} 负责` : '尚未分派负责人'}
          {d.coordinatorName ? ` · 协调人 ${d.coordinatorName}` : ''}
        </Text>
      </DetailHead>

      {showChecklist && (
        <Section title="办结前需完成" className="e2e-missing-steps">
          {d.missingSteps.length === 0 ? (
            <Text className="cp-check e2e-steps-done">✓ 必要步骤已完成，可以办结</Text>
          ) : (
            d.missingSteps.map((s) => (
              <Text key={s} className={`cp-check is-missing e2e-missing-${s.replace(/_/g, '-')}`}>
                ○ {COMPLAINT_STEP_LABELS[s]}
              </Text>
            ))
          )}
        </Section>
      )}

      <StaffTicketActions
        d={d}
        order={STAFF_ACTIONS}
        panels={PANELS}
        direct={DIRECT}
        confirmDirect={(a) => confirm(COMPLAINT_ACTION_LABELS[a], '确定关闭此工单？')}
        send={complaintAction}
        label={(a) => COMPLAINT_ACTION_LABELS[a]}
        onChanged={onChanged}
        onReload={onReload}
      />

      {d.clocks.length > 0 && (
        <Section title="服务时限" className="e2e-clocks">
          {d.clocks.map((c) => (
            <ClockRow key={c.name} c={c} dueText={dueText} nameNote={c.name === 'written_reply' ? '（3 个工作日）' : ''}>
              {c.name === 'written_reply' && (c.state === 'running' || c.state === 'paused') && <WorkingDaysLeft c={c} />}
            </ClockRow>
          ))}
          {d.resolutionDueDate && <Text className="ll-muted e2e-resolution-due">办结时限：{formatDueDate(d.resolutionDueDate)} 前</Text>}
        </Section>
      )}

      <Section title="基本信息">
        <InfoRow label="反映人" hookName="e2e-reporter">
          {d.reporter.hidden ? <Text className="e2e-reporter-hidden">匿名</Text> : (d.reporter.name ?? '—')}
          {d.anonymous && !d.reporter.hidden ? <Text className="ll-muted">（要求匿名）</Text> : null}
        </InfoRow>
        {!d.reporter.hidden && (
          <InfoRow label="联系电话">
            <Phone phone={d.reporter.phone} hook="e2e-reporter-phone" />
          </InfoRow>
        )}
        <InfoRow label="小区">{d.communityName}</InfoRow>
        <InfoRow label="位置">{d.reporter.roomLabel ?? d.location}</InfoRow>
        <InfoRow label="类型">
          {kindLabel(d.kind)} · {categoryLabel(d.category)}
        </InfoRow>
        {d.kind === 'complaint' && (
          <InfoRow label="分类" hookName="e2e-class-owner">
            {classLabel(d.complaintClass)}
            {d.ownerName ? `，由 ${d.ownerName} 负责` : ''}
          </InfoRow>
        )}
        {d.kind !== 'complaint' && d.ownerName && <InfoRow label="负责人">{d.ownerName}</InfoRow>}
        {d.coordinatorName && (
          <InfoRow label="协调人" hookName="e2e-coordinator">
            {d.coordinatorName}
          </InfoRow>
        )}
        <InfoRow label="渠道">{CHANNEL_TEXT[d.channel] ?? d.channel}</InfoRow>
        <InfoRow label="受理时间">{formatShanghai(d.receivedAt, 'YYYY-MM-DD HH:mm')}</InfoRow>
        {d.backfilled && (
          <InfoRow label="补录" hookName="e2e-backfill-info">
            {d.backfilledByName ?? ''} 于 {formatShanghai(d.createdAt, 'YYYY-MM-DD HH:mm')} 补录
          </InfoRow>
        )}
        <InfoRow label="受理人">{d.receivedByName ?? '—'}</InfoRow>
        <InfoRow label="书面答复">{d.writtenReplyWanted ? '需要（3 个工作日内）' : '不需要'}</InfoRow>
        {d.measures && (
          <InfoRow label="处理措施" hookName="e2e-measures-text">
            {d.measures}
          </InfoRow>
        )}
        {d.resolvedAt && <InfoRow label="办结时间">{formatShanghai(d.resolvedAt, 'YYYY-MM-DD HH:mm')}</InfoRow>}
        {d.cancelReason && (
          <InfoRow label="撤销原因" hookName="e2e-cancel-reason">
            {d.cancelReason}
          </InfoRow>
        )}
        <Description label="内容" text={d.description} />
        <PhotoGrid photos={d.photos.map((p) => ({ id: p.id, url: p.url }))} emptyText="" />
      </Section>

      <Section title="沟通记录" className="e2e-thread">
        {d.thread.length ? d.thread.map((r) => <Reply key={r.id} r={r} />) : <Text className="ll-muted">暂无答复</Text>}
      </Section>

      {d.records.length > 0 && (
        <Section title="办理记录" className="e2e-records">
          {d.records.map((r) => (
            <RecordItem key={r.id} r={r} complaintId={d.id} />
          ))}
        </Section>
      )}

      <DetailHistory d={d} />
    </>
  );
}

export default function ComplaintDetailPage() {
  return (
    <StaffDetailFrame className="page-complaint-detail" load={getComplaint}>
      {(d, detail) => <Detail d={d} onChanged={detail.setData} onReload={detail.reload} />}
    </StaffDetailFrame>
  );
}
