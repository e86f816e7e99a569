import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ItemReleaseView, PassDecisionView, PassKind } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../../common/openapi/api-doc';
import { CommunityQueryDto, ReturnPassDto, VersionDto } from '../parking/dto';
import { PassCancelService } from '../pass-cancel.service';
import { ApplyItemReleaseDto, ApproveItemDto, ConsentItemDto } from './dto';
import { ItemApplyService } from './item-apply.service';
import { ItemReviewService } from './item-review.service';

/** Large-item release (大件物品放行): residents apply, owners consent to tenants' requests, staff review within the hour. */
@ApiTags('passes')
@ApiBearerAuth()
@Controller('api/passes/items')
export class ItemsController {
  constructor(
    private readonly apply_: ItemApplyService,
    private readonly review: ItemReviewService,
    private readonly cancels: PassCancelService,
  ) {}

  @Post()
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('申请大件物品放行（物品 1–20 项、日期与时段；租户须业主同意）', ref('ItemReleaseView'), 201)
  applyItems(@CurrentCaller() c: Caller, @Body() dto: ApplyItemReleaseDto): Promise<ItemReleaseView> {
    return this.apply_.apply(c, dto);
  }

  @Get('mine')
  @Roles('resident')
  @ApiDoc('我的房屋的大件物品放行申请', refList('ItemReleaseView'))
  mine(@CurrentCaller() c: Caller): Promise<ItemReleaseView[]> {
    return this.review.mine(c);
  }

  @Get('consents')
  @Roles('resident')
  @ApiDoc('租户的放行申请，待我（业主）同意', refList('ItemReleaseView'))
  consents(@CurrentCaller() c: Caller): Promise<ItemReleaseView[]> {
    return this.review.consents(c);
  }

  @Post(':id/consent')
  @Roles('resident')
  @HttpCode(200)
  @ApiDoc('业主同意或不同意租户的放行申请（带版本号）', ref('PassDecisionView'))
  consent(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: ConsentItemDto): Promise<PassDecisionView> {
    return this.apply_.consent(c, id, dto.version, dto.agree, dto.reason);
  }

  @Post(':id/cancel')
  @Roles('resident')
  @HttpCode(200)
  @ApiDoc('撤销未审核的放行申请（带版本号）', ref('PassDecisionView'))
  cancel(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: VersionDto): Promise<PassDecisionView> {
    return this.cancels.cancel(c, PassKind.ItemRelease, id, dto.version);
  }

  @Get('review')
  @Roles('agent', 'supervisor', 'manager', 'admin')
  @ApiDoc('大件物品放行待审核队列（含签发时限、逾期欠费）', refList('ItemReleaseView'))
  queue(@CurrentCaller() c: Caller, @Query() q: CommunityQueryDto): Promise<ItemReleaseView[]> {
    return this.review.queue(c, q.communityId);
  }

  @Get(':id')
  @Roles('resident', 'agent', 'supervisor', 'guard', 'manager', 'admin')
  @ApiDoc('放行申请详情与时间线', ref('ItemReleaseView'))
  one(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<ItemReleaseView> {
    return this.review.one(c, id);
  }

  @Post(':id/approve')
  @Roles('agent', 'supervisor', 'manager')
  @HttpCode(200)
  @ApiDoc('审核通过并签发放行条；房屋逾期欠费时须主管填写原因（带版本号）', ref('PassDecisionView'))
  approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: ApproveItemDto): Promise<PassDecisionView> {
    return this.review.approve(c, id, dto.version, dto.overrideReason);
  }

  @Post(':id/return')
  @Roles('agent', 'supervisor', 'manager')
  @HttpCode(200)
  @ApiDoc('退回放行申请（须填写原因，带版本号）', ref('PassDecisionView'))
  returnItems(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: ReturnPassDto): Promise<PassDecisionView> {
    return this.review.return(c, id, dto.version, dto.reason);
  }
}
