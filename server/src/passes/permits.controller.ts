import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page, PermitListItem, PermitView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../common/idempotency.interceptor';
import { ApiDoc, ref, refPage } from '../common/openapi/api-doc';
import { ApplyPermitDto, PermitListQueryDto, PermitReasonDto, PermitRevokeDto, PermitVersionDto } from './dto/permit.dto';
import { PermitReviewService } from './permit-review.service';
import { PermitsService } from './permits.service';

/** 装修申请与装修出入证: owners apply, supervisors and managers approve (→ one worker pass each) or return with reasons. */
@ApiTags('passes')
@ApiBearerAuth()
@Controller('api/passes/permits')
export class PermitsController {
  constructor(
    private readonly permits: PermitsService,
    private readonly review: PermitReviewService,
  ) {}

  @Post()
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('业主提交装修申请（施工人员身份证号仅保存打码后的号码）', ref('PermitView'), 201)
  apply(@CurrentCaller() c: Caller, @Body() dto: ApplyPermitDto): Promise<PermitView> {
    return this.permits.apply(c, dto);
  }

  @Get()
  @Roles('resident', 'agent', 'supervisor', 'manager', 'admin')
  @ApiDoc('装修申请列表：员工为所辖小区（status=submitted 为待审核队列，最早的在前），业主为本人的申请', refPage('PermitListItem'))
  list(@CurrentCaller() c: Caller, @Query() q: PermitListQueryDto): Promise<Page<PermitListItem>> {
    return this.permits.list(c, q);
  }

  @Get(':id')
  @Roles('resident', 'agent', 'supervisor', 'manager', 'admin')
  @ApiDoc('装修申请详情（含各施工人员的出入证及其当前是否可通行）', ref('PermitView'))
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PermitView> {
    return this.permits.detail(c, id);
  }

  @Post(':id/approve')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @ApiDoc('批准装修申请：为每位施工人员签发装修出入证（带版本号，冲突 409）', ref('PermitView'))
  approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: PermitVersionDto): Promise<PermitView> {
    return this.review.approve(c, id, dto);
  }

  @Post(':id/return')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @ApiDoc('退回装修申请（须填写原因；带版本号，冲突 409）', ref('PermitView'))
  returnPermit(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: PermitReasonDto): Promise<PermitView> {
    return this.review.return(c, id, dto);
  }

  @Post(':id/cancel')
  @Roles('resident')
  @HttpCode(200)
  @ApiDoc('业主撤销尚未审核的装修申请（带版本号，冲突 409）', ref('PermitView'))
  cancel(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: PermitVersionDto): Promise<PermitView> {
    return this.permits.cancel(c, id, dto);
  }

  @Post(':id/revoke')
  @Roles('resident', 'supervisor', 'manager', 'admin')
  @HttpCode(200)
  @ApiDoc('作废已批准的装修申请及其全部装修出入证（员工须填写原因；带版本号，冲突 409）', ref('PermitView'))
  revoke(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: PermitRevokeDto): Promise<PermitView> {
    return this.review.revoke(c, id, dto);
  }
}
