import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  Channel,
  CreateRepairRequest,
  Emergency,
  HoldReason,
  RepairActionRequest,
  RepairCategory,
  RepairStatus,
  RepairTier,
  StaffIntakeRepairRequest,
} from '@linli/shared';
import { IsCalendarDate, IsInstant, NotBefore, OptionalText, Text } from '../../../common/validators';

const CATEGORIES = Object.values(RepairCategory);
const EMERGENCIES = Object.values(Emergency);
const TIERS = Object.values(RepairTier);

export class CreateRepairDto implements CreateRepairRequest {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category: RepairCategory;
  @ApiPropertyOptional({ enum: EMERGENCIES }) @IsOptional() @IsIn(EMERGENCIES) emergency?: Emergency | null;
  @ApiProperty() @Text(500) description: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) roomId?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) communityId?: number;
  @ApiPropertyOptional() @IsOptional() @Text(100) publicLocation?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() preferredFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() @NotBefore('preferredFrom') preferredTo?: string;
  @ApiPropertyOptional() @IsOptional() @Text(50) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^1[3-9]\d{9}$/) contactPhone?: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsInt({ each: true }) photoIds?: number[];
}

const INTAKE_CHANNELS = ['hotline', 'front_desk', 'visit'] as const;

export class StaffIntakeRepairDto implements StaffIntakeRepairRequest {
  @ApiProperty({ enum: INTAKE_CHANNELS }) @IsIn(INTAKE_CHANNELS) channel: Exclude<Channel, 'miniapp'>;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category: RepairCategory;
  @ApiPropertyOptional({ enum: EMERGENCIES }) @IsOptional() @IsIn(EMERGENCIES) emergency?: Emergency | null;
  @ApiProperty() @Text(500) description: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) roomId?: number;
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional() @IsOptional() @Text(100) publicLocation?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() preferredFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() @NotBefore('preferredFrom') preferredTo?: string;
  @ApiProperty() @Text(50) contactName: string;
  @ApiProperty() @Matches(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/) contactPhone: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsInt({ each: true }) photoIds?: number[];
  @ApiPropertyOptional({ enum: TIERS, description: '立即受理并设定等级' }) @IsOptional() @IsIn(TIERS) tier?: RepairTier;
}

export class ChargeLineDto {
  @ApiProperty() @IsInt() @Min(1) priceItemId: number;
  @ApiProperty() @IsInt() @Min(1) @Max(999) quantity: number;
}

export class RepairActionDto implements RepairActionRequest {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ enum: TIERS }) @IsOptional() @IsIn(TIERS) tier?: RepairTier;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) technicianId?: number;
  @ApiPropertyOptional() @IsOptional() @Text(200) reason?: string;
  @ApiPropertyOptional({ description: '上门时间：不早于现在，不晚于 VISIT_MAX_DAYS 天后（默认 30）' }) @IsOptional() @IsInstant() visitAt?: string;
  @ApiPropertyOptional({ enum: Object.values(HoldReason) }) @IsOptional() @IsIn(Object.values(HoldReason)) holdReason?: HoldReason;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() freeOfCharge?: boolean;
  @ApiPropertyOptional({ type: [ChargeLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ChargeLineDto)
  lines?: ChargeLineDto[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsInt({ each: true }) photoIds?: number[];
  @ApiPropertyOptional() @OptionalText(500) notes?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5) rating?: number;
  @ApiPropertyOptional() @OptionalText(500) comment?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() satisfied?: boolean;
}

const boolQuery = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class RepairListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsIn([...Object.values(RepairStatus), 'open', 'closed']) status?: RepairStatus | 'open' | 'closed';
  @ApiPropertyOptional({ enum: TIERS }) @IsOptional() @IsIn(TIERS) tier?: RepairTier;
  @ApiPropertyOptional() @IsOptional() @Transform(boolQuery) @IsBoolean() breached?: boolean;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() assigneeId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() communityId?: number;
  @ApiPropertyOptional({ example: '2026-11-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @IsCalendarDate() @NotBefore('from') to?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['inbox', 'newest']) sort?: 'inbox' | 'newest';
  @ApiPropertyOptional() @IsOptional() @Transform(boolQuery) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class PriceItemDto {
  @ApiProperty({ example: '更换水龙头' }) @Text(100) name: string;
  @ApiProperty({ example: '个' }) @Text(20) unit: string;
  @ApiProperty({ description: '单价（分）', example: 8000 }) @IsInt() @Min(0) @Max(10_000_000) priceCents: number;
}

export class UpdatePriceItemDto {
  @ApiPropertyOptional({ description: '价目表中的 version；已被他人修改时 409' }) @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @Text(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @Text(20) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) priceCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
