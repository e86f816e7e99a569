import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, Page, PriceItemView, RepairAction, RepairDetail, RepairSummary, TechnicianLoad } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { PriceItem } from '../entities/price-item.entity';
import { CreateRepairDto, PriceItemDto, RepairActionDto, RepairListQueryDto, StaffIntakeRepairDto, UpdatePriceItemDto } from './dto/repair.dto';
import { RepairIntakeService } from './repair-intake.service';
import { RepairQueriesService } from './repair-queries.service';
import { RepairTransitionsService } from './repair-transitions.service';
import { ApiDoc, ApiRepairAction, ref, refList, refPage } from '../../common/openapi/api-doc';

const ACTIONS = Object.values(RepairAction) as string[];

@ApiTags('repairs')
@ApiBearerAuth()
@Controller('api')
export class RepairsController {
  constructor(
    private readonly intakes: RepairIntakeService,
    private readonly transitions: RepairTransitionsService,
    private readonly queries: RepairQueriesService,
  ) {}

  @ApiDoc('住户提交报修', ref('RepairDetail'), 201)
  @ApiBody({
    type: CreateRepairDto,
    examples: { 厨房漏水: { value: { category: 'water', emergency: 'leak', description: '厨房水龙头持续滴水', roomId: 12, photoIds: [] } } },
  })
  @Post('repairs')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  create(@CurrentCaller() c: Caller, @Body() dto: CreateRepairDto): Promise<RepairDetail> {
    return this.intakes.fileByResident(c, dto);
  }

  @ApiDoc('我的报修（分页）', refPage('RepairSummary'))
  @Get('repairs/mine')
  @Roles('resident')
  mine(@CurrentCaller() c: Caller, @Query() q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    return this.queries.mine(c, q);
  }

  @ApiDoc('报修详情（时间线、时限、可做的动作）', ref('RepairDetail'))
  @Get('repairs/:id')
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<RepairDetail> {
    return this.queries.detail(c, id);
  }

  /** One endpoint per action of the shared state machine; the body carries `version` and the action's fields. */
  @ApiDoc('报修状态机动作（body 带 version，冲突 409）', ref('RepairDetail'))
  @ApiRepairAction()
  @ApiBody({ type: RepairActionDto, examples: { 派单: { value: { version: 2, technicianId: 5 } }, 完工: { value: { version: 5, freeOfCharge: true } } } })
  @Post('repairs/:id/actions/:action')
  @HttpCode(200)
  act(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Param('action') action: string, @Body() dto: RepairActionDto): Promise<RepairDetail> {
    if (!ACTIONS.includes(action)) throw new AppError(400, ErrorCode.ValidationFailed, `未知操作「${action}」`);
    return this.transitions.act(c, id, action as RepairAction, dto);
  }

  @ApiDoc('客服代录报修（电话、前台等）', ref('RepairDetail'), 201)
  @ApiBody({
    type: StaffIntakeRepairDto,
    examples: { 电话报修: { value: { channel: 'hotline', category: 'electric', description: '楼道灯不亮', communityId: 1, publicLocation: '3栋2单元楼道' } } },
  })
  @Post('staff/repairs')
  @Roles('agent', 'supervisor', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  intake(@CurrentCaller() c: Caller, @Body() dto: StaffIntakeRepairDto): Promise<RepairDetail> {
    return this.intakes.intakeByStaff(c, dto);
  }

  @ApiDoc('报修工单列表（员工，分页）', refPage('RepairSummary'))
  @Get('staff/repairs')
  @Roles('agent', 'supervisor', 'manager', 'admin', 'technician')
  list(@CurrentCaller() c: Caller, @Query() q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    return this.queries.staffList(c, q);
  }

  @ApiDoc('小区维修师傅与在办工单数', refList('TechnicianLoad'))
  @Get('staff/technicians')
  @Roles('agent', 'supervisor', 'manager', 'admin')
  technicians(@CurrentCaller() c: Caller, @Query('communityId', IdPipe) communityId: number): Promise<TechnicianLoad[]> {
    return this.queries.technicians(c, communityId);
  }
}

const priceView = (p: PriceItem): PriceItemView => ({ id: p.id, name: p.name, unit: p.unit, priceCents: p.priceCents, active: p.active, version: p.version });

/** The published price list of paid services: everyone in the company reads it (admins the withdrawn items too), admins edit it. */
@ApiTags('price-items')
@ApiBearerAuth()
@Controller('api/price-items')
export class PriceItemsController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @ApiDoc('有偿服务价目表（单价为分）', refList('PriceItemView'))
  @Get()
  async list(@CurrentCaller() c: Caller): Promise<PriceItemView[]> {
    const where = c.roles.includes('admin') ? { companyId: c.companyId } : { companyId: c.companyId, active: true };
    return (await this.ds.getRepository(PriceItem).find({ where, order: { active: 'DESC', id: 'ASC' } })).map(priceView);
  }

  @ApiDoc('新增收费项目', ref('PriceItemView'), 201)
  @Post()
  @Roles('admin')
  @UseInterceptors(IdempotencyInterceptor)
  async create(@CurrentCaller() c: Caller, @Body() dto: PriceItemDto): Promise<PriceItemView> {
    const repo = this.ds.getRepository(PriceItem);
    return priceView(
      await repo.save(repo.create({ companyId: c.companyId, name: dto.name, unit: dto.unit, priceCents: dto.priceCents, active: true, version: 1 })),
    );
  }

  /** Charges already on tickets keep their own copy of name and price: an edit or a withdrawal changes new charges only. */
  @ApiDoc('修改或停用收费项目（active: false 后不能再用于新的收费）', ref('PriceItemView'))
  @Patch(':id')
  @Roles('admin')
  async update(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdatePriceItemDto): Promise<PriceItemView> {
    const repo = this.ds.getRepository(PriceItem);
    const item = await repo.findOneBy({ id, companyId: c.companyId });
    if (!item) throw AppError.notFound('收费项目');
    if (dto.version !== undefined && dto.version !== item.version) throw AppError.versionConflict(item.version);
    const { version: _, ...fields } = dto;
    const res = await repo
      .createQueryBuilder()
      .update()
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version: item.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    return priceView({ ...item, ...fields, version: item.version + 1 });
  }
}
