import { Module } from '@nestjs/common';
import { DrillService } from './drill.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportRollupJob } from './rollup/report-rollup.job';

/** Monthly statistics, SLA compliance, drill-down, the Excel exports and the roll-up job (#16). */
@Module({ controllers: [ReportsController], providers: [ReportsService, DrillService, ReportRollupJob], exports: [ReportsService, ReportRollupJob] })
export class ReportsModule {}
