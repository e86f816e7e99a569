import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  NOTICE_BODY_MAX,
  NOTICE_EDITABLE_KINDS,
  NOTICE_IMAGES_MAX,
  NOTICE_STATUS_LABELS,
  NOTICE_TARGET_KINDS,
  NOTICE_TARGETS_MAX,
  NOTICE_TITLE_MAX,
  OUTAGE_UTILITIES,
} from '@linli/shared';
import { IsInstant, OptionalText, Text } from '../../../common/validators';

const IdList = (max: number, what: string) =>
  applyDecorators(
    IsOptional(),
    IsArray({ message: `「${what}」必须是数组` }),
    ArrayMaxSize(max, { message: `「${what}」最多 ${max} 个` }),
    IsInt({ each: true, message: `「${what}」必须是编号` }),
    Min(1, { each: true, message: `「${what}」必须是编号` }),
    Max(2_147_483_647, { each: true, message: `「${what}」必须是编号` }),
  );

export class NoticeContentDto {
  @ApiProperty({ enum: NOTICE_EDITABLE_KINDS, description: 'notice 通知 / announcement 公告 / outage 停水停电 / safety 安全宣传' })
  @IsIn(NOTICE_EDITABLE_KINDS, { message: '通知类型不正确' })
  kind: string;
  @ApiProperty({ description: '标题（纯文本）', example: '1栋计划停电通知' }) @Text(NOTICE_TITLE_MAX) title: string;
  @ApiProperty({ description: '正文（纯文本，不解析 HTML）' }) @Text(NOTICE_BODY_MAX) body: string;
  @ApiPropertyOptional({ enum: OUTAGE_UTILITIES, description: '停水停电通知：water 水 / power 电 / gas 燃气 / tv 有线电视 / network 网络' })
  @IsOptional()
  @IsIn(OUTAGE_UTILITIES, { message: '请选择停水、停电、停气、有线电视或网络' })
  utility?: string;
  @ApiPropertyOptional({ description: '停水停电开始时间', example: '2026-12-05T09:00:00+08:00' }) @IsOptional() @IsInstant() startsAt?: string;
  @ApiPropertyOptional({ description: '停水停电结束时间（晚于开始）', example: '2026-12-05T17:00:00+08:00' }) @IsOptional() @IsInstant() endsAt?: string;
  @ApiProperty({ enum: NOTICE_TARGET_KINDS, description: 'community 全小区 / building 楼栋 / unit 单元' })
  @IsIn(NOTICE_TARGET_KINDS, { message: '发布范围不正确' })
  targetKind: string;
  @ApiPropertyOptional({ type: [Number], description: '楼栋或单元编号（targetKind 为 building / unit 时）' })
  @IdList(NOTICE_TARGETS_MAX, 'targetIds')
  targetIds?: number[];
  @ApiPropertyOptional({ type: [Number], description: `图片（先上传到 /api/uploads，最多 ${NOTICE_IMAGES_MAX} 张）` })
  @IdList(NOTICE_IMAGES_MAX, 'imageIds')
  imageIds?: number[];
  @ApiPropertyOptional({ description: '置顶' }) @IsOptional() @IsBoolean({ message: '「pinned」必须是布尔值' }) pinned?: boolean;
}

export class CreateNoticeDto extends NoticeContentDto {
  @ApiProperty({ description: '小区' }) @IsInt() @Min(1) @Max(2_147_483_647) communityId: number;
}

export class UpdateNoticeDto extends NoticeContentDto {
  @ApiProperty({ description: '读到的版本号；已变更时 409' }) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class PublishNoticeDto {
  @ApiProperty({ description: '读到的版本号；已变更时 409' }) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  @ApiPropertyOptional({ description: '定时发布时间（不填：立即发布）', example: '2026-12-04T08:00:00+08:00' }) @IsOptional() @IsInstant() publishAt?: string;
}

export class VersionDto {
  @ApiProperty({ description: '读到的版本号；已变更时 409' }) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class PinNoticeDto extends VersionDto {
  @ApiProperty({ description: 'true 置顶 / false 取消置顶' }) @IsBoolean({ message: '「pinned」必须是布尔值' }) pinned: boolean;
}

export class StaffNoticesQueryDto {
  @ApiPropertyOptional({ description: '小区（不填：所辖全部小区）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  communityId?: number;
  @ApiPropertyOptional({ enum: Object.keys(NOTICE_STATUS_LABELS), description: '状态' })
  @IsOptional()
  @IsIn(Object.keys(NOTICE_STATUS_LABELS), { message: '状态不正确' })
  status?: string;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–50）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class FeedQueryDto {
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '条数（1–50，首页用 3）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class FromDisclosureDto {
  @ApiProperty({ description: '小区' }) @IsInt() @Min(1) @Max(2_147_483_647) communityId: number;
  @ApiProperty({ description: '月份 YYYY-MM', example: '2026-11' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' }) month: string;
}

export class FromIncomeDto {
  @ApiProperty({ description: '已公示的公共收益（季度）编号' }) @IsInt() @Min(1) @Max(2_147_483_647) publicIncomeId: number;
}
