import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { PassCodeView, PassDetailView, PassLinkView, PassView } from '@linli/shared';
import { Caller, CurrentCaller, Public, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { CreateResidentPassDto, CreateVisitorPassDto, MinePassesQueryDto, RevokePassDto } from './dto/passes.dto';
import { PassAccessService } from './pass-access.service';
import { PassRequestsService } from './pass-requests.service';

type Reply = { status(code: number): unknown };

/** Residents' visitor and own passes, a pass's detail and rotating code, revocation. */
@ApiTags('passes')
@ApiBearerAuth()
@Controller('api/passes')
export class PassesController {
  constructor(
    private readonly requests: PassRequestsService,
    private readonly access: PassAccessService,
  ) {}

  @Post('visitor')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('住户为访客办理通行证（即时签发，返回分享链接）', ref('PassView'), 201)
  createVisitor(@CurrentCaller() c: Caller, @Body() dto: CreateVisitorPassDto): Promise<PassView> {
    return this.requests.createVisitor(c, dto);
  }

  @Post('resident')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('住户领取本人出入证（已有有效的则返回它，200）', ref('PassView'), 201)
  async createResident(@CurrentCaller() c: Caller, @Body() dto: CreateResidentPassDto, @Res({ passthrough: true }) reply: Reply): Promise<PassView> {
    const r = await this.requests.createResident(c, dto);
    if (!r.created) reply.status(200);
    return r.view;
  }

  @Get('mine')
  @Roles('resident')
  @ApiDoc('我在某房屋的通行证（我办理的、我本人的；业主还能看到该房屋的全部访客通行证）', refList('PassView'))
  mine(@CurrentCaller() c: Caller, @Query() q: MinePassesQueryDto): Promise<PassView[]> {
    return this.access.mine(c, q.roomId);
  }

  @Get('link/:token')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiDoc('访客通过分享链接查看通行证（无需登录；含当前二维码）', ref('PassLinkView'))
  link(@Param('token') token: string): Promise<PassLinkView> {
    return this.access.link(token);
  }

  @Get(':id')
  @Roles('resident', 'agent', 'supervisor', 'guard', 'manager', 'admin')
  @ApiDoc('通行证详情（员工看到的手机号已脱敏）', ref('PassDetailView'))
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PassDetailView> {
    return this.access.detail(c, id);
  }

  @Get(':id/code')
  @Roles('resident')
  @ApiDoc('持证人 / 申请人的动态二维码（每 30 秒更新）', ref('PassCodeView'))
  code(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<PassCodeView> {
    return this.access.code(c, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('resident', 'supervisor', 'manager', 'admin')
  @ApiDoc('作废通行证（申请人、房屋业主、主管或经理；带版本号，下一次核验即为红色）', ref('PassView'))
  revoke(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: RevokePassDto): Promise<PassView> {
    return this.access.revoke(c, id, dto);
  }
}
