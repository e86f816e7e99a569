import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BillLineView, FeeContractView, FeeRequestView, OneOffItemView, RoomContractsView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { RoomQueryDto } from './dto/bill-run.dto';
import { AddContractDto, CreateChargeDto, DecideRequestDto, EndContractDto, FileRequestDto, RequestsQueryDto } from './dto/fee-charges.dto';
import { FeeChargesService } from './fee-charges.service';
import { FeeContractsService } from './fee-contracts.service';
import { FeeRequestsService } from './fee-requests.service';

/** Fixed-item contracts per room, one-off charges, and the 免交 / 缓交 requests a manager decides. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class FeeChargesController {
  constructor(
    private readonly contracts: FeeContractsService,
    private readonly charges: FeeChargesService,
    private readonly requests: FeeRequestsService,
  ) {}

  @Get('contracts')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('房屋的定额收费签约（如车位）及可签约的定额项目', ref('RoomContractsView'))
  listContracts(@CurrentCaller() c: Caller, @Query() q: RoomQueryDto): Promise<RoomContractsView> {
    return this.contracts.list(c, q.roomId);
  }

  @Post('contracts')
  @Roles('cashier', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('为房屋签约定额收费项目（同一项目期间不可重叠，重叠 409）', ref('FeeContractView'), 201)
  addContract(@CurrentCaller() c: Caller, @Body() dto: AddContractDto): Promise<FeeContractView> {
    return this.contracts.add(c, dto);
  }

  @Post('contracts/:id/end')
  @Roles('cashier', 'manager', 'admin')
  @HttpCode(200)
  @ApiDoc('终止签约：截止日期之后的账期不再出账（带版本号，冲突 409）', ref('FeeContractView'))
  endContract(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: EndContractDto): Promise<FeeContractView> {
    return this.contracts.end(c, id, dto);
  }

  @Get('one-off-items')
  @Roles('cashier', 'agent', 'manager', 'admin')
  @ApiDoc('房屋所在小区启用中的一次性收费项目', refList('OneOffItemView'))
  oneOffItems(@CurrentCaller() c: Caller, @Query() q: RoomQueryDto): Promise<OneOffItemView[]> {
    return this.charges.oneOffItems(c, q.roomId);
  }

  @Post('charges')
  @Roles('cashier', 'agent', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('一次性收费：为房屋生成一笔账单', ref('BillLineView'), 201)
  createCharge(@CurrentCaller() c: Caller, @Body() dto: CreateChargeDto): Promise<BillLineView> {
    return this.charges.create(c, dto);
  }

  @Post('requests')
  @Roles('cashier', 'agent')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('申请免交或缓交（须填写原因，由经理审批）', ref('FeeRequestView'), 201)
  fileRequest(@CurrentCaller() c: Caller, @Body() dto: FileRequestDto): Promise<FeeRequestView> {
    return this.requests.file(c, dto);
  }

  @Get('requests')
  @Roles('manager', 'admin')
  @ApiDoc('待审批的收费申请（免交、缓交、作废、退款）', refList('FeeRequestView'))
  listRequests(@CurrentCaller() c: Caller, @Query() _q: RequestsQueryDto): Promise<FeeRequestView[]> {
    return this.requests.pending(c);
  }

  @Post('requests/:id/decide')
  @Roles('manager', 'admin')
  @HttpCode(200)
  @ApiDoc('批准或驳回免交 / 缓交申请（不能审批自己的申请；带版本号，已处理或冲突 409）', ref('FeeRequestView'))
  decide(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecideRequestDto): Promise<FeeRequestView> {
    return this.requests.decide(c, id, dto);
  }
}
