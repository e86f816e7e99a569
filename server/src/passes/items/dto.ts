import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { VersionDto } from '../parking/dto';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class ReleaseItemDto {
  @ApiProperty({ example: '沙发' }) @IsString() @MinLength(1) @MaxLength(30) name: string;
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(999) quantity: number;
}

export class ApplyItemReleaseDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) roomId: number;
  @ApiProperty({ type: [ReleaseItemDto] })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少填写 1 项物品' })
  @ArrayMaxSize(20, { message: '最多 20 项物品' })
  @ValidateNested({ each: true })
  @Type(() => ReleaseItemDto)
  items: ReleaseItemDto[];
  @ApiProperty({ example: '2026-12-05' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' }) date: string;
  @ApiProperty({ example: '09:00' }) @IsString() @Matches(HHMM, { message: '时间格式应为 HH:MM' }) from: string;
  @ApiProperty({ example: '11:00' }) @IsString() @Matches(HHMM, { message: '时间格式应为 HH:MM' }) to: string;
}

export class ConsentItemDto extends VersionDto {
  @ApiProperty() @IsBoolean() agree: boolean;
  @ApiPropertyOptional({ description: '不同意的原因' }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class ApproveItemDto extends VersionDto {
  @ApiPropertyOptional({ description: '房屋有逾期欠费时，主管放行的原因（记入时间线）' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  overrideReason?: string;
}
