import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { PARKING_TERMS, PARKING_VEHICLES, ParkingTerm, ParkingVehicle } from '@linli/shared';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ApplyParkingDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) roomId: number;
  @ApiProperty({ example: '粤B12345', description: '车牌号（含 8 位新能源号牌）' }) @IsString() @MaxLength(20) plate: string;
  @ApiProperty({ enum: PARKING_VEHICLES }) @IsIn(PARKING_VEHICLES, { message: '请选择汽车或摩托车' }) vehicle: ParkingVehicle;
  @ApiProperty({ enum: PARKING_TERMS }) @IsIn(PARKING_TERMS, { message: '请选择月卡或季卡' }) term: ParkingTerm;
  @ApiProperty({ example: '2026-12-05' }) @IsString() @Matches(DATE, { message: '开始日期格式应为 YYYY-MM-DD' }) startsOn: string;
  @ApiProperty({ description: '车辆保险单（先通过 /api/uploads 上传，图片或 PDF）' }) @Type(() => Number) @IsInt() @Min(1) insuranceUploadId: number;
  @ApiProperty({ example: '2027-06-30', description: '保险到期日，须覆盖停车证有效期' })
  @IsString()
  @Matches(DATE, { message: '保险到期日格式应为 YYYY-MM-DD' })
  insuranceUntil: string;
}

export class VersionDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) version: number;
}

export class ReturnPassDto extends VersionDto {
  @ApiProperty({ description: '退回原因' }) @IsString() @MinLength(2) @MaxLength(200) reason: string;
}

export class CommunityPlateQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty({ example: '粤B12345' }) @IsString() @MaxLength(20) plate: string;
}

export class CommunityQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
}

export class OptionalCommunityQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
}
