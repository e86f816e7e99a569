import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min, ValidateBy } from 'class-validator';
import { isMonth, isPeriod } from '@linli/shared';

const IsMonth = () => ValidateBy({ name: 'isMonth', validator: { validate: (v) => isMonth(v), defaultMessage: () => '月份格式应为 2026-11' } });
const IsPeriod = () => ValidateBy({ name: 'isPeriod', validator: { validate: (v) => isPeriod(v), defaultMessage: () => '账期格式应为 2026-11 或 2026-Q4' } });

export class StatementQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty({ description: '月份（上海时间）', example: '2026-11' }) @IsMonth() month: string;
}

export class ArrearsQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty({ description: '收缴率的账期，默认本月', example: '2026-11', required: false }) @IsOptional() @IsPeriod() period?: string;
}

export class ArrearsRoomsQueryDto extends ArrearsQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) buildingId: number;
}

export class ArrearsRemindDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) buildingId: number;
}
