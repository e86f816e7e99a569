import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResidentSurveyItem, ResidentSurveyView } from '@linli/shared';
import { Caller, CurrentCaller, Roles } from '../../common/caller';
import { IdPipe } from '../../common/id.pipe';
import { IdempotencyInterceptor, IdempotentInTransaction } from '../../common/idempotency.interceptor';
import { ApiDoc, ref, refList } from '../../common/openapi/api-doc';
import { ResidentSurveyQueryDto, SurveyAnswersDto } from './survey.dto';
import { SurveysResidentService } from './surveys-resident.service';

/** 服务 → 问卷调查: the surveys that target the resident's rooms; draft, then submit once. */
@ApiTags('engage')
@ApiBearerAuth()
@Controller('api/resident/surveys')
export class ResidentSurveysController {
  constructor(private readonly surveys: SurveysResidentService) {}

  @Get()
  @Roles('resident')
  @ApiDoc('我的问卷：进行中的问卷和已提交的问卷', refList('ResidentSurveyItem'))
  list(@CurrentCaller() c: Caller): Promise<ResidentSurveyItem[]> {
    return this.surveys.list(c);
  }

  @Get(':id')
  @Roles('resident')
  @ApiDoc('问卷作答页：题目与本户（或本人）的草稿或已提交的答案', ref('ResidentSurveyView'))
  detail(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Query() q: ResidentSurveyQueryDto): Promise<ResidentSurveyView> {
    return this.surveys.detail(c, id, q.roomId);
  }

  @Put(':id/draft')
  @Roles('resident')
  @ApiDoc('保存草稿（可不答完）', ref('ResidentSurveyView'))
  draft(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: SurveyAnswersDto): Promise<ResidentSurveyView> {
    return this.surveys.saveDraft(c, id, dto);
  }

  @Post(':id/submit')
  @Roles('resident')
  @HttpCode(201)
  @UseInterceptors(IdempotencyInterceptor)
  @IdempotentInTransaction()
  @ApiDoc('提交问卷（每户或每人一份，提交后不可修改；已提交 409，已截止 409）', ref('ResidentSurveyView'), 201)
  submit(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: SurveyAnswersDto): Promise<ResidentSurveyView> {
    return this.surveys.submit(c, id, dto);
  }
}
