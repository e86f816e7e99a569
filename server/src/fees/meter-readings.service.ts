import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  decideReading,
  ErrorCode,
  isPeriod,
  METER_READING_STATUS_LABELS,
  MeterReadingStatus,
  MeterReadingView,
  MeterReplacement,
  MeterSheetView,
  FeeItemView,
  OUTLIER_MONTHS,
  shiftPeriod,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { isUniqueViolation } from '../database/unique-violation';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { recordIdempotencyKey } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { NotifyService } from '../notify/notify.service';
import { staffOfCommunityByRole } from '../notify/recipients';
import { EnterMeterReadingDto } from './dto/meter.dto';
import { FeeItem } from './entities/fee-item.entity';
import { MeterReading } from './entities/meter-reading.entity';
import { feeItemView } from './fee-views';
import { HISTORY_SQL, historyRow, HistoryRow, READING_SELECT, readingView } from './meter-views';

/** A metered item of the caller's company, checked for a reading's period. */
export interface MeteredItem {
  id: number;
  communityId: number;
  name: string;
  meterUnit: string;
}

export function checkMeteredItem(
  row: { id: unknown; community_id: unknown; name: unknown; kind: unknown; period_unit: unknown; meter_unit: unknown; active: unknown } | undefined,
  communityId: number,
  period: string,
): MeteredItem {
  if (!row || Number(row.community_id) !== communityId) throw AppError.notFound('收费项目');
  if (row.kind !== 'metered') throw AppError.badRequest(`「${String(row.name)}」不是按表计量的项目，无需抄表`);
  if (!Number(row.active)) throw AppError.badRequest(`「${String(row.name)}」已停用，不再抄表`);
  const unit = row.period_unit === 'quarter' ? 'quarter' : 'month';
  if (!isPeriod(period, unit)) throw AppError.badRequest(`「${String(row.name)}」按${unit === 'quarter' ? '季度（如 2026-Q4）' : '月（如 2026-11）'}抄表`);
  return { id: Number(row.id), communityId, name: String(row.name), meterUnit: String(row.meter_unit ?? '') };
}

/** The replacement a request states, or why it is incomplete. */
export function replacementOf(dto: { replaced?: boolean; oldFinalE2?: number; newStartE2?: number }): MeterReplacement | null {
  if (!dto.replaced) return null;
  if (dto.oldFinalE2 === undefined || dto.newStartE2 === undefined) throw AppError.badRequest('换表时请填写旧表止码和新表起码');
  return { oldFinalE2: dto.oldFinalE2, newStartE2: dto.newStartE2 };
}

function duplicate(e: unknown): never {
  if (isUniqueViolation(e)) throw AppError.conflict(ErrorCode.Conflict, '该房屋本期读数刚由他人录入，请刷新后再修改');
  throw e;
}

/** Readings (抄表) of the staff who read meters: the entry sheet, one reading at a time, and the review of outliers. */
@Injectable()
export class MeterReadingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  /** The community's active metered items (water, electricity …), for the readers' pickers. */
  async items(caller: Caller, communityId: number): Promise<FeeItemView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const rows = await this.ds
      .getRepository(FeeItem)
      .find({ where: { companyId: caller.companyId, communityId, kind: 'metered', active: true }, order: { id: 'ASC' } });
    return rows.map(feeItemView);
  }

  /** A building's rooms in order with their latest earlier reading and this period's (one statement for the rooms). */
  async sheet(caller: Caller, buildingId: number, feeItemId: number, period: string): Promise<MeterSheetView> {
    const scope = await this.scopes.resolve(caller);
    const [head] = await this.ds.query(
      `SELECT b.id AS building_id, b.name AS building_name, b.community_id AS b_community, f.id, f.community_id, f.name, f.kind, f.period_unit, f.meter_unit, f.active
       FROM buildings b JOIN fee_items f ON f.id = ? AND f.company_id = b.company_id WHERE b.id = ? AND b.company_id = ?`,
      [feeItemId, buildingId, caller.companyId],
    );
    if (!head || !scope.canSeeCommunity(Number(head.b_community))) throw AppError.notFound('楼栋');
    const item = checkMeteredItem(head, Number(head.b_community), period);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT r.id AS r_id, r.label AS r_label, u.name AS unit_name, cur.*,
         (SELECT p.period FROM meter_readings p WHERE p.room_id = r.id AND p.fee_item_id = ? AND p.period < ? ORDER BY p.period DESC LIMIT 1) AS prev_period,
         (SELECT p.reading_e2 FROM meter_readings p WHERE p.room_id = r.id AND p.fee_item_id = ? AND p.period < ? ORDER BY p.period DESC LIMIT 1) AS prev_e2
       FROM rooms r JOIN units u ON u.id = r.unit_id
       LEFT JOIN (${READING_SELECT} WHERE m.fee_item_id = ? AND m.period = ?) cur ON cur.room_id = r.id
       WHERE r.building_id = ? AND r.active = 1
       ORDER BY u.name, r.floor, r.name, r.id`,
      [item.id, period, item.id, period, item.id, period, buildingId],
    );
    return {
      communityId: item.communityId,
      buildingId,
      buildingName: String(head.building_name),
      feeItemId: item.id,
      itemName: item.name,
      meterUnit: item.meterUnit,
      period,
      rooms: rows.map((r) => ({
        roomId: Number(r.r_id),
        label: String(r.r_label),
        unitName: String(r.unit_name),
        previous: r.prev_period === null || r.prev_period === undefined ? null : { period: String(r.prev_period), readingE2: Number(r.prev_e2) },
        current: r.id === null || r.id === undefined ? null : readingView(r),
      })),
    };
  }

  /**
   * Enters a room's reading of a period, or corrects it (with its version) until it is billed. The usage is from the
   * room's latest earlier reading; an outlier is held for review.
   */
  async enter(caller: Caller, dto: EnterMeterReadingDto): Promise<MeterReadingView> {
    const p = await this.prepareEntry(caller, dto);
    return this.ds.transaction(async (em) => {
      const { id, version } = await this.writeEntry(em, caller, dto, p);
      const view = readingView({
        ...snake(p.values),
        id,
        version,
        community_id: p.item.communityId,
        room_id: dto.roomId,
        fee_item_id: p.item.id,
        period: dto.period,
        bill_line_id: null,
        room_label: p.roomLabel,
        item_name: p.item.name,
        meter_unit: p.item.meterUnit,
        entered_by_name: p.callerName,
        reviewed_by_name: null,
      });
      if (p.reviewers)
        await this.notifyHeld(em, caller.companyId, view, [...p.reviewers.supervisor, ...p.reviewers.manager], caller.userId, p.values.updatedAt);
      await recordIdempotencyKey(em, 'meter_reading', id, view);
      return view;
    });
  }

  /** Everything an entry needs before its transaction: the room and item, the meter's history, the decision. */
  private async prepareEntry(caller: Caller, dto: EnterMeterReadingDto) {
    const scope = await this.scopes.resolve(caller);
    const replacement = replacementOf(dto);
    const [head] = await this.ds.query(
      `SELECT r.label AS room_label, r.community_id AS r_community, f.id, f.community_id, f.name, f.kind, f.period_unit, f.meter_unit, f.active,
         (SELECT name FROM users WHERE id = ?) AS caller_name
       FROM rooms r JOIN fee_items f ON f.id = ? AND f.company_id = r.company_id WHERE r.id = ? AND r.company_id = ?`,
      [caller.userId, dto.feeItemId, dto.roomId, caller.companyId],
    );
    if (!head || !scope.canSeeCommunity(Number(head.r_community))) throw AppError.notFound('房屋');
    const item = checkMeteredItem(head, Number(head.r_community), dto.period);
    const others: HistoryRow[] = (
      await this.ds.query(`${HISTORY_SQL} AND m.room_id = ?`, [item.id, item.communityId, shiftPeriod(dto.period, -OUTLIER_MONTHS), dto.period, dto.roomId])
    ).map((r: Record<string, unknown>) => historyRow(r));
    const current = others.find((h) => h.period === dto.period);
    if (current?.status === 'billed') throw AppError.conflict(ErrorCode.Conflict, '本期读数已出账，不能再修改');
    if (current && dto.version === undefined)
      throw AppError.conflict(ErrorCode.Conflict, '该房屋本期已录入读数，如需修改请刷新后带上版本号', { readingId: current.id, version: current.version });
    if (current && current.version !== dto.version) throw AppError.versionConflict(current.version);
    const decision = decideReading(
      others.filter((h) => h.period !== dto.period),
      dto.period,
      { readingE2: dto.readingE2, replacement },
      item.meterUnit,
    );
    if ('problem' in decision)
      throw new AppError(400, ErrorCode.ValidationFailed, decision.problem, [{ field: 'readingE2', rule: 'meterReading', message: decision.problem }]);
    const reviewers = decision.status === 'held' ? await staffOfCommunityByRole(this.ds.manager, item.communityId, ['supervisor', 'manager']) : null;
    const values = {
      readingE2: dto.readingE2,
      previousE2: decision.previousE2,
      usageE2: decision.usageE2,
      replaced: !!replacement,
      oldFinalE2: replacement?.oldFinalE2 ?? null,
      newStartE2: replacement?.newStartE2 ?? null,
      status: decision.status as MeterReadingStatus,
      holdReason: decision.holdReason,
      enteredBy: caller.userId,
      reviewedBy: null,
      reviewedAt: null,
      updatedAt: this.clock.now(),
    };
    return { item, current, values, reviewers, roomLabel: head.room_label as string, callerName: head.caller_name as string | null };
  }

  /** The reading's row: a version-checked UPDATE of this period's reading, or its INSERT. */
  private async writeEntry(em: EntityManager, caller: Caller, dto: EnterMeterReadingDto, p: Awaited<ReturnType<MeterReadingsService['prepareEntry']>>) {
    if (p.current) {
      const version = p.current.version + 1;
      const res = await em
        .createQueryBuilder()
        .update(MeterReading)
        .set({ ...p.values, version })
        .where("id = :id AND version = :v AND status <> 'billed'", { id: p.current.id, v: p.current.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      return { id: p.current.id, version };
    }
    const row: Partial<MeterReading> = {
      ...p.values,
      companyId: caller.companyId,
      communityId: p.item.communityId,
      roomId: dto.roomId,
      feeItemId: p.item.id,
      period: dto.period,
      billLineId: null,
      version: 1,
      createdAt: p.values.updatedAt,
    };
    return { id: await insertRow(em, MeterReading, row).catch(duplicate), version: 1 };
  }

  /** The community's supervisors and managers (not whoever entered it) are told in their inbox that a reading waits for them. */
  private notifyHeld(em: EntityManager, companyId: number, v: MeterReadingView, reviewers: number[], enteredBy: number, at: Date) {
    return this.notify.enqueue(em, {
      companyId,
      communityId: v.communityId,
      key: `meter-reading:${v.id}:v${v.version}:held`,
      recipients: [...new Set(reviewers)].filter((u) => u !== enteredBy),
      app: 'staff',
      at,
      msg: {
        template: 'meter_reading_held',
        title: `异常读数待审核：${v.roomLabel}`,
        body: `${v.roomLabel} ${v.itemName} ${v.period}：${v.holdReason ?? '读数异常'}`,
        link: '/meters/held',
        wx: {},
      },
    });
  }

  /** Readings of a community by status (held: the review queue), newest period first. */
  async list(caller: Caller, communityId: number, status: MeterReadingStatus = 'held'): Promise<MeterReadingView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const rows = await this.ds.query(
      `${READING_SELECT} WHERE m.company_id = ? AND m.community_id = ? AND m.status = ? ORDER BY m.period DESC, r.label LIMIT 200`,
      [caller.companyId, communityId, status],
    );
    return rows.map(readingView);
  }

  /** A supervisor or manager lets a held reading be billed (not one they entered themselves). */
  async approve(caller: Caller, id: number, version: number): Promise<MeterReadingView> {
    const scope = await this.scopes.resolve(caller);
    const [row] = await this.ds.query(`${withCallerName(READING_SELECT)} WHERE m.id = ? AND m.company_id = ?`, [caller.userId, id, caller.companyId]);
    if (!row || !scope.canSeeCommunity(Number(row.community_id))) throw AppError.notFound('抄表记录');
    if (row.status !== 'held') throw AppError.conflict(ErrorCode.Conflict, `该读数${METER_READING_STATUS_LABELS[row.status as MeterReadingStatus]}，无需审核`);
    if (Number(row.entered_by) === caller.userId) throw AppError.forbidden('不能审核自己录入的读数，请由其他主管或经理审核');
    if (Number(row.version) !== version) throw AppError.versionConflict(Number(row.version));
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(MeterReading)
        .set({ status: 'approved', reviewedBy: caller.userId, reviewedAt: now, updatedAt: now, version: version + 1 })
        .where("id = :id AND version = :version AND status = 'held'", { id, version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
    });
    return readingView({ ...row, status: 'approved', reviewed_by_name: row.caller_name, reviewed_at: now, updated_at: now, version: version + 1 });
  }
}

const withCallerName = (sql: string) => sql.replace(/^SELECT /, 'SELECT (SELECT name FROM users WHERE id = ?) AS caller_name, ');

function snake(v: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`), x]));
}
