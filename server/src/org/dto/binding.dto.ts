import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BindingStatus, ConsentBindingRequest, CreateBindingRequest, DecideBindingRequest, MAX_LEASE_PHOTOS, Relation } from '@linli/shared';
import { OptionalText, Text } from '../../common/validators';

export class CreateBindingDto implements CreateBindingRequest {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
  @ApiProperty({ enum: Object.values(Relation) }) @IsIn(Object.values(Relation)) relation: Relation;
  @ApiProperty({ example: '张三' }) @Text(50) name: string;
  @ApiPropertyOptional({ type: [Number], maxItems: MAX_LEASE_PHOTOS, description: '仅租户：租赁合同照片（本人上传的 /api/uploads），审核人员可见' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LEASE_PHOTOS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  leaseUploadIds?: number[];
}

export class ConsentBindingDto implements ConsentBindingRequest {
  @ApiProperty({ description: '列表中看到的版本号；已被处理时返回 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ description: 'true 同意（绑定生效），false 不同意（绑定被驳回）' }) @IsBoolean() agree: boolean;
}

export class DecideBindingDto implements DecideBindingRequest {
  @ApiProperty({ description: '列表中看到的版本号；已被他人处理时返回 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @OptionalText(200) reason?: string;
}

/** Not a subclass of DecideBindingDto: class-validator would inherit its @IsOptional() on `reason`. */
export class RejectBindingDto implements DecideBindingRequest {
  @ApiProperty({ description: '列表中看到的版本号；已被他人处理时返回 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ example: '业主信息不符', description: '驳回原因，住户可见' }) @Text(200) reason: string;
}

export class BindingQueryDto {
  @ApiPropertyOptional({ enum: Object.values(BindingStatus) }) @IsOptional() @IsIn(Object.values(BindingStatus)) status?: BindingStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() communityId?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ResidentQueryDto {
  @ApiPropertyOptional({ description: '姓名、手机号或房号（如 1201 或 1栋1单元101）' }) @IsOptional() @IsString() @MaxLength(50) q?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() communityId?: number;
}
