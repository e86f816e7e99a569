import { Body, Controller, Get, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FeeItemView, PriceTableView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../common/caller';
import { IdPipe } from '../common/id.pipe';
import { ApiDoc, ref, refList } from '../common/openapi/api-doc';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { CreateFeeItemDto, FeeItemQueryDto, UpdateFeeItemDto } from './dto/fee-item.dto';
import { FeeItemsService } from './fee-items.service';

/** Fee items: staff of the community read them; admins define them. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('api/fees')
export class FeesController {
  constructor(private readonly items: FeeItemsService) {}

  @Get('items')
  @Roles('agent', 'supervisor', 'cashier', 'manager', 'admin')
  @ApiDoc('小区的收费项目（含已停用）', refList('FeeItemView'))
  list(@CurrentCaller() c: Caller, @Query() q: FeeItemQueryDto): Promise<FeeItemView[]> {
    return this.items.list(c, q.communityId);
  }

  @Post('items')
  @Roles('admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('新建收费项目（公司管理员）', ref('FeeItemView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: CreateFeeItemDto): Promise<FeeItemView> {
    return this.items.create(c, dto);
  }

  @Patch('items/:id')
  @Roles('admin')
  @ApiDoc('修改或停用收费项目（带版本号，冲突 409）', ref('FeeItemView'))
  update(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdateFeeItemDto): Promise<FeeItemView> {
    return this.items.update(c, id, dto);
  }

  @Get('price-table')
  @ApiDoc('收费价目表：住户看已绑定房屋所在小区，员工看所辖小区', ref('PriceTableView'))
  priceTable(@CurrentCaller() c: Caller, @Query() q: FeeItemQueryDto): Promise<PriceTableView> {
    return this.items.priceTable(c, q.communityId);
  }
}
