import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  ComplaintCategory,
  CreateCustomerVisitRequest,
  RecordNewResidentVisitRequest,
  RepairCategory,
  VISIT_ISSUE_KINDS,
  VISIT_MODES,
  VISIT_RESULTS,
  VisitIssueInput,
  VisitIssueKind,
  VisitIssueTicketRequest,
  VisitMode,
  VisitResult,
} from '@linli/shared';
import { IsInstant, OptionalText, Text } from '../../../common/validators';

const CATEGORIES = Object.values(RepairCategory);
const COMPLAINT_CATEGORIES = Object.values(ComplaintCategory);

export class RecordNewResidentVisitDto implements RecordNewResidentVisitRequest {
  @ApiProperty({ description: '读到的版本号' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: VISIT_RESULTS, description: '满意 / 不满意 / 未接通' }) @IsIn(VISIT_RESULTS) result: VisitResult;
  @ApiPropertyOptional() @OptionalText(500) notes?: string;
}

export class VisitIssueDto implements VisitIssueInput {
  @ApiProperty({ enum: VISIT_ISSUE_KINDS, description: '报修 / 投诉' }) @IsIn(VISIT_ISSUE_KINDS) kind: VisitIssueKind;
  @ApiProperty() @Text(500) text: string;
}

export class CreateCustomerVisitDto implements CreateCustomerVisitRequest {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional({ description: '房屋（随机访谈可不填）' }) @IsOptional() @IsInt() @Min(1) roomId?: number;
  @ApiPropertyOptional({ description: '受访住户称呼' }) @OptionalText(50) householdName?: string;
  @ApiProperty({ enum: VISIT_MODES, description: '电话 / 上门 / 随机' }) @IsIn(VISIT_MODES) mode: VisitMode;
  @ApiPropertyOptional({ description: '经理深度访谈（仅经理）' }) @IsOptional() @IsBoolean() deep?: boolean;
  @ApiPropertyOptional({ description: '访谈时间（ISO，默认现在，不晚于现在）' }) @IsOptional() @IsInstant() visitedAt?: string;
  @ApiPropertyOptional() @OptionalText(1000) notes?: string;
  @ApiPropertyOptional({ type: [VisitIssueDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => VisitIssueDto)
  issues?: VisitIssueDto[];
}

export class VisitIssueTicketDto implements VisitIssueTicketRequest {
  @ApiPropertyOptional({ enum: CATEGORIES, description: '报修类别（默认 其他）' }) @IsOptional() @IsIn(CATEGORIES) category?: RepairCategory;
  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORIES, description: '投诉类别（默认 其他）' })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORIES)
  complaintCategory?: ComplaintCategory;
  @ApiPropertyOptional({ description: '联系人（默认房屋登记的业主）' }) @OptionalText(50) contactName?: string;
  @ApiPropertyOptional({ description: '联系电话（默认房屋登记的业主电话）' })
  @IsOptional()
  @Matches(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/)
  contactPhone?: string;
}

export class NewResidentVisitQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
  @ApiPropertyOptional({ enum: ['open', 'overdue', 'done'], description: '待回访（默认，最早到期在前）/ 已超时 / 已回访' })
  @IsOptional()
  @IsIn(['open', 'overdue', 'done'])
  status?: 'open' | 'overdue' | 'done';
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class CustomerVisitQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class VisitCoverageQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional({ description: '年份（默认今年，上海时间）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor（未访谈住户列表）' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
