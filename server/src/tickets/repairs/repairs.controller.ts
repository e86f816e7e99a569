import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  @Post('repairs')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  create(@CurrentCaller() c: Caller, @Body() dto: CreateRepairDto): Promise<RepairDetail> {
    return this.intakes.fileByResident(c, dto);
  }

  @Get('repairs/mine')
  @Roles('resident')
  mine(@CurrentCaller() c: Caller, @Query() q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    return this.queries.mine(c, q);
  }

  @Get('repairs/:id')
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<RepairDetail> {
    return this.queries.detail(c, id);
  }

  /** One endpoint per action of the shared state machine; the body carries `version` and the action's fields. */
  @Post('repairs/:id/actions/:action')
  @HttpCode(200)
  act(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Param('action') action: string, @Body() dto: RepairActionDto): Promise<RepairDetail> {
    if (!ACTIONS.includes(action)) throw new AppError(400, ErrorCode.ValidationFailed, `未知操作「${action}」`);
    return this.transitions.act(c, id, action as RepairAction, dto);
  }

  @Post('staff/repairs')
  @Roles('agent', 'supervisor', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  intake(@CurrentCaller() c: Caller, @Body() dto: StaffIntakeRepairDto): Promise<RepairDetail> {
    return this.intakes.intakeByStaff(c, dto);
  }

  @Get('staff/repairs')
  @Roles('agent', 'supervisor', 'manager', 'admin', 'technician')
  list(@CurrentCaller() c: Caller, @Query() q: RepairListQueryDto): Promise<Page<RepairSummary>> {
    return this.queries.staffList(c, q);
  }

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

  @Get()
  @ApiOperation({ summary: '有偿服务价目表（单价为分）' })
  async list(@CurrentCaller() c: Caller): Promise<PriceItemView[]> {
    const where = c.roles.includes('admin') ? { companyId: c.companyId } : { companyId: c.companyId, active: true };
    return (await this.ds.getRepository(PriceItem).find({ where, order: { active: 'DESC', id: 'ASC' } })).map(priceView);
  }

  @Post()
  @Roles('admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: '新增收费项目' })
  async create(@CurrentCaller() c: Caller, @Body() dto: PriceItemDto): Promise<PriceItemView> {
    const repo = this.ds.getRepository(PriceItem);
    return priceView(
      await repo.save(repo.create({ companyId: c.companyId, name: dto.name, unit: dto.unit, priceCents: dto.priceCents, active: true, version: 1 })),
    );
  }

  /** Charges already on tickets keep their own copy of name and price: an edit or a withdrawal changes new charges only. */
  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: '修改或停用收费项目（active: false 后不能再用于新的收费）' })
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
