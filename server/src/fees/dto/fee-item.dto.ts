import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { FEE_KINDS, FEE_PAYERS, FeeKind, FeePayer, MAX_CENTS, MAX_PRICE_E4, MAX_QUANTITY_E2, MAX_RATE_PPM, PERIOD_UNITS, PeriodUnit } from '@linli/shared';
import { KeepNull } from '../../common/null-as-absent';
import { IsCalendarDate, OptionalText, Text } from '../../common/validators';

export class PriceTierDto {
  @ApiPropertyOptional({ description: '本档上限（计量单位 × 100），最后一档不填', example: 2000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY_E2)
  uptoE2?: number;
  @ApiProperty({ description: '单价（元 × 10000）', example: 34500 }) @IsInt() @Min(0) @Max(MAX_PRICE_E4) priceE4: number;
}

/** What both create and update may carry; the kind-specific rules are shared's feeItemProblems. */
class FeeItemFields {
  @ApiPropertyOptional({ enum: PERIOD_UNITS, description: '计费周期；一次性收费不填' }) @IsOptional() @IsIn(PERIOD_UNITS) periodUnit?: PeriodUnit;
  @ApiPropertyOptional({ description: '按面积：每平方米每月单价（元 × 10000），1.80 元 = 18000', example: 18000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_E4)
  priceE4?: number;
  @ApiPropertyOptional({ type: [PriceTierDto], description: '按表计量：阶梯价格（一档即单一价格）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  tiers?: PriceTierDto[];
  @ApiPropertyOptional({ description: '按表计量：计量单位', example: 'm³' }) @OptionalText(8) meterUnit?: string;
  @ApiPropertyOptional({ description: '定额 / 一次性：金额（分）', example: 30000 }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) amountCents?: number;
  @ApiPropertyOptional({ description: '滞纳金上限：本金的百分比；不填为不设上限', example: 100 })
  @IsOptional()
  @KeepNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  lateFeeCapPercent?: number | null;
  @ApiPropertyOptional({ description: '服务等级标准', example: '一级服务标准' }) @OptionalText(100) standardName?: string;
  @ApiPropertyOptional({ description: '收费依据（批复文号或合同）', example: '物业服务合同第五条' }) @OptionalText(200) legalBasis?: string;
}

export class CreateFeeItemDto extends FeeItemFields {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiProperty({ example: '物业服务费' }) @Text(50) name: string;
  @ApiProperty({ enum: FEE_KINDS }) @IsIn(FEE_KINDS) kind: FeeKind;
  @ApiProperty({ enum: FEE_PAYERS }) @IsIn(FEE_PAYERS) payer: FeePayer;
  @ApiProperty({ description: '缴费截止日：计费周期结束后次月的第几日（1–28）', example: 15 }) @IsInt() @Min(1) @Max(28) dueDay: number;
  @ApiProperty({ description: '滞纳金日费率（百万分之一）：万分之五 = 500；0 为不收', example: 500 })
  @IsInt()
  @Min(0)
  @Max(MAX_RATE_PPM)
  lateFeeRatePpm: number;
  @ApiProperty({ description: '宽限天数', example: 15 }) @IsInt() @Min(0) @Max(366) lateFeeGraceDays: number;
  @ApiProperty({ description: '服务内容', example: '公共区域清洁、秩序维护、绿化养护、共用设施设备运行维护' }) @Text(500) serviceContent: string;
  @ApiProperty({ description: '起始日期 YYYY-MM-DD', example: '2026-01-01' }) @IsCalendarDate() startsOn: string;
}

export class UpdateFeeItemDto extends FeeItemFields {
  @ApiProperty({ description: '读到的版本号；已被他人修改时 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @OptionalText(50) name?: string;
  @ApiPropertyOptional({ enum: FEE_PAYERS }) @IsOptional() @IsIn(FEE_PAYERS) payer?: FeePayer;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(28) dueDay?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RATE_PPM) lateFeeRatePpm?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(366) lateFeeGraceDays?: number;
  @ApiPropertyOptional() @OptionalText(500) serviceContent?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() startsOn?: string;
  @ApiPropertyOptional({ description: '停用后不再出现在价目表和新账单中' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class FeeItemQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
}
