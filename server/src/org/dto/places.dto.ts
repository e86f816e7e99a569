import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { UpdateCommunityRequest, UpdatePlaceRequest, UpdateRoomRequest } from '@linli/shared';
import { KeepNull } from '../../common/null-as-absent';
import { IsCalendarDate, OptionalText, Text } from '../../common/validators';

const VERSION = { description: '读取时的版本号；已被他人修改时返回 409', example: 1 };

export class UpdateCommunityDto implements UpdateCommunityRequest {
  @ApiProperty(VERSION) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ example: '锦绣花园' }) @IsOptional() @Text(100) name?: string;
  @ApiPropertyOptional({ nullable: true, example: '锦绣路 88 号' }) @KeepNull() @OptionalText(255) address?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-01-15' }) @KeepNull() @IsOptional() @IsCalendarDate() handoverDate?: string | null;
  @ApiPropertyOptional({ description: 'false = 停用（住户选房时不再显示）' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdatePlaceDto implements UpdatePlaceRequest {
  @ApiProperty(VERSION) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ example: '1栋' }) @IsOptional() @Text(50) name?: string;
  @ApiPropertyOptional({ description: 'false = 停用' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateRoomDto implements UpdateRoomRequest {
  @ApiProperty(VERSION) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ example: '1201' }) @IsOptional() @Text(50) name?: string;
  @ApiPropertyOptional({ nullable: true, example: 12 }) @KeepNull() @IsOptional() @IsInt() @Min(-10) @Max(300) floor?: number | null;
  @ApiPropertyOptional({ nullable: true, description: '建筑面积 m² × 100（8956 = 89.56 m²）', example: 8956 })
  @KeepNull()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  areaCenti?: number | null;
  @ApiPropertyOptional({ nullable: true, example: '张三' }) @KeepNull() @OptionalText(50) ownerName?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '13800000001' })
  @KeepNull()
  @IsOptional()
  @Matches(/^1[3-9]\d{9}$/, { message: '「ownerPhone」必须是 11 位手机号' })
  ownerPhone?: string | null;
  @ApiPropertyOptional({ description: 'false = 停用' }) @IsOptional() @IsBoolean() active?: boolean;
}
