import { LoginResponse, MonthlyReportView, SurveyView } from '@linli/shared';
import { fullAnswers, MONDAY_9, surveysApi } from './helpers/surveys';
import { TestApp } from './helpers/test-app';

/**
 * The monthly report's survey index (issue #16 × #15): the surveys closing in the month, every 1–5 answer of their
 * submitted sheets, by the company's formula, printed with its numbers — beside the post-ticket ratings.
 */
describe('reports: the survey index of the month, by the company formula, beside the ticket ratings', () => {
  let t: TestApp;
  let api: ReturnType<typeof surveysApi>;
  let manager1: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let jxhy: number;
  let s: SurveyView;
  const december = async () =>
    (await t.get<MonthlyReportView>(`/api/reports/monthly?period=2026-12&communityId=${jxhy}`, { token: manager1.accessToken })).body;

  beforeAll(async () => {
    t = await TestApp.start();
    api = surveysApi(t);
    await api.clock(MONDAY_9);
    manager1 = await t.staff('manager1');
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    s = (await api.create(manager1, api.fromTemplate(jxhy))).body;
    expect((await api.publish(manager1, s.id)).status).toBe(200);
  });
  afterAll(() => t?.close());

  it('no sheet yet: no index, the formula with zeros', async () => {
    const r = await december();
    expect(r.satisfaction).toMatchObject({ surveyIndex: null, surveyResponses: 0, surveysOpen: 1 });
  });

  it('two households: 满意 on every scale question and 一般 on every one → 50 %; the weighted mean 80 分 once the company chooses it', async () => {
    const scale = s.questions.filter((q) => q.kind === 'scale').length;
    expect((await api.submit(zhangsan, s.id, fullAnswers(s, 5))).status).toBe(201);
    expect((await api.submit(lisi, s.id, fullAnswers(s, 3))).status).toBe(201);
    const r = await december();
    expect(r.satisfaction.surveyResponses).toBe(2);
    expect(r.satisfaction.surveyIndex).toBeCloseTo(0.5, 10);
    expect(r.satisfaction.surveyFormula).toBe(`满意度 = (满意 ${scale} + 较满意 0) ÷ 有效答卷 ${2 * scale} × 100% = 50.0%`);
    // the ticket ratings stay their own figure
    expect(r.satisfaction).toHaveProperty('ticketRatings');

    const put = await t.put('/api/staff/engage/settings', { indexFormula: 'weighted_mean' }, { token: manager1.accessToken });
    expect(put.status).toBe(200);
    const w = await december();
    expect(w.satisfaction.surveyIndex).toBeCloseTo(0.8, 10);
    expect(w.satisfaction.surveyFormula).toContain('= 80.0 分');
    // a survey closing in another month is not December's
    const nov = (await t.get<MonthlyReportView>(`/api/reports/monthly?period=2026-11&communityId=${jxhy}`, { token: manager1.accessToken })).body;
    expect(nov.satisfaction).toMatchObject({ surveyIndex: null, surveyResponses: 0 });
    // closed early: still December's (it closes in December), no longer open
    expect((await api.close(manager1, s.id)).status).toBe(200);
    expect((await december()).satisfaction).toMatchObject({ surveyResponses: 2, surveysOpen: 0 });
  });
});
