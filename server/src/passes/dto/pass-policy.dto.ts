import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class WorkRangeDto {
  @ApiProperty({ example: '08:00' }) @IsString() @Matches(HHMM, { message: '时间格式应为 HH:MM' }) from: string;
  @ApiProperty({ example: '12:00' }) @IsString() @Matches(HHMM, { message: '时间格式应为 HH:MM' }) to: string;
}

export class WorkHoursDto {
  @ApiProperty({ type: [Number], description: '允许施工的星期（1 = 周一 … 7 = 周日）', example: [1, 2, 3, 4, 5] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];
  @ApiProperty({ type: [WorkRangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => WorkRangeDto)
  ranges: WorkRangeDto[];
}

export class PutPassPolicyDto {
  @ApiProperty({ type: WorkHoursDto }) @ValidateNested() @Type(() => WorkHoursDto) workHours: WorkHoursDto;
  @ApiProperty({ description: '访客通行证最长天数（1–7）' }) @IsInt() @Min(1) @Max(7) visitorMaxDays: number;
  @ApiProperty({ description: '访客通行证最多通行次数（1–50）' }) @IsInt() @Min(1) @Max(50) visitorMaxEntries: number;
  @ApiProperty({ description: '租户每套房同时有效的访客通行证上限（0–20）' }) @IsInt() @Min(0) @Max(20) tenantMaxVisitorPasses: number;
  @ApiProperty({ description: '读到的版本号；小区尚无自有规则时为 0' }) @IsInt() @Min(0) version: number;
}

export class CommunityQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
}
