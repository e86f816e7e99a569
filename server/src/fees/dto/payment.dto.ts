import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { CASHIER_METHODS, isTaxId, MAX_CENTS, PaymentMethod } from '@linli/shared';
import { IsCalendarDate, OptionalText, Text } from '../../common/validators';

const IsTaxId = () =>
  ValidateBy({
    name: 'isTaxId',
    validator: { validate: (v) => typeof v === 'string' && isTaxId(v), defaultMessage: () => '税号应为 15、18 或 20 位大写字母和数字' },
  });

export class CreatePaymentDto {
  @ApiProperty() @IsInt() @Min(1) roomId: number;
  @ApiProperty({ enum: CASHIER_METHODS, description: '现金 cash / POS 刷卡 pos / 银行转账 transfer' }) @IsIn(CASHIER_METHODS) method: PaymentMethod;
  @ApiProperty({ description: '实收金额（分）', example: 32242 }) @IsInt() @Min(1) @Max(MAX_CENTS) amountCents: number;
  @ApiProperty({ description: '收银台显示的应收合计（分）：滞纳金已变化时 409 并返回新合计', example: 32242 })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  expectedTotalCents: number;
  @ApiPropertyOptional({ type: [Number], description: '选中的账单行；不填为该房屋全部未缴账单' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  billLineIds?: number[];
  @ApiPropertyOptional({ description: '交款人', example: '张三' }) @OptionalText(50) payerName?: string;
  @ApiPropertyOptional({ description: '发票抬头（交财务开票）', example: '上海某某科技有限公司' }) @OptionalText(100) invoiceTitle?: string;
  @ApiPropertyOptional({ description: '纳税人识别号：15/18/20 位大写字母和数字', example: '91310000MA1FL8XQ3B' })
  @IsOptional()
  @IsTaxId()
  invoiceTaxId?: string;
  @ApiPropertyOptional({ description: '备注' }) @OptionalText(200) note?: string;
}

export class PaymentListQueryDto {
  @ApiPropertyOptional({ description: '房屋的收款记录' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) roomId?: number;
  @ApiPropertyOptional({ description: '收款日期（上海时间）YYYY-MM-DD' }) @IsOptional() @IsCalendarDate() date?: string;
  @ApiPropertyOptional({ description: '1：只看我收的', enum: ['1', '0'] }) @IsOptional() @IsIn(['1', '0']) mine?: string;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class RoomSearchDto {
  @ApiProperty({ description: '房号（如 1栋1单元101、101）或手机号（业主或住户，可输入后四位以上）', example: '13800000001' }) @Text(30) q: string;
}

export class ReversalRequestDto {
  @ApiProperty({ enum: ['void', 'refund'], description: '作废（当日整笔）/ 退款（部分或全部）' }) @IsIn(['void', 'refund']) kind: 'void' | 'refund';
  @ApiPropertyOptional({ description: '退款金额（分）；作废为整笔，不填', example: 1000 }) @IsOptional() @IsInt() @Min(1) @Max(MAX_CENTS) amountCents?: number;
  @ApiProperty({ description: '原因', example: '重复收款' }) @Text(200) reason: string;
}

export class DecideReversalDto {
  @ApiProperty({ enum: ['approve', 'refuse'] }) @IsIn(['approve', 'refuse']) decision: 'approve' | 'refuse';
  @ApiProperty({ description: '读到的版本号；已被他人处理时 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: '审批意见' }) @OptionalText(200) note?: string;
}

export class CashierDayQueryDto {
  @ApiPropertyOptional({ description: '营业日（上海时间）YYYY-MM-DD，默认今天' }) @IsOptional() @IsCalendarDate() date?: string;
}

export class CashierCloseDto {
  @ApiProperty({ description: '日结的营业日 YYYY-MM-DD（今天或之前）' }) @IsCalendarDate() date: string;
}

export class ReversalListQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'refused', 'withdrawn'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'refused', 'withdrawn'])
  status?: string;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
