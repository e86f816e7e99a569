import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { answerProblems, ErrorCode, isAnswered, ResidentSurveyItem, ResidentSurveyView, SurveyAnswerInput, SurveyQuestionView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { utc } from '../../common/sql-time';
import { insertRow } from '../../database/insert-row';
import { isUniqueViolation } from '../../database/unique-violation';
import { inAudience, loadQuestions, responseKey, SURVEY_COLUMNS, surveyRow, SurveyRow } from './survey-rows';
import { SurveyAnswersDto } from './survey.dto';
import { SurveyAnswer, SurveyResponse } from './survey.entities';

type Raw = Record<string, unknown>;
interface MyRoom {
  roomId: number;
  roomLabel: string;
  buildingId: number;
  unitId: number;
  relation: string;
}
interface Sheet {
  id: number;
  status: 'draft' | 'submitted';
  version: number;
  submittedAt: Date | null;
  answers: SurveyAnswerInput[];
}
interface Loaded {
  s: SurveyRow;
  room: MyRoom;
  questions: SurveyQuestionView[];
  sheet: Sheet | null;
}

const MY_ROOMS = `b.room_id AS my_room_id, b.relation AS my_relation, r.building_id AS my_building_id, r.unit_id AS my_unit_id, r.label AS my_label`;
const isDeadlock = (e: unknown) =>
  (e as { code?: string }).code === 'ER_LOCK_DEADLOCK' || (e as { driverError?: { code?: string } }).driverError?.code === 'ER_LOCK_DEADLOCK';

/**
 * Residents answer surveys that target one of their rooms (the community, its building or unit; owners only if
 * set): save a draft as often as they like, submit once. One answer sheet per household or per person — the unique
 * key decides between concurrent submits of one household: one succeeds, the others get a 409.
 */
@Injectable()
export class SurveysResidentService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Published and closed surveys that target the caller: three statements at most. */
  async list(c: Caller): Promise<ResidentSurveyItem[]> {
    const rows = (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS}, ${MY_ROOMS} FROM surveys s JOIN communities c ON c.id = s.community_id
       JOIN room_bindings b ON b.community_id = s.community_id AND b.user_id = ? AND b.status = 'approved' JOIN rooms r ON r.id = b.room_id
       WHERE s.company_id = ? AND s.status IN ('published', 'closed') ORDER BY s.id DESC, b.room_id LIMIT 500`,
      [c.userId, c.companyId],
    )) as Raw[];
    const picked = new Map<number, { s: SurveyRow; room: MyRoom }>();
    for (const r of rows) {
      const s = surveyRow(r);
      const room = myRoom(r);
      if (!picked.has(s.id) && inAudience(s, room)) picked.set(s.id, { s, room });
    }
    if (!picked.size) return [];
    const list = [...picked.values()];
    const sheets = (await this.ds.query(
      `SELECT survey_id, room_key, user_key, status FROM survey_responses WHERE survey_id IN (${list.map(() => '?').join(', ')}) AND (user_key = ? OR room_key IN (${list
        .map(() => '?')
        .join(', ')}))`,
      [...list.map((x) => x.s.id), c.userId, ...list.map((x) => x.room.roomId)],
    )) as Raw[];
    return list
      .map(({ s, room }) => {
        const k = responseKey(s.per, room.roomId, c.userId);
        const sheet = sheets.find((x) => Number(x.survey_id) === s.id && Number(x.room_key) === k.roomKey && Number(x.user_key) === k.userKey);
        return item(s, room, (sheet?.status as 'draft' | 'submitted' | undefined) ?? null);
      })
      .filter((x) => x.status === 'published' || x.state === 'submitted');
  }

  async detail(c: Caller, id: number, roomId?: number): Promise<ResidentSurveyView> {
    const l = await this.load(c, id, roomId);
    return this.view(l);
  }

  async saveDraft(c: Caller, id: number, dto: SurveyAnswersDto): Promise<ResidentSurveyView> {
    const l = await this.load(c, id, dto.roomId);
    this.assertOpen(l);
    const answers = this.checked(l, dto.answers, false);
    const now = this.clock.now();
    const sheet = await this.ds.transaction(async (em) => {
      if (!l.sheet) {
        const rid = await this.insertSheet(em, l, c, 'draft', now);
        await this.insertAnswers(em, l.s.id, rid, answers);
        return { id: rid, status: 'draft' as const, version: 1, submittedAt: null, answers };
      }
      await this.updateSheet(em, l, c, 'draft', now);
      await this.insertAnswers(em, l.s.id, l.sheet.id, answers);
      return { ...l.sheet, version: l.sheet.version + 1, answers };
    });
    return this.view({ ...l, sheet });
  }

  async submit(c: Caller, id: number, dto: SurveyAnswersDto): Promise<ResidentSurveyView> {
    const l = await this.load(c, id, dto.roomId);
    this.assertOpen(l);
    const answers = this.checked(l, dto.answers, true);
    const now = this.clock.now();
    try {
      return await this.ds.transaction(async (em) => {
        let rid: number;
        if (l.sheet) {
          rid = l.sheet.id;
          await this.updateSheet(em, l, c, 'submitted', now);
        } else rid = await this.insertSheet(em, l, c, 'submitted', now);
        await this.insertAnswers(em, l.s.id, rid, answers);
        const view = this.view({ ...l, sheet: { id: rid, status: 'submitted', version: (l.sheet?.version ?? 0) + 1, submittedAt: now, answers } });
        await recordIdempotencyKey(em, 'survey_response', rid, view);
        return view;
      });
    } catch (e) {
      if (isUniqueViolation(e) || isDeadlock(e)) throw this.already(l);
      throw e;
    }
  }

  private already(l: Loaded) {
    return AppError.conflict(ErrorCode.Conflict, l.s.per === 'room' ? '本户已有家庭成员提交了该问卷，每户只能提交一份' : '您已提交过该问卷');
  }

  private assertOpen(l: Loaded) {
    if (l.s.status !== 'published' || l.s.closeAt <= this.clock.now()) throw AppError.conflict(ErrorCode.Conflict, '问卷已截止，不能再作答');
    if (l.sheet?.status === 'submitted') throw this.already(l);
  }

  private checked(l: Loaded, given: SurveyAnswerInput[], submit: boolean): SurveyAnswerInput[] {
    const problems = answerProblems(l.questions, given, submit);
    if (problems.length) throw new AppError(400, ErrorCode.ValidationFailed, problems[0].message, problems);
    return given.filter(isAnswered).map((a) => ({ questionId: a.questionId, choices: a.choices, score: a.score, text: a.text?.trim() }));
  }

  private async insertSheet(em: EntityManager, l: Loaded, c: Caller, status: string, now: Date): Promise<number> {
    return insertRow(em, SurveyResponse, {
      companyId: l.s.companyId,
      surveyId: l.s.id,
      ...responseKey(l.s.per, l.room.roomId, c.userId),
      roomId: l.room.roomId,
      buildingId: l.room.buildingId,
      userId: c.userId,
      status,
      submittedAt: status === 'submitted' ? now : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  /** Compare-and-set on the sheet read (still a draft, same version); its old answers go. */
  private async updateSheet(em: EntityManager, l: Loaded, c: Caller, status: string, now: Date) {
    const res = await em
      .createQueryBuilder()
      .update(SurveyResponse)
      .set({ status, userId: c.userId, submittedAt: status === 'submitted' ? now : null, updatedAt: now, version: l.sheet!.version + 1 })
      .where("id = :id AND version = :v AND status = 'draft'", { id: l.sheet!.id, v: l.sheet!.version })
      .execute();
    if (!res.affected) throw status === 'submitted' ? this.already(l) : AppError.versionConflict();
    await em.query('DELETE FROM survey_answers WHERE response_id = ?', [l.sheet!.id]);
  }

  private async insertAnswers(em: EntityManager, surveyId: number, responseId: number, answers: SurveyAnswerInput[]) {
    if (!answers.length) return;
    const rows = answers.map((a) => ({
      surveyId,
      responseId,
      questionId: a.questionId,
      choicesJson: a.choices?.length ? JSON.stringify(a.choices) : null,
      score: a.score ?? null,
      text: a.text || null,
    }));
    await em.createQueryBuilder().insert().into(SurveyAnswer).values(rows).updateEntity(false).execute();
  }

  /** The survey with the caller's rooms in its community (1), its questions (1) and the sheet with answers (1). */
  private async load(c: Caller, id: number, roomId?: number): Promise<Loaded> {
    const rows = (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS}, ${MY_ROOMS} FROM surveys s JOIN communities c ON c.id = s.community_id
       JOIN room_bindings b ON b.community_id = s.community_id AND b.user_id = ? AND b.status = 'approved' JOIN rooms r ON r.id = b.room_id
       WHERE s.id = ? AND s.company_id = ? AND s.status IN ('published', 'closed') ORDER BY b.room_id`,
      [c.userId, id, c.companyId],
    )) as Raw[];
    const s = rows.length ? surveyRow(rows[0]) : null;
    const room = s ? rows.map(myRoom).find((m) => inAudience(s, m) && (roomId === undefined || m.roomId === roomId)) : undefined;
    if (!s || !room) throw AppError.notFound('问卷');
    const k = responseKey(s.per, room.roomId, c.userId);
    const [questions, sheetRows] = [
      await loadQuestions(this.ds.manager, id),
      (await this.ds.query(
        `SELECT r.id, r.status, r.version, r.submitted_at, a.question_id, a.choices_json, a.score, a.text FROM survey_responses r
         LEFT JOIN survey_answers a ON a.response_id = r.id WHERE r.survey_id = ? AND r.room_key = ? AND r.user_key = ?`,
        [id, k.roomKey, k.userKey],
      )) as Raw[],
    ];
    const sheet: Sheet | null = sheetRows.length
      ? {
          id: Number(sheetRows[0].id),
          status: sheetRows[0].status as 'draft' | 'submitted',
          version: Number(sheetRows[0].version),
          submittedAt: utc(sheetRows[0].submitted_at),
          answers: sheetRows
            .filter((a) => a.question_id !== null && a.question_id !== undefined)
            .map((a) => ({
              questionId: Number(a.question_id),
              ...(a.choices_json ? { choices: JSON.parse(String(a.choices_json)) as number[] } : {}),
              ...(a.score !== null && a.score !== undefined ? { score: Number(a.score) } : {}),
              ...(a.text ? { text: String(a.text) } : {}),
            })),
        }
      : null;
    return { s, room, questions, sheet };
  }

  private view(l: Loaded): ResidentSurveyView {
    const open = l.s.status === 'published' && l.s.closeAt > this.clock.now();
    return {
      ...item(l.s, l.room, l.sheet?.status ?? null),
      intro: l.s.intro,
      questions: l.questions,
      answers: l.sheet?.answers ?? [],
      submittedAt: l.sheet?.submittedAt?.toISOString() ?? null,
      version: l.sheet?.version ?? 0,
      canAnswer: open && l.sheet?.status !== 'submitted',
    };
  }
}

function myRoom(r: Raw): MyRoom {
  return {
    roomId: Number(r.my_room_id),
    roomLabel: String(r.my_label),
    buildingId: Number(r.my_building_id),
    unitId: Number(r.my_unit_id),
    relation: String(r.my_relation),
  };
}

function item(s: SurveyRow, room: MyRoom, state: 'draft' | 'submitted' | null): ResidentSurveyItem {
  return {
    id: s.id,
    title: s.title,
    communityName: s.communityName,
    status: s.status,
    closeAt: s.closeAt.toISOString(),
    anonymous: s.anonymous,
    per: s.per,
    roomId: s.per === 'room' ? room.roomId : null,
    roomLabel: s.per === 'room' ? room.roomLabel : null,
    state,
  };
}
