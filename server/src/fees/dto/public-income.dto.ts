import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isQuarter, MAX_CENTS, MAX_PUBLIC_INCOME_ROWS, PUBLIC_INCOME_CATEGORIES, PUBLIC_INCOME_NOTE_MAX, PublicIncomeCategory } from '@linli/shared';
import { trimText } from '../../common/validators';

const IsQuarter = () => ValidateBy({ name: 'isQuarter', validator: { validate: (v) => isQuarter(v), defaultMessage: () => '季度格式应为 2026-Q4' } });

export class PublicIncomeRowDto {
  @ApiProperty({ enum: PUBLIC_INCOME_CATEGORIES }) @IsIn(PUBLIC_INCOME_CATEGORIES) category: PublicIncomeCategory;
  @ApiProperty({ description: '收入（分）', example: 1200000 }) @IsInt() @Min(0) @Max(MAX_CENTS) incomeCents: number;
  @ApiProperty({ description: '支出 / 使用（分）', example: 300000 }) @IsInt() @Min(0) @Max(MAX_CENTS) expenseCents: number;
  @ApiProperty({ description: '来源与用途说明', example: '电梯广告 6 部；用于单元门禁维修' })
  @Transform(({ value }) => trimText(value ?? ''))
  @IsString()
  @MaxLength(PUBLIC_INCOME_NOTE_MAX, { message: `说明最多 ${PUBLIC_INCOME_NOTE_MAX} 个字` })
  note: string;
}

class RowsField {
  @ApiProperty({ type: [PublicIncomeRowDto] })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少填写一项收益' })
  @ArrayMaxSize(MAX_PUBLIC_INCOME_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PublicIncomeRowDto)
  rows: PublicIncomeRowDto[];
}

export class CreatePublicIncomeDto extends RowsField {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiProperty({ description: '季度', example: '2026-Q4' }) @IsQuarter() quarter: string;
}

export class UpdatePublicIncomeDto {
  @ApiProperty({ description: '读到的版本号；已被他人修改时 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: '季度', example: '2026-Q4' }) @IsOptional() @IsQuarter() quarter?: string;
  @ApiPropertyOptional({ type: [PublicIncomeRowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: '请至少填写一项收益' })
  @ArrayMaxSize(MAX_PUBLIC_INCOME_ROWS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PublicIncomeRowDto)
  rows?: PublicIncomeRowDto[];
}

export class VersionDto {
  @ApiProperty({ description: '读到的版本号；已被他人修改时 409' }) @IsInt() @Min(1) version: number;
}
