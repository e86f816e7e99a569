import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { VISITOR_MAX_DAYS } from '@linli/shared';
import { IsCalendarDate, IsInstant, OptionalText, Text } from '../../common/validators';

export class CreateVisitorPassDto {
  @ApiProperty({ description: '已绑定的房屋' }) @IsInt() @Min(1) roomId: number;
  @ApiProperty({ description: '访客姓名', example: '王小明' }) @Text(50) visitorName: string;
  @ApiPropertyOptional({ description: '访客手机号', example: '13900001111' })
  @OptionalText(20)
  @Matches(/^\+?[\d\s-]{7,20}$/, { message: '手机号格式不正确' })
  visitorPhone?: string;
  @ApiPropertyOptional({ description: '车牌号（驾车来访时）', example: '粤B12345' }) @OptionalText(20) plate?: string;
  @ApiProperty({ description: '开始日期 YYYY-MM-DD（上海时间，不早于今天）', example: '2026-12-03' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ description: `天数（1–${VISITOR_MAX_DAYS}，不超过小区规定）` }) @IsInt() @Min(1) @Max(VISITOR_MAX_DAYS) days: number;
  @ApiProperty({ description: '可通行次数（进入次数，不超过小区规定）' }) @IsInt() @Min(1) @Max(50) entries: number;
}

export class CreateResidentPassDto {
  @ApiProperty({ description: '已绑定的房屋' }) @IsInt() @Min(1) roomId: number;
}

export class MinePassesQueryDto {
  @ApiProperty({ description: '房屋' }) @Type(() => Number) @IsInt() @Min(1) roomId: number;
}

export class RevokePassDto {
  @ApiProperty({ description: '读到的版本号；已变更时 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: '作废原因' }) @OptionalText(200) reason?: string;
}

export class VerifyPassDto {
  @ApiProperty({ description: '二维码内容 LP1.<id>.<step>.<mac>', example: 'LP1.1.59000000.AAAAAAAAAAAAAAAA' })
  @IsString({ message: '二维码内容必须是文本' })
  @MaxLength(200, { message: '二维码内容太长' })
  code: string;
  @ApiProperty({ enum: ['in', 'out'], description: 'in 进 / out 出' }) @IsIn(['in', 'out'], { message: '方向只能是 in 或 out' }) direction: 'in' | 'out';
  @ApiPropertyOptional({ description: '岗亭 / 门岗名称', example: '东门' }) @OptionalText(32) gate?: string;
}

export class ScansQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional({ description: '门岗' }) @OptionalText(32) gate?: string;
  @ApiPropertyOptional({ description: '保安（核验人）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) guardId?: number;
  @ApiPropertyOptional({ description: '1：只看手工登记', enum: ['1', '0'] }) @IsOptional() @IsIn(['1', '0']) manual?: string;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ManualScanDto {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiPropertyOptional({ description: '门岗' }) @OptionalText(32) gate?: string;
  @ApiProperty({ enum: ['in', 'out'] }) @IsIn(['in', 'out'], { message: '方向只能是 in 或 out' }) direction: 'in' | 'out';
  @ApiProperty({ description: '来人姓名', example: '王小明' }) @Text(50) name: string;
  @ApiProperty({ description: '去往房号', example: '1栋1单元101' }) @Text(60) room: string;
  @ApiPropertyOptional({ description: '备注（事由、证件等）' }) @OptionalText(200) note?: string;
  @ApiProperty({ description: '客户端生成的唯一编号（重复同步不会重复登记）', example: 'g7-1733200000000-1' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{6,64}$/, { message: 'clientRef 格式不正确' })
  clientRef: string;
  @ApiProperty({ description: '离线登记的时间 ISO', example: '2026-12-03T10:00:00+08:00' }) @IsInstant() clientAt: string;
}
