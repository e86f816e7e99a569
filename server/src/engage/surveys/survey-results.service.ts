import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  percent,
  responseRateText,
  satisfactionIndex,
  SatisfactionMethod,
  SCALE_LABELS,
  SurveyQuestionResult,
  SurveyQuestionView,
  SurveyResults,
  TicketRatingSummary,
} from '@linli/shared';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { sqlTime } from '../../common/sql-time';
import { EngageSettingsService } from './engage-settings.service';
import { audienceOf, loadQuestions, SurveyRow } from './survey-rows';
import { SurveysStaffService } from './surveys-staff.service';

type Raw = Record<string, unknown>;
interface Answer {
  questionId: number;
  buildingId: number;
  roomId: number | null;
  choices: number[];
  score: number | null;
  text: string | null;
}

const scaleCounts = () => [0, 0, 0, 0, 0, 0];

/**
 * The results of a survey (staff of its community): response rate, each question's distribution, by building, the
 * satisfaction index by the company's formula with the formula printed, and the per-ticket star ratings of the same
 * community and period beside it (never pooled into the index). An anonymous survey shows no respondent anywhere.
 */
@Injectable()
export class SurveyResultsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly surveys: SurveysStaffService,
    private readonly settings: EngageSettingsService,
    private readonly clock: Clock,
  ) {}

  async results(c: Caller, id: number): Promise<SurveyResults> {
    const s = await this.surveys.visible(c, id);
    const [questions, method, members, answers, buildings, ratings] = [
      await loadQuestions(this.ds.manager, id),
      await this.settings.method(c.companyId),
      await audienceOf(this.ds.manager, s),
      await this.answers(id),
      (await this.ds.query('SELECT id, name FROM buildings WHERE community_id = ? ORDER BY id', [s.communityId])) as Raw[],
      await this.ticketRatings(s),
    ];
    const responses = (await this.ds.query(`SELECT id, room_id, building_id, user_id FROM survey_responses WHERE survey_id = ? AND status = 'submitted'`, [
      id,
    ])) as Raw[];
    const unitOf = (m: { roomId: number; userId: number }) => (s.per === 'room' ? m.roomId : m.userId);
    const targeted = new Set(members.map(unitOf)).size;
    const labels = new Map(members.map((m) => [m.roomId, m.roomLabel]));
    const all = scaleCounts();
    const byDimension = new Map<string, number[]>();
    for (const a of answers) {
      const q = questions.find((x) => x.id === a.questionId);
      if (q?.kind !== 'scale' || a.score === null) continue;
      all[a.score]++;
      if (q.dimension) (byDimension.get(q.dimension) ?? byDimension.set(q.dimension, scaleCounts()).get(q.dimension)!)[a.score]++;
    }
    const byBuilding = buildings
      .map((b) => {
        const bid = Number(b.id);
        const t = new Set(members.filter((m) => m.buildingId === bid).map(unitOf)).size;
        const responded = responses.filter((r) => Number(r.building_id) === bid).length;
        const counts = scaleCounts();
        for (const a of answers)
          if (a.buildingId === bid && a.score !== null && questions.find((q) => q.id === a.questionId)?.kind === 'scale') counts[a.score]++;
        return {
          buildingId: bid,
          buildingName: String(b.name),
          targeted: t,
          responded,
          responseRate: percent(responded, t),
          index: satisfactionIndex(counts, method),
        };
      })
      .filter((b) => b.targeted > 0 || b.responded > 0);
    return {
      surveyId: s.id,
      title: s.title,
      communityName: s.communityName,
      status: s.status,
      anonymous: s.anonymous,
      per: s.per,
      targeted,
      responded: responses.length,
      responseRate: percent(responses.length, targeted),
      responseRateText: responseRateText(responses.length, targeted, s.per),
      method,
      index: satisfactionIndex(all, method),
      dimensions: [...byDimension].map(([dimension, counts]) => ({ dimension, index: satisfactionIndex(counts, method) })),
      questions: questions.map((q) => questionResult(q, answers, method, s.anonymous, labels)),
      byBuilding,
      ticketRatings: ratings,
    };
  }

  private async answers(surveyId: number): Promise<Answer[]> {
    const rows = (await this.ds.query(
      `SELECT a.question_id, a.choices_json, a.score, a.text, r.building_id, r.room_id FROM survey_answers a
       JOIN survey_responses r ON r.id = a.response_id WHERE a.survey_id = ? AND r.status = 'submitted'`,
      [surveyId],
    )) as Raw[];
    return rows.map((r) => ({
      questionId: Number(r.question_id),
      buildingId: Number(r.building_id),
      roomId: r.room_id === null ? null : Number(r.room_id),
      choices: r.choices_json ? (JSON.parse(String(r.choices_json)) as number[]) : [],
      score: r.score === null || r.score === undefined ? null : Number(r.score),
      text: (r.text as string | null) ?? null,
    }));
  }

  /** Star ratings of repairs and complaints of the community completed in the survey's period. */
  private async ticketRatings(s: SurveyRow): Promise<SurveyResults['ticketRatings']> {
    const from = s.publishedAt ?? s.createdAt;
    const now = this.clock.now();
    const to = s.closedAt ?? (s.closeAt < now ? s.closeAt : now);
    const rows = (await this.ds.query(
      `SELECT kind, rating, COUNT(*) AS n FROM tickets WHERE company_id = ? AND community_id = ? AND rating IS NOT NULL
       AND completed_at >= ? AND completed_at < ? GROUP BY kind, rating`,
      [s.companyId, s.communityId, sqlTime(from), sqlTime(to)],
    )) as Raw[];
    const kinds: TicketRatingSummary[] = (['repair', 'complaint'] as const).map((kind) => {
      const stars = scaleCounts();
      for (const r of rows) if (r.kind === kind && Number(r.rating) >= 1 && Number(r.rating) <= 5) stars[Number(r.rating)] += Number(r.n);
      const rated = stars.reduce((a, b) => a + b, 0);
      const sum = stars.reduce((a, n, i) => a + n * i, 0);
      return { kind, rated, average: rated ? Math.round((sum / rated) * 10) / 10 : null, stars };
    });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      note: '工单评价（报修、投诉办结后的星级评价）单独列示，不计入问卷满意度',
      kinds,
    };
  }
}

function questionResult(
  q: SurveyQuestionView,
  answers: Answer[],
  method: SatisfactionMethod,
  anonymous: boolean,
  labels: Map<number, string>,
): SurveyQuestionResult {
  const mine = answers.filter((a) => a.questionId === q.id);
  const base = { questionId: q.id, seq: q.seq, title: q.title, kind: q.kind, dimension: q.dimension, answered: mine.length };
  if (q.kind === 'scale') {
    const counts = scaleCounts();
    for (const a of mine) if (a.score !== null) counts[a.score]++;
    const options = [5, 4, 3, 2, 1].map((k) => ({ label: SCALE_LABELS[k], count: counts[k], percent: percent(counts[k], mine.length) }));
    return { ...base, options, index: satisfactionIndex(counts, method), texts: [] };
  }
  if (q.kind === 'text') {
    const texts = mine.filter((a) => a.text).map((a) => ({ text: a.text!, by: anonymous || a.roomId === null ? null : (labels.get(a.roomId) ?? null) }));
    // anonymous: sorted by the text itself, so not even the order tells who wrote what
    if (anonymous) texts.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return { ...base, options: [], index: null, texts };
  }
  const options = q.options.map((label, i) => {
    const count = mine.filter((a) => a.choices.includes(i)).length;
    return { label, count, percent: percent(count, mine.length) };
  });
  return { ...base, options, index: null, texts: [] };
}
