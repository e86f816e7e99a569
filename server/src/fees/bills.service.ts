import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BillLineAdjustment,
  BillLineView,
  effectiveDueDate,
  Role,
  formatE2,
  formatPriceE4,
  formatYuan,
  meteredBasisText,
  MeteredDetail,
  openAmounts,
  periodLabel,
  RoomBillsView,
  shanghaiDate,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { fromJson, jsonRows } from '../database/json-rows';
import { BillLine } from './entities/bill-line.entity';
import { FeeRequest } from './entities/fee-request.entity';

const OPEN_LINES_SQL = `SELECT l.id, l.room_id, l.period, l.name, l.amount_cents, l.detail, l.due_date, l.late_fee_rate_ppm,
    l.late_fee_grace_days, l.late_fee_cap_percent, l.paid_cents, l.late_fee_paid_cents, l.waived_cents, l.status, l.deferred_until
  FROM bill_lines l WHERE l.room_id = ? AND l.status = 'open'`;
type RawLine = Record<string, unknown>;
const num = (v: unknown) => Number(v);

/** What billLineView reads of a line, from a raw row. */
function lineOf(r: RawLine): Pick<BillLine, ViewFields> {
  return {
    id: num(r.id),
    roomId: num(r.room_id),
    period: String(r.period),
    name: String(r.name),
    amountCents: num(r.amount_cents),
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as BillLine['detail'],
    dueDate: String(r.due_date),
    lateFeeRatePpm: num(r.late_fee_rate_ppm),
    lateFeeGraceDays: num(r.late_fee_grace_days),
    lateFeeCapPercent: r.late_fee_cap_percent === null ? null : num(r.late_fee_cap_percent),
    paidCents: num(r.paid_cents),
    lateFeePaidCents: num(r.late_fee_paid_cents),
    waivedCents: num(r.waived_cents),
    status: r.status as BillLine['status'],
    deferredUntil: (r.deferred_until as string | null) ?? null,
  };
}
type ViewFields =
  | 'id'
  | 'roomId'
  | 'period'
  | 'name'
  | 'amountCents'
  | 'detail'
  | 'dueDate'
  | 'lateFeeRatePpm'
  | 'lateFeeGraceDays'
  | 'lateFeeCapPercent'
  | 'paidCents'
  | 'lateFeePaidCents'
  | 'waivedCents'
  | 'status'
  | 'deferredUntil';

/** Staff who read a room's bills: the desk and the cashier (not technicians or guards). */
const BILL_READERS: Role[] = ['agent', 'supervisor', 'cashier', 'manager', 'admin'];

/** How a line's amount came about, in words. */
function basisOf(l: Pick<BillLine, 'detail'>): string {
  const d = l.detail;
  if (d.areaE2 !== undefined) return `${formatE2(Number(d.areaE2))} ㎡ × ${formatPriceE4(Number(d.priceE4))} 元/㎡·月 × ${d.months} 个月`;
  if (d.amountCents !== undefined) return `定额 ${formatYuan(Number(d.amountCents))}${d.note ? `（${d.note}）` : ''}`;
  if (d.usageE2 !== undefined) return meteredBasisText(d as unknown as MeteredDetail);
  if (d.ticketNo !== undefined) return String(d.text);
  if (d.reason !== undefined) return `一次性收费：${d.reason}`;
  return '';
}

export function billLineView(l: Pick<BillLine, ViewFields>, asOf: string, adjustments: BillLineAdjustment[] = []): BillLineView {
  const rule = { dailyRatePpm: l.lateFeeRatePpm, graceDays: l.lateFeeGraceDays, capPercent: l.lateFeeCapPercent };
  const { principalCents, late } = openAmounts(l, rule, asOf);
  const charged = l.status === 'open' && late.cents > 0;
  return {
    id: l.id,
    roomId: l.roomId,
    period: l.period,
    periodLabel: periodLabel(l.period),
    name: l.name,
    amountCents: l.amountCents,
    paidCents: l.paidCents,
    waivedCents: l.waivedCents,
    openCents: l.status === 'open' ? principalCents : 0,
    dueDate: l.dueDate,
    overdue: l.status === 'open' && asOf > effectiveDueDate(l),
    deferredUntil: l.deferredUntil,
    lateFeeCents: charged ? late.cents : 0,
    lateFeeFormula: charged ? late.formula : null,
    basis: basisOf(l),
    status: l.status,
    adjustments,
  };
}

/** A room's open bills: its residents (a tenant: what the occupant pays) and the community's staff. */
@Injectable()
export class BillsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async roomBills(caller: Caller, roomId: number): Promise<RoomBillsView> {
    const scope = await this.scopes.resolve(caller);
    // the room, the caller's binding and the approved waivers / deferrals of its open lines: one statement
    const adjustments = jsonRows(
      this.ds.manager,
      FeeRequest,
      'fr',
      `FROM fee_requests fr JOIN bill_lines bl ON bl.id = fr.bill_line_id LEFT JOIN users du ON du.id = fr.decided_by
        WHERE fr.room_id = r.id AND fr.status = 'approved' AND fr.kind IN ('waive', 'defer') AND bl.status = 'open'`,
      { decided_by_name: 'du.name' },
    );
    const [room]: {
      label: string;
      community_id: number;
      community_name: string;
      company_id: number;
      relation: string | null;
      adjustments_json: unknown;
    }[] = await this.ds.query(
      `SELECT r.label, r.community_id, r.company_id, c.name AS community_name,
         (SELECT b.relation FROM room_bindings b WHERE b.room_id = r.id AND b.user_id = ? AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS relation,
         ${adjustments} AS adjustments_json
       FROM rooms r JOIN communities c ON c.id = r.community_id WHERE r.id = ? AND r.company_id = ?`,
      [caller.userId, roomId, caller.companyId],
    );
    const allowed = !!room && (scope.isResident ? scope.roomIds.includes(roomId) : scope.canSeeCommunity(Number(room.community_id)));
    if (!allowed) throw AppError.notFound('房屋');
    if (!scope.isResident && !BILL_READERS.some((r) => scope.has(r))) throw AppError.forbidden();
    // raw rows: entity hydration was most of this hot read's cost (fees bench)
    const tenant = scope.isResident && room.relation === 'tenant' ? " AND l.payer = 'occupant'" : '';
    const rows: RawLine[] = await this.ds.query(`${OPEN_LINES_SQL}${tenant} ORDER BY l.period ASC, l.id ASC`, [roomId]);
    const asOf = shanghaiDate(this.clock.now());
    const byLine = new Map<number, BillLineAdjustment[]>();
    for (const a of fromJson(this.ds.manager, FeeRequest, room.adjustments_json).sort((x, y) => x.id - y.id)) {
      const list = byLine.get(a.billLineId!) ?? [];
      list.push({
        kind: a.kind as 'waive' | 'defer',
        amountCents: a.amountCents,
        deferUntil: a.deferUntil,
        reason: a.reason,
        decidedByName: (a.extra.decided_by_name as string | null) ?? null,
        decidedAt: a.decidedAt!.toISOString(),
      });
      byLine.set(a.billLineId!, list);
    }
    const open = rows.map((r) => lineOf(r)).map((l) => billLineView(l, asOf, byLine.get(l.id) ?? []));
    return {
      roomId,
      roomLabel: room.label,
      communityName: room.community_name,
      open,
      totalOpenCents: open.reduce((s, l) => s + l.openCents + l.lateFeeCents, 0),
      asOf,
    };
  }
}
