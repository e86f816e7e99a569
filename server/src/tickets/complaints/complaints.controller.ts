import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ComplaintAction, ComplaintDetail, ComplaintOwnerCandidate, ComplaintSummary, ErrorCode, Page } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ComplaintIntakeService } from './complaint-intake.service';
import { ComplaintQueriesService } from './complaint-queries.service';
import { ComplaintStaffService } from './complaint-staff.service';
import { ComplaintTransitionsService } from './complaint-transitions.service';
import { ComplaintActionDto, ComplaintListQueryDto, CreateComplaintDto, OwnerCandidatesQueryDto, StaffIntakeComplaintDto } from './dto/complaint.dto';
import { ApiComplaintAction, ApiDoc, ref, refList, refPage } from '../../common/openapi/api-doc';

const ACTIONS = Object.values(ComplaintAction) as string[];
const DESK = ['agent', 'supervisor', 'manager', 'admin'] as const;

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api')
export class ComplaintsController {
  constructor(
    private readonly intakes: ComplaintIntakeService,
    private readonly queries: ComplaintQueriesService,
    private readonly transitions: ComplaintTransitionsService,
    private readonly staff: ComplaintStaffService,
  ) {}

  /** 投诉 / 建议 / 咨询 / 表扬 from the resident app, acknowledged at once with the expected reply times. */
  @ApiDoc('住户提交投诉 / 建议 / 咨询 / 表扬', ref('ComplaintDetail'), 201)
  @ApiBody({
    type: CreateComplaintDto,
    examples: { 服务态度: { value: { kind: 'complaint', category: 'service_attitude', text: '前台工作人员态度生硬', roomId: 12, writtenReplyWanted: true } } },
  })
  @Post('complaints')
  @Roles('resident')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  create(@CurrentCaller() c: Caller, @Body() dto: CreateComplaintDto): Promise<ComplaintDetail> {
    return this.intakes.fileByResident(c, dto);
  }

  @ApiDoc('我的投诉建议（分页）', refPage('ComplaintSummary'))
  @Get('complaints/mine')
  @Roles('resident')
  mine(@CurrentCaller() c: Caller, @Query() q: ComplaintListQueryDto): Promise<Page<ComplaintSummary>> {
    return this.queries.mine(c, q);
  }

  @ApiDoc('投诉建议详情', ref('ComplaintDetail'))
  @Get('complaints/:id')
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<ComplaintDetail> {
    return this.queries.detail(c, id);
  }

  /** One endpoint per action of the shared machine (complaint-states.ts); the body carries `version` and the action's fields. */
  @ApiDoc('投诉状态机动作（body 带 version，冲突 409）', ref('ComplaintDetail'))
  @ApiComplaintAction()
  @ApiBody({
    type: ComplaintActionDto,
    examples: { 定为二类: { value: { version: 1, complaintClass: 2 } }, 答复: { value: { version: 3, content: '已安排保洁今日清理', written: false } } },
  })
  @Post('complaints/:id/actions/:action')
  @HttpCode(200)
  act(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Param('action') action: string, @Body() dto: ComplaintActionDto): Promise<ComplaintDetail> {
    if (!ACTIONS.includes(action)) throw new AppError(400, ErrorCode.ValidationFailed, `未知操作「${action}」`);
    return this.transitions.act(c, id, action as ComplaintAction, dto);
  }

  /** The written notice to the developer as issued, ready to print. */
  @ApiDoc('致开发商的书面通知（可打印 HTML）', { type: 'string', description: 'text/html' }, 200, 'HTML 文档')
  @Get('complaints/:id/notice/:recordId')
  @Roles(...DESK)
  @ApiProduces('text/html')
  async notice(
    @CurrentCaller() c: Caller,
    @Param('id', IdPipe) id: number,
    @Param('recordId', IdPipe) recordId: number,
    @Res({ passthrough: true }) reply: { header(k: string, v: string): unknown },
  ): Promise<string> {
    const html = await this.queries.noticeHtml(c, id, recordId);
    // set only on success: errors keep their JSON shape
    reply.header('content-type', 'text/html; charset=utf-8');
    return html;
  }

  /** Hotline / front desk / visit / suggestion box / email / return-visit intake; `receivedAt` back-fills a paper record. */
  @ApiDoc('客服代录投诉建议（热线、来访等，可补录纸质）', ref('ComplaintDetail'), 201)
  @ApiBody({
    type: StaffIntakeComplaintDto,
    examples: { 热线: { value: { channel: 'hotline', kind: 'complaint', category: 'noise', text: '楼上夜间装修噪音', communityId: 1 } } },
  })
  @Post('staff/complaints')
  @Roles(...DESK)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  intake(@CurrentCaller() c: Caller, @Body() dto: StaffIntakeComplaintDto): Promise<ComplaintDetail> {
    return this.intakes.intakeByStaff(c, dto);
  }

  @ApiDoc('投诉建议列表（员工，分页）', refPage('ComplaintSummary'))
  @Get('staff/complaints')
  @Roles(...DESK)
  list(@CurrentCaller() c: Caller, @Query() q: ComplaintListQueryDto): Promise<Page<ComplaintSummary>> {
    return this.queries.staffList(c, q);
  }

  /** Who may own a complaint in a community, least loaded first (classify / reassign / coordinator pickers). */
  @ApiDoc('可负责投诉的员工（负荷少的在前）', refList('ComplaintOwnerCandidate'))
  @Get('staff/complaint-owners')
  @Roles(...DESK)
  owners(@CurrentCaller() c: Caller, @Query() q: OwnerCandidatesQueryDto): Promise<ComplaintOwnerCandidate[]> {
    return this.staff.ownerCandidates(c, q);
  }
}
