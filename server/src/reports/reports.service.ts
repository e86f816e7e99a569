import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MonthlyReportView, previousPeriod } from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { reportCounts } from './report-counts';
import { reportFees } from './report-fees';
import { reportSatisfaction } from './report-satisfaction';
import { assertReportMonth, lastMonths, reportScope } from './report-scope';
import { reportSla, slaTrend } from './report-sla';
import { loadMonthParts } from './rollup/load-month-parts';

/**
 * 客服部月度工作统计表: one community or the caller's communities together, assembled from each community's month
 * parts — rolled up for closed months by ReportRollupJob, live for the rest (docs/architecture.md, "Reports").
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
    const months = lastMonths(period, 6);
    const parts = await loadMonthParts(this.ds, s, months, period, now);
    const counts = await reportCounts(this.ds, s, period, parts);
    const sla = reportSla(parts, s, period);
    const slaByMonth = slaTrend(parts, s, months);
    const fees = await reportFees(this.ds, s, period, parts);
    const satisfaction = await reportSatisfaction(this.ds, s, period, parts);
    const share = (v: { total: number; met: number } | undefined) => (v && v.total ? v.met / v.total : null);
    return {
      period,
      previousPeriod: previousPeriod(period),
      communityId: s.communityId,
      communityName: s.communityId !== null ? (s.names.get(s.communityId) ?? null) : null,
      figures: counts.figures,
      sla: sla.lines,
      satisfaction,
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
      trend: months.map((m) => ({
        period: m,
        tickets: s.communityIds.reduce((sum, id) => sum + parts.get(id, m).summary.tickets.reduce((k, row) => k + row[5], 0), 0),
        slaMetShare: slaByMonth.get(m) ?? null,
        collectionRate: fees.trend.get(m) ?? null,
      })),
      generatedAt: now.toISOString(),
      rolledUpAt: s.rolledUpThrough && months[0] <= s.rolledUpThrough ? (s.rolledUpAt?.toISOString() ?? null) : null,
    };
  }
}
