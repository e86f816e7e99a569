import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ArrayMaxSize, ArrayMinSize } from 'class-validator';
import {
  CreateBuildingRequest,
  CreateCommunityRequest,
  CreateRoomRequest,
  CreateStaffRequest,
  CreateUnitRequest,
  STAFF_ROLES,
  UpdateStaffRequest,
} from '@linli/shared';
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

const USERNAME_MSG = '用户名为 3–64 位字母、数字或 _ . -';
const PHONE_MSG = '手机号格式不正确';
const ROLES_MSG = '请至少选择一个角色';

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({ example: 'agent3' }) @Matches(/^[a-zA-Z0-9_.-]{3,64}$/, { message: USERNAME_MSG }) username: string;
  @ApiPropertyOptional({ description: '初始密码；不填时由系统生成并在响应中返回一次（initialPassword）。首次登录须修改' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(72)
  password?: string;
  @ApiProperty({ example: '刘客服' }) @Text(50) name: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: ROLES_MSG })
  @ArrayMaxSize(7)
  @IsIn(STAFF_ROLES as string[], { each: true })
  roles: string[];
  @ApiPropertyOptional({ example: '13900001111' }) @IsOptional() @Matches(/^1[3-9]\d{9}$/, { message: PHONE_MSG }) phone?: string;
  @ApiProperty({ type: [Number] }) @IsArray() @ArrayMaxSize(200) @IsInt({ each: true }) communityIds: number[];
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @ApiPropertyOptional({ description: '员工列表中的 version；已被他人修改时 409' }) @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @Text(50) name?: string;
  @ApiPropertyOptional({ description: '空字符串表示清除' }) @IsOptional() @Matches(/^(1[3-9]\d{9})?$/, { message: PHONE_MSG }) phone?: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: ROLES_MSG })
  @ArrayMaxSize(7)
  @IsIn(STAFF_ROLES as string[], { each: true })
  roles?: string[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsInt({ each: true }) communityIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class StaffQueryDto {
  @ApiPropertyOptional({ description: '姓名、用户名（包含）或完整手机号' }) @IsOptional() @IsString() @MaxLength(50) q?: string;
}
