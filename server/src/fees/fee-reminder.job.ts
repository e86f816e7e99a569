import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addCalendarDays,
  DUE_SOON_DAYS,
  effectiveDueDate,
  FeePayer,
  FeeReminderKind,
  NotifyTemplate,
  openAmounts,
  OVERDUE_REPEAT_DAYS,
  periodLabel,
  relationAudience,
  ReminderAudience,
  reminderText,
  shanghaiDate,
} from '@linli/shared';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';
import { NotifyService } from '../notify/notify.service';
import { FeeReminder } from './entities/fee-reminder.entity';

/** lines read per page (whole rooms only) */
const PAGE_LINES = 500;
/** pages per kind and run: the rest waits for the next run */
const MAX_PAGES = 20;
/** a bill is announced only in its first days (turning the job on does not announce old bills) */
const ISSUED_WINDOW_DAYS = 7;

const TEMPLATES: Record<FeeReminderKind, NotifyTemplate> = { issued: 'fee_bill_issued', due_soon: 'fee_due_soon', overdue: 'fee_overdue' };

interface LineRow {
  id: number;
  company_id: number;
  community_id: number;
  room_id: number;
  room_label: string;
  period: string;
  name: string;
  payer: FeePayer;
  amount_cents: number | string;
  paid_cents: number | string;
  waived_cents: number | string;
  due_date: string;
  deferred_until: string | null;
  late_fee_rate_ppm: number;
  late_fee_grace_days: number;
  late_fee_cap_percent: number | null;
  audience: ReminderAudience;
}

/** Who pays a line: occupant-paid lines of a room with a tenant bound are the tenants', all the rest the household's. */
const AUDIENCE = `(CASE WHEN l.payer = 'occupant' AND EXISTS (SELECT 1 FROM room_bindings tb WHERE tb.room_id = l.room_id AND tb.status = 'approved' AND tb.relation = 'tenant') THEN 'tenant' ELSE 'household' END)`;

/**
 * Fee reminders to the residents who pay (shared lineAudience): a bill issued (the new open lines of a room and period
 * since its last announcement), due in 3 days, overdue (at most once a week per room and audience). Each reminder is a
 * fee_reminders row with a unique key and its notifications (inbox always, WeChat with consent) in one transaction;
 * the selection skips what was sent, and the keys make a concurrent or repeated run send nothing twice.
 */
@Injectable()
export class FeeReminderJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.remind();
  }

  /** One pass over the three kinds; the number of reminders sent of each. */
  async remind(): Promise<Record<FeeReminderKind, number>> {
    const now = this.clock.now();
    const asOf = shanghaiDate(now);
    const out: Record<FeeReminderKind, number> = { issued: 0, due_soon: 0, overdue: 0 };
    const windowStart = sqlTime(new Date(now.getTime() - ISSUED_WINDOW_DAYS * 86_400_000));
    const weekAgo = sqlTime(new Date(now.getTime() - OVERDUE_REPEAT_DAYS * 86_400_000));
    const due = 'COALESCE(l.deferred_until, l.due_date)';
    out.issued = await this.kind('issued', `l.created_at >= ? AND ${due} >= ?`, [windowStart, asOf], 'f.period = l.period AND f.last_line_id >= l.id', []);
    out.due_soon = await this.kind('due_soon', `${due} >= ? AND ${due} <= ?`, [asOf, addCalendarDays(asOf, DUE_SOON_DAYS)], `f.due_date = ${due}`, []);
    out.overdue = await this.kind('overdue', `${due} < ?`, [asOf], 'f.sent_at > ?', [weekAgo]);
    return out;
  }

  /** Pages through the open lines of `kind` not yet reminded, whole rooms at a time. */
  private async kind(kind: FeeReminderKind, where: string, params: unknown[], covered: string, coveredParams: unknown[]): Promise<number> {
    let sent = 0;
    let afterRoom = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows: LineRow[] = await this.ds.query(
        `SELECT l.id, l.company_id, l.community_id, l.room_id, r.label AS room_label, l.period, l.name, l.payer, l.amount_cents, l.paid_cents,
           l.waived_cents, l.due_date, l.deferred_until, l.late_fee_rate_ppm, l.late_fee_grace_days, l.late_fee_cap_percent, ${AUDIENCE} AS audience
         FROM bill_lines l JOIN rooms r ON r.id = l.room_id
         WHERE l.status = 'open' AND l.room_id > ? AND ${where}
           AND NOT EXISTS (SELECT 1 FROM fee_reminders f WHERE f.room_id = l.room_id AND f.kind = ? AND f.audience = ${AUDIENCE} AND ${covered})
         ORDER BY l.room_id, l.id LIMIT ?`,
        [afterRoom, ...params, kind, ...coveredParams, PAGE_LINES],
      );
      if (!rows.length) break;
      const full = rows.length === PAGE_LINES;
      const lastRoom = Number(rows[rows.length - 1].room_id);
      // a full page may have cut the last room short: it is read again on the next page (unless it is the only one)
      const complete = full && Number(rows[0].room_id) !== lastRoom ? rows.filter((r) => Number(r.room_id) !== lastRoom) : rows;
      sent += await this.send(kind, complete);
      if (!full) break;
      afterRoom = Number(complete[complete.length - 1].room_id);
    }
    return sent;
  }

  private async send(kind: FeeReminderKind, rows: LineRow[]): Promise<number> {
    const groups = new Map<string, LineRow[]>();
    for (const r of rows) {
      const by = kind === 'issued' ? r.period : kind === 'due_soon' ? effectiveDueDate({ dueDate: r.due_date, deferredUntil: r.deferred_until }) : '';
      const g = `${r.room_id}|${r.audience}|${by}`;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    const roomIds = [...new Set(rows.map((r) => Number(r.room_id)))];
    const bindings: { room_id: number; user_id: number; relation: string }[] = roomIds.length
      ? await this.ds.query(
          `SELECT room_id, user_id, relation FROM room_bindings WHERE status = 'approved' AND room_id IN (${roomIds.map(() => '?').join(', ')})`,
          roomIds,
        )
      : [];
    for (const lines of groups.values()) {
      const first = lines[0];
      const recipients = bindings
        .filter((b) => Number(b.room_id) === Number(first.room_id) && relationAudience(b.relation) === first.audience)
        .map((b) => Number(b.user_id));
      await this.sendOne(kind, lines, recipients);
    }
    return groups.size;
  }

  /** One reminder: its row and its notifications, together. */
  private async sendOne(kind: FeeReminderKind, lines: LineRow[], recipients: number[]) {
    const now = this.clock.now();
    const asOf = shanghaiDate(now);
    const first = lines[0];
    let principal = 0;
    let late = 0;
    for (const l of lines) {
      const rule = { dailyRatePpm: l.late_fee_rate_ppm, graceDays: l.late_fee_grace_days, capPercent: l.late_fee_cap_percent };
      const line = {
        amountCents: Number(l.amount_cents),
        paidCents: Number(l.paid_cents),
        waivedCents: Number(l.waived_cents),
        dueDate: l.due_date,
        deferredUntil: l.deferred_until,
      };
      const open = openAmounts(line, rule, asOf);
      principal += open.principalCents;
      late += kind === 'overdue' ? open.late.cents : 0;
    }
    const dueDate = lines.map((l) => effectiveDueDate({ dueDate: l.due_date, deferredUntil: l.deferred_until })).sort()[0];
    const lastLineId = Math.max(...lines.map((l) => Number(l.id)));
    const scope = kind === 'issued' ? `${first.period}:${lastLineId}` : kind === 'due_soon' ? dueDate : asOf;
    const key = `fee-reminder:${kind}:${first.room_id}:${first.audience}:${scope}`;
    const text = reminderText(kind, {
      roomLabel: first.room_label,
      periodLabel: periodLabel(first.period),
      items: lines.map((l) => l.name),
      totalCents: principal + late,
      dueDate,
      lateFeeCents: late,
    });
    await this.ds.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(FeeReminder)
        .values({
          companyId: Number(first.company_id),
          communityId: Number(first.community_id),
          roomId: Number(first.room_id),
          kind,
          audience: first.audience,
          period: kind === 'issued' ? first.period : null,
          dueDate: kind === 'due_soon' ? dueDate : null,
          lastLineId,
          totalCents: principal + late,
          recipients: recipients.length,
          dedupeKey: key,
          sentAt: now,
        })
        .orIgnore()
        .updateEntity(false)
        .execute();
      if (!recipients.length) return;
      await this.notify.enqueue(em, {
        companyId: Number(first.company_id),
        communityId: Number(first.community_id),
        key,
        recipients,
        app: 'resident',
        msg: { template: TEMPLATES[kind], title: text.title, body: text.body, link: `/fees/rooms/${first.room_id}`, wx: text.wx },
        at: now,
      });
    });
  }
}
