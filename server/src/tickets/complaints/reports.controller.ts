import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import type { Class2Query, Class2SummaryView, DisclosureDraftView, DisclosureEditRequest, DisclosureQuery } from '@linli/shared';
import { ReportsService } from './reports.service';
import { Text } from '../../common/validators';
import { ApiDoc, ref } from '../../common/openapi/api-doc';

const boolQuery = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class DisclosureQueryDto implements DisclosureQuery {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty({ example: '2026-11' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) month: string;
  /** rebuild the text from the data even if a manager edited it */
  @ApiPropertyOptional() @IsOptional() @Transform(boolQuery) @IsBoolean() regenerate?: boolean;
}

export class DisclosureEditDto implements DisclosureEditRequest {
  @ApiPropertyOptional() @IsOptional() @Text(200) title?: string;
  @ApiProperty() @Text(60_000) body: string;
}

export class Class2QueryDto implements Class2Query {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty({ example: '2026-Q4' }) @Matches(/^\d{4}-Q[1-4]$/) quarter: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/staff/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The month's public disclosure (公示) of complaints and suggestions on common matters, as a draft document (generated or refreshed). */
  @ApiDoc('月度投诉公示草稿', ref('DisclosureDraftView'))
  @Get('disclosure-draft')
  @Roles('supervisor', 'manager', 'admin')
  disclosure(@CurrentCaller() c: Caller, @Query() q: DisclosureQueryDto): Promise<DisclosureDraftView> {
    return this.reports.disclosure(c, q.communityId, q.month, !!q.regenerate);
  }

  @ApiDoc('编辑公示草稿', ref('DisclosureDraftView'))
  @Put('disclosure-draft')
  @Roles('manager')
  edit(@CurrentCaller() c: Caller, @Query() q: DisclosureQueryDto, @Body() dto: DisclosureEditDto): Promise<DisclosureDraftView> {
    return this.reports.editDisclosure(c, q.communityId, q.month, dto);
  }

  /** The quarterly class-2 (developer legacy) summary for a community within a year of handover; `format=csv` for Excel. */
  @ApiDoc('二类投诉季度汇总（format=csv 导出）', ref('Class2SummaryView'))
  @Get('class2-summary')
  @Roles('supervisor', 'manager', 'admin')
  @ApiProduces('application/json', 'text/csv')
  async class2(
    @CurrentCaller() c: Caller,
    @Query() q: Class2QueryDto,
    @Res({ passthrough: true }) reply: { header(k: string, v: string): unknown },
  ): Promise<Class2SummaryView | string> {
    const s = await this.reports.class2Summary(c, q.communityId, q.quarter);
    if (q.format !== 'csv') return s;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="class2-summary-${s.quarter}.csv"`);
    return this.reports.class2Csv(s);
  }
}
