import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  COMPLAINT_CLASSES,
  COMPLAINT_INBOXES,
  COMPLAINT_KINDS,
  ComplaintActionRequest,
  ComplaintCategory,
  ComplaintClass,
  ComplaintInbox,
  ComplaintKind,
  ComplaintListQuery,
  ComplaintOwnersQuery,
  ComplaintStatus,
  CreateComplaintRequest,
  STAFF_INTAKE_CHANNELS,
  StaffIntakeChannel,
  StaffIntakeComplaintRequest,
} from '@linli/shared';
import { IsCalendarDate, IsInstant, OptionalText, Text } from '../../../common/validators';

const KINDS = [...COMPLAINT_KINDS];
const CATEGORIES = Object.values(ComplaintCategory);
const CLASSES = [...COMPLAINT_CLASSES];

/** POST /api/complaints (resident; Idempotency-Key honoured) */
export class CreateComplaintDto implements CreateComplaintRequest {
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: ComplaintKind;
  /** required for complaints and suggestions */
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: ComplaintCategory;
  @ApiProperty() @Text(1000) text: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsInt({ each: true }) photoIds?: number[];
  /** one of the caller's approved rooms … */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) roomId?: number;
  /** … or a community where the caller holds a room (about a common area, the neighbourhood, …) */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) communityId?: number;
  /** where in the community (with communityId) */
  @ApiPropertyOptional() @IsOptional() @Text(100) place?: string;
  @ApiPropertyOptional({ description: '需要书面答复（3 个工作日内）' }) @IsOptional() @IsBoolean() writtenReplyWanted?: boolean;
  @ApiPropertyOptional({ description: '匿名：只有处理链上的客服、主管能看到姓名、电话和房号（投诉：不向被投诉人员显示我的姓名）' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}

/** POST /api/staff/complaints — hotline / front desk / visit / suggestion box / email / return-visit intake; paper back-fill with receivedAt */
export class StaffIntakeComplaintDto implements StaffIntakeComplaintRequest {
  @ApiProperty({ enum: STAFF_INTAKE_CHANNELS }) @IsIn(STAFF_INTAKE_CHANNELS) channel: StaffIntakeChannel;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: ComplaintKind;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: ComplaintCategory;
  @ApiProperty() @Text(1000) text: string;
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) roomId?: number;
  @ApiPropertyOptional() @IsOptional() @Text(100) place?: string;
  @ApiPropertyOptional() @IsOptional() @Text(50) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/) contactPhone?: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsInt({ each: true }) photoIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() writtenReplyWanted?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() anonymous?: boolean;
  /** paper back-fill: when the resident really handed it in (earlier than now, never in the future) */
  @ApiPropertyOptional({ description: '纸质补录：实际受理时间（ISO），不晚于现在，不早于 BACKFILL_MAX_DAYS 天前（默认 30）' })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;
  /** classify at once (complaints) */
  @ApiPropertyOptional({ enum: CLASSES }) @IsOptional() @IsIn(CLASSES) complaintClass?: ComplaintClass;
  /** with complaintClass: the explicit owner; why the class differs from the category's suggestion */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) ownerId?: number;
  @ApiPropertyOptional() @IsOptional() @Text(200) reason?: string;
}

/** POST /api/complaints/:id/actions/:action — `version` guards races (409); each action reads its own fields. */
export class ComplaintActionDto implements ComplaintActionRequest {
  @ApiProperty() @IsInt() @Min(1) version: number;
  /** classify / reclassify */
  @ApiPropertyOptional({ enum: CLASSES }) @IsOptional() @IsIn(CLASSES) complaintClass?: ComplaintClass;
  /** classify / reclassify: the owner instead of the automatic pick */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) ownerId?: number;
  /** reassign / appoint_coordinator */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) assigneeId?: number;
  /** classify against the suggestion, reclassify, reassign, reopen, cancel */
  @ApiPropertyOptional() @IsOptional() @Text(200) reason?: string;
  /** reply / follow_up / record_developer_contact (what was agreed) / issue_notice (what the developer is asked to do) / record_authority_report / appoint_coordinator (a note) */
  @ApiPropertyOptional() @IsOptional() @Text(2000) content?: string;
  /** reply: this is the written reply (书面答复) */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() written?: boolean;
  /** reply / follow_up attachments */
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsInt({ each: true }) photoIds?: number[];
  /** follow_up: the resident now asks for a written reply */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() writtenReplyWanted?: boolean;
  /** record_developer_contact: who at the developer, and when (default now) */
  @ApiPropertyOptional() @IsOptional() @Text(100) contactPerson?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() contactedAt?: string;
  /** issue_notice: to whom (default: the developer of the community) */
  @ApiPropertyOptional() @IsOptional() @Text(100) addressee?: string;
  /** record_authority_report: which authority, and when (default now) */
  @ApiPropertyOptional() @IsOptional() @Text(100) authority?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() reportedAt?: string;
  /** resolve */
  @ApiPropertyOptional() @IsOptional() @Text(2000) measures?: string;
  /** set_resolution_due; issue_notice (optional: the developer answers by then): YYYY-MM-DD (Asia/Shanghai), due at its 24:00 */
  @ApiPropertyOptional({ example: '2026-11-27' }) @IsOptional() @IsCalendarDate() dueDate?: string;
  /** rate */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5) rating?: number;
  @ApiPropertyOptional() @OptionalText(500) comment?: string;
  /** return_visit */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() satisfied?: boolean;
  @ApiPropertyOptional() @OptionalText(500) notes?: string;
}

const boolQuery = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

/** GET /api/staff/complaints, GET /api/complaints/mine */
export class ComplaintListQueryDto implements ComplaintListQuery {
  /** agent: class 1 and unclassified (suggestions, inquiries, praise included); supervisor: class 2; manager: class 3 and everything overdue */
  @ApiPropertyOptional({ enum: COMPLAINT_INBOXES }) @IsOptional() @IsIn(COMPLAINT_INBOXES) inbox?: ComplaintInbox;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: ComplaintKind;
  /** 1 | 2 | 3, or `none` for not (yet) classified */
  @ApiPropertyOptional({ enum: ['1', '2', '3', 'none'] }) @IsOptional() @IsIn(['1', '2', '3', 'none']) class?: '1' | '2' | '3' | 'none';
  @ApiPropertyOptional() @IsOptional() @IsIn([...Object.values(ComplaintStatus), 'open', 'closed']) status?: ComplaintStatus | 'open' | 'closed';
  @ApiPropertyOptional() @IsOptional() @Transform(boolQuery) @IsBoolean() breached?: boolean;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() communityId?: number;
  /** only what I own or coordinate */
  @ApiPropertyOptional() @IsOptional() @Transform(boolQuery) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class OwnerCandidatesQueryDto implements ComplaintOwnersQuery {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional({ enum: ['agent', 'supervisor', 'manager'] }) @IsOptional() @IsIn(['agent', 'supervisor', 'manager']) role?:
    'agent' | 'supervisor' | 'manager';
}
