import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArrearsRemindResult, ErrorCode, formatYuan, REMIND_INTERVAL_MS, remindAllowedAt, roomArrears, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { sqlTime, utc } from '../common/sql-time';
import { Enqueue, NotifyService } from '../notify/notify.service';
import { ScopeService } from '../common/scope';
import { arrearsLine, OVERDUE_LINES_SQL, OverdueRow } from './arrears.service';
import { ArrearsReminder } from './entities/arrears-reminder.entity';

type Binding = { room_id: number | string; user_id: number | string; relation: string };
const fmtTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Who pays what is overdue in a room: owner-paid lines go to the owner and family, occupant-paid ones to the tenant
 * (to the owner and family when no tenant is bound).
 */
export function payingResidents(bindings: Binding[], payers: Set<string>): number[] {
  const ownerSide = bindings.filter((b) => b.relation !== 'tenant').map((b) => Number(b.user_id));
  const tenants = bindings.filter((b) => b.relation === 'tenant').map((b) => Number(b.user_id));
  const out: number[] = [];
  if (payers.has('owner')) out.push(...ownerSide);
  if (payers.has('occupant')) out.push(...(tenants.length ? tenants : ownerSide));
  return [...new Set(out)];
}

/** 催缴: one reminder per overdue room of a building, to its paying residents; once per building every 24 h. */
@Injectable()
export class ArrearsRemindService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly notify: NotifyService,
    private readonly clock: Clock,
  ) {}

  async remind(caller: Caller, communityId: number, buildingId: number): Promise<ArrearsRemindResult> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const [building]: { name: string; last_sent_at: unknown }[] = await this.ds.query(
      `SELECT b.name, ar.last_sent_at FROM buildings b LEFT JOIN arrears_reminders ar ON ar.building_id = b.id
       WHERE b.id = ? AND b.community_id = ? AND b.company_id = ?`,
      [buildingId, communityId, caller.companyId],
    );
    if (!building) throw AppError.notFound('楼栋');
    const now = this.clock.now();
    const last = utc(building.last_sent_at);
    const tooSoon = (allowed: Date) =>
      AppError.conflict(ErrorCode.TooManyRequests, `${building.name}今天已催缴过，${fmtTime(allowed)} 后可再次催缴`, { allowedAt: allowed.toISOString() });
    const allowed = remindAllowedAt(last, now);
    if (allowed) throw tooSoon(allowed);
    const asOf = shanghaiDate(now);
    // each line carries its room's approved bindings, user_id × 10 + 1 for a tenant (one statement)
    const overdue: (OverdueRow & { label: string; bound: string | null })[] = await this.ds.query(
      OVERDUE_LINES_SQL.replace(
        'r.building_id,',
        `r.building_id, r.label, (SELECT GROUP_CONCAT(rb.user_id * 10 + CASE WHEN rb.relation = 'tenant' THEN 1 ELSE 0 END)
           FROM room_bindings rb WHERE rb.room_id = l.room_id AND rb.status = 'approved') AS bound,`,
      ) + ' AND r.building_id = ?',
      [communityId, asOf, buildingId],
    );
    const perRoom = roomArrears(overdue.map(arrearsLine), asOf);
    if (!perRoom.size) throw AppError.badRequest(`${building.name}没有欠费房屋，无需催缴`);
    const bindings: Binding[] = [];
    for (const l of overdue)
      for (const code of String(l.bound ?? '')
        .split(',')
        .filter(Boolean)
        .map(Number))
        bindings.push({ room_id: l.room_id!, user_id: Math.floor(code / 10), relation: code % 10 === 1 ? 'tenant' : 'owner' });
    const messages: Enqueue[] = [];
    for (const a of perRoom.values()) {
      const lines = overdue.filter((l) => Number(l.room_id) === a.roomId);
      const to = payingResidents(
        bindings.filter((b) => Number(b.room_id) === a.roomId),
        new Set(lines.map((l) => l.payer)),
      );
      if (!to.length) continue;
      const label = lines[0].label;
      const owed = formatYuan(a.openCents + a.lateFeeCents);
      messages.push({
        companyId: caller.companyId,
        communityId,
        key: `arrears:${buildingId}:${now.getTime()}:room:${a.roomId}`,
        recipients: to,
        app: 'resident',
        msg: {
          template: 'fee_reminder',
          title: '缴费提醒',
          body: `您的房屋 ${label} 有 ${a.lines} 笔逾期未缴费用，合计 ${owed}（含截至今日的滞纳金 ${formatYuan(a.lateFeeCents)}），请尽快到物业服务中心缴纳。`,
          link: null,
          wx: { thing1: label, amount2: owed, thing3: '请尽快缴纳，以免产生更多滞纳金' },
        },
        at: now,
      });
    }
    await this.ds.transaction(async (em) => {
      // the first reminder of a building inserts its row (a concurrent first one fails on the unique key); later
      // ones move it on only when the last is 24 h old
      const claimed =
        last === null
          ? await em
              .createQueryBuilder()
              .insert()
              .into(ArrearsReminder)
              .values({ companyId: caller.companyId, communityId, buildingId, lastSentAt: now, lastSentBy: caller.userId, rooms: perRoom.size, version: 1 })
              .execute()
              .then(() => true)
              .catch(() => false)
          : await em
              .createQueryBuilder()
              .update(ArrearsReminder)
              .set({ lastSentAt: now, lastSentBy: caller.userId, rooms: perRoom.size, version: () => 'version + 1' })
              .where('building_id = :buildingId AND last_sent_at <= :since', { buildingId, since: sqlTime(new Date(now.getTime() - REMIND_INTERVAL_MS)) })
              .execute()
              .then((r) => !!r.affected);
      if (!claimed) throw tooSoon(new Date(now.getTime() + REMIND_INTERVAL_MS));
      await this.notify.enqueueMany(em, messages);
    });
    return {
      buildingId,
      rooms: perRoom.size,
      recipients: new Set(messages.flatMap((m) => m.recipients)).size,
      sentAt: now.toISOString(),
      nextAllowedAt: new Date(now.getTime() + REMIND_INTERVAL_MS).toISOString(),
    };
  }
}
