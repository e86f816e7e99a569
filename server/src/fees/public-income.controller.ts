import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PublicIncomeView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { FeeItemQueryDto } from './dto/fee-item.dto';
import { CreatePublicIncomeDto, UpdatePublicIncomeDto, VersionDto } from './dto/public-income.dto';
import { PublicIncomeService } from './public-income.service';

/** 公共收益公示: the finance office (cashier drafts; manager, admin publish) and the community's residents. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class PublicIncomeController {
  constructor(private readonly incomes: PublicIncomeService) {}

  @Get('public-incomes')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('小区各季度的公共收益（含草稿）', refList('PublicIncomeView'))
  list(@CurrentCaller() c: Caller, @Query() q: FeeItemQueryDto): Promise<PublicIncomeView[]> {
    return this.incomes.list(c, q.communityId);
  }

  @Post('public-incomes')
  @Roles('cashier', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('录入一个季度的公共收益（草稿）', ref('PublicIncomeView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: CreatePublicIncomeDto): Promise<PublicIncomeView> {
    return this.incomes.create(c, dto);
  }

  @Patch('public-incomes/:id')
  @Roles('cashier', 'manager', 'admin')
  @ApiDoc('修改草稿（带版本号，冲突 409；已公示的不能修改）', ref('PublicIncomeView'))
  update(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdatePublicIncomeDto): Promise<PublicIncomeView> {
    return this.incomes.update(c, id, dto);
  }

  @Post('public-incomes/:id/publish')
  @Roles('manager', 'admin')
  @HttpCode(200)
  @ApiDoc('发布公示：小区住户可见，并通知住户（站内信）', ref('PublicIncomeView'))
  publish(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: VersionDto): Promise<PublicIncomeView> {
    return this.incomes.publish(c, id, dto.version);
  }

  @Get('public-income')
  @ApiDoc('公共收益公示：住户看已绑定房屋所在小区已发布的季度', refList('PublicIncomeView'))
  published(@CurrentCaller() c: Caller, @Query() q: FeeItemQueryDto): Promise<PublicIncomeView[]> {
    return this.incomes.published(c, q.communityId);
  }
}
