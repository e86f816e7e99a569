import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { shanghaiMonth, WorkbenchCounts, workbenchCountPlan } from '@linli/shared';
import { Clock } from '../common/clock';
import { Scope } from '../common/scope';
import { sqlTime } from '../notify/recipients';

const n = (v: unknown) => Number(v ?? 0);

/** open new-resident return visits (待回访) and those past their due time (已超时), as one more tile row */
const NEW_RESIDENT_VISITS = (inList: string) => `
         UNION ALL
         SELECT 'new-resident-visits' AS tile, 0 AS to_accept, 0 AS to_dispatch,
                SUM(CASE WHEN v.due_at <= ? THEN 1 ELSE 0 END) AS overdue, COUNT(*) AS to_return_visit
           FROM new_resident_visits v
          WHERE v.company_id = ? AND v.status = 'open' AND v.community_id IN (${inList})`;

/**
 * The workbench tiles' to-do counts, for the caller's roles and communities: one aggregate over the open tickets
 * (repairs and the complaints desk together) and one count of pending bindings — at most two statements.
 */
@Injectable()
export class WorkbenchCountsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async counts(scope: Scope): Promise<WorkbenchCounts> {
    const plan = workbenchCountPlan(scope.caller.roles);
    const ids = scope.communityIds;
    const tiles: WorkbenchCounts['tiles'] = {};
    if (!ids.length) return { tiles };
    const inList = ids.map(() => '?').join(', ');
    // new residents' return visits ride along in the same statement (UNION ALL): no extra round trip
    const visits = plan['new-resident-visits'].length > 0;
    if (plan.repairs.length || plan.complaints.length || visits) {
      const rows: Record<string, unknown>[] = await this.ds.query(
        `SELECT CASE WHEN t.kind = 'repair' THEN 'repairs' ELSE 'complaints' END AS tile,
                SUM(CASE WHEN t.status IN ('submitted', 'received') THEN 1 ELSE 0 END) AS to_accept,
                SUM(CASE WHEN t.status = 'accepted' THEN 1 ELSE 0 END) AS to_dispatch,
                SUM(CASE WHEN t.breached = 1 OR (t.sla_due_at IS NOT NULL AND t.sla_due_at < ?) THEN 1 ELSE 0 END) AS overdue,
                SUM(CASE WHEN t.status = 'confirmed' THEN 1 ELSE 0 END) AS to_return_visit
           FROM tickets t
          WHERE t.company_id = ? AND t.is_open = 1 AND t.community_id IN (${inList})
          GROUP BY CASE WHEN t.kind = 'repair' THEN 'repairs' ELSE 'complaints' END${visits ? NEW_RESIDENT_VISITS(inList) : ''}`,
        [sqlTime(this.clock.now()), scope.companyId, ...ids, ...(visits ? [sqlTime(this.clock.now()), scope.companyId, ...ids] : [])],
      );
      const by = new Map(rows.map((r) => [String(r.tile), r]));
      const all = (tile: string) => ({
        toAccept: n(by.get(tile)?.to_accept),
        toDispatch: n(by.get(tile)?.to_dispatch),
        overdue: n(by.get(tile)?.overdue),
        toReturnVisit: n(by.get(tile)?.to_return_visit),
      });
      if (plan.repairs.length) tiles.repairs = pick(all('repairs'), plan.repairs);
      if (plan.complaints.length) tiles.complaints = pick(all('complaints'), plan.complaints);
      if (visits) tiles['new-resident-visits'] = pick(all('new-resident-visits'), plan['new-resident-visits']);
    }
    if (plan.bindings.length) {
      const [row]: Record<string, unknown>[] = await this.ds.query(
        `SELECT COUNT(*) AS n FROM room_bindings WHERE company_id = ? AND status = 'pending' AND community_id IN (${inList})`,
        [scope.companyId, ...ids],
      );
      tiles.bindings = { toApprove: n(row?.n) };
    }
    const noticeGaps = scope.has('manager') ? await this.noticeGaps(scope, ids) : undefined;
    return noticeGaps ? { tiles, noticeGaps } : { tiles };
  }

  /** The manager's communities with no notice published (and still up) since the start of this Shanghai month. */
  private async noticeGaps(scope: Scope, ids: number[]): Promise<{ communityId: number; communityName: string }[]> {
    const monthStart = new Date(`${shanghaiMonth(this.clock.now())}-01T00:00:00+08:00`);
    const rows: { id: number; name: string }[] = await this.ds.query(
      `SELECT c.id, c.name FROM communities c WHERE c.company_id = ? AND c.id IN (${ids.map(() => '?').join(', ')})
         AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.community_id = c.id AND n.status = 'published' AND n.published_at >= ?) ORDER BY c.id`,
      [scope.companyId, ...ids, sqlTime(monthStart)],
    );
    return rows.map((r) => ({ communityId: Number(r.id), communityName: r.name }));
  }
}

function pick<K extends string>(all: Record<string, number>, keys: K[]): Partial<Record<K, number>> {
  return Object.fromEntries(keys.map((k) => [k, all[k] ?? 0])) as Partial<Record<K, number>>;
}
