import { Body, Controller, Get, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BillRunPreview, BillRunView, RoomBillsView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { BillRunsService } from './bill-runs.service';
import { BillsService } from './bills.service';
import { BillRunDto, RoomQueryDto } from './dto/bill-run.dto';
import { FeeItemQueryDto } from './dto/fee-item.dto';

/** Bill runs (出账) for the cashier, the manager and the admin; a room's open bills for its residents and staff. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class BillsController {
  constructor(
    private readonly runs: BillRunsService,
    private readonly bills: BillsService,
  ) {}

  @Get('runs/preview')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('出账预览：房屋数、各项目行数与金额、无法出账的问题', ref('BillRunPreview'))
  preview(@CurrentCaller() c: Caller, @Query() q: BillRunDto): Promise<BillRunPreview> {
    return this.runs.preview(c, q.communityId, q.period);
  }

  @Post('runs')
  @Roles('cashier', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('开始出账（后台执行，可重复执行：已出的账单不会重复）', ref('BillRunView'), 201)
  start(@CurrentCaller() c: Caller, @Body() dto: BillRunDto): Promise<BillRunView> {
    return this.runs.start(c, dto.communityId, dto.period);
  }

  @Get('runs')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('小区最近 20 次出账', refList('BillRunView'))
  list(@CurrentCaller() c: Caller, @Query() q: FeeItemQueryDto): Promise<BillRunView[]> {
    return this.runs.list(c, q.communityId);
  }

  @Get('runs/:id')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('出账进度', ref('BillRunView'))
  get(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<BillRunView> {
    return this.runs.get(c, id);
  }

  @Get('bills')
  @ApiDoc('房屋的未缴账单（滞纳金按今日计算）：住户看自己的房屋（租户看使用人缴纳的项目），员工看所辖小区', ref('RoomBillsView'))
  roomBills(@CurrentCaller() c: Caller, @Query() q: RoomQueryDto): Promise<RoomBillsView> {
    return this.bills.roomBills(c, q.roomId);
  }
}
