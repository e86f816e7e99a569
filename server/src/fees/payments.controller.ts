import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CashierDayView, CashierRoomHit, Page, PaymentListItem, PaymentView, ReversalView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { ApiDoc, ref, refList, refPage } from '../common/openapi/api-doc';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../common/idempotency.interceptor';
import { CashierService } from './cashier.service';
import {
  CashierCloseDto,
  CashierDayQueryDto,
  CreatePaymentDto,
  DecideReversalDto,
  PaymentListQueryDto,
  ReversalListQueryDto,
  ReversalRequestDto,
  RoomSearchDto,
} from './dto/payment.dto';
import { PaymentsService } from './payments.service';
import { ReceiptsService } from './receipts.service';
import { ReversalsService } from './reversals.service';

/** 收银台: payments at the counter, receipts, void/refund with a manager's approval, the daily close. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly receipts: ReceiptsService,
    private readonly reversals: ReversalsService,
    private readonly cashier: CashierService,
  ) {}

  @Get('cashier/rooms')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('收银台查找房屋：房号或业主/住户手机号（手机号脱敏显示）', refList('CashierRoomHit'))
  rooms(@CurrentCaller() c: Caller, @Query() q: RoomSearchDto): Promise<CashierRoomHit[]> {
    return this.cashier.searchRooms(c, q.q);
  }

  @Post('payments')
  @Roles('cashier', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('收款：按账期从早到晚冲抵，先滞纳金后本金；生成收据（SJ-YYYYMMDD-NNNN）', ref('PaymentView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: CreatePaymentDto): Promise<PaymentView> {
    return this.payments.create(c, dto);
  }

  @Get('payments')
  @ApiDoc('收款记录：某房屋的（住户与员工），或某日的（员工；mine=1 为本人收的），按时间倒序', refPage('PaymentListItem'))
  list(@CurrentCaller() c: Caller, @Query() q: PaymentListQueryDto): Promise<Page<PaymentListItem>> {
    return this.receipts.list(c, q);
  }

  @Get('payments/:id')
  @ApiDoc('收据：小区员工与该房屋住户可看（租户仅限使用人缴纳的项目）', ref('PaymentView'))
  get(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PaymentView> {
    return this.receipts.get(c, id);
  }

  @Post('payments/:id/reversals')
  @Roles('cashier', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('申请作废（当日整笔）或退款（不超过可退金额），待经理审批', ref('ReversalView'), 201)
  requestReversal(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: ReversalRequestDto): Promise<ReversalView> {
    return this.reversals.request(c, id, dto);
  }

  @Get('reversals')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('作废/退款申请（所辖小区），按时间倒序', refPage('ReversalView'))
  reversalList(@CurrentCaller() c: Caller, @Query() q: ReversalListQueryDto): Promise<Page<ReversalView>> {
    return this.reversals.list(c, q);
  }

  @Post('reversals/:id/decide')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiDoc('审批作废/退款（不能审批自己的申请；带版本号，冲突 409）：批准后从收款的最后一笔账单起退回，先本金后滞纳金', ref('ReversalView'))
  decide(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecideReversalDto): Promise<ReversalView> {
    return this.reversals.decide(c, id, dto);
  }

  @Get('cashier/day')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('本人某日收款：按支付方式的笔数与金额、当日退款、是否已日结', ref('CashierDayView'))
  day(@CurrentCaller() c: Caller, @Query() q: CashierDayQueryDto): Promise<CashierDayView> {
    return this.cashier.day(c, q.date);
  }

  @Post('cashier/close')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('日结：冻结当日各支付方式合计（同一日只能日结一次，重复 409；日结后当日不能再收款）', ref('CashierDayView'), 201)
  close(@CurrentCaller() c: Caller, @Body() dto: CashierCloseDto): Promise<CashierDayView> {
    return this.cashier.close(c, dto.date);
  }
}
