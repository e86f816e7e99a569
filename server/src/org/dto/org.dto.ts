import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ArrayMaxSize } from 'class-validator';
import { CreateBuildingRequest, CreateCommunityRequest, CreateRoomRequest, CreateStaffRequest, CreateUnitRequest, STAFF_ROLES } from '@linli/shared';
import { IsCalendarDate, OptionalText, Text } from '../../common/validators';

export class CreateCommunityDto implements CreateCommunityRequest {
  @ApiProperty({ example: '锦绣花园' }) @Text(100) name: string;
  @ApiProperty({ example: 'JXHY', description: '英文字母或数字，用于单号' }) @IsString() @Matches(/^[A-Z0-9]{2,16}$/) code: string;
  @ApiPropertyOptional() @OptionalText(255) address?: string;
  @ApiPropertyOptional({ example: '2026-01-15' }) @IsOptional() @IsCalendarDate() handoverDate?: string;
}

export class CreateBuildingDto implements CreateBuildingRequest {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiProperty({ example: '1栋' }) @Text(50) name: string;
}

export class CreateUnitDto implements CreateUnitRequest {
  @ApiProperty() @IsInt() @Min(1) buildingId: number;
  @ApiProperty({ example: '1单元' }) @Text(50) name: string;
}

export class CreateRoomDto implements CreateRoomRequest {
  @ApiProperty() @IsInt() @Min(1) unitId: number;
  @ApiProperty({ example: '1201' }) @Text(50) name: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-10) @Max(300) floor?: number;
  @ApiPropertyOptional({ description: '建筑面积 m² × 100' }) @IsOptional() @IsInt() @Min(0) @Max(100_000_00) areaCenti?: number;
  @ApiPropertyOptional() @OptionalText(50) ownerName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^1[3-9]\d{9}$/) ownerPhone?: string;
}

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty() @Matches(/^[a-zA-Z0-9_.-]{3,64}$/) username: string;
  @ApiProperty() @IsString() @MinLength(8) @MaxLength(72) password: string;
  @ApiProperty() @Text(50) name: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) @IsArray() @ArrayMaxSize(7) @IsIn(STAFF_ROLES as string[], { each: true }) roles: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(/^1[3-9]\d{9}$/) phone?: string;
  @ApiProperty({ type: [Number] }) @IsArray() @IsInt({ each: true }) communityIds: number[];
}

export class SetStaffActiveDto {
  @ApiProperty() @IsBoolean() active: boolean;
}
