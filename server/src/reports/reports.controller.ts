import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MonthlyReportView, Page, periodDays, periodOf, ReportDrillRow, shanghaiDate } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { Clock } from '../common/clock';
import { ApiDoc, ref, refPage } from '../common/openapi/api-doc';
import { DrillService } from './drill.service';
import { MonthlyReportQueryDto, QuarterlyReportQueryDto, ReportDrillQueryDto } from './dto/reports.dto';
import { monthlyWorkbook, quarterlyWorkbook } from './report-export';
import { assertReportQuarter } from './report-scope';
import { ReportsService } from './reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { type: 'string', format: 'binary' };

function download(res: FastifyReply, name: string, body: Buffer): StreamableFile {
  res.header('Content-Type', XLSX);
  res.header('Content-Disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return new StreamableFile(body);
}

/** 客服部月度工作统计表, its drill-down and the Excel exports: managers, supervisors and the admin. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly drills: DrillService,
    private readonly clock: Clock,
  ) {}

  @Get('monthly')
  @Roles('manager', 'supervisor', 'admin')
  @ApiDoc('月度统计：工作量、SLA 达标、满意度、收费（单个小区，或不填小区为所辖全部小区）', ref('MonthlyReportView'))
  monthly(@CurrentCaller() c: Caller, @Query() q: MonthlyReportQueryDto): Promise<MonthlyReportView> {
    return this.reports.monthly(c, q.period, q.communityId);
  }

  @Get('drill')
  @Roles('manager', 'supervisor', 'admin')
  @ApiDoc('统计数字背后的工单 / 时限 / 账单 / 通行证（与数字同一筛选条件）', refPage('ReportDrillRow'))
  drill(@CurrentCaller() c: Caller, @Query() q: ReportDrillQueryDto): Promise<Page<ReportDrillRow>> {
    return this.drills.drill(c, q);
  }

  @Get('monthly.xlsx')
  @Roles('manager', 'supervisor', 'admin')
  @ApiDoc('导出月度统计（Excel）', FILE)
  async monthlyExport(@CurrentCaller() c: Caller, @Query() q: MonthlyReportQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<StreamableFile> {
    const v = await this.reports.monthly(c, q.period, q.communityId);
    return download(res, `月度统计-${v.communityName ?? '全部小区'}-${v.period}.xlsx`, await monthlyWorkbook(v));
  }

  @Get('quarterly.xlsx')
  @Roles('manager', 'supervisor', 'admin')
  @ApiDoc('导出季度管理报告（Excel，每部分一个工作表）', FILE)
  async quarterlyExport(
    @CurrentCaller() c: Caller,
    @Query() q: QuarterlyReportQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const now = this.clock.now();
    assertReportQuarter(q.quarter, now);
    const first = periodDays(q.quarter).from;
    const current = periodOf(shanghaiDate(now), 'month');
    const months = [0, 1, 2]
      .map((i) => periodOf(`${first.slice(0, 5)}${String(Number(first.slice(5, 7)) + i).padStart(2, '0')}-01`, 'month'))
      .filter((m) => m <= current);
    const views: MonthlyReportView[] = [];
    for (const m of months) views.push(await this.reports.monthly(c, m, q.communityId));
    return download(res, `季度管理报告-${views[0].communityName ?? '全部小区'}-${q.quarter}.xlsx`, await quarterlyWorkbook(q.quarter, views));
  }
}
