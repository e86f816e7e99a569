import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, PassScanView } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { isUniqueViolation } from '../database/unique-violation';
import { ManualScanDto, ScansQueryDto } from './dto/passes.dto';
import { PassScan } from './entities/pass-scan.entity';
import { SCAN_SELECT, scanView } from './pass-rows';

/** The scan log (per gate and guard, newest first) and the entries guards wrote down while offline. */
@Injectable()
export class PassScansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  /**
   * A community's scans; a scan of a code that named no known pass has no community, so it shows in the log of the
   * communities its guard works in.
   */
  async list(caller: Caller, q: ScansQueryDto): Promise<Page<PassScanView>> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const where = [
      `s.company_id = ? AND (s.community_id = ? OR (s.community_id IS NULL AND EXISTS
        (SELECT 1 FROM staff_communities sc WHERE sc.user_id = s.guard_id AND sc.community_id = ?)))`,
    ];
    const params: unknown[] = [caller.companyId, q.communityId, q.communityId];
    const add = (sql: string, v: unknown) => {
      where.push(sql);
      params.push(v);
    };
    if (q.gate) add('s.gate = ?', q.gate);
    if (q.guardId) add('s.guard_id = ?', q.guardId);
    if (q.manual === '1') add('s.manual = ?', true);
    if (after) add('s.id < ?', after[0]);
    const rows: Record<string, unknown>[] = await this.ds.query(`${SCAN_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.id DESC LIMIT ${limit + 1}`, params);
    return toPage(rows, limit, scanView, (r) => [Number(r.id)]);
  }

  /** An offline entry synced: idempotent on (guard, clientRef) — a repeat answers the stored one (200). */
  async manual(caller: Caller, dto: ManualScanDto): Promise<{ created: boolean; view: PassScanView }> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(dto.communityId)) throw AppError.notFound('小区');
    const at = this.clock.now();
    const clientAt = new Date(dto.clientAt);
    if (clientAt.getTime() > at.getTime() + 5 * 60_000)
      throw AppError.badRequest('登记时间不能晚于现在', [{ field: 'clientAt', message: '登记时间不能晚于现在' }]);
    const note = JSON.stringify({ name: dto.name, room: dto.room, note: dto.note ?? null });
    try {
      await insertRow(this.ds.manager, PassScan, {
        companyId: caller.companyId,
        communityId: dto.communityId,
        passId: null,
        guardId: caller.userId,
        gate: dto.gate ?? null,
        direction: dto.direction,
        result: 'green',
        reason: null,
        manual: true,
        manualNote: note,
        clientRef: dto.clientRef,
        clientAt,
        scannedAt: at,
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return { created: false, view: await this.byRef(caller, dto.clientRef) };
    }
    return { created: true, view: await this.byRef(caller, dto.clientRef) };
  }

  private async byRef(caller: Caller, ref: string): Promise<PassScanView> {
    const [r]: Record<string, unknown>[] = await this.ds.query(`${SCAN_SELECT} WHERE s.guard_id = ? AND s.client_ref = ?`, [caller.userId, ref]);
    return scanView(r);
  }
}
