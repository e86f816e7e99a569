import { SCALE_LABELS } from './satisfaction-index';
import type { SurveyAnswerInput, SurveyQuestionInput, SurveyQuestionKind } from './survey-types';

export const SURVEY_DIMENSIONS = ['客服', '维修', '保洁', '绿化', '安保', '收费', '总体'] as const;
export const SURVEY_MAX_QUESTIONS = 50;
export const SURVEY_MAX_OPTIONS = 20;
export const SURVEY_TEXT_MAX = 500;
/** one reminder to those who have not answered, this many days before the survey closes */
export const SURVEY_REMIND_DAYS_BEFORE_CLOSE = 3;
/** 1–5 scale labels, 1 first (SCALE_LABELS of satisfaction-index.ts) */
export const SURVEY_SCALE_OPTIONS: string[] = SCALE_LABELS.slice(1);

export interface FieldProblem {
  field: string;
  message: string;
}

const DIMENSION_ITEMS: Record<string, string> = {
  客服: '客服中心的服务（接待、咨询、投诉处理）',
  维修: '报修维修的及时性和质量',
  保洁: '公共区域的保洁',
  绿化: '绿化养护',
  安保: '安全秩序维护（门岗、巡逻、车辆管理）',
  收费: '收费的透明和规范',
  总体: '物业服务的总体表现',
};

/** The built-in yearly satisfaction survey (年度满意度调查): one 1–5 question per dimension and a free-text box. */
export function satisfactionTemplate(year: number): { title: string; intro: string; questions: SurveyQuestionInput[] } {
  const questions: SurveyQuestionInput[] = SURVEY_DIMENSIONS.map((d) => ({
    section: d === '总体' ? '总体评价' : '分项评价',
    kind: 'scale' as const,
    title: `您对${DIMENSION_ITEMS[d]}满意吗？`,
    required: true,
    dimension: d,
  }));
  questions.push({ section: '意见建议', kind: 'text', title: '您对我们的服务还有哪些意见和建议？', required: false, dimension: null });
  return {
    title: `${year}年度业主满意度调查`,
    intro: '感谢您抽出时间参与本次调查。请根据过去一年的感受作答，您的意见将帮助我们改进服务。',
    questions,
  };
}

/** Problems of the questions a survey is published with (zh-CN); empty when fine. */
export function questionProblems(qs: readonly SurveyQuestionInput[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!qs.length) out.push({ field: 'questions', message: '问卷至少需要一道题目' });
  if (qs.length > SURVEY_MAX_QUESTIONS) out.push({ field: 'questions', message: `问卷最多 ${SURVEY_MAX_QUESTIONS} 道题目` });
  qs.forEach((q, i) => {
    const f = `questions.${i}`;
    if (!q.title?.trim()) out.push({ field: `${f}.title`, message: `第 ${i + 1} 题缺少题目` });
    if (q.kind === 'single' || q.kind === 'multi') {
      const opts = q.options ?? [];
      if (opts.length < 2) out.push({ field: `${f}.options`, message: `第 ${i + 1} 题（选择题）至少需要两个选项` });
      if (opts.length > SURVEY_MAX_OPTIONS) out.push({ field: `${f}.options`, message: `第 ${i + 1} 题最多 ${SURVEY_MAX_OPTIONS} 个选项` });
      if (opts.some((o) => !o.trim())) out.push({ field: `${f}.options`, message: `第 ${i + 1} 题有空白选项` });
      if (new Set(opts.map((o) => o.trim())).size !== opts.length) out.push({ field: `${f}.options`, message: `第 ${i + 1} 题有重复的选项` });
    } else if (q.options?.length) out.push({ field: `${f}.options`, message: `第 ${i + 1} 题不是选择题，不能设置选项` });
    if (q.dimension && !(SURVEY_DIMENSIONS as readonly string[]).includes(q.dimension))
      out.push({ field: `${f}.dimension`, message: `第 ${i + 1} 题的维度须为 ${SURVEY_DIMENSIONS.join('、')} 之一` });
  });
  return out;
}

export interface AnswerableQuestion {
  id: number;
  seq: number;
  kind: SurveyQuestionKind;
  options: string[];
  required: boolean;
}

/** Whether an answer says anything (a blank text, no choice or no score is no answer). */
export function isAnswered(a: SurveyAnswerInput | undefined): boolean {
  if (!a) return false;
  return !!(a.choices?.length || a.score !== undefined || a.text?.trim());
}

/**
 * Problems of a resident's answers (zh-CN). A draft may leave questions out; a submission must answer every required
 * one. Unknown questions, out-of-range choices and scores, several choices on a single-choice question are refused.
 */
export function answerProblems(qs: readonly AnswerableQuestion[], answers: readonly SurveyAnswerInput[], submit: boolean): FieldProblem[] {
  const out: FieldProblem[] = [];
  const byId = new Map(qs.map((q) => [q.id, q]));
  const seen = new Set<number>();
  answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    const f = `answers.${i}`;
    if (!q) return out.push({ field: `${f}.questionId`, message: '题目不属于本问卷' });
    if (seen.has(q.id)) return out.push({ field: `${f}.questionId`, message: `第 ${q.seq} 题重复作答` });
    seen.add(q.id);
    const n = `第 ${q.seq} 题`;
    if (q.kind === 'single' || q.kind === 'multi') {
      const c = a.choices ?? [];
      if (a.score !== undefined || a.text) out.push({ field: f, message: `${n}是选择题，请选择选项` });
      if (c.some((x) => !Number.isInteger(x) || x < 0 || x >= q.options.length)) out.push({ field: `${f}.choices`, message: `${n}的选项不存在` });
      if (new Set(c).size !== c.length) out.push({ field: `${f}.choices`, message: `${n}的选项重复` });
      if (q.kind === 'single' && c.length > 1) out.push({ field: `${f}.choices`, message: `${n}是单选题，只能选一项` });
    } else if (q.kind === 'scale') {
      if (a.choices?.length || a.text) out.push({ field: f, message: `${n}是评分题，请选择 1–5 分` });
      if (a.score !== undefined && (!Number.isInteger(a.score) || a.score < 1 || a.score > 5)) out.push({ field: `${f}.score`, message: `${n}的评分须为 1–5` });
    } else {
      if (a.choices?.length || a.score !== undefined) out.push({ field: f, message: `${n}是填空题，请填写文字` });
      if ((a.text ?? '').length > SURVEY_TEXT_MAX) out.push({ field: `${f}.text`, message: `${n}的回答不能超过 ${SURVEY_TEXT_MAX} 字` });
    }
  });
  if (submit) {
    const given = new Map(answers.map((a) => [a.questionId, a]));
    for (const q of qs) if (q.required && !isAnswered(given.get(q.id))) out.push({ field: `question.${q.id}`, message: `第 ${q.seq} 题为必答题，请作答` });
  }
  return out;
}

/** share in percent with one decimal; 0 when the whole is 0 */
export function percent(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** "回复率 = 已回复 12 户 ÷ 目标 40 户 = 30.0%" */
export function responseRateText(responded: number, targeted: number, per: 'room' | 'person'): string {
  const u = per === 'room' ? '户' : '人';
  return `回复率 = 已回复 ${responded} ${u} ÷ 调查对象 ${targeted} ${u} = ${percent(responded, targeted).toFixed(1)}%`;
}
