import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  decideReading,
  ErrorCode,
  MAX_READING_E2,
  METER_READING_STATUS_LABELS,
  MeterImportReport,
  MeterImportRowError,
  MeterReplacement,
  OUTLIER_MONTHS,
  parseScaled,
  shiftPeriod,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { AuditService } from '../common/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { readTable, TableRow } from '../org/import/table-reader';
import { MeterReading } from './entities/meter-reading.entity';
import { checkMeteredItem } from './meter-readings.service';
import { HISTORY_SQL, historyRow, HistoryRow } from './meter-views';

const MAX_ROWS = 5000;
const CHUNK = 500;

type Column = 'roomId' | 'building' | 'unit' | 'room' | 'reading' | 'replaced' | 'oldFinal' | 'newStart';
const ALIASES: Record<Column, string[]> = {
  roomId: ['房屋id', 'room_id', 'roomid'],
  building: ['楼栋', 'building'],
  unit: ['单元', 'unit'],
  room: ['房号', 'room'],
  reading: ['读数', '本期读数', 'reading'],
  replaced: ['换表', 'replaced'],
  oldFinal: ['旧表止码', 'old_final'],
  newStart: ['新表起码', 'new_start'],
};
const LABEL: Record<Column, string> = {
  roomId: '房屋ID',
  building: '楼栋',
  unit: '单元',
  room: '房号',
  reading: '读数',
  replaced: '换表',
  oldFinal: '旧表止码',
  newStart: '新表起码',
};
export const METER_IMPORT_HEADER_HINT = '表头应包含：楼栋,单元,房号（或 房屋ID）,读数；换表时再加 换表,旧表止码,新表起码';
const YES = ['是', '换表', 'y', 'yes', '1', 'true'];
const NO = ['', '否', 'n', 'no', '0', 'false'];

/** Which column holds what, by the header's names; null when a required one is missing. */
function headerOf(cells: string[]): Partial<Record<Column, number>> | null {
  const at: Partial<Record<Column, number>> = {};
  cells.forEach((c, i) => {
    const key = (Object.keys(ALIASES) as Column[]).find((k) => ALIASES[k].includes(c.trim().toLowerCase()));
    if (key && at[key] === undefined) at[key] = i;
  });
  const located = at.roomId !== undefined || (at.building !== undefined && at.unit !== undefined && at.room !== undefined);
  return located && at.reading !== undefined ? at : null;
}

interface RoomRef {
  id: number;
  label: string;
}

/** Meter readings from a CSV / .xlsx file: every row checked like one reading; good rows recorded at once, bad rows reported. */
@Injectable()
export class MeterImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async import(caller: Caller, q: { communityId: number; feeItemId: number; period: string }, fileName: string, data: Buffer): Promise<MeterImportReport> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    const [itemRow] = await this.ds.query(
      'SELECT id, community_id, name, kind, period_unit, meter_unit, active FROM fee_items WHERE id = ? AND company_id = ?',
      [q.feeItemId, caller.companyId],
    );
    const item = checkMeteredItem(itemRow, q.communityId, q.period);
    let table: TableRow[];
    try {
      table = await readTable(data);
    } catch {
      throw new AppError(400, ErrorCode.ImportFailed, '无法读取文件：请上传 UTF-8 编码的 CSV 或 Excel（.xlsx）文件');
    }
    const [head, ...body] = table;
    const at = head && headerOf(head.cells);
    if (!at) throw new AppError(400, ErrorCode.ImportFailed, METER_IMPORT_HEADER_HINT);
    if (!body.length) throw new AppError(400, ErrorCode.ImportFailed, '文件中没有数据行');
    if (body.length > MAX_ROWS) throw new AppError(400, ErrorCode.ImportFailed, `一次最多导入 ${MAX_ROWS} 行，请分批导入`);

    const [rooms, history] = await Promise.all([
      this.ds.query(
        `SELECT r.id, r.label, r.name AS room_name, u.name AS unit_name, b.name AS building_name
         FROM rooms r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = r.building_id WHERE r.community_id = ? AND r.active = 1`,
        [q.communityId],
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query(HISTORY_SQL, [item.id, item.communityId, shiftPeriod(q.period, -OUTLIER_MONTHS), q.period]) as Promise<Record<string, unknown>[]>,
    ]);
    const byId = new Map<number, RoomRef>();
    const byName = new Map<string, RoomRef>();
    for (const r of rooms) {
      const ref = { id: Number(r.id), label: String(r.label) };
      byId.set(ref.id, ref);
      byName.set(`${String(r.building_name)}|${String(r.unit_name)}|${String(r.room_name)}`, ref);
    }
    const byRoom = new Map<number, HistoryRow[]>();
    for (const h of history.map(historyRow)) byRoom.set(h.roomId, [...(byRoom.get(h.roomId) ?? []), h]);

    const errors: MeterImportRowError[] = [];
    const good: Partial<MeterReading>[] = [];
    const seen = new Map<number, number>();
    const now = this.clock.now();
    for (const { row, cells } of body) {
      const cell = (c: Column) => (at[c] === undefined ? '' : (cells[at[c]!] ?? '').trim());
      const fail = (c: Column | null, message: string) => void errors.push({ row, column: c && LABEL[c], message });
      const room = this.roomOf(cell, at, byId, byName);
      if (typeof room === 'string') {
        fail(at.roomId !== undefined && cell('roomId') ? 'roomId' : 'room', room);
        continue;
      }
      if (seen.has(room.id)) {
        fail(null, `${room.label} 在文件中重复出现（第 ${seen.get(room.id)} 行已有）`);
        continue;
      }
      seen.set(room.id, row);
      const readingE2 = parseScaled(cell('reading'), 2, MAX_READING_E2);
      if (readingE2 === null) {
        fail('reading', cell('reading') ? '读数应为最多两位小数的非负数字' : '读数不能为空');
        continue;
      }
      const flag = cell('replaced').toLowerCase();
      if (!YES.includes(flag) && !NO.includes(flag)) {
        fail('replaced', '换表一栏请填“是”或留空');
        continue;
      }
      let replacement: MeterReplacement | null = null;
      if (YES.includes(flag)) {
        const oldFinalE2 = parseScaled(cell('oldFinal'), 2, MAX_READING_E2);
        const newStartE2 = parseScaled(cell('newStart'), 2, MAX_READING_E2);
        if (oldFinalE2 === null || newStartE2 === null) {
          fail(oldFinalE2 === null ? 'oldFinal' : 'newStart', '换表时请填写旧表止码和新表起码（最多两位小数）');
          continue;
        }
        replacement = { oldFinalE2, newStartE2 };
      }
      const others = byRoom.get(room.id) ?? [];
      const existing = others.find((h) => h.period === q.period);
      if (existing) {
        fail('reading', `${room.label} 本期已有读数（${METER_READING_STATUS_LABELS[existing.status]}），如需修改请在抄表页修改`);
        continue;
      }
      const d = decideReading(others, q.period, { readingE2, replacement }, item.meterUnit);
      if ('problem' in d) {
        fail('reading', d.problem);
        continue;
      }
      good.push({
        companyId: caller.companyId,
        communityId: q.communityId,
        roomId: room.id,
        feeItemId: item.id,
        period: q.period,
        readingE2,
        previousE2: d.previousE2,
        usageE2: d.usageE2,
        replaced: !!replacement,
        oldFinalE2: replacement?.oldFinalE2 ?? null,
        newStartE2: replacement?.newStartE2 ?? null,
        status: d.status,
        holdReason: d.holdReason,
        enteredBy: caller.userId,
        reviewedBy: null,
        reviewedAt: null,
        billLineId: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (good.length)
      await this.ds
        .transaction(async (em) => {
          for (let i = 0; i < good.length; i += CHUNK)
            await em
              .createQueryBuilder()
              .insert()
              .into(MeterReading)
              .values(good.slice(i, i + CHUNK))
              .updateEntity(false)
              .execute();
          await this.audit.record(em, caller, 'meters.import', 'fee_item', item.id, {
            period: q.period,
            rows: body.length,
            recorded: good.length,
            errors: errors.length,
          });
        })
        .catch((e: unknown) => {
          const code = (e as { code?: string }).code ?? (e as { driverError?: { code?: string } }).driverError?.code;
          if (code === 'ER_DUP_ENTRY' || String(code).startsWith('SQLITE_CONSTRAINT'))
            throw AppError.conflict(ErrorCode.Conflict, '导入期间有房屋的本期读数被录入，请重新导入（已录入的房屋会在报告中列出）');
          throw e;
        });
    return {
      fileName: fileName.slice(0, 200),
      period: q.period,
      feeItemId: item.id,
      total: body.length,
      recorded: good.filter((g) => g.status === 'recorded').length,
      held: good.filter((g) => g.status === 'held').length,
      errors,
    };
  }

  private roomOf(cell: (c: Column) => string, at: Partial<Record<Column, number>>, byId: Map<number, RoomRef>, byName: Map<string, RoomRef>): RoomRef | string {
    if (at.roomId !== undefined && cell('roomId')) {
      const id = Number(cell('roomId'));
      return (Number.isSafeInteger(id) && byId.get(id)) || `房屋ID ${cell('roomId')} 不是本小区的房屋`;
    }
    if (at.building === undefined) return '房屋ID不能为空';
    const [b, u, r] = [cell('building'), cell('unit'), cell('room')];
    if (!b || !u || !r) return '楼栋、单元、房号都不能为空';
    return byName.get(`${b}|${u}|${r}`) ?? `本小区没有 ${b}${u}${r}`;
  }
}
