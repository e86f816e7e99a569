import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EngageSettingsView, Page, SurveyListItem, SurveyResults, SurveyView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ApiDoc, ref, refPage } from '../../common/openapi/api-doc';
import { EngageSettingsService } from './engage-settings.service';
import { surveyWorkbook } from './survey-export';
import { SurveyResultsService } from './survey-results.service';
import { EngageSettingsDto, SurveyBodyDto, SurveyEditDto, SurveyListQueryDto, SurveyTemplateQueryDto, SurveyVersionDto } from './survey.dto';
import { SurveysStaffService } from './surveys-staff.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STAFF = ['agent', 'supervisor', 'manager', 'admin'] as const;

/** 问卷调查 for staff: build from the yearly template, publish, close, results and their Excel. */
@ApiTags('engage')
@ApiBearerAuth()
@Controller('api/staff/engage')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysStaffService,
    private readonly results: SurveyResultsService,
    private readonly settings: EngageSettingsService,
  ) {}

  @Get('settings')
  @Roles(...STAFF)
  @ApiDoc('满意度公式设置（本公司）', ref('EngageSettingsView'))
  getSettings(@CurrentCaller() c: Caller): Promise<EngageSettingsView> {
    return this.settings.get(c.companyId);
  }

  @Put('settings')
  @Roles('manager', 'admin')
  @ApiDoc('设置本公司的满意度公式：top_two_share（满意+较满意占比，默认）或 weighted_mean（加权平均）', ref('EngageSettingsView'))
  putSettings(@CurrentCaller() c: Caller, @Body() dto: EngageSettingsDto): Promise<EngageSettingsView> {
    return this.settings.put(c, dto);
  }

  @Get('survey-template')
  @Roles(...STAFF)
  @ApiDoc('内置年度满意度调查模板（客服、维修、保洁、绿化、安保、收费、总体，1–5 分）', { type: 'object' })
  template(@Query() q: SurveyTemplateQueryDto) {
    return this.surveys.template(q.year);
  }

  @Post('surveys')
  @Roles('supervisor', 'manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('新建问卷（草稿）', ref('SurveyView'), 201)
  create(@CurrentCaller() c: Caller, @Body() dto: SurveyBodyDto): Promise<SurveyView> {
    return this.surveys.create(c, dto);
  }

  @Get('surveys')
  @Roles(...STAFF)
  @ApiDoc('问卷列表（所辖小区，新的在前）', refPage('SurveyListItem'))
  list(@CurrentCaller() c: Caller, @Query() q: SurveyListQueryDto): Promise<Page<SurveyListItem>> {
    return this.surveys.list(c, q);
  }

  @Get('surveys/:id')
  @Roles(...STAFF)
  @ApiDoc('问卷详情（题目、对象、状态）', ref('SurveyView'))
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<SurveyView> {
    return this.surveys.detail(c, id);
  }

  @Put('surveys/:id')
  @Roles('supervisor', 'manager', 'admin')
  @ApiDoc('修改草稿或定时发布中的问卷（整份替换；带版本号，冲突 409）', ref('SurveyView'))
  edit(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: SurveyEditDto): Promise<SurveyView> {
    return this.surveys.edit(c, id, dto);
  }

  @Post('surveys/:id/publish')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @ApiDoc('发布问卷：立即发布并通知调查对象，或到定时发布时间由任务发布（带版本号）', ref('SurveyView'))
  publish(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: SurveyVersionDto): Promise<SurveyView> {
    return this.surveys.publish(c, id, dto);
  }

  @Post('surveys/:id/close')
  @Roles('supervisor', 'manager', 'admin')
  @HttpCode(200)
  @ApiDoc('提前截止问卷（带版本号）', ref('SurveyView'))
  close(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: SurveyVersionDto): Promise<SurveyView> {
    return this.surveys.close(c, id, dto);
  }

  @Get('surveys/:id/results')
  @Roles(...STAFF)
  @ApiDoc('问卷结果：回复率、各题分布、分楼栋、满意度及其公式、同期工单评价（单列）', ref('SurveyResults'))
  result(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number): Promise<SurveyResults> {
    return this.results.results(c, id);
  }

  @Get('surveys/:id/results/export')
  @Roles(...STAFF)
  @ApiDoc('导出问卷结果（Excel，与页面数字一致）', { type: 'string', format: 'binary' })
  async export(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Res({ passthrough: true }) res: FastifyReply): Promise<StreamableFile> {
    const v = await this.results.results(c, id);
    res.header('Content-Type', XLSX);
    res.header('Content-Disposition', `attachment; filename="survey.xlsx"; filename*=UTF-8''${encodeURIComponent(`问卷结果-${v.title}.xlsx`)}`);
    return new StreamableFile(await surveyWorkbook(v));
  }
}
