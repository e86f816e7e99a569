import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min, ValidateBy } from 'class-validator';
import { isPeriod } from '@linli/shared';

/** A billing period: "2026-11" or "2026-Q4", years 2000–2100. */
const IsPeriod = () => ValidateBy({ name: 'isPeriod', validator: { validate: (v) => isPeriod(v), defaultMessage: () => '账期格式应为 2026-11 或 2026-Q4' } });

export class BillRunDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) communityId: number;
  @ApiProperty({ description: '账期：2026-11（月）或 2026-Q4（季度）', example: '2026-11' }) @IsPeriod() period: string;
}

export class RoomQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) roomId: number;
}
