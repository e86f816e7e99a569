import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArrearsRemindResult, ErrorCode, formatYuan, REMIND_INTERVAL_MS, remindAllowedAt, roomArrears, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { sqlTime, utc } from '../common/sql-time';
import { Enqueue, NotifyService } from '../notify/notify.service';
import { ArrearsService, arrearsLine, OVERDUE_LINES_SQL, OverdueRow } from './arrears.service';
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
    private readonly arrears: ArrearsService,
    private readonly notify: NotifyService,
    private readonly clock: Clock,
  ) {}

  async remind(caller: Caller, communityId: number, buildingId: number): Promise<ArrearsRemindResult> {
    const building = await this.arrears.building(caller, communityId, buildingId);
    const now = this.clock.now();
    const asOf = shanghaiDate(now);
    const overdue: (OverdueRow & { label: string })[] = await this.ds.query(
      OVERDUE_LINES_SQL.replace('r.building_id,', 'r.building_id, r.label,') + ' AND r.building_id = ?',
      [communityId, asOf, buildingId],
    );
    const perRoom = roomArrears(overdue.map(arrearsLine), asOf);
    if (!perRoom.size) throw AppError.badRequest(`${building.name}没有欠费房屋，无需催缴`);
    const roomIds = [...perRoom.keys()];
    const bindings: Binding[] = await this.ds.query(
      `SELECT room_id, user_id, relation FROM room_bindings WHERE status = 'approved' AND room_id IN (${roomIds.map(() => '?').join(',')})`,
      roomIds,
    );
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
      await em
        .createQueryBuilder()
        .insert()
        .into(ArrearsReminder)
        .values({ companyId: caller.companyId, communityId, buildingId, lastSentAt: null, lastSentBy: null, rooms: 0, version: 1 })
        .orIgnore()
        .execute();
      const res = await em
        .createQueryBuilder()
        .update(ArrearsReminder)
        .set({ lastSentAt: now, lastSentBy: caller.userId, rooms: perRoom.size, version: () => 'version + 1' })
        .where('building_id = :buildingId AND (last_sent_at IS NULL OR last_sent_at <= :since)', { buildingId, since: sqlTime(new Date(now.getTime() - REMIND_INTERVAL_MS)) })
        .execute();
      if (!res.affected) {
        const [row]: { last_sent_at: unknown }[] = await em.query('SELECT last_sent_at FROM arrears_reminders WHERE building_id = ?', [buildingId]);
        const allowed = remindAllowedAt(utc(row?.last_sent_at), now) ?? now;
        throw AppError.conflict(ErrorCode.TooManyRequests, `${building.name}今天已催缴过，${fmtTime(allowed)} 后可再次催缴`, { allowedAt: allowed.toISOString() });
      }
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
