import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, Page, questionProblems, satisfactionTemplate, shanghaiDate, SurveyListItem, SurveyQuestionInput, SurveyView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../../common/keyset';
import { Scope, ScopeService } from '../../common/scope';
import { insertRow } from '../../database/insert-row';
import { SurveyPublisher } from './survey-publisher';
import { listItem, loadQuestions, loadSurvey, SURVEY_COLUMNS, surveyRow, SurveyRow, surveyView } from './survey-rows';
import { SurveyBodyDto, SurveyEditDto, SurveyListQueryDto, SurveyVersionDto } from './survey.dto';
import { Survey, SurveyQuestion } from './survey.entities';

const WRITERS = ['manager', 'supervisor', 'admin'] as const;

/**
 * Staff build surveys: create and edit drafts (questions replaced whole), publish at once or at publish_at (the job),
 * close. Managers and supervisors of the community (and admins) write; agents read.
 */
@Injectable()
export class SurveysStaffService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly publisher: SurveyPublisher,
  ) {}

  template(year?: number) {
    return satisfactionTemplate(year ?? Number(shanghaiDate(this.clock.now()).slice(0, 4)));
  }

  async create(c: Caller, dto: SurveyBodyDto): Promise<SurveyView> {
    const scope = await this.writer(c, dto.communityId);
    await this.checkBody(dto);
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      const id = await insertRow(em, Survey, {
        ...this.columns(dto),
        companyId: scope.companyId,
        status: 'draft',
        createdBy: c.userId,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.insertQuestions(em, id, dto.questions);
      const view = surveyView((await loadSurvey(em, id, c.companyId))!, await loadQuestions(em, id));
      await recordIdempotencyKey(em, 'survey', id, view);
      return view;
    });
  }

  async edit(c: Caller, id: number, dto: SurveyEditDto): Promise<SurveyView> {
    const s = await this.visible(c, id);
    await this.writer(c, s.communityId);
    if (dto.communityId !== s.communityId) throw AppError.badRequest('问卷的小区不能修改');
    if (s.status !== 'draft' && s.status !== 'scheduled') throw AppError.conflict(ErrorCode.Conflict, '问卷已发布，不能再修改题目');
    if (s.version !== dto.version) throw AppError.versionConflict(s.version);
    await this.checkBody(dto);
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(Survey)
        .set({ ...this.columns(dto), updatedAt: now, version: dto.version + 1 })
        .where("id = :id AND version = :v AND status IN ('draft', 'scheduled')", { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      await em.query('DELETE FROM survey_questions WHERE survey_id = ?', [id]);
      await this.insertQuestions(em, id, dto.questions);
    });
    return this.detail(c, id);
  }

  /** Publish now, or schedule for publish_at when that is still ahead (the job publishes it then). */
  async publish(c: Caller, id: number, dto: SurveyVersionDto): Promise<SurveyView> {
    const s = await this.visible(c, id);
    await this.writer(c, s.communityId);
    if (s.status !== 'draft') throw AppError.conflict(ErrorCode.Conflict, s.status === 'scheduled' ? '问卷已定时发布' : '问卷已发布');
    if (s.version !== dto.version) throw AppError.versionConflict(s.version);
    const questions = await loadQuestions(this.ds.manager, id);
    const problems = questionProblems(questions);
    if (problems.length) throw new AppError(400, ErrorCode.ValidationFailed, problems[0].message, problems);
    const now = this.clock.now();
    if (s.closeAt <= now) throw AppError.badRequest('截止时间已过，请先修改截止时间');
    await this.ds.transaction(async (em) => {
      if (s.publishAt && s.publishAt > now) {
        const res = await em
          .createQueryBuilder()
          .update(Survey)
          .set({ status: 'scheduled', updatedAt: now, version: dto.version + 1 })
          .where("id = :id AND version = :v AND status = 'draft'", { id, v: dto.version })
          .execute();
        if (!res.affected) throw AppError.versionConflict();
      } else if (!(await this.publisher.publish(em, s, now, dto.version))) throw AppError.versionConflict();
    });
    return this.detail(c, id);
  }

  async close(c: Caller, id: number, dto: SurveyVersionDto): Promise<SurveyView> {
    const s = await this.visible(c, id);
    await this.writer(c, s.communityId);
    if (s.status === 'closed') throw AppError.conflict(ErrorCode.Conflict, '问卷已截止');
    if (s.version !== dto.version) throw AppError.versionConflict(s.version);
    const now = this.clock.now();
    const res = await this.ds
      .createQueryBuilder()
      .update(Survey)
      .set({ status: 'closed', closedAt: now, updatedAt: now, version: dto.version + 1 })
      .where("id = :id AND version = :v AND status <> 'closed'", { id, v: dto.version })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
    return this.detail(c, id);
  }

  async detail(c: Caller, id: number): Promise<SurveyView> {
    const s = await this.visible(c, id);
    return surveyView(s, await loadQuestions(this.ds.manager, id));
  }

  async list(c: Caller, q: SurveyListQueryDto): Promise<Page<SurveyListItem>> {
    const scope = await this.scopes.resolve(c);
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const ids = q.communityId ? scope.communityIds.filter((x) => x === q.communityId) : scope.communityIds;
    if (!ids.length) return { items: [], nextCursor: null };
    const where = ['s.company_id = ?', `s.community_id IN (${ids.map(() => '?').join(', ')})`];
    const params: unknown[] = [c.companyId, ...ids];
    if (q.status) {
      where.push('s.status = ?');
      params.push(q.status);
    }
    if (after) {
      where.push('s.id < ?');
      params.push(after[0]);
    }
    const rows = (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS}, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id AND r.status = 'submitted') AS responses
       FROM surveys s JOIN communities c ON c.id = s.community_id WHERE ${where.join(' AND ')} ORDER BY s.id DESC LIMIT ${limit + 1}`,
      params,
    )) as Record<string, unknown>[];
    return toPage(
      rows,
      limit,
      (r) => listItem(surveyRow(r), Number(r.responses)),
      (r) => [Number(r.id)],
    );
  }

  /** The survey if the staff caller's communities include it, else 404. */
  async visible(c: Caller, id: number): Promise<SurveyRow> {
    const scope = await this.scopes.resolve(c);
    const s = await loadSurvey(this.ds.manager, id, c.companyId);
    scope.assertCommunity(s, '问卷');
    return s!;
  }

  private async writer(c: Caller, communityId: number): Promise<Scope> {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    if (!WRITERS.some((r) => scope.has(r))) throw AppError.forbidden('只有客服主管、经理或管理员可以编辑和发布问卷');
    return scope;
  }

  private columns(dto: SurveyBodyDto) {
    return {
      communityId: dto.communityId,
      title: dto.title,
      intro: dto.intro ?? null,
      buildingIdsJson: JSON.stringify([...new Set(dto.buildingIds ?? [])]),
      unitIdsJson: JSON.stringify([...new Set(dto.unitIds ?? [])]),
      ownersOnly: dto.ownersOnly ?? false,
      per: dto.per ?? 'room',
      anonymous: dto.anonymous ?? false,
      publishAt: dto.publishAt ? new Date(dto.publishAt) : null,
      closeAt: new Date(dto.closeAt),
    };
  }

  /** Questions' shape, the close time, and buildings / units of the survey's own community (one statement). */
  private async checkBody(dto: SurveyBodyDto) {
    const problems = questionProblems(dto.questions).filter((p) => p.field !== 'questions' || dto.questions.length > 0);
    if (problems.length) throw new AppError(400, ErrorCode.ValidationFailed, problems[0].message, problems);
    const closeAt = new Date(dto.closeAt);
    if (closeAt <= this.clock.now()) throw AppError.badRequest('截止时间须晚于现在', [{ field: 'closeAt', message: '截止时间须晚于现在' }]);
    if (dto.publishAt && new Date(dto.publishAt) >= closeAt)
      throw AppError.badRequest('发布时间须早于截止时间', [{ field: 'publishAt', message: '发布时间须早于截止时间' }]);
    const b = [...new Set(dto.buildingIds ?? [])];
    const u = [...new Set(dto.unitIds ?? [])];
    if (!b.length && !u.length) return;
    const [r] = (await this.ds.query(
      `SELECT (SELECT COUNT(*) FROM buildings WHERE community_id = ? AND id IN (${[0, ...b].join(', ')})) AS b,
              (SELECT COUNT(*) FROM units WHERE community_id = ? AND id IN (${[0, ...u].join(', ')})) AS u`,
      [dto.communityId, dto.communityId],
    )) as { b: number; u: number }[];
    if (Number(r.b) !== b.length || Number(r.u) !== u.length) throw AppError.badRequest('所选楼栋或单元不属于该小区');
  }

  private async insertQuestions(em: EntityManager, surveyId: number, qs: readonly SurveyQuestionInput[]) {
    if (!qs.length) return;
    const rows = qs.map((q, i) => ({
      surveyId,
      seq: i + 1,
      section: q.section ?? null,
      kind: q.kind,
      title: q.title,
      optionsJson: JSON.stringify(q.kind === 'single' || q.kind === 'multi' ? (q.options ?? []).map((o) => o.trim()) : []),
      required: q.required ?? false,
      dimension: q.dimension ?? null,
    }));
    await em.createQueryBuilder().insert().into(SurveyQuestion).values(rows).updateEntity(false).execute();
  }
}
