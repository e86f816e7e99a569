import { LoginResponse } from '@linli/shared';
import { statementBudgets } from './helpers/budgets';
import { TestApp } from './helpers/test-app';

/** Statement budgets of surveys (see helpers/budgets.ts). */
let t: TestApp;
const { budget, print } = statementBudgets(() => t);

describe('perf budgets: surveys (issue #15)', () => {
  let zhangsan: LoginResponse, wangwu: LoginResponse, manager: LoginResponse;
  const log = { 'x-sql-log': '1' };
  const ids: number[] = [];
  const questions: { id: number; kind: string }[][] = [];
  const answers = (i: number) => questions[i].flatMap((q) => (q.kind === 'scale' ? [{ questionId: q.id, score: 5 }] : []));
  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-12-07T01:00:00.000Z' });
    manager = await t.staff('manager1');
    [zhangsan, wangwu] = [await t.resident('zhangsan'), await t.resident('wangwu')];
    const jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    const tpl = (await t.get('/api/staff/engage/survey-template?year=2026', { token: manager.accessToken })).body;
    for (let i = 0; i < 3; i++) {
      const s = (await t.post('/api/staff/engage/surveys', { ...tpl, communityId: jxhy, closeAt: '2026-12-20T15:00:00.000Z' }, { token: manager.accessToken }))
        .body;
      await t.post(`/api/staff/engage/surveys/${s.id}/publish`, { version: s.version }, { token: manager.accessToken });
      ids.push(s.id);
      questions.push(s.questions);
    }
    // warm: one answered
    await t.post(`/api/resident/surveys/${ids[2]}/submit`, { answers: answers(2) }, { token: zhangsan.accessToken });
  });
  afterAll(async () => {
    print('surveys');
    await t?.close();
  });

  budget('survey submit (a household’s first answer)', 8, () =>
    t.post(`/api/resident/surveys/${ids[0]}/submit`, { answers: answers(0) }, { token: zhangsan.accessToken, headers: log }),
  );
  budget('survey submit over a saved draft, with Idempotency-Key', 10, async () => {
    await t.put(`/api/resident/surveys/${ids[1]}/draft`, { answers: answers(1).slice(0, 2) }, { token: zhangsan.accessToken });
    return t.post(
      `/api/resident/surveys/${ids[1]}/submit`,
      { answers: answers(1) },
      { token: zhangsan.accessToken, headers: { ...log, 'Idempotency-Key': 'perf-survey-1' } },
    );
  });
  budget('resident survey list', 3, async () => {
    await t.get('/api/resident/surveys', { token: wangwu.accessToken });
    return t.get('/api/resident/surveys', { token: zhangsan.accessToken, headers: log });
  });
  budget('resident survey detail', 4, () => t.get(`/api/resident/surveys/${ids[2]}`, { token: zhangsan.accessToken, headers: log }));
  budget('staff survey list', 3, () => t.get('/api/staff/engage/surveys', { token: manager.accessToken, headers: log }));
  budget('staff survey detail', 4, () => t.get(`/api/staff/engage/surveys/${ids[0]}`, { token: manager.accessToken, headers: log }));
});
