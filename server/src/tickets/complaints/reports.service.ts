import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  addCalendarDays,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
  ComplaintCategory,
  ComplaintKind,
  ComplaintStatus,
  complaintStatusLabel,
  ErrorCode,
  inMonthlyDisclosure,
  shanghaiDate,
  startOfShanghaiDate,
} from '@linli/shared';
import { User } from '../../auth/entities/user.entity';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { ScopeService } from '../../common/scope';
import { Document } from '../../documents/document.entity';
import { Community } from '../../org/entities/community.entity';
import { Ticket } from '../entities/ticket.entity';
import { ANONYMOUS_NAME } from './complaint.views';
import { ComplaintRecord } from './entities/complaint-record.entity';
import { zhDate } from './notice';

const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const STATUSES = Object.keys(COMPLAINT_STATUS_LABELS) as ComplaintStatus[];
/** not yet resolved (办结): what the summary lists as open */
const UNRESOLVED: ComplaintStatus[] = ['received', 'in_progress', 'reopened'];

/** One line of the monthly disclosure: what, and how it was handled — never who or which room. */
export interface DisclosureEntry {
  no: string;
  kind: ComplaintKind;
  kindLabel: string;
  category: ComplaintCategory;
  categoryLabel: string;
  receivedDate: string;
  /** the matter in a sentence, names, rooms and phone numbers removed */
  summary: string;
  statusLabel: string;
  /** the measures taken (scrubbed), or 正在处理 */
  handling: string;
}

/** GET|PUT /api/staff/reports/disclosure-draft (to move into shared/src/api with the complaints contract) */
export interface DisclosureDraftView {
  id: number;
  communityId: number;
  communityName: string;
  period: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  /** a manager edited the text; a plain GET keeps the edit (regenerate=true rebuilds it) */
  edited: boolean;
  editedByName: string | null;
  editedAt: string | null;
  /** the month's items as the data stands now */
  entries: DisclosureEntry[];
  createdAt: string;
  updatedAt: string;
}

export interface Class2Item {
  no: string;
  category: ComplaintCategory;
  categoryLabel: string;
  status: ComplaintStatus;
  statusLabel: string;
  receivedAt: string;
  /** room or place; 匿名 when the resident asked for anonymity */
  location: string;
  ownerName: string | null;
  /** the first recorded contact with the developer */
  developerContactedAt: string | null;
  /** hours from receipt to that contact */
  developerResponseHours: number | null;
  resolvedAt: string | null;
  measures: string | null;
}

/** GET /api/staff/reports/class2-summary */
export interface Class2SummaryView {
  communityId: number;
  communityName: string;
  handoverDate: string;
  /** the end of the summary period: one year after handover */
  windowEnds: string;
  quarter: string;
  from: string;
  to: string;
  total: number;
  byStatus: Record<ComplaintStatus, number>;
  byCategory: { category: ComplaintCategory; label: string; total: number; byStatus: Record<ComplaintStatus, number> }[];
  developerResponse: { contacted: number; notContacted: number; averageHours: number | null; maxHours: number | null };
  /** received in the quarter */
  items: Class2Item[];
  /** not yet resolved at the time of the report, received up to the quarter's end (earlier quarters' carry-over included) */
  openItems: Class2Item[];
}

/**
 * Reporting duties built into the complaints desk: the monthly public disclosure (公示, by the 30th) as a draft
 * document for a manager to edit and publish, and the quarterly summary of class-2 (developer legacy) complaints
 * for communities within a year of handover.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
  ) {}

  private async community(caller: Caller, communityId: number): Promise<Community> {
    const scope = await this.scopes.resolve(caller);
    const c = await this.ds.getRepository(Community).findOneBy({ id: communityId, companyId: caller.companyId });
    if (!c || !scope.canSeeCommunity(c.id)) throw AppError.notFound('小区');
    return c;
  }

  // ---------------------------------------------------------------- monthly disclosure

  /** The month's draft: generated when missing, rebuilt from the data unless a manager edited it (or `regenerate`); published drafts stay as they are. */
  async disclosure(caller: Caller, communityId: number, month: string, regenerate = false): Promise<DisclosureDraftView> {
    const community = await this.community(caller, communityId);
    checkMonth(month);
    const entries = await this.disclosureEntries(community, month);
    const now = this.clock.now();
    const { title, body } = disclosureText(community, month, entries, now);
    const repo = this.ds.getRepository(Document);
    const where = { communityId: community.id, type: 'disclosure_draft' as const, period: month };
    let doc = await repo.findOneBy(where);
    if (!doc) {
      try {
        await repo.insert({
          companyId: community.companyId,
          ...where,
          title,
          body,
          status: 'draft',
          createdBy: caller.userId,
          editedBy: null,
          editedAt: null,
          createdAt: now,
          updatedAt: now,
        });
      } catch {
        // generated by a concurrent request: use theirs
      }
      doc = await repo.findOneByOrFail(where);
    } else if (doc.status === 'draft' && (doc.editedBy === null || regenerate) && (doc.body !== body || doc.title !== title || doc.editedBy !== null)) {
      await repo.update({ id: doc.id }, { title, body, editedBy: null, editedAt: null, updatedAt: now });
      doc = await repo.findOneByOrFail(where);
    }
    return this.draftView(doc, community, entries);
  }

  /** A manager's edit of the draft text (before the notices feature publishes it). */
  async editDisclosure(caller: Caller, communityId: number, month: string, edit: { title?: string; body: string }): Promise<DisclosureDraftView> {
    const community = await this.community(caller, communityId);
    checkMonth(month);
    await this.disclosure(caller, communityId, month);
    const repo = this.ds.getRepository(Document);
    const doc = await repo.findOneByOrFail({ communityId: community.id, type: 'disclosure_draft', period: month });
    if (doc.status !== 'draft') throw AppError.conflict(ErrorCode.Conflict, '该公示已发布，不能再修改');
    const now = this.clock.now();
    await repo.update({ id: doc.id }, { title: edit.title?.trim() || doc.title, body: edit.body, editedBy: caller.userId, editedAt: now, updatedAt: now });
    return this.draftView(await repo.findOneByOrFail({ id: doc.id }), community, await this.disclosureEntries(community, month));
  }

  private async draftView(doc: Document, community: Community, entries: DisclosureEntry[]): Promise<DisclosureDraftView> {
    const editor = doc.editedBy ? await this.ds.getRepository(User).findOneBy({ id: doc.editedBy }) : null;
    return {
      id: doc.id,
      communityId: community.id,
      communityName: community.name,
      period: doc.period,
      title: doc.title,
      body: doc.body,
      status: doc.status,
      edited: doc.editedBy !== null,
      editedByName: editor?.name ?? null,
      editedAt: doc.editedAt?.toISOString() ?? null,
      entries,
      createdAt: doc.createdAt.toISOString(),
      updatedAt: doc.updatedAt.toISOString(),
    };
  }

  private async disclosureEntries(community: Community, month: string): Promise<DisclosureEntry[]> {
    const from = startOfShanghaiDate(`${month}-01`);
    const to = startOfShanghaiDate(nextMonth(month));
    const rows = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.communityId = :c AND t.kind IN (:...kinds) AND t.status <> :cancelled', {
        c: community.id,
        kinds: ['complaint', 'suggestion'],
        cancelled: 'cancelled',
      })
      .andWhere('t.receivedAt >= :from AND t.receivedAt < :to', { from: sqlTime(from), to: sqlTime(to) })
      .orderBy('t.receivedAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
    const listed = rows.filter((t) => inMonthlyDisclosure(t.kind as ComplaintKind, t.category as ComplaintCategory));
    if (!listed.length) return [];
    const scrub = await this.scrubber(community, listed);
    return listed.map((t) => {
      const kind = t.kind as ComplaintKind;
      const category = t.category as ComplaintCategory;
      const summary = scrub(t.description);
      return {
        no: t.no,
        kind,
        kindLabel: COMPLAINT_KIND_LABELS[kind],
        category,
        categoryLabel: COMPLAINT_CATEGORY_LABELS[category] ?? category,
        receivedDate: shanghaiDate(t.receivedAt),
        summary: summary.length > 80 ? `${summary.slice(0, 80)}…` : summary,
        statusLabel: complaintStatusLabel(kind, t.status as ComplaintStatus),
        handling: t.measures ? scrub(t.measures) : t.isOpen ? '正在处理' : '已答复',
      };
    });
  }

  /**
   * Removes what would identify a resident from free text written by residents and staff: the names on record in
   * the community (owners, bound residents, contacts), room labels, room-like numbers and phone numbers.
   */
  private async scrubber(community: Community, tickets: Ticket[]): Promise<(s: string) => string> {
    const q = (sql: string, params: unknown[]) => this.ds.query(sql, params) as Promise<Record<string, unknown>[]>;
    const [owners, bindings, residents, labels] = await Promise.all([
      q('SELECT owner_name AS n FROM rooms WHERE community_id = ? AND owner_name IS NOT NULL', [community.id]),
      q('SELECT name AS n FROM room_bindings WHERE community_id = ?', [community.id]),
      q('SELECT DISTINCT u.name AS n FROM users u JOIN room_bindings b ON b.user_id = u.id WHERE b.community_id = ?', [community.id]),
      q('SELECT label AS n FROM rooms WHERE community_id = ?', [community.id]),
    ]);
    const names = new Set<string>();
    for (const r of [...owners, ...bindings, ...residents]) if (typeof r.n === 'string' && r.n.trim().length >= 2) names.add(r.n.trim());
    for (const t of tickets) if (t.contactName && t.contactName.trim().length >= 2) names.add(t.contactName.trim());
    const nameList = [...names].sort((a, b) => b.length - a.length);
    const labelList = labels.map((r) => String(r.n)).sort((a, b) => b.length - a.length);
    return (s: string) => {
      let out = s;
      for (const l of labelList) out = out.split(l).join('某房屋');
      out = out
        .replace(/1[3-9]\d{9}/g, '***')
        .replace(/0\d{2,3}-?\d{7,8}/g, '***')
        .replace(/\d+\s*(?:栋|幢|座|号楼)(?:\s*\d+\s*单元)?(?:\s*\d{2,4}\s*(?:室|号|房)?)?/g, '某处')
        .replace(/\d+\s*单元\s*\d{2,4}\s*(?:室|号|房)?/g, '某处')
        .replace(/\b\d{1,2}-\d{1,2}-\d{3,4}\b/g, '某处')
        .replace(/\d{3,4}\s*(?:室|房)/g, '某室');
      for (const n of nameList) out = out.split(n).join('某住户');
      return out;
    };
  }

  // ---------------------------------------------------------------- quarterly class-2 summary

  async class2Summary(caller: Caller, communityId: number, quarter: string): Promise<Class2SummaryView> {
    const community = await this.community(caller, communityId);
    const m = QUARTER_RE.exec(quarter);
    if (!m)
      throw new AppError(400, ErrorCode.ValidationFailed, '季度格式应为 YYYY-Qn，例如 2026-Q4', [
        { field: 'quarter', rule: 'matches', message: '季度格式应为 YYYY-Qn' },
      ]);
    const year = Number(m[1]);
    const q = Number(m[2]);
    const fromDate = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const toDateExcl = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const handover = community.handoverDate;
    if (!handover) throw AppError.badRequest(`${community.name}未登记交付日期，无法生成二类投诉季度汇总`);
    const windowEnds = `${Number(handover.slice(0, 4)) + 1}${handover.slice(4)}`;
    // the quarter must overlap [handover, handover + 1 year)
    if (!(fromDate < windowEnds && toDateExcl > handover))
      throw AppError.badRequest(
        `二类投诉季度汇总只适用于交付一年内的小区：${community.name}交付日期为 ${handover}，汇总期为 ${handover} 至 ${addCalendarDays(windowEnds, -1)}，${year}年第${q}季度不在其内`,
        { handoverDate: handover, windowEnds, quarter },
      );
    const from = startOfShanghaiDate(fromDate);
    const to = startOfShanghaiDate(toDateExcl);
    const base = () =>
      this.ds
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .where('t.communityId = :c AND t.kind = :k AND t.complaintClass = 2', { c: community.id, k: 'complaint' });
    const [inQuarter, open] = await Promise.all([
      base()
        .andWhere('t.receivedAt >= :from AND t.receivedAt < :to', { from: sqlTime(from), to: sqlTime(to) })
        .orderBy('t.receivedAt', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .getMany(),
      base()
        .andWhere('t.status IN (:...unresolved) AND t.receivedAt < :to', { unresolved: UNRESOLVED, to: sqlTime(to) })
        .orderBy('t.receivedAt', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .getMany(),
    ]);
    const all = [...new Map([...inQuarter, ...open].map((t) => [t.id, t])).values()];
    const contacts = all.length
      ? await this.ds.getRepository(ComplaintRecord).find({ where: { ticketId: In(all.map((t) => t.id)), type: 'developer_contact' }, order: { id: 'ASC' } })
      : [];
    const firstContact = new Map<number, Date>();
    for (const r of contacts) {
      const at = typeof r.payload.contactedAt === 'string' ? new Date(r.payload.contactedAt) : r.at;
      const prev = firstContact.get(r.ticketId);
      if (!prev || at < prev) firstContact.set(r.ticketId, at);
    }
    const owners = await this.names(all.map((t) => t.ownerId));
    const item = (t: Ticket): Class2Item => {
      const contacted = firstContact.get(t.id) ?? null;
      const category = t.category as ComplaintCategory;
      const status = t.status as ComplaintStatus;
      return {
        no: t.no,
        category,
        categoryLabel: COMPLAINT_CATEGORY_LABELS[category] ?? category,
        status,
        statusLabel: COMPLAINT_STATUS_LABELS[status],
        receivedAt: t.receivedAt.toISOString(),
        location: t.anonymous ? ANONYMOUS_NAME : t.location,
        ownerName: t.ownerId ? (owners.get(t.ownerId) ?? null) : null,
        developerContactedAt: contacted?.toISOString() ?? null,
        developerResponseHours: contacted ? Math.round(((contacted.getTime() - t.receivedAt.getTime()) / 3_600_000) * 10) / 10 : null,
        resolvedAt: t.completedAt?.toISOString() ?? null,
        measures: t.measures,
      };
    };
    const items = inQuarter.map(item);
    const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>;
    const byStatus = zero();
    const cats = new Map<ComplaintCategory, Record<ComplaintStatus, number>>();
    for (const i of items) {
      byStatus[i.status]++;
      if (!cats.has(i.category)) cats.set(i.category, zero());
      cats.get(i.category)![i.status]++;
    }
    const order = COMPLAINT_CATEGORIES.map((c) => c.key);
    const hours = items.map((i) => i.developerResponseHours).filter((h): h is number => h !== null);
    return {
      communityId: community.id,
      communityName: community.name,
      handoverDate: handover,
      windowEnds,
      quarter,
      from: from.toISOString(),
      to: to.toISOString(),
      total: items.length,
      byStatus,
      byCategory: [...cats.entries()]
        .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
        .map(([category, s]) => ({
          category,
          label: COMPLAINT_CATEGORY_LABELS[category] ?? category,
          total: Object.values(s).reduce((a, b) => a + b, 0),
          byStatus: s,
        })),
      developerResponse: {
        contacted: hours.length,
        notContacted: items.length - hours.length,
        averageHours: hours.length ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10 : null,
        maxHours: hours.length ? Math.max(...hours) : null,
      },
      items,
      openItems: open.map(item),
    };
  }

  /** The summary as CSV for Excel: UTF-8 with a BOM, CRLF, a totals table, then the items and the open items. */
  class2Csv(s: Class2SummaryView): string {
    const rows: (string | number | null)[][] = [];
    const time = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
    rows.push([`${s.communityName} ${s.quarter} 二类投诉（开发商遗留问题）季度汇总`]);
    rows.push(['交付日期', s.handoverDate, '汇总截止', addCalendarDays(s.windowEnds, -1)]);
    rows.push([]);
    rows.push(['类别', '合计', ...STATUSES.map((st) => COMPLAINT_STATUS_LABELS[st])]);
    for (const c of s.byCategory) rows.push([c.label, c.total, ...STATUSES.map((st) => c.byStatus[st])]);
    rows.push(['合计', s.total, ...STATUSES.map((st) => s.byStatus[st])]);
    rows.push([]);
    rows.push([
      '开发商响应',
      '已联系',
      s.developerResponse.contacted,
      '未联系',
      s.developerResponse.notContacted,
      '平均响应（小时）',
      s.developerResponse.averageHours,
      '最长（小时）',
      s.developerResponse.maxHours,
    ]);
    const header = ['编号', '类别', '状态', '受理时间', '位置', '负责人', '首次联系开发商', '开发商响应（小时）', '办结时间', '处理措施'];
    const line = (i: Class2Item) => [
      i.no,
      i.categoryLabel,
      i.statusLabel,
      time(i.receivedAt),
      i.location,
      i.ownerName,
      time(i.developerContactedAt),
      i.developerResponseHours,
      time(i.resolvedAt),
      i.measures,
    ];
    rows.push([]);
    rows.push(['本季度受理明细']);
    rows.push(header);
    for (const i of s.items) rows.push(line(i));
    rows.push([]);
    rows.push(['未办结事项']);
    rows.push(header);
    for (const i of s.openItems) rows.push(line(i));
    return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  private async names(ids: (number | null)[]): Promise<Map<number, string>> {
    const want = [...new Set(ids.filter((i): i is number => i !== null))];
    if (!want.length) return new Map();
    return new Map((await this.ds.getRepository(User).findBy({ id: In(want) })).map((u) => [u.id, u.name]));
  }
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // quote when needed; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function checkMonth(month: string) {
  if (!MONTH_RE.test(month))
    throw new AppError(400, ErrorCode.ValidationFailed, '月份格式应为 YYYY-MM', [{ field: 'month', rule: 'matches', message: '月份格式应为 YYYY-MM' }]);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function disclosureText(community: Community, month: string, entries: DisclosureEntry[], now: Date): { title: string; body: string } {
  const [y, m] = month.split('-').map(Number);
  const title = `${community.name}${y}年${m}月投诉与建议处理情况公示`;
  const lastDay = addCalendarDays(nextMonth(month), -1);
  const complaints = entries.filter((e) => e.kind === 'complaint').length;
  const suggestions = entries.length - complaints;
  const handled = entries.filter((e) => e.handling !== '正在处理').length;
  const lines = [
    '各位业主、住户：',
    '',
    entries.length
      ? `${y}年${m}月1日至${m}月${Number(lastDay.slice(8))}日，${community.name}客户服务中心共受理涉及公共区域、公共利益及邻里关系的投诉 ${complaints} 件、建议 ${suggestions} 件，其中已处理 ${handled} 件，正在处理 ${entries.length - handled} 件。具体情况公示如下：`
      : `${y}年${m}月，${community.name}客户服务中心未受理涉及公共区域、公共利益及邻里关系的投诉与建议。`,
  ];
  entries.forEach((e, i) => {
    lines.push('', `${i + 1}. 【${e.kindLabel}·${e.categoryLabel}】${Number(e.receivedDate.slice(5, 7))}月${Number(e.receivedDate.slice(8))}日受理（${e.no}）`);
    lines.push(`   反映内容：${e.summary}`);
    lines.push(`   处理情况：${e.handling}（${e.statusLabel}）`);
  });
  lines.push('', '感谢各位业主、住户对我们工作的监督与支持。如对以上处理情况有疑问，或有新的意见和建议，欢迎致电客户服务中心或通过小程序反馈。', '');
  lines.push(`${community.name}客户服务中心`, zhDate(now));
  return { title, body: lines.join('\n') };
}
