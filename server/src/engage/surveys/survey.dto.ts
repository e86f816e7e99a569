import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SURVEY_MAX_OPTIONS, SURVEY_MAX_QUESTIONS, SURVEY_TEXT_MAX } from '@linli/shared';
import { IsInstant, OptionalText, Text } from '../../common/validators';

const KINDS = ['single', 'multi', 'scale', 'text'];

export class SurveyQuestionDto {
  @ApiPropertyOptional({ description: '分组（如 分项评价）' }) @OptionalText(50) section?: string;
  @ApiProperty({ enum: KINDS, description: '单选 single、多选 multi、1–5 分 scale、填空 text' }) @IsIn(KINDS) kind: 'single' | 'multi' | 'scale' | 'text';
  @ApiProperty({ description: '题目' }) @Text(200) title: string;
  @ApiPropertyOptional({ type: [String], description: '选项（选择题 2–20 个）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SURVEY_MAX_OPTIONS)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  options?: string[];
  @ApiPropertyOptional({ description: '必答' }) @IsOptional() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ description: '满意度维度：客服、维修、保洁、绿化、安保、收费、总体' }) @OptionalText(8) dimension?: string;
}

/** Everything of a draft survey; the edit sends it whole again with the version read. */
export class SurveyBodyDto {
  @ApiProperty() @IsInt() @Min(1) communityId: number;
  @ApiProperty() @Text(100) title: string;
  @ApiPropertyOptional() @OptionalText(1000) intro?: string;
  @ApiPropertyOptional({ type: [Number], description: '楼栋（与 unitIds 都为空 = 全小区）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  buildingIds?: number[];
  @ApiPropertyOptional({ type: [Number], description: '单元' }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsInt({ each: true }) unitIds?: number[];
  @ApiPropertyOptional({ description: '仅业主' }) @IsOptional() @IsBoolean() ownersOnly?: boolean;
  @ApiPropertyOptional({ enum: ['room', 'person'], description: '每户一份（room，默认）或每人一份（person）' })
  @IsOptional()
  @IsIn(['room', 'person'])
  per?: 'room' | 'person';
  @ApiPropertyOptional({ description: '匿名' }) @IsOptional() @IsBoolean() anonymous?: boolean;
  @ApiPropertyOptional({ description: '定时发布时间（空 = 点发布时立即发布）' }) @IsOptional() @IsInstant() publishAt?: string;
  @ApiProperty({ description: '截止时间' }) @IsInstant() closeAt: string;
  @ApiProperty({ type: [SurveyQuestionDto] })
  @IsArray()
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions: SurveyQuestionDto[];
}

export class SurveyEditDto extends SurveyBodyDto {
  @ApiProperty({ description: '读到的版本号' }) @IsInt() @Min(1) version: number;
}

export class SurveyVersionDto {
  @ApiProperty({ description: '读到的版本号' }) @IsInt() @Min(1) version: number;
}

export class SurveyTemplateQueryDto {
  @ApiPropertyOptional({ description: '年度（默认今年）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class SurveyListQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) communityId?: number;
  @ApiPropertyOptional({ enum: ['draft', 'scheduled', 'published', 'closed'] })
  @IsOptional()
  @IsIn(['draft', 'scheduled', 'published', 'closed'])
  status?: string;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' }) @OptionalText(200) cursor?: string;
  @ApiPropertyOptional({ description: '每页条数（1–100）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class SurveyAnswerDto {
  @ApiProperty() @IsInt() @Min(1) questionId: number;
  @ApiPropertyOptional({ type: [Number], description: '选择题：选项序号（从 0 起）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SURVEY_MAX_OPTIONS)
  @IsInt({ each: true })
  choices?: number[];
  @ApiPropertyOptional({ description: '评分题：1–5' }) @IsOptional() @IsInt() score?: number;
  @ApiPropertyOptional({ description: '填空题' }) @IsOptional() @IsString() @MaxLength(SURVEY_TEXT_MAX) text?: string;
}

export class SurveyAnswersDto {
  @ApiPropertyOptional({ description: '按户作答时：作答的房屋（默认本人在调查范围内的第一套房屋）' }) @IsOptional() @IsInt() @Min(1) roomId?: number;
  @ApiProperty({ type: [SurveyAnswerDto] })
  @IsArray()
  @ArrayMaxSize(SURVEY_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyAnswerDto)
  answers: SurveyAnswerDto[];
}

export class ResidentSurveyQueryDto {
  @ApiPropertyOptional({ description: '按户作答时：房屋' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) roomId?: number;
}

export class EngageSettingsDto {
  @ApiProperty({ enum: ['top_two_share', 'weighted_mean'], description: '满意度公式：满意+较满意占比（默认）或加权平均（百分制）' })
  @IsIn(['top_two_share', 'weighted_mean'])
  indexFormula: 'top_two_share' | 'weighted_mean';
  @ApiPropertyOptional({ description: '读到的版本号（首次设置可省略）' }) @IsOptional() @IsInt() @Min(0) version?: number;
}
