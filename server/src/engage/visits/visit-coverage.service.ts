import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskPhone, Page, shanghaiMonth, shanghaiYearRange, UnvisitedHouseholdView, VisitCoverageMonth, VisitCoverageView, visitPlan } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { ScopeService } from '../../common/scope';
import { sqlTime, utc } from '../../common/sql-time';
import { VisitCoverageQueryDto } from './dto/visits.dto';

type Row = Record<string, unknown>;

/**
 * The yearly customer-visit plan of a community and its coverage. Households are the community's rooms in the
 * places register (every room, whether or not anyone has joined the app): the number the plan's rule is about.
 */
@Injectable()
export class VisitCoverageService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
  ) {}

  async coverage(caller: Caller, q: VisitCoverageQueryDto): Promise<VisitCoverageView> {
    const { year, from, to } = await this.inScope(caller, q);
    const [head]: Row[] = await this.ds.query(
      `SELECT c.name, (SELECT COUNT(*) FROM rooms r WHERE r.community_id = c.id) AS households,
              (SELECT COUNT(DISTINCT v.room_id) FROM customer_visits v
                WHERE v.community_id = c.id AND v.room_id IS NOT NULL AND v.visited_at >= ? AND v.visited_at < ?) AS visited
         FROM communities c WHERE c.id = ? AND c.company_id = ?`,
      [sqlTime(from), sqlTime(to), q.communityId, caller.companyId],
    );
    if (!head) throw AppError.notFound('小区');
    // the year's visits, summed per Shanghai month here (no dialect-specific date functions)
    const rows: Row[] = await this.ds.query(
      `SELECT v.visited_at, v.room_id, v.deep FROM customer_visits v WHERE v.community_id = ? AND v.visited_at >= ? AND v.visited_at < ?`,
      [q.communityId, sqlTime(from), sqlTime(to)],
    );
    const months: VisitCoverageMonth[] = Array.from({ length: 12 }, (_, i) => ({
      month: `${year}-${String(i + 1).padStart(2, '0')}`,
      visits: 0,
      households: 0,
      deepVisits: 0,
    }));
    const rooms = months.map(() => new Set<number>());
    for (const r of rows) {
      const i = Number(shanghaiMonth(utc(r.visited_at)!).slice(5, 7)) - 1;
      months[i].visits++;
      if (Number(r.deep)) months[i].deepVisits++;
      if (r.room_id !== null) rooms[i].add(Number(r.room_id));
    }
    months.forEach((m, i) => (m.households = rooms[i].size));
    return {
      communityId: q.communityId,
      communityName: String(head.name),
      year,
      plan: visitPlan(Number(head.households)),
      visitedHouseholds: Number(head.visited),
      months,
    };
  }

  /** The community's rooms with no visit this year, by room id (keyset). */
  async unvisited(caller: Caller, q: VisitCoverageQueryDto): Promise<Page<UnvisitedHouseholdView>> {
    const { from, to } = await this.inScope(caller, q);
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const rows: Row[] = await this.ds.query(
      `SELECT r.id, r.label, r.owner_name, r.owner_phone FROM rooms r
        WHERE r.community_id = ? AND r.company_id = ? AND r.id > ?
          AND NOT EXISTS (SELECT 1 FROM customer_visits v WHERE v.room_id = r.id AND v.visited_at >= ? AND v.visited_at < ?)
        ORDER BY r.id LIMIT ${limit + 1}`,
      [q.communityId, caller.companyId, after ? after[0] : 0, sqlTime(from), sqlTime(to)],
    );
    return toPage(
      rows,
      limit,
      (r) => ({
        roomId: Number(r.id),
        roomLabel: String(r.label),
        ownerName: (r.owner_name as string | null) ?? null,
        ownerPhoneMasked: maskPhone(r.owner_phone as string | null),
      }),
      (r) => [Number(r.id)],
    );
  }

  private async inScope(caller: Caller, q: VisitCoverageQueryDto) {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(q.communityId)) throw AppError.notFound('小区');
    const year = q.year ?? Number(shanghaiMonth(this.clock.now()).slice(0, 4));
    return { year, ...shanghaiYearRange(year) };
  }
}
