import { LoginResponse, SurveyResults, SurveyView } from '@linli/shared';
import { bind, exportSheets, fullAnswers, MONDAY_9, surveysApi } from './helpers/surveys';
import { TestApp } from './helpers/test-app';

const DAY = 86_400_000;
const at = (base: string, ms: number) => new Date(new Date(base).getTime() + ms).toISOString();
/** 20 answers to the 1–5 question: 1×1, 2×2, 3×3, 4×6, 5×8 */
const SCORES = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5];

describe('engage: survey results — the index on fixed data (both formulas), export equals screen, the reminder, scheduled publishing', () => {
  let t: TestApp;
  let api: ReturnType<typeof surveysApi>;
  let manager1: LoginResponse, zhangsan: LoginResponse, wangwu: LoginResponse, lisi: LoginResponse;
  let jxhy: number, room101: number, filler: number;
  let fixed: SurveyView;

  beforeAll(async () => {
    t = await TestApp.start();
    api = surveysApi(t);
    await api.clock(MONDAY_9);
    manager1 = await t.staff('manager1');
    [zhangsan, wangwu, lisi] = await Promise.all(['zhangsan', 'wangwu', 'lisi'].map((c) => t.resident(c)));
    const r = await t.room('锦绣花园', '1栋1单元101');
    [room101, jxhy] = [r.id, r.communityId];
    await bind(t, wangwu.me.id, room101, 'family', '王五');
    // 20 more households of 锦绣花园, all bound to one owner (a landlord), so 22 households are targeted
    await t.query(
      `INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at)
       VALUES (1, 'resident', '房东', '13900000999', NULL, NULL, 'resident', 1, NULL, '2026-11-01 00:00:00.000')`,
    );
    filler = Number((await t.query("SELECT id FROM users WHERE name = '房东'"))[0].id);
    const rooms = await t.query("SELECT id FROM rooms WHERE community_id = ? AND label NOT IN ('1栋1单元101', '2栋2单元202') ORDER BY id LIMIT 20", [jxhy]);
    for (const x of rooms) await bind(t, filler, Number(x.id), 'owner', '房东');
  });
  afterAll(() => t?.close());

  it('the index and response rate on fixed data, with the formula printed; ticket ratings beside it, never mixed in', async () => {
    const body = {
      communityId: jxhy,
      title: '保洁专项调查',
      closeAt: at(MONDAY_9, 10 * DAY),
      questions: [
        { kind: 'scale', title: '您对保洁满意吗？', required: true, dimension: '保洁' },
        { kind: 'single', title: '您常用哪个门？', options: ['东门', '西门'], required: true },
        { kind: 'text', title: '其他意见' },
      ],
    };
    fixed = (await api.create(manager1, body)).body;
    expect((await api.publish(manager1, fixed.id)).status).toBe(200);
    // 20 submitted answer sheets straight in the database: the landlord's 20 rooms
    const rooms = await t.query('SELECT r.id, r.building_id FROM room_bindings b JOIN rooms r ON r.id = b.room_id WHERE b.user_id = ? ORDER BY r.id', [filler]);
    const [scale, single, text] = fixed.questions.map((q) => q.id);
    for (const [i, room] of rooms.entries()) {
      await t.query(
        `INSERT INTO survey_responses (company_id, survey_id, room_key, user_key, room_id, building_id, user_id, status, submitted_at, created_at, updated_at, version)
         VALUES (1, ?, ?, 0, ?, ?, ?, 'submitted', ?, ?, ?, 1)`,
        [fixed.id, room.id, room.id, room.building_id, filler, '2026-12-07 02:00:00.000', '2026-12-07 02:00:00.000', '2026-12-07 02:00:00.000'],
      );
      const [resp] = await t.query('SELECT id FROM survey_responses WHERE survey_id = ? AND room_key = ?', [fixed.id, room.id]);
      await t.query(
        'INSERT INTO survey_answers (survey_id, response_id, question_id, choices_json, score, text) VALUES (?, ?, ?, NULL, ?, NULL), (?, ?, ?, ?, NULL, NULL)',
        [fixed.id, resp.id, scale, SCORES[i], fixed.id, resp.id, single, JSON.stringify([i < 5 ? 1 : 0])],
      );
      if (i === 0)
        await t.query('INSERT INTO survey_answers (survey_id, response_id, question_id, choices_json, score, text) VALUES (?, ?, ?, NULL, NULL, ?)', [
          fixed.id,
          resp.id,
          text,
          '电梯间要常擦',
        ]);
    }
    // a 1-star repair rating of the period: beside the index, not in it
    await t.query(
      `INSERT INTO tickets (company_id, community_id, kind, no, category, status, is_open, tier_rank, breached, description, location, channel, received_at, completed_at, rating, version, created_at, updated_at)
       VALUES (1, ?, 'repair', 'R-T-1', 'plumbing', 'closed', 0, 3, 0, '漏水', '厨房', 'miniapp', ?, ?, 1, 1, ?, ?)`,
      [jxhy, '2026-12-07 01:30:00.000', '2026-12-07 03:00:00.000', '2026-12-07 01:30:00.000', '2026-12-07 03:00:00.000'],
    );
    await api.clock(at(MONDAY_9, DAY));
    const r = (await api.results(manager1, fixed.id)).body as SurveyResults;
    expect(r).toMatchObject({ targeted: 22, responded: 20, responseRate: 90.9, method: 'top_two_share' });
    expect(r.responseRateText).toBe('回复率 = 已回复 20 户 ÷ 调查对象 22 户 = 90.9%');
    expect(r.index).toMatchObject({ index: 70, valid: 20, formula: '满意度 = (满意 8 + 较满意 6) ÷ 有效答卷 20 × 100% = 70.0%' });
    expect(r.dimensions).toEqual([{ dimension: '保洁', index: r.index }]);
    expect(r.questions[0].options.map((o) => o.count)).toEqual([8, 6, 3, 2, 1]);
    expect(r.questions[1].options).toEqual([
      { label: '东门', count: 15, percent: 75 },
      { label: '西门', count: 5, percent: 25 },
    ]);
    // a named survey: the room beside the text
    expect(r.questions[2].texts).toEqual([{ text: '电梯间要常擦', by: expect.stringMatching(/栋.*单元/) }]);
    expect(r.byBuilding.reduce((s, b) => s + b.responded, 0)).toBe(20);
    expect(r.byBuilding.reduce((s, b) => s + b.index.valid, 0)).toBe(20);
    expect(r.ticketRatings.kinds).toEqual([
      { kind: 'repair', rated: 1, average: 1, stars: [0, 1, 0, 0, 0, 0] },
      { kind: 'complaint', rated: 0, average: null, stars: [0, 0, 0, 0, 0, 0] },
    ]);
    await sameAsExport(r);
  });

  it('the weighted mean when the company chooses it: the screen and the Excel both say so', async () => {
    expect((await t.put('/api/staff/engage/settings', { indexFormula: 'weighted_mean' }, { token: manager1.accessToken })).body).toMatchObject({
      indexFormula: 'weighted_mean',
      version: 1,
    });
    expect((await t.put('/api/staff/engage/settings', { indexFormula: 'weighted_mean', version: 0 }, { token: manager1.accessToken })).status).toBe(409);
    const r = (await api.results(manager1, fixed.id)).body as SurveyResults;
    expect(r.index).toMatchObject({
      method: 'weighted_mean',
      index: 78,
      formula: '满意度 = (满意 8×100 + 较满意 6×80 + 一般 3×60 + 较不满意 2×40 + 不满意 1×20) ÷ 有效答卷 20 = 78.0 分',
    });
    await sameAsExport(r);
    await t.put('/api/staff/engage/settings', { indexFormula: 'top_two_share', version: 1 }, { token: manager1.accessToken });
    // out of the way of the reminder test
    expect((await api.close(manager1, fixed.id)).status).toBe(200);
  });

  async function sameAsExport(r: SurveyResults) {
    const x = await exportSheets(t, fixed.id, manager1);
    expect(x.type).toContain('spreadsheetml');
    const summary = Object.fromEntries(x.sheets['概况'].slice(1).map(([k, v]) => [k, v]));
    expect(summary).toMatchObject({
      调查对象: r.targeted,
      已回复: r.responded,
      '回复率(%)': r.responseRate,
      回复率公式: r.responseRateText,
      满意度: r.index.index,
      有效答卷: r.index.valid,
      满意度公式: r.index.formula,
    });
    const dist = x.sheets['题目分布'].slice(1).filter((row) => row.length >= 4);
    expect(dist).toEqual(r.questions.flatMap((q) => q.options.map((o) => [q.seq, q.title, o.label, o.count, o.percent])));
    const buildings = x.sheets['分楼栋'].slice(1);
    expect(buildings).toEqual(r.byBuilding.map((b) => [b.buildingName, b.targeted, b.responded, b.responseRate, b.index.index ?? '—', b.index.formula]));
    expect(x.sheets['工单评价'][1]).toEqual(['报修', 1, 1]);
  }

  it('scheduled publishing, then ONE reminder 3 days before closing, only to those who have not answered', async () => {
    const now = at(MONDAY_9, DAY);
    const closeAt = at(now, 7 * DAY);
    const s = (await api.create(manager1, { ...api.fromTemplate(jxhy), per: 'person', closeAt, publishAt: at(now, DAY) })).body as SurveyView;
    expect((await api.publish(manager1, s.id)).body.status).toBe('scheduled');
    expect((await api.job()).body).toEqual({ published: 0, closed: 0, reminded: 0 });
    expect((await api.open(zhangsan, s.id)).status).toBe(404);
    await api.clock(at(now, DAY));
    expect((await api.job()).body.published).toBe(1);
    const invited = await t.query("SELECT recipient_id FROM notifications WHERE template = 'survey_published' AND link = ?", [`/surveys/${s.id}`]);
    expect(invited.map((x) => Number(x.recipient_id)).sort()).toEqual([zhangsan.me.id, wangwu.me.id, lisi.me.id, filler].sort());
    expect((await api.submit(zhangsan, s.id, fullAnswers(s, 5))).status).toBe(201);
    // per person: 王五 of the same flat answers for himself
    expect((await api.submit(wangwu, s.id, fullAnswers(s, 4))).status).toBe(201);
    await api.clock(at(closeAt, -3 * DAY - 60_000));
    expect((await api.job()).body.reminded).toBe(0);
    await api.clock(at(closeAt, -3 * DAY + 60_000));
    expect((await api.job()).body.reminded).toBe(2);
    await api.clock(at(closeAt, -DAY));
    expect((await api.job()).body.reminded).toBe(0);
    const reminded = await t.query("SELECT recipient_id FROM notifications WHERE template = 'survey_reminder' AND link = ?", [`/surveys/${s.id}`]);
    expect(reminded.map((x) => Number(x.recipient_id)).sort()).toEqual([lisi.me.id, filler].sort());
    const wx = await t.query("SELECT recipient_id FROM outbox WHERE template = 'survey_reminder' AND channel = 'wechat'");
    expect(wx.length).toBe(2);
  });

  it('10 first submits at once (no draft yet) of one household: one 201, nine 409', async () => {
    const s = (await api.create(manager1, { ...api.fromTemplate(jxhy), closeAt: at(MONDAY_9, 30 * DAY) })).body as SurveyView;
    await api.publish(manager1, s.id);
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => api.submit(i % 2 ? wangwu : zhangsan, s.id, fullAnswers(s, 3))));
    expect(all.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ? AND room_key = ?', [s.id, room101]))[0].n)).toBe(1);
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM survey_answers WHERE survey_id = ?', [s.id]))[0].n)).toBe(7);
  });
});
