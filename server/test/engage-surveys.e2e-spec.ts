import { LoginResponse, ResidentSurveyItem, ResidentSurveyView, SurveyResults, SurveyView } from '@linli/shared';
import { otherCompany } from './helpers/repairs';
import { bind, CLOSE, exportSheets, fullAnswers, MONDAY_9, surveysApi } from './helpers/surveys';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: unknown };
/** what must never show on any output of 张三's household's anonymous answer */
const SECRETS = ['张三', '王五', '1栋1单元101', '13800000001', '138****0001'];

describe('engage: surveys — targeting, one answer per household, required questions, anonymity', () => {
  let t: TestApp;
  let api: ReturnType<typeof surveysApi>;
  let manager1: LoginResponse, agent1: LoginResponse, supervisor2: LoginResponse, admin: LoginResponse;
  let zhangsan: LoginResponse, wangwu: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let far: Awaited<ReturnType<typeof otherCompany>>;
  let jxhy: number, building1: number, room101: number;
  let survey: SurveyView;
  let logFrom = 0;

  beforeAll(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'info' });
    api = surveysApi(t);
    await api.clock(MONDAY_9);
    [manager1, agent1, supervisor2, admin] = await Promise.all(['manager1', 'agent1', 'supervisor2', 'admin'].map((u) => t.staff(u)));
    [zhangsan, wangwu, lisi, chenliu] = await Promise.all(['zhangsan', 'wangwu', 'lisi', 'chenliu'].map((c) => t.resident(c)));
    const r = await t.room('锦绣花园', '1栋1单元101');
    [room101, jxhy] = [r.id, r.communityId];
    building1 = Number((await t.query('SELECT building_id FROM rooms WHERE id = ?', [room101]))[0].building_id);
    // 王五 lives in 张三's flat (family): the same household
    await bind(t, wangwu.me.id, room101, 'family', '王五');
    far = await otherCompany(t);
  });
  afterAll(() => t?.close());

  it('settings: the top-two share by default; only managers and admins change it', async () => {
    const s = await t.get('/api/staff/engage/settings', { token: agent1.accessToken });
    expect(s.body).toMatchObject({ indexFormula: 'top_two_share', version: 0 });
    expect(s.body.formulaText).toContain('满意 + 较满意');
    expect((await t.put('/api/staff/engage/settings', { indexFormula: 'weighted_mean' }, { token: agent1.accessToken })).status).toBe(403);
  });

  it('staff build from the yearly template; bad input is refused in zh-CN; agents and other communities cannot write', async () => {
    const tpl = await t.get('/api/staff/engage/survey-template?year=2026', { token: manager1.accessToken });
    expect(tpl.body.questions.map((q: { dimension: string }) => q.dimension).slice(0, 7)).toEqual(['客服', '维修', '保洁', '绿化', '安保', '收费', '总体']);
    const body = api.fromTemplate(jxhy, { buildingIds: [building1], anonymous: true });
    expect((await api.create(agent1, body)).status).toBe(403);
    expect((await api.create(supervisor2, body)).status).toBe(404);
    expect((await api.create(far.admin, body)).status).toBe(404);
    const past = await api.create(manager1, { ...body, closeAt: '2026-12-01T00:00:00Z' });
    expect([past.status, past.body.message]).toEqual([400, '截止时间须晚于现在']);
    const bad = await api.create(manager1, { ...body, questions: [{ kind: 'single', title: '您家几口人？', options: ['1'] }] });
    expect([bad.status, bad.body.message]).toEqual([400, '第 1 题（选择题）至少需要两个选项']);
    const c = await api.create(manager1, body, { 'Idempotency-Key': 'survey-1' });
    expect(c.status).toBe(201);
    expect((await api.create(manager1, body, { 'Idempotency-Key': 'survey-1' })).body.id).toBe(c.body.id);
    survey = c.body;
    expect(survey).toMatchObject({ status: 'draft', anonymous: true, per: 'room', buildingIds: [building1] });
    // a draft is no resident's business yet
    expect((await api.open(zhangsan, survey.id)).status).toBe(404);
    expect((await t.get(`/api/staff/engage/surveys/${survey.id}`, { token: far.admin.accessToken })).status).toBe(404);
    expect((await t.get(`/api/staff/engage/surveys/${survey.id}`, { token: supervisor2.accessToken })).status).toBe(404);
  });

  it('publishing tells the targeted residents (inbox + WeChat outbox), nobody else', async () => {
    const p = await api.publish(manager1, survey.id);
    expect([p.status, p.body.status]).toEqual([200, 'published']);
    survey = p.body;
    expect((await api.publish(manager1, survey.id)).status).toBe(409);
    const inbox = await t.query("SELECT recipient_id FROM notifications WHERE template = 'survey_published' ORDER BY recipient_id");
    expect(inbox.map((r) => Number(r.recipient_id)).sort()).toEqual([zhangsan.me.id, wangwu.me.id].sort());
    const wx = await t.query("SELECT recipient_id FROM outbox WHERE template = 'survey_published' AND channel = 'wechat'");
    expect(wx.length).toBe(2);
  });

  it('targeting: a resident of another building, community or company never sees it (404 on direct access)', async () => {
    expect(((await api.mine(zhangsan)).body as ResidentSurveyItem[]).map((s) => s.id)).toEqual([survey.id]);
    expect((await api.mine(lisi)).body).toEqual([]);
    expect((await api.mine(chenliu)).body).toEqual([]);
    for (const who of [lisi, chenliu, far.resident]) {
      expect((await api.open(who, survey.id)).status).toBe(404);
      expect((await api.submit(who, survey.id, fullAnswers(survey, 5))).status).toBe(404);
    }
  });

  it('required questions are enforced on submit with a zh-CN message; a draft may be partial and is the household’s', async () => {
    const partial = [{ questionId: survey.questions[0].id, score: 4 }];
    const r = await api.submit(zhangsan, survey.id, partial);
    expect(r.status).toBe(400);
    expect((r.body as Err).message).toBe('第 2 题为必答题，请作答');
    const bad = await api.draft(zhangsan, survey.id, [{ questionId: survey.questions[0].id, score: 9 }]);
    expect([bad.status, (bad.body as Err).message]).toEqual([400, '第 1 题的评分须为 1–5']);
    const d = await api.draft(zhangsan, survey.id, partial);
    expect([d.status, (d.body as ResidentSurveyView).state]).toEqual([200, 'draft']);
    const seen = (await api.open(wangwu, survey.id)).body as ResidentSurveyView;
    expect(seen).toMatchObject({ state: 'draft', canAnswer: true, roomId: room101, answers: partial });
  });

  it('10 submits at once from the owner and a family member: exactly one 201, the others a clear 409', async () => {
    logFrom = t.output.length;
    const answers = fullAnswers(survey, 4, '保安很负责，建议晚上多巡逻');
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => api.submit(i % 2 ? wangwu : zhangsan, survey.id, answers)));
    const codes = all.map((r) => r.status);
    expect(codes.filter((s) => s === 201)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(9);
    for (const r of all.filter((x) => x.status === 409)) expect((r.body as Err).message).toMatch(/每户只能提交一份|已有家庭成员提交/);
    const rows = await t.query('SELECT status FROM survey_responses WHERE survey_id = ?', [survey.id]);
    expect(rows.map((x) => x.status)).toEqual(['submitted']);
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM survey_answers WHERE survey_id = ?', [survey.id]))[0].n)).toBe(8);
    // read-only after submitting
    const v = (await api.open(zhangsan, survey.id)).body as ResidentSurveyView;
    expect(v).toMatchObject({ state: 'submitted', canAnswer: false });
    expect((await api.draft(wangwu, survey.id, [])).status).toBe(409);
  });

  it('anonymity: results, export, staff views, inbox and logs never say who answered', async () => {
    const res = await api.results(manager1, survey.id);
    expect(res.status).toBe(200);
    const r = res.body as SurveyResults;
    expect(r).toMatchObject({ targeted: 1, responded: 1, responseRate: 100, anonymous: true });
    const text = r.questions.find((q) => q.kind === 'text')!;
    expect(text.texts).toEqual([{ text: '保安很负责，建议晚上多巡逻', by: null }]);
    const xlsx = await exportSheets(t, survey.id, manager1);
    expect(xlsx.status).toBe(200);
    const outputs = [
      JSON.stringify(r),
      JSON.stringify((await t.get(`/api/staff/engage/surveys/${survey.id}`, { token: agent1.accessToken })).body),
      JSON.stringify((await t.get('/api/staff/engage/surveys', { token: admin.accessToken })).body),
      JSON.stringify((await t.get('/api/notifications', { token: manager1.accessToken })).body),
      JSON.stringify(xlsx.sheets),
      t.output.slice(logFrom).join(''),
    ];
    for (const o of outputs) for (const s of SECRETS) expect(o).not.toContain(s);
    for (const o of outputs.slice(0, 3)) expect(o).not.toMatch(new RegExp(`"(userId|roomId|roomLabel)":\\s*(${zhangsan.me.id}|${room101})\\b`));
  });

  it('closing: staff close early; a submit after it is a clear 409', async () => {
    const other = (await api.create(manager1, api.fromTemplate(jxhy))).body as SurveyView;
    await api.publish(manager1, other.id);
    expect((await api.close(manager1, other.id)).status).toBe(200);
    const r = await api.submit(lisi, other.id, fullAnswers(other, 5));
    expect([r.status, (r.body as Err).message]).toEqual([409, '问卷已截止，不能再作答']);
    // the close time passing closes a survey too
    const third = (await api.create(manager1, api.fromTemplate(jxhy))).body as SurveyView;
    await api.publish(manager1, third.id);
    await api.clock(new Date(new Date(CLOSE).getTime() + 60_000).toISOString());
    expect((await api.submit(lisi, third.id, fullAnswers(third, 5))).status).toBe(409);
    expect((await api.job()).body.closed).toBeGreaterThanOrEqual(1);
    expect((await t.get(`/api/staff/engage/surveys/${third.id}`, { token: manager1.accessToken })).body.status).toBe('closed');
  });
});
