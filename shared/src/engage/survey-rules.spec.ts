import { satisfactionIndex } from './satisfaction-index';
import { answerProblems, questionProblems, responseRateText, satisfactionTemplate, SURVEY_DIMENSIONS } from './survey-rules';

const qs = [
  { id: 1, seq: 1, kind: 'scale' as const, options: [], required: true },
  { id: 2, seq: 2, kind: 'single' as const, options: ['是', '否'], required: true },
  { id: 3, seq: 3, kind: 'multi' as const, options: ['a', 'b', 'c'], required: false },
  { id: 4, seq: 4, kind: 'text' as const, options: [], required: false },
];

describe('satisfactionTemplate', () => {
  it('has one required 1–5 question per dimension and an optional text box', () => {
    const t = satisfactionTemplate(2026);
    expect(t.title).toBe('2026年度业主满意度调查');
    expect(t.questions.filter((q) => q.kind === 'scale').map((q) => q.dimension)).toEqual([...SURVEY_DIMENSIONS]);
    expect(t.questions.at(-1)).toMatchObject({ kind: 'text', required: false });
    expect(questionProblems(t.questions)).toEqual([]);
  });
});

describe('questionProblems', () => {
  it('refuses no questions, one-option choices, duplicate options, options on a scale, unknown dimensions', () => {
    expect(questionProblems([])[0].message).toBe('问卷至少需要一道题目');
    const p = questionProblems([
      { kind: 'single', title: '甲', options: ['一'] },
      { kind: 'multi', title: '乙', options: ['一', '一'] },
      { kind: 'scale', title: '丙', options: ['x'] },
      { kind: 'scale', title: ' ', dimension: '食堂' },
    ]);
    expect(p.map((x) => x.field)).toEqual(['questions.0.options', 'questions.1.options', 'questions.2.options', 'questions.3.title', 'questions.3.dimension']);
  });
});

describe('answerProblems', () => {
  it('lets a draft leave required questions out, not a submission', () => {
    expect(answerProblems(qs, [{ questionId: 1, score: 5 }], false)).toEqual([]);
    expect(answerProblems(qs, [{ questionId: 1, score: 5 }], true)).toEqual([{ field: 'question.2', message: '第 2 题为必答题，请作答' }]);
    expect(
      answerProblems(
        qs,
        [
          { questionId: 1, score: 4 },
          { questionId: 2, choices: [1] },
          { questionId: 4, text: '  ' },
        ],
        true,
      ),
    ).toEqual([]);
  });
  it('refuses out-of-range scores and choices, two choices on a single, unknown and repeated questions, the wrong kind', () => {
    const p = answerProblems(
      qs,
      [
        { questionId: 1, score: 6 },
        { questionId: 2, choices: [0, 1] },
        { questionId: 3, choices: [3] },
        { questionId: 9, text: 'x' },
        { questionId: 1, score: 1 },
        { questionId: 4, score: 3 },
      ],
      false,
    );
    expect(p.map((x) => x.message)).toEqual([
      '第 1 题的评分须为 1–5',
      '第 2 题是单选题，只能选一项',
      '第 3 题的选项不存在',
      '题目不属于本问卷',
      '第 1 题重复作答',
      '第 4 题是填空题，请填写文字',
    ]);
  });
});

describe('the index on fixed data (both formulas)', () => {
  it('prints the formula with its numbers', () => {
    const counts = [0, 1, 2, 3, 6, 8]; // 20 valid answers
    expect(satisfactionIndex(counts).formula).toBe('满意度 = (满意 8 + 较满意 6) ÷ 有效答卷 20 × 100% = 70.0%');
    expect(satisfactionIndex(counts, 'weighted_mean').index).toBe(78);
    expect(responseRateText(3, 8, 'room')).toBe('回复率 = 已回复 3 户 ÷ 调查对象 8 户 = 37.5%');
  });
});
