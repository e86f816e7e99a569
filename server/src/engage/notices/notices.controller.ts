import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NoticeFeedView, NoticePageView, NoticeReceiptsView, NoticeSummaryView, NoticeView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ApiDoc, ref, refPage } from '../../common/openapi/api-doc';
import {
  CreateNoticeDto,
  FeedQueryDto,
  FromDisclosureDto,
  FromIncomeDto,
  PinNoticeDto,
  PublishNoticeDto,
  StaffNoticesQueryDto,
  UpdateNoticeDto,
  VersionDto,
} from './dto/notices.dto';
import { NoticeReadsService } from './notice-reads.service';
import { NoticeSourcesService } from './notice-sources.service';
import { NoticesService, PUBLISHERS } from './notices.service';

const WRITERS = ['agent', 'supervisor', 'manager'] as const;

const READERS = ['agent', 'supervisor', 'manager', 'admin'] as const;

/** 通知 / 公告: staff write and publish (agents draft; supervisors and managers publish); residents read. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/notices')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly reads: NoticeReadsService,
    private readonly sources: NoticeSourcesService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc('员工：所辖小区的通知公告（按编号倒序分页）', refPage('NoticeSummaryView'))
  list(@CurrentCaller() c: Caller, @Query() q: StaffNoticesQueryDto): Promise<NoticePageView> {
    return this.reads.staffList(c, q);
  }

  @Post()
  @Roles(...WRITERS)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('员工：新建通知草稿（纯文本 + 图片；全小区 / 楼栋 / 单元）', ref('NoticeView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: CreateNoticeDto): Promise<NoticeView> {
    return this.notices.create(c, dto);
  }

  @Get('feed')
  @Roles('resident')
  @ApiDoc('住户：我的房屋可见的通知公告（置顶在前，按 cursor 分页；首页含未读数）', ref('NoticeFeedView'))
  feed(@CurrentCaller() c: Caller, @Query() q: FeedQueryDto): Promise<NoticeFeedView> {
    return this.reads.feed(c, q);
  }

  @Get('feed/:id')
  @Roles('resident')
  @ApiDoc('住户：通知详情（首次打开记为已读）', ref('NoticeView'))
  open(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<NoticeView> {
    return this.reads.residentDetail(c, id);
  }

  @Post('from-disclosure')
  @Roles(...PUBLISHERS)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('发布当月投诉处理公示草稿为公告（一步完成，草稿标记为已发布）', ref('NoticeSummaryView'), 201)
  fromDisclosure(@CurrentCaller() c: Caller, @Body() dto: FromDisclosureDto): Promise<NoticeSummaryView> {
    return this.sources.fromDisclosure(c, dto);
  }

  @Post('from-income')
  @Roles(...PUBLISHERS)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('把已公示的季度公共收益发布为公告（正文按各项收支生成）', ref('NoticeSummaryView'), 201)
  fromIncome(@CurrentCaller() c: Caller, @Body() dto: FromIncomeDto): Promise<NoticeSummaryView> {
    return this.sources.fromIncome(c, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiDoc('员工：通知详情（范围、图片）', ref('NoticeView'))
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<NoticeView> {
    return this.reads.staffDetail(c, id);
  }

  @Put(':id')
  @Roles(...WRITERS)
  @ApiDoc('员工：修改草稿或定时发布的通知（带版本号）', ref('NoticeView'))
  update(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: UpdateNoticeDto): Promise<NoticeView> {
    return this.notices.update(c, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...PUBLISHERS)
  @ApiDoc('发布（立即，或 publishAt 定时）；停水停电通知同时推送给范围内住户', ref('NoticeSummaryView'))
  publish(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: PublishNoticeDto): Promise<NoticeSummaryView> {
    return this.notices.publish(c, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...PUBLISHERS)
  @ApiDoc('撤回（住户不再看到；未发出的停水停电提醒不再发送）', ref('NoticeSummaryView'))
  withdraw(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: VersionDto): Promise<NoticeSummaryView> {
    return this.notices.withdraw(c, id, dto);
  }

  @Post(':id/pin')
  @HttpCode(200)
  @Roles(...PUBLISHERS)
  @ApiDoc('置顶 / 取消置顶', ref('NoticeSummaryView'))
  pin(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: PinNoticeDto): Promise<NoticeSummaryView> {
    return this.notices.pin(c, id, dto);
  }

  @Get(':id/receipts')
  @Roles(...READERS)
  @ApiDoc('阅读回执：已读人数、已读户数 / 范围内已绑定户数', ref('NoticeReceiptsView'))
  receipts(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<NoticeReceiptsView> {
    return this.reads.receipts(c, id);
  }
}
