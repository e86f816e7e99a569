import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParkingPassView, PassDecisionView, PassKind, PlateLookupView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../../common/openapi/api-doc';
import { ApplyParkingDto, CommunityPlateQueryDto, CommunityQueryDto, ReturnPassDto, VersionDto } from './dto';
import { PassCancelService } from '../pass-cancel.service';
import { ParkingApplyService } from './parking-apply.service';
import { ParkingReadService } from './parking-read.service';
import { ParkingReviewService } from './parking-review.service';

/** Parking passes (停车证): residents apply and renew, the fee is paid like any bill, staff review, guards look up plates. */
@ApiTags('passes')
@ApiBearerAuth()
@Controller('api/passes')
export class ParkingController {
  constructor(
    private readonly apply_: ParkingApplyService,
    private readonly read: ParkingReadService,
    private readonly review: ParkingReviewService,
    private readonly cancels: PassCancelService,
  ) {}

  @Post('parking')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('申请停车证（车牌、车型、月卡/季卡、保险单）：生成停车费账单，缴费后签发', ref('ParkingPassView'), 201)
  applyParking(@CurrentCaller() c: Caller, @Body() dto: ApplyParkingDto): Promise<ParkingPassView> {
    return this.apply_.apply(c, dto);
  }

  @Get('parking/mine')
  @Roles('resident')
  @ApiDoc('我的房屋的停车证（状态、退回原因）', refList('ParkingPassView'))
  mine(@CurrentCaller() c: Caller): Promise<ParkingPassView[]> {
    return this.read.mine(c);
  }

  @Post('parking/:id/renew')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('续期：下一期的停车证（同一车辆与保险；保险不覆盖则拒绝），生成停车费账单', ref('ParkingPassView'), 201)
  renew(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<ParkingPassView> {
    return this.apply_.renew(c, id);
  }

  @Post('parking/:id/cancel')
  @Roles('resident')
  @HttpCode(200)
  @ApiDoc('撤销未缴费的停车证申请（停车费账单一并撤销，带版本号）', ref('PassDecisionView'))
  cancel(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: VersionDto): Promise<PassDecisionView> {
    return this.cancels.cancel(c, PassKind.Parking, id, dto.version);
  }

  @Get('parking/review')
  @Roles('agent', 'supervisor', 'manager', 'admin')
  @ApiDoc('停车证待审核队列（含签发时限）', refList('ParkingPassView'))
  queue(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto): Promise<ParkingPassView[]> {
    return this.read.queue(c, q.communityId);
  }

  @Post('parking/:id/approve')
  @Roles('agent', 'supervisor', 'manager')
  @HttpCode(200)
  @ApiDoc('审核通过并签发停车证（带版本号，冲突 409）', ref('PassDecisionView'))
  approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: VersionDto): Promise<PassDecisionView> {
    return this.review.approve(c, id, dto.version);
  }

  @Post('parking/:id/return')
  @Roles('agent', 'supervisor', 'manager')
  @HttpCode(200)
  @ApiDoc('退回停车证申请（须填写原因，带版本号）', ref('PassDecisionView'))
  returnPass(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: ReturnPassDto): Promise<PassDecisionView> {
    return this.review.return(c, id, dto.version, dto.reason);
  }

  @Get('plates')
  @Roles('guard', 'supervisor', 'manager')
  @ApiDoc('门岗按车牌查询停车证（有效期、房屋、持证人，电话脱敏）', ref('PlateLookupView'))
  plates(@CurrentCaller() c: Caller, @Query() q: CommunityPlateQueryDto): Promise<PlateLookupView> {
    return this.review.lookup(c, q.communityId, q.plate);
  }
}
