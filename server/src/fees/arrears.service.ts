import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ArrearsBuildingView,
  ArrearsLine,
  ArrearsRoomsView,
  ArrearsRoomView,
  ArrearsView,
  collectionRateBp,
  maskPhone,
  remindAllowedAt,
  roomArrears,
  shanghaiDate,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { utc } from '../common/sql-time';

type Num = number | string | null;
const n = (v: Num) => Number(v ?? 0);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The open lines past their (deferred) due date, with the late-fee rule they were billed with. */
export const OVERDUE_LINES_SQL = `SELECT l.room_id, r.building_id, l.payer, l.amount_cents, l.paid_cents, l.waived_cents, l.due_date, l.deferred_until,
    l.late_fee_rate_ppm, l.late_fee_grace_days, l.late_fee_cap_percent
  FROM bill_lines l JOIN rooms r ON r.id = l.room_id
  WHERE l.community_id = ? AND l.status = 'open' AND COALESCE(l.deferred_until, l.due_date) < ?`;

export type OverdueRow = {
  room_id: Num;
  building_id: Num;
  payer: string;
  amount_cents: Num;
  paid_cents: Num;
  waived_cents: Num;
  due_date: string;
  deferred_until: string | null;
  late_fee_rate_ppm: Num;
  late_fee_grace_days: Num;
  late_fee_cap_percent: Num;
};

export const arrearsLine = (r: OverdueRow): ArrearsLine => ({
  roomId: n(r.room_id),
  amountCents: n(r.amount_cents),
  paidCents: n(r.paid_cents),
  waivedCents: n(r.waived_cents),
  dueDate: r.due_date,
  deferredUntil: r.deferred_until,
  lateFeeRatePpm: n(r.late_fee_rate_ppm),
  lateFeeGraceDays: n(r.late_fee_grace_days),
  lateFeeCapPercent: r.late_fee_cap_percent === null ? null : n(r.late_fee_cap_percent),
});

/** 欠费统计: per building and per room, with 收缴率 of the period. Exact late fees (computed in shared, line by line). */
@Injectable()
export class ArrearsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async byBuilding(caller: Caller, communityId: number, period: string): Promise<ArrearsView> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const now = this.clock.now();
    const asOf = shanghaiDate(now);
    const rows: { community_name: string; id: Num; name: string | null; rooms: Num; billed: Num; paid: Num; last_sent_at: unknown }[] = await this.ds.query(
      `SELECT c.name AS community_name, b.id, b.name, rc.n AS rooms, s.billed, s.paid, ar.last_sent_at
       FROM communities c
       LEFT JOIN buildings b ON b.community_id = c.id
       LEFT JOIN (SELECT building_id, COUNT(*) AS n FROM rooms WHERE community_id = ? GROUP BY building_id) rc ON rc.building_id = b.id
       LEFT JOIN (SELECT r.building_id, SUM(l.amount_cents) AS billed, SUM(l.paid_cents) AS paid
                  FROM bill_lines l JOIN rooms r ON r.id = l.room_id WHERE l.community_id = ? AND l.period = ? GROUP BY r.building_id) s
         ON s.building_id = b.id
       LEFT JOIN arrears_reminders ar ON ar.building_id = b.id
       WHERE c.id = ? AND c.company_id = ? ORDER BY b.id`,
      [communityId, communityId, period, communityId, caller.companyId],
    );
    if (!rows.length) throw AppError.notFound('小区');
    const overdue: OverdueRow[] = await this.ds.query(OVERDUE_LINES_SQL, [communityId, asOf]);
    const perRoom = roomArrears(overdue.map(arrearsLine), asOf);
    const buildingOf = new Map(overdue.map((r) => [n(r.room_id), n(r.building_id)]));
    const buildings: ArrearsBuildingView[] = rows
      .filter((r) => r.id !== null)
      .map((r) => {
        const id = n(r.id);
        const rooms = [...perRoom.values()].filter((x) => buildingOf.get(x.roomId) === id);
        const last = utc(r.last_sent_at);
        return {
          buildingId: id,
          buildingName: r.name ?? '',
          rooms: n(r.rooms),
          overdueRooms: rooms.length,
          openCents: rooms.reduce((s, x) => s + x.openCents, 0),
          lateFeeCents: rooms.reduce((s, x) => s + x.lateFeeCents, 0),
          billedCents: n(r.billed),
          paidCents: n(r.paid),
          collectionRateBp: collectionRateBp(n(r.paid), n(r.billed)),
          lastRemindedAt: iso(last),
          remindAllowedAt: iso(remindAllowedAt(last, now)),
        };
      });
    const sum = (k: 'rooms' | 'overdueRooms' | 'openCents' | 'lateFeeCents' | 'billedCents' | 'paidCents') => buildings.reduce((s, b) => s + b[k], 0);
    const totals = {
      rooms: sum('rooms'),
      overdueRooms: sum('overdueRooms'),
      openCents: sum('openCents'),
      lateFeeCents: sum('lateFeeCents'),
      billedCents: sum('billedCents'),
      paidCents: sum('paidCents'),
      collectionRateBp: collectionRateBp(sum('paidCents'), sum('billedCents')),
    };
    return { communityId, communityName: rows[0].community_name, period, asOf, buildings, totals };
  }

  /** A building's rooms in arrears, most owed first; the owner's phone masked for roles that do not call owners. */
  async rooms(caller: Caller, communityId: number, buildingId: number, period: string): Promise<ArrearsRoomsView> {
    const building = await this.building(caller, communityId, buildingId);
    const asOf = shanghaiDate(this.clock.now());
    const rooms = (await this.roomRows(caller, communityId, period, buildingId)).get(buildingId) ?? [];
    return { communityId, buildingId, buildingName: building.name, period, asOf, rooms };
  }

  /** Every building's rooms in arrears (for the export), in the order of the report. */
  async allRooms(caller: Caller, view: ArrearsView): Promise<ArrearsRoomsView[]> {
    const byBuilding = await this.roomRows(caller, view.communityId, view.period, null);
    return view.buildings.map((b) => ({
      communityId: view.communityId,
      buildingId: b.buildingId,
      buildingName: b.buildingName,
      period: view.period,
      asOf: view.asOf,
      rooms: byBuilding.get(b.buildingId) ?? [],
    }));
  }

  /** Rooms in arrears by building (2 statements): period sums per room, then the overdue lines. */
  private async roomRows(caller: Caller, communityId: number, period: string, buildingId: number | null): Promise<Map<number, ArrearsRoomView[]>> {
    const scope = await this.scopes.resolve(caller);
    const asOf = shanghaiDate(this.clock.now());
    const only = buildingId === null ? '' : ' AND r.building_id = ?';
    const rooms: { id: Num; building_id: Num; label: string; owner_name: string | null; owner_phone: string | null; billed: Num; paid: Num }[] =
      await this.ds.query(
        `SELECT r.id, r.building_id, r.label, r.owner_name, r.owner_phone, s.billed, s.paid FROM rooms r
         LEFT JOIN (SELECT room_id, SUM(amount_cents) AS billed, SUM(paid_cents) AS paid FROM bill_lines
                    WHERE community_id = ? AND period = ? GROUP BY room_id) s ON s.room_id = r.id
         WHERE r.community_id = ?${only} ORDER BY r.id`,
        [communityId, period, communityId, ...(buildingId === null ? [] : [buildingId])],
      );
    const overdue: OverdueRow[] = await this.ds.query(OVERDUE_LINES_SQL + only, [communityId, asOf, ...(buildingId === null ? [] : [buildingId])]);
    const perRoom = roomArrears(overdue.map(arrearsLine), asOf);
    const fullPhone = scope.has('manager') || scope.has('admin');
    const out = new Map<number, ArrearsRoomView[]>();
    for (const r of rooms) {
      const a = perRoom.get(n(r.id));
      if (!a) continue;
      const list = out.get(n(r.building_id)) ?? [];
      list.push({
        roomId: n(r.id),
        roomLabel: r.label,
        ownerName: r.owner_name,
        ownerPhone: fullPhone ? r.owner_phone : maskPhone(r.owner_phone),
        overdueLines: a.lines,
        openCents: a.openCents,
        lateFeeCents: a.lateFeeCents,
        billedCents: n(r.billed),
        paidCents: n(r.paid),
      });
      out.set(n(r.building_id), list);
    }
    for (const list of out.values()) list.sort((x, y) => y.openCents - x.openCents || x.roomId - y.roomId);
    return out;
  }

  /** The building, when it is in the caller's community (404 otherwise). */
  async building(caller: Caller, communityId: number, buildingId: number): Promise<{ name: string }> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const [b]: { name: string }[] = await this.ds.query('SELECT name FROM buildings WHERE id = ? AND community_id = ? AND company_id = ?', [
      buildingId,
      communityId,
      caller.companyId,
    ]);
    if (!b) throw AppError.notFound('楼栋');
    return b;
  }
}
