import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CustomerVisitListItem, CustomerVisitView, NewResidentVisitView, Page, UnvisitedHouseholdView, VisitCoverageView, VisitIssueView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ApiDoc, ref, refPage } from '../../common/openapi/api-doc';
import { CustomerVisitsService } from './customer-visits.service';
import {
  CreateCustomerVisitDto,
  CustomerVisitQueryDto,
  NewResidentVisitQueryDto,
  RecordNewResidentVisitDto,
  VisitCoverageQueryDto,
  VisitIssueDto,
  VisitIssueTicketDto,
} from './dto/visits.dto';
import { NewResidentVisitsService } from './new-resident-visits.service';
import { VisitCoverageService } from './visit-coverage.service';
import { VisitTicketsService } from './visit-tickets.service';

const DESK = ['agent', 'supervisor', 'manager', 'admin'] as const;

/** 新住户回访 and 客户访谈 (issue #15): the desk's tasks and visits, the yearly plan's coverage for managers. */
@ApiTags('visits')
@ApiBearerAuth()
@Controller('api/staff/visits')
export class VisitsController {
  constructor(
    private readonly tasks: NewResidentVisitsService,
    private readonly visits: CustomerVisitsService,
    private readonly tickets: VisitTicketsService,
    private readonly coverageSvc: VisitCoverageService,
  ) {}

  @Get('new-residents')
  @Roles(...DESK)
  @ApiDoc('新住户回访任务（绑定生效时自动生成，一个月内到期）：待回访按到期时间、已超时、已回访；电话打码', refPage('NewResidentVisitView'))
  newResidents(@CurrentCaller() c: Caller, @Query() q: NewResidentVisitQueryDto): Promise<Page<NewResidentVisitView>> {
    return this.tasks.list(c, q);
  }

  @Post('new-residents/:id/record')
  @Roles(...DESK)
  @HttpCode(200)
  @ApiDoc('记录新住户回访结果（满意 / 不满意 / 未接通）并完成任务；重复提交相同结果返回原记录', ref('NewResidentVisitView'))
  record(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: RecordNewResidentVisitDto): Promise<NewResidentVisitView> {
    return this.tasks.record(c, id, dto);
  }

  @Get('coverage')
  @Roles('supervisor', 'manager', 'admin')
  @ApiDoc('小区年度客户访谈计划与每月覆盖（按房屋数计算计划）', ref('VisitCoverageView'))
  coverage(@CurrentCaller() c: Caller, @Query() q: VisitCoverageQueryDto): Promise<VisitCoverageView> {
    return this.coverageSvc.coverage(c, q);
  }

  @Get('unvisited')
  @Roles('supervisor', 'manager', 'admin')
  @ApiDoc('今年尚未访谈的住户（房屋），分页', refPage('UnvisitedHouseholdView'))
  unvisited(@CurrentCaller() c: Caller, @Query() q: VisitCoverageQueryDto): Promise<Page<UnvisitedHouseholdView>> {
    return this.coverageSvc.unvisited(c, q);
  }

  @Post()
  @Roles(...DESK)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('记录一次客户访谈（电话 / 上门 / 随机；经理可标记深度访谈）及提出的问题', ref('CustomerVisitView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: CreateCustomerVisitDto): Promise<CustomerVisitView> {
    return this.visits.create(c, dto);
  }

  @Get()
  @Roles(...DESK)
  @ApiDoc('客户访谈记录（所辖小区，最新在前）', refPage('CustomerVisitListItem'))
  list(@CurrentCaller() c: Caller, @Query() q: CustomerVisitQueryDto): Promise<Page<CustomerVisitListItem>> {
    return this.visits.list(c, q);
  }

  @Get(':id')
  @Roles(...DESK)
  @ApiDoc('客户访谈详情（问题及其转成的工单号）', ref('CustomerVisitView'))
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<CustomerVisitView> {
    return this.visits.detail(c, id);
  }

  @Post(':id/issues')
  @Roles(...DESK)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiDoc('为访谈补充一个问题', ref('CustomerVisitView'), 201)
  addIssue(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: VisitIssueDto): Promise<CustomerVisitView> {
    return this.visits.addIssue(c, id, dto);
  }

  @Post(':id/issues/:issueId/ticket')
  @Roles(...DESK)
  @HttpCode(200)
  @ApiDoc('一键把访谈问题转为报修或投诉（渠道：上门），并与访谈关联；已转过的返回原工单号', ref('VisitIssueView'))
  toTicket(
    @CurrentCaller() c: Caller,
    @Param('id', IdPipe) id: number,
    @Param('issueId', IdPipe) issueId: number,
    @Body() dto: VisitIssueTicketDto,
  ): Promise<VisitIssueView> {
    return this.tickets.toTicket(c, id, issueId, dto);
  }
}
