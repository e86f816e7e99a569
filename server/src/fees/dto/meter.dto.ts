import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { isPeriod, MAX_READING_E2, MeterReadingStatus } from '@linli/shared';

const IsMonthOrQuarter = () =>
  ValidateBy({ name: 'isPeriod', validator: { validate: (v) => isPeriod(v), defaultMessage: () => '抄表月份格式应为 2026-11（或季度 2026-Q4）' } });
const E2 = (description: string) => ApiProperty({ description, example: 14550 });

export class MeterSheetQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) buildingId: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) feeItemId: number;
  @ApiProperty({ description: '抄表月份', example: '2026-11' }) @IsMonthOrQuarter() period: string;
}

export class EnterMeterReadingDto {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
  @ApiProperty() @IsInt() @Min(1) feeItemId: number;
  @ApiProperty({ description: '抄表月份', example: '2026-11' }) @IsMonthOrQuarter() period: string;
  @E2('本期读数 × 100（145.50 → 14550）') @IsInt() @Min(0) @Max(MAX_READING_E2) readingE2: number;
  @ApiPropertyOptional({ description: '本期换过表' }) @IsOptional() @IsBoolean() replaced?: boolean;
  @ApiPropertyOptional({ description: '换表：旧表止码 × 100' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_READING_E2) oldFinalE2?: number;
  @ApiPropertyOptional({ description: '换表：新表起码 × 100' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_READING_E2) newStartE2?: number;
  @ApiPropertyOptional({ description: '修改本期已录入的读数时带上其版本号' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

const LISTED: MeterReadingStatus[] = ['held', 'recorded', 'approved', 'billed'];

export class MeterReadingListQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional({ enum: LISTED, description: '默认 held（待审核）' }) @IsOptional() @IsIn(LISTED) status?: MeterReadingStatus;
}

export class ApproveMeterReadingDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class MeterImportQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) feeItemId: number;
  @ApiProperty({ description: '抄表月份', example: '2026-11' }) @IsMonthOrQuarter() period: string;
}
