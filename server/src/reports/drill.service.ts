import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  arrearsAge,
  CLOCK_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_KIND_LABELS,
  Page,
  PASS_KIND_LABELS,
  periodDays,
  REPAIR_CATEGORIES,
  REPAIR_TIER_LABELS,
  ReportDrillRow,
} from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { ScopeService } from '../common/scope';
import { sqlTime, utc } from '../common/sql-time';
import { ReportDrillQueryDto } from './dto/reports.dto';
import { assertReportMonth, ReportScope, reportScope, scopeSql, sqlRange } from './report-scope';
import { BREACHED_SQL, CLOCK_JOINS, decidedClocksSql } from './report-sla';
import { visitsWhere, visitView } from './drill-visits';

type Row = Record<string, unknown>;
type Where = { from: string; where: string[]; params: unknown[]; select: string; id: string };
const n = (v: unknown) => Number(v ?? 0);
const LABELS: Record<string, string> = { repair: '报修', ...COMPLAINT_KIND_LABELS };
const CATEGORY_LABELS: Record<string, string> = { ...COMPLAINT_CATEGORY_LABELS, ...Object.fromEntries(REPAIR_CATEGORIES.map((c) => [c.key, c.label])) };
/** the escalation ladder (README, Notifications): who a clock's level reached */
const ESCALATED_TO: Record<number, string> = { 1: '责任人及主管', 2: '小区经理', 3: '公司经理' };
const iso = (v: unknown) => utc(v)?.toISOString() ?? '';

/** The rows behind a figure, with the figure's own filter (drill counts = figure values), newest first. */
@Injectable()
export class DrillService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async drill(caller: Caller, q: ReportDrillQueryDto): Promise<Page<ReportDrillRow>> {
    const now = this.clock.now();
    assertReportMonth(q.period, now);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const s = await reportScope(this.ds, await this.scopes.resolve(caller), q.communityId);
    const w = await this.where(s, q, now);
    if (after) {
      w.where.push(`${w.id} < ?`);
      w.params.push(after[0]);
    }
    const limit = pageLimit(q.limit);
    const rows: Row[] = await this.ds.query(
      `SELECT ${w.select}, c.name AS community_name FROM ${w.from} JOIN communities c ON c.id = x.community_id
        WHERE ${w.where.join(' AND ')} ORDER BY ${w.id} DESC LIMIT ${limit + 1}`,
      w.params,
    );
    return toPage(
      rows,
      limit,
      (r) => view(q.kind, r, now),
      (r) => [n(r.id)],
    );
  }

  /** The filter as SQL: the same conditions as the figure's aggregate (report-counts / report-sla / report-fees). */
  private async where(s: ReportScope, q: ReportDrillQueryDto, now: Date): Promise<Where> {
    const r = sqlRange(q.period);
    const sc = scopeSql(s, 'x');
    const w: Where = { from: '', where: [sc.sql], params: [...sc.params], select: '', id: 'x.id' };
    const eq = (col: string, v: unknown) => {
      if (v === undefined) return;
      w.where.push(`${col} = ?`);
      w.params.push(v);
    };
    const range = (col: string) => {
      w.where.push(`${col} >= ? AND ${col} < ?`);
      w.params.push(r.from, r.to);
    };
    if (q.kind === 'tickets' || q.kind === 'return_visits') {
      w.from = 'tickets x';
      w.select = `x.id, x.no, x.kind, x.category, x.status, x.received_at AS at, x.return_visit_at, x.completed_at`;
      if (q.kind === 'tickets') range('x.received_at');
      else if (q.state === 'due') {
        w.where.push(`x.status = 'confirmed'`);
        range('x.completed_at');
      } else range('x.return_visit_at');
      eq('x.kind', q.ticketKind);
      eq('x.complaint_class', q.complaintClass);
      eq('x.category', q.category);
      eq('x.tier', q.tier);
      eq('x.channel', q.channel);
    } else if (q.kind === 'passes') {
      w.from = 'passes x';
      w.select = 'x.id, x.kind, x.status, x.issued_at AS at';
      range('x.issued_at');
      eq('x.kind', q.passKind);
    } else if (q.kind === 'notices') {
      w.from = 'notices x';
      w.select = 'x.id, x.kind, x.title, x.published_at AS at';
      range('x.published_at');
    } else if (q.kind === 'visits') {
      visitsWhere(w, q.visits, range);
    } else if (q.kind === 'clocks') {
      this.clocks(w, q, now, r);
    } else if (q.kind === 'bills') {
      await this.bills(w, q, s);
    } else {
      w.from = 'tickets x';
      w.select = 'x.id';
      w.where.push('1 = 0');
    }
    return w;
  }

  private clocks(w: Where, q: ReportDrillQueryDto, now: Date, r: { from: string; to: string }) {
    const dc = decidedClocksSql(now);
    w.from = `clocks x ${CLOCK_JOINS.replace(/\bk\./g, 'x.')}`;
    w.select = `x.id, x.name, x.subject_type, x.subject_id, x.due_at, x.met_at, x.state, x.escalation_level, t.no AS ticket_no, t.kind AS ticket_kind, t.tier,
      p.kind AS pass_kind, x.due_at AS at, ${BREACHED_SQL.replace(/\bk\./g, 'x.')} AS breached`;
    // the SELECT's parameter comes first
    w.params.unshift(sqlTime(now));
    w.where.push('x.due_at >= ? AND x.due_at < ?', dc.sql.replace(/\bk\./g, 'x.'));
    w.params.push(r.from, r.to, ...dc.params);
    if (q.clock) {
      w.where.push('x.name = ?');
      w.params.push(q.clock);
    }
    if (q.tier) {
      // an arrival clock of a repair not yet tiered counts as normal (lineKeyOf)
      w.where.push(q.tier === 'normal' ? "(t.tier = 'normal' OR t.tier IS NULL)" : 't.tier = ?');
      if (q.tier !== 'normal') w.params.push(q.tier);
    }
    if (q.passKind) {
      w.where.push('p.kind = ?');
      w.params.push(q.passKind);
    }
    if (q.breached !== undefined) {
      w.where.push(q.breached ? BREACHED_SQL.replace(/\bk\./g, 'x.') : `NOT ${BREACHED_SQL.replace(/\bk\./g, 'x.')}`);
      w.params.push(sqlTime(now));
    }
  }

  /** billed: the month's bill lines; an age bucket: open lines due before the month's last day, in that bucket. */
  private async bills(w: Where, q: ReportDrillQueryDto, s: ReportScope) {
    w.from = 'bill_lines x';
    w.select = 'x.id, x.name, x.period, x.amount_cents, x.paid_cents, x.waived_cents, x.due_date, x.deferred_until, x.created_at AS at';
    if (!q.bills || q.bills === 'billed') {
      w.where.push('x.period = ?');
      w.params.push(q.period);
      return;
    }
    const lastDay = periodDays(q.period).to;
    const sc = scopeSql(s, 'l');
    const dues: Row[] = await this.ds.query(
      `SELECT DISTINCT COALESCE(l.deferred_until, l.due_date) AS due FROM bill_lines l
        WHERE ${sc.sql} AND l.status = 'open' AND COALESCE(l.deferred_until, l.due_date) < ?`,
      [...sc.params, lastDay],
    );
    const inBucket = dues.map((d) => String(d.due)).filter((d) => arrearsAge(d, lastDay) === q.bills);
    w.where.push(`x.status = 'open' AND x.amount_cents - x.paid_cents - x.waived_cents > 0`);
    w.where.push(inBucket.length ? `COALESCE(x.deferred_until, x.due_date) IN (${inBucket.map(() => '?').join(', ')})` : '1 = 0');
    w.params.push(...inBucket);
  }
}

function view(kind: string, r: Row, now: Date): ReportDrillRow {
  const base = { id: n(r.id), communityName: String(r.community_name ?? ''), at: iso(r.at) };
  if (kind === 'tickets' || kind === 'return_visits') {
    const k = String(r.kind);
    return {
      ...base,
      no: String(r.no),
      title: `${LABELS[k] ?? k}·${CATEGORY_LABELS[String(r.category)] ?? r.category ?? ''}`,
      detail: String(r.status),
      link: k === 'repair' ? `/repairs/${r.id}` : `/complaints/${r.id}`,
    };
  }
  if (kind === 'passes') {
    const k = String(r.kind);
    return { ...base, no: `#${r.id}`, title: (PASS_KIND_LABELS as Record<string, string>)[k] ?? k, detail: String(r.status), link: `/passes/${r.id}` };
  }
  if (kind === 'visits') return visitView(base, r);
  if (kind === 'notices') return { ...base, no: `#${r.id}`, title: String(r.title), detail: String(r.kind), link: `/notices/${r.id}` };
  if (kind === 'bills') {
    const open = n(r.amount_cents) - n(r.paid_cents) - n(r.waived_cents);
    return {
      ...base,
      no: `${r.period}`,
      title: String(r.name),
      detail: `应收 ${(n(r.amount_cents) / 100).toFixed(2)} 元，未收 ${(open / 100).toFixed(2)} 元，到期 ${r.deferred_until ?? r.due_date}`,
      link: null,
    };
  }
  return clockView(base, r, now);
}

function clockView(base: Pick<ReportDrillRow, 'id' | 'communityName' | 'at'>, r: Row, now: Date): ReportDrillRow {
  const name = String(r.name);
  const due = utc(r.due_at)!;
  const end = r.state === 'met' ? utc(r.met_at)! : now;
  const late = Math.max(0, Math.round((end.getTime() - due.getTime()) / 60_000));
  const breached = n(r.breached) === 1 || r.breached === true;
  const level = n(r.escalation_level);
  const parts = [breached ? `超时 ${late} 分钟` : '达标', ...(level ? [`已升级至${ESCALATED_TO[level] ?? `第 ${level} 级`}`] : [])];
  const tier = r.tier ? `·${(REPAIR_TIER_LABELS as Record<string, string>)[String(r.tier)] ?? r.tier}` : '';
  const isTicket = r.subject_type === 'ticket';
  const link = isTicket
    ? r.ticket_kind === 'repair'
      ? `/repairs/${r.subject_id}`
      : `/complaints/${r.subject_id}`
    : r.subject_type === 'pass'
      ? `/passes/${r.subject_id}`
      : null;
  return {
    ...base,
    no: isTicket ? String(r.ticket_no ?? '') : `#${r.subject_id}`,
    title: `${(CLOCK_LABELS as Record<string, string>)[name] ?? name}${tier}`,
    detail: parts.join(' · '),
    link,
  };
}
