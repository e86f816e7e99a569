import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PERMIT_MAX_WORKERS, PermitStatus } from '@linli/shared';
import { IsCalendarDate, OptionalText, Text } from '../../common/validators';

export class PermitWorkerDto {
  @ApiProperty({ description: '工人姓名' }) @Text(30) name: string;
  /** checked (18 characters, birth date, check character) and masked by the service: never stored, logged or echoed */
  @ApiProperty({ description: '身份证号（18 位，仅保存打码后的号码）', example: '110101198506154562' })
  @IsString()
  @MaxLength(24)
  idNumber: string;
}

export class ApplyPermitDto {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
  @ApiProperty({ description: '装修单位 / 负责人' }) @Text(60) contractorName: string;
  @ApiProperty({ description: '装修负责人手机号', example: '13900001111' }) @Text(20) contractorPhone: string;
  @ApiPropertyOptional({ description: '装修内容' }) @OptionalText(500) description?: string;
  @ApiProperty({ description: '开始日期（含）YYYY-MM-DD', example: '2026-12-07' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ description: '结束日期（含）YYYY-MM-DD，最长 180 天', example: '2026-12-31' }) @IsCalendarDate() endsOn: string;
  @ApiProperty({ type: [PermitWorkerDto], description: `施工人员（1–${PERMIT_MAX_WORKERS} 人）` })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少填写一名施工人员' })
  @ArrayMaxSize(PERMIT_MAX_WORKERS, { message: `施工人员最多 ${PERMIT_MAX_WORKERS} 人，请分次申请` })
  @ValidateNested({ each: true })
  @Type(() => PermitWorkerDto)
  workers: PermitWorkerDto[];
}

export class PermitVersionDto {
  @ApiProperty({ description: '读到的版本号' }) @IsInt() @Min(1) version: number;
}

export class PermitReasonDto extends PermitVersionDto {
  @ApiProperty({ description: '原因（退回、作废时必填）' }) @Text(200) reason: string;
}

export class PermitRevokeDto extends PermitVersionDto {
  @ApiPropertyOptional({ description: '原因（员工作废时必填）' }) @OptionalText(200) reason?: string;
}

const STATUSES = Object.values(PermitStatus);

export class PermitListQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: '按状态筛选（员工默认全部）' }) @IsOptional() @IsIn(STATUSES) status?: PermitStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
