import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MonthlyReportView, previousPeriod } from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { reportCounts } from './report-counts';
import { reportFees } from './report-fees';
import { reportRatingsAndTrend } from './report-satisfaction';
import { assertReportMonth, lastMonths, reportScope } from './report-scope';
import { reportSla, slaTrend } from './report-sla';

/**
 * 客服部月度工作统计表: one community or the caller's communities together, straight from the indexed source
 * tables (no roll-up: every figure is a range scan on (community_id, <its time column>); see docs/architecture.md).
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async monthly(caller: Caller, period: string, communityId?: number): Promise<MonthlyReportView> {
    const now = this.clock.now();
    assertReportMonth(period, now);
    const s = await reportScope(this.ds, await this.scopes.resolve(caller), communityId);
    const counts = await reportCounts(this.ds, s, period);
    const sla = await reportSla(this.ds, s, period, now);
    const slaByMonth = await slaTrend(this.ds, s, period, now);
    const fees = await reportFees(this.ds, s, period);
    const sat = await reportRatingsAndTrend(this.ds, s, period);
    const share = (v: { total: number; met: number } | undefined) => (v && v.total ? v.met / v.total : null);
    return {
      period,
      previousPeriod: previousPeriod(period),
      communityId: s.communityId,
      communityName: s.communityId !== null ? (s.names.get(s.communityId) ?? null) : null,
      figures: counts.figures,
      sla: sla.lines,
      satisfaction: sat.satisfaction,
      fees: fees.fees,
      communities:
        s.communityId !== null
          ? []
          : s.communityIds.map((id) => ({
              communityId: id,
              communityName: s.names.get(id) ?? '',
              tickets: counts.ticketsByCommunity.get(id) ?? 0,
              slaMetShare: share(sla.byCommunity.get(id)),
              collectionRate: fees.byCommunity.get(id) ?? null,
            })),
      trend: lastMonths(period, 6).map((m) => ({
        period: m,
        tickets: sat.ticketTrend.get(m) ?? 0,
        slaMetShare: slaByMonth.get(m) ?? null,
        collectionRate: fees.trend.get(m) ?? null,
      })),
      generatedAt: now.toISOString(),
    };
  }
}
