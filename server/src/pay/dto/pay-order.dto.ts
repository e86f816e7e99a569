import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../common/validators';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, Min } from 'class-validator';

export class CreatePayOrderDto {
  @ApiProperty({ description: '房屋（须为本人已认证的房屋）' }) @IsInt() @Min(1) roomId: number;
  @ApiPropertyOptional({ type: [Number], description: '选中的未缴账单；不填为该房屋全部可缴账单' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  billLineIds?: number[];
}

export class ReconciliationQueryDto {
  @ApiPropertyOptional({ description: '账单日期（上海时间）YYYY-MM-DD，默认昨日', example: '2026-11-02' }) @IsOptional() @IsCalendarDate() date?: string;
}
