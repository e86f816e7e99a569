import { LoginResponse, NoticeFeedView, NoticeSummaryView, NoticeView, PublicIncomeView, WorkbenchCounts } from '@linli/shared';
import { statements } from './helpers/passes';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string };

/**
 * Notices from their sources, one step each: the month's complaint disclosure draft ([complaints]) and a quarter's
 * public income ([fees]); and the manager's workbench flag for a community with no notice this Shanghai month.
 */
describe('engage: notices from disclosures; the no-notice-this-month flag', () => {
  let t: TestApp;
  let manager1: LoginResponse, supervisor2: LoginResponse, agent1: LoginResponse, cashier1: LoginResponse, zhangsan: LoginResponse;
  let jxhy: number, chy: number;
  const tok = (u: LoginResponse) => ({ token: u.accessToken });
  const gaps = async () => (await t.get<WorkbenchCounts>('/api/staff/workbench/counts', tok(manager1))).body.noticeGaps?.map((g) => g.communityId);

  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-12-01T02:00:00.000Z' });
    [manager1, supervisor2, agent1, cashier1] = await Promise.all(['manager1', 'supervisor2', 'agent1', 'cashier1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    chy = Number(
      (
        await t.query(
          "SELECT id FROM communities WHERE name <> '锦绣花园' AND company_id = (SELECT company_id FROM communities WHERE id = ?) ORDER BY id LIMIT 1",
          [jxhy],
        )
      )[0].id,
    );
  });
  afterAll(() => t?.close());

  it('the complaint disclosure draft becomes a notice in one step, the draft marked published; twice is 409', async () => {
    const d = await t.get<{ id: number; status: string; title: string; body: string }>(
      `/api/staff/reports/disclosure-draft?communityId=${jxhy}&month=2026-11`,
      tok(manager1),
    );
    expect([d.status, d.body.status]).toEqual([200, 'draft']);
    expect((await t.post('/api/notices/from-disclosure', { communityId: jxhy, month: '2026-11' }, tok(agent1))).status).toBe(403);
    expect((await t.post('/api/notices/from-disclosure', { communityId: jxhy, month: '2026-11' }, tok(supervisor2))).status).toBe(404);
    const r = await t.post<NoticeSummaryView>(
      '/api/notices/from-disclosure',
      { communityId: jxhy, month: '2026-11' },
      { ...tok(manager1), headers: { 'idempotency-key': 'disc-2026-11' } },
    );
    expect([r.status, r.body.kind, r.body.status, r.body.title]).toEqual([201, 'complaint_disclosure', 'published', d.body.title]);
    expect(statements(r)).toBeLessThanOrEqual(10);
    const [doc] = await t.query('SELECT status FROM documents WHERE id = ?', [d.body.id]);
    expect(doc.status).toBe('published');
    const again = await t.post<Err>('/api/notices/from-disclosure', { communityId: jxhy, month: '2026-11' }, tok(manager1));
    expect(again.status).toBe(409);
    // the same key replays the first answer
    const replay = await t.post<NoticeSummaryView>(
      '/api/notices/from-disclosure',
      { communityId: jxhy, month: '2026-11' },
      { ...tok(manager1), headers: { 'idempotency-key': 'disc-2026-11' } },
    );
    expect(replay.body.id).toBe(r.body.id);
    const open = await t.get<NoticeView>(`/api/notices/feed/${r.body.id}`, tok(zhangsan));
    expect(open.body.body).toBe(d.body.body);
    // a published draft is no longer editable on the reports page
    expect((await t.put(`/api/staff/reports/disclosure-draft?communityId=${jxhy}&month=2026-11`, { body: '改' }, tok(manager1))).status).toBe(409);
  });

  it('the quarter’s published public income becomes a notice whose text is built from its rows', async () => {
    const rows = [
      { category: '广告收益', incomeCents: 120_000, expenseCents: 0, note: '电梯广告' },
      { category: '其他', incomeCents: 0, expenseCents: 20_000, note: '门禁维修' },
    ];
    const pi = await t.post<PublicIncomeView>('/api/fees/public-incomes', { communityId: jxhy, quarter: '2026-Q3', rows }, tok(cashier1));
    expect(pi.status).toBe(201);
    expect((await t.post<Err>('/api/notices/from-income', { publicIncomeId: pi.body.id }, tok(manager1))).status).toBe(409);
    await t.post(`/api/fees/public-incomes/${pi.body.id}/publish`, { version: pi.body.version }, tok(manager1));
    const r = await t.post<NoticeSummaryView>('/api/notices/from-income', { publicIncomeId: pi.body.id }, tok(manager1));
    expect([r.status, r.body.kind, r.body.title]).toEqual([201, 'income_disclosure', '锦绣花园 2026年第3季度公共收益公示']);
    const open = await t.get<NoticeView>(`/api/notices/feed/${r.body.id}`, tok(zhangsan));
    expect(open.body.body).toContain('1. 广告收益：收入 ¥1,200.00，支出 ¥0.00（电梯广告）');
    expect(open.body.body).toContain('合计：收入 ¥1,200.00，支出 ¥200.00，结余 ¥1,000.00。');
    expect((await t.post('/api/notices/from-income', { publicIncomeId: pi.body.id }, tok(manager1))).status).toBe(409);
    expect((await t.post('/api/notices/from-income', { publicIncomeId: pi.body.id }, tok(supervisor2))).status).toBe(404);
  });

  it('the workbench flags each of the manager’s communities with no notice published this Shanghai month', async () => {
    // 锦绣花园 has two this month (above); the other community none
    expect(await gaps()).toEqual([chy]);
    // next month (Shanghai: 1 January 00:00 is 31 December 16:00 UTC) both are flagged
    await t.post('/api/test/clock', { set: '2026-12-31T15:59:00.000Z' });
    expect(await gaps()).toEqual([chy]);
    await t.post('/api/test/clock', { set: '2026-12-31T16:00:00.000Z' });
    expect(await gaps()).toEqual([jxhy, chy].sort((a, b) => a - b));
    const n = await t.post<NoticeView>(
      '/api/notices',
      { communityId: chy, kind: 'safety', title: '冬季防火', body: '注意用电安全', targetKind: 'community' },
      tok(manager1),
    );
    await t.post(`/api/notices/${n.body.id}/publish`, { version: n.body.version }, tok(manager1));
    expect(await gaps()).toEqual([jxhy]);
    // agents do not get the flag
    expect((await t.get<WorkbenchCounts>('/api/staff/workbench/counts', tok(agent1))).body.noticeGaps).toBeUndefined();
    expect((await t.get<NoticeFeedView>('/api/notices/feed', tok(zhangsan))).status).toBe(200);
  });
});
