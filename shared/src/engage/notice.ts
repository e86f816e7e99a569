import { formatYuan } from '../fees/money';
import type { PublicIncomeRowInput } from '../fees/public-income';

export * from './notice-views';

/** 通知 / 公告 (issue #15): what a community tells its residents. */
export const NOTICE_KINDS = ['notice', 'announcement', 'outage', 'safety', 'complaint_disclosure', 'income_disclosure'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  notice: '通知',
  announcement: '公告',
  outage: '停水停电通知',
  safety: '安全宣传',
  complaint_disclosure: '投诉处理公示',
  income_disclosure: '公共收益公示',
};
/** The kinds a staff member writes by hand; the two disclosures are published from their source in one step. */
export const NOTICE_EDITABLE_KINDS: NoticeKind[] = ['notice', 'announcement', 'outage', 'safety'];

export const OUTAGE_UTILITIES = ['water', 'power', 'gas', 'tv', 'network'] as const;
export type OutageUtility = (typeof OUTAGE_UTILITIES)[number];
export const OUTAGE_UTILITY_LABELS: Record<OutageUtility, string> = { water: '停水', power: '停电', gas: '停气', tv: '有线电视中断', network: '网络中断' };

export type NoticeTargetKind = 'community' | 'building' | 'unit';
export const NOTICE_TARGET_KINDS: NoticeTargetKind[] = ['community', 'building', 'unit'];
export const NOTICE_TARGET_LABELS: Record<NoticeTargetKind, string> = { community: '全小区', building: '指定楼栋', unit: '指定单元' };

export type NoticeStatus = 'draft' | 'scheduled' | 'published' | 'withdrawn';
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: '草稿', scheduled: '定时发布', published: '已发布', withdrawn: '已撤回' };

export const NOTICE_TITLE_MAX = 60;
export const NOTICE_BODY_MAX = 5000;
export const NOTICE_IMAGES_MAX = 9;
export const NOTICE_TARGETS_MAX = 200;
/** an outage notice reaches its residents again this long before the outage starts */
export const OUTAGE_REMIND_BEFORE_MS = 3600_000;
/** a scheduled publish time may be at most this far ahead */
export const NOTICE_SCHEDULE_MAX_DAYS = 90;

export interface NoticeInput {
  kind: string;
  title: string;
  body: string;
  utility?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  targetKind: string;
  targetIds?: number[];
}

export type NoticeProblem = { field: string; message: string };

const instant = (s: string | null | undefined) => (s ? Date.parse(s) : NaN);

/** What is wrong with a notice a staff member wrote (empty: nothing). Pure: `now` is the server's clock. */
export function noticeProblems(n: NoticeInput): NoticeProblem[] {
  const out: NoticeProblem[] = [];
  if (!NOTICE_EDITABLE_KINDS.includes(n.kind as NoticeKind)) out.push({ field: 'kind', message: '通知类型不正确' });
  if (!n.title?.trim()) out.push({ field: 'title', message: '请填写标题' });
  if (!n.body?.trim()) out.push({ field: 'body', message: '请填写正文' });
  if (!NOTICE_TARGET_KINDS.includes(n.targetKind as NoticeTargetKind)) out.push({ field: 'targetKind', message: '发布范围不正确' });
  else if (n.targetKind !== 'community' && !n.targetIds?.length) out.push({ field: 'targetIds', message: '请选择楼栋或单元' });
  if (n.kind === 'outage') out.push(...outageProblems(n));
  return out;
}

/** An outage names what is cut and when: both times, the end after the start. */
export function outageProblems(n: Pick<NoticeInput, 'utility' | 'startsAt' | 'endsAt'>): NoticeProblem[] {
  const out: NoticeProblem[] = [];
  if (!OUTAGE_UTILITIES.includes(n.utility as OutageUtility)) out.push({ field: 'utility', message: '请选择停水、停电、停气、有线电视或网络' });
  const s = instant(n.startsAt);
  const e = instant(n.endsAt);
  if (Number.isNaN(s)) out.push({ field: 'startsAt', message: '请填写开始时间' });
  if (Number.isNaN(e)) out.push({ field: 'endsAt', message: '请填写结束时间' });
  if (!Number.isNaN(s) && !Number.isNaN(e) && e <= s) out.push({ field: 'endsAt', message: '结束时间必须晚于开始时间' });
  return out;
}

/** Whether a published outage notice's reminder is due now: within the hour before it starts, not yet started. */
export function outageReminderDue(startsAt: Date, now: Date): boolean {
  const t = startsAt.getTime() - now.getTime();
  return t > 0 && t <= OUTAGE_REMIND_BEFORE_MS;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 12月05日 09:00 (Shanghai) */
export function shanghaiShort(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000);
  return `${pad(s.getUTCMonth() + 1)}月${pad(s.getUTCDate())}日 ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/** The outage's one line for the inbox: 停电：12月05日 09:00 至 12月05日 17:00 */
export function outageLine(utility: OutageUtility, startsAt: Date, endsAt: Date): string {
  return `${OUTAGE_UTILITY_LABELS[utility]}：${shanghaiShort(startsAt)} 至 ${shanghaiShort(endsAt)}`;
}

/** The quarterly 公共收益公示 as notice text, from the quarter's rows (amounts in 元). */
export function incomeNoticeText(
  communityName: string,
  quarter: string,
  rows: readonly PublicIncomeRowInput[],
  totals: { incomeCents: number; expenseCents: number; balanceCents: number },
): { title: string; body: string } {
  const [y, q] = quarter.split('-Q');
  const title = `${communityName} ${y}年第${q}季度公共收益公示`;
  const lines = rows.map(
    (r, i) => `${i + 1}. ${r.category}：收入 ${formatYuan(r.incomeCents)}，支出 ${formatYuan(r.expenseCents)}${r.note ? `（${r.note}）` : ''}`,
  );
  const body = [
    `${y}年第${q}季度本小区公共部位经营收益情况公示如下：`,
    ...lines,
    `合计：收入 ${formatYuan(totals.incomeCents)}，支出 ${formatYuan(totals.expenseCents)}，结余 ${formatYuan(totals.balanceCents)}。`,
    '如有疑问，请联系物业服务中心。',
  ].join('\n');
  return { title: title.slice(0, NOTICE_TITLE_MAX), body };
}

/** The share of targeted households that read a notice, 0–1 (0 when none are targeted). */
export function readShare(readRooms: number, targetedRooms: number): number {
  if (targetedRooms <= 0) return 0;
  return Math.min(1, readRooms / targetedRooms);
}

/** The body as plain-text paragraphs (the apps render each as a Text node, never as HTML). */
export function noticeParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
}
