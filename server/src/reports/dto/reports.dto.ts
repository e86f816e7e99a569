import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ReportDrill } from '@linli/shared';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const DRILL_KINDS: ReportDrill['kind'][] = ['tickets', 'clocks', 'bills', 'passes', 'return_visits', 'notices', 'visits'];

export class MonthlyReportQueryDto {
  @ApiProperty({ description: '月份（上海时间），如 2026-11', example: '2026-11' })
  @Matches(MONTH, { message: '月份格式应为 2026-11（01–12 月）' })
  period: string;
  @ApiProperty({ required: false, description: '小区；不填为所辖全部小区' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
}

export class QuarterlyReportQueryDto {
  @ApiProperty({ description: '季度，如 2026-Q4', example: '2026-Q4' }) @Matches(QUARTER, { message: '季度格式应为 2026-Q4' }) quarter: string;
  @ApiProperty({ required: false }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
}

/** The filter of a figure (ReportFigure.drill.filter), plus the page. */
export class ReportDrillQueryDto extends MonthlyReportQueryDto {
  @ApiProperty({ enum: DRILL_KINDS }) @IsIn(DRILL_KINDS) kind: ReportDrill['kind'];
  @ApiProperty({ required: false, enum: ['repair', 'complaint', 'suggestion', 'inquiry', 'praise'] })
  @IsOptional()
  @IsIn(['repair', 'complaint', 'suggestion', 'inquiry', 'praise'])
  ticketKind?: string;
  @ApiProperty({ required: false }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3) complaintClass?: number;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(32) category?: string;
  @ApiProperty({ required: false, enum: ['critical', 'urgent', 'normal'] }) @IsOptional() @IsIn(['critical', 'urgent', 'normal']) tier?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(16) channel?: string;
  @ApiProperty({ required: false, enum: ['done', 'due'] }) @IsOptional() @IsIn(['done', 'due']) state?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(16) passKind?: string;
  @ApiProperty({ required: false, enum: ['initial_feedback', 'dispatch', 'arrival', 'first_reply', 'written_reply', 'pass_issue', 'permit_review'] })
  @IsOptional()
  @IsIn(['initial_feedback', 'dispatch', 'arrival', 'first_reply', 'written_reply', 'pass_issue', 'permit_review'])
  clock?: string;
  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  breached?: boolean;
  @ApiProperty({ required: false, enum: ['billed', 'upTo1', 'upTo3', 'upTo12', 'over12'] })
  @IsOptional()
  @IsIn(['billed', 'upTo1', 'upTo3', 'upTo12', 'over12'])
  bills?: string;
  @ApiProperty({ required: false, enum: ['customer', 'deep', 'new_done', 'new_due'], description: '客户访谈 / 经理深度访谈 / 新住户回访（已完成、到期）' })
  @IsOptional()
  @IsIn(['customer', 'deep', 'new_done', 'new_due'])
  visits?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiProperty({ required: false }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
