import { Module } from '@nestjs/common';
import { DrillService } from './drill.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Monthly statistics, SLA compliance, drill-down and the Excel exports (#16). */
@Module({ controllers: [ReportsController], providers: [ReportsService, DrillService], exports: [ReportsService] })
export class ReportsModule {}
