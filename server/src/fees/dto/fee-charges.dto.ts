import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { FEE_PAYERS, FeePayer, MAX_CENTS } from '@linli/shared';
import { IsCalendarDate, OptionalText, Text } from '../../common/validators';

export class AddContractDto {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
  @ApiProperty({ description: '定额收费项目（如地下车位租金）' }) @IsInt() @Min(1) feeItemId: number;
  @ApiProperty({ description: '起始日期 YYYY-MM-DD', example: '2026-10-01' }) @IsCalendarDate() startsOn: string;
  @ApiPropertyOptional({ description: '截止日期 YYYY-MM-DD；不填为长期' }) @IsOptional() @IsCalendarDate() endsOn?: string;
  @ApiPropertyOptional({ description: '备注，如车位号', example: '车位号 B-023' }) @OptionalText(100) note?: string;
}

export class EndContractDto {
  @ApiProperty({ description: '读到的版本号' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ description: '截止日期 YYYY-MM-DD（含当日）', example: '2026-12-31' }) @IsCalendarDate() endsOn: string;
}

export class CreateChargeDto {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
  @ApiPropertyOptional({ description: '一次性收费项目；不填时填写名称' }) @IsOptional() @IsInt() @Min(1) feeItemId?: number;
  @ApiPropertyOptional({ description: '收费名称（不选项目时）', example: '装修垃圾清运费' }) @OptionalText(50) name?: string;
  @ApiProperty({ description: '金额（分）', example: 20000 }) @IsInt() @Min(1) @Max(MAX_CENTS) amountCents: number;
  @ApiProperty({ description: '收费原因', example: '装修垃圾清运 2 车' }) @Text(200) reason: string;
  @ApiPropertyOptional({ enum: FEE_PAYERS, description: '不选项目时：由谁缴纳（默认业主）' }) @IsOptional() @IsIn(FEE_PAYERS) payer?: FeePayer;
}

export class FileRequestDto {
  @ApiProperty() @IsInt() @Min(1) billLineId: number;
  @ApiProperty({ enum: ['waive', 'defer'], description: 'waive 免交 / defer 缓交' }) @IsIn(['waive', 'defer']) kind: 'waive' | 'defer';
  @ApiPropertyOptional({ description: '免交：减免金额（分），不超过未缴本金' }) @IsOptional() @IsInt() @Min(1) @Max(MAX_CENTS) amountCents?: number;
  @ApiPropertyOptional({ description: '缓交：新的截止日期 YYYY-MM-DD' }) @IsOptional() @IsCalendarDate() deferUntil?: string;
  @ApiProperty({ description: '原因', example: '家庭困难，经社区证明' }) @Text(200) reason: string;
}

export class DecideRequestDto {
  @ApiProperty({ description: '读到的版本号；已被他人处理时 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ description: 'true 批准 / false 驳回' }) @IsBoolean() approve: boolean;
  @ApiPropertyOptional({ description: '审批意见（驳回时必填）' }) @OptionalText(200) note?: string;
}

export class RequestsQueryDto {
  @ApiPropertyOptional({ enum: ['pending'], description: '目前只列待审批' }) @IsOptional() @IsIn(['pending']) status?: 'pending';
}
