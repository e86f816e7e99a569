import ExcelJS from 'exceljs';
import { LoginResponse, MonthlyReportView, Page, ReportDrill, ReportDrillRow } from '@linli/shared';
import { newStaff, otherCompany } from './helpers/repairs';
import { Gen, generate, NOW, OCT, SEP, sh } from './helpers/reports';
import { ageOf, expectedCounts, expectedDay, expectedFees, expectedRatings, expectedSla } from './helpers/reports-expect';
import { ENGAGE_OCT, ENGAGE_SEP, generateEngage } from './helpers/reports-engage';
import { TestApp } from './helpers/test-app';

/**
 * The monthly report on a generated October 2026 (helpers/reports.ts): every figure against the test's own loops,
 * month ends and holidays, scope denials, drill counts = figures, the Excel export = the screen, the digest line.
 */
describe('reports: the monthly statistics on a generated month', () => {
  let t: TestApp;
  let g: Gen;
  let admin: LoginResponse;
  let mgr: LoginResponse;
  let oct: MonthlyReportView;
  const NOV = { from: OCT.to, to: sh('2026-12-01 00:00') };

  const monthly = async (who: LoginResponse, q: string) => t.get<MonthlyReportView>(`/api/reports/monthly?${q}`, { token: who.accessToken });
  const drillAll = async (who: LoginResponse, d: ReportDrill) => {
    const rows: ReportDrillRow[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ kind: d.kind, ...Object.fromEntries(Object.entries(d.filter).map(([k, v]) => [k, String(v)])), limit: '25' });
      if (cursor) q.set('cursor', cursor);
      const r = await t.get<Page<ReportDrillRow>>(`/api/reports/drill?${q}`, { token: who.accessToken });
      expect(r.status).toBe(200);
      rows.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    return rows;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.staff('admin');
    g = await generate(t);
    await generateEngage(t, g.communityId);
    mgr = await newStaff(t, admin, 'rpt.manager', '报表经理', ['manager'], [g.communityId]);
    await t.post('/api/test/clock', { set: NOW.toISOString() });
    const r = await monthly(mgr, `period=2026-10&communityId=${g.communityId}`);
    expect(r.status).toBe(200);
    oct = r.body;
  });
  afterAll(() => t.close());

  it('counts tickets by the month they were received in, with the month before, and passes by kind', () => {
    const cur = expectedCounts(g, OCT);
    const prev = expectedCounts(g, SEP);
    for (const [k, v] of Object.entries(ENGAGE_OCT)) cur.set(k, v);
    for (const [k, v] of Object.entries(ENGAGE_SEP)) prev.set(k, v);
    expect(cur.get('complaints.total')).toBeGreaterThan(5);
    for (const [key, value] of cur) expect({ key, value: oct.figures.find((f) => f.key === key)?.value }).toEqual({ key, value });
    for (const f of oct.figures) {
      expect({ key: f.key, value: f.value }).toEqual({ key: f.key, value: cur.get(f.key) ?? 0 });
      expect({ key: f.key, previous: f.previous }).toEqual({ key: f.key, previous: prev.get(f.key) ?? 0 });
    }
    expect(oct.communityName).toBe('报表花园');
    expect(oct.previousPeriod).toBe('2026-09');
  });

  it('SLA per clock: a clock counts in the month it is due (breaches across month ends once), holidays in written replies', async () => {
    const exp = expectedSla(g, OCT, NOW);
    for (const l of oct.sla) {
      const e = exp.get(l.key) ?? { total: 0, met: 0, breached: 0, medianMs: null, p90Ms: null };
      expect({ key: l.key, total: l.total, met: l.met, breached: l.breached, medianMs: l.medianMs, p90Ms: l.p90Ms }).toEqual({ key: l.key, ...e });
      expect(l.metShare).toEqual(e.total ? e.met / e.total : null);
    }
    expect([...exp.keys()].every((k) => oct.sla.some((l) => l.key === k))).toBe(true);
    // written replies: asked 30 Sep → due 10 Oct (make-up Saturday after National Day), met 9 Oct: met; asked in the
    // holiday on 2 Oct → due 12 Oct, still open: breached; asked 28 Oct → due 2 Nov: November's, not October's
    expect(oct.sla.find((l) => l.key === 'written_reply')).toMatchObject({ total: 2, met: 1, breached: 1 });
    // the first reply due 00:30 on 1 Oct and met at 02:00 is October's breach and not September's; the one due
    // 00:30 on 1 Nov is November's
    const sep = (await monthly(mgr, `period=2026-09&communityId=${g.communityId}`)).body;
    const nov = (await monthly(mgr, `period=2026-11&communityId=${g.communityId}`)).body;
    for (const [v, range] of [
      [sep, SEP],
      [nov, NOV],
    ] as const) {
      const e = expectedSla(g, range, NOW);
      for (const l of v.sla)
        expect({ key: l.key, total: l.total, breached: l.breached }).toEqual({
          key: l.key,
          total: e.get(l.key)?.total ?? 0,
          breached: e.get(l.key)?.breached ?? 0,
        });
    }
    const fr = (v: MonthlyReportView) => v.sla.find((l) => l.key === 'first_reply')!.breached;
    const firstReplyBreaches = g.clocks.filter(
      (c) => c.name === 'first_reply' && c.state !== 'cancelled' && (c.breachedFlag || c.state !== 'met') && c.dueAt >= SEP.from && c.dueAt < NOV.to,
    );
    expect(fr(oct) + fr(sep) + fr(nov)).toBe(firstReplyBreaches.length);
    expect(nov.sla.find((l) => l.key === 'written_reply')).toMatchObject({ total: 1, met: 1, breached: 0 });
  });

  it('satisfaction beside the survey index, fees with the collection rate and arrears by age at the month end, the trend', () => {
    const r = expectedRatings(g, OCT);
    expect(oct.satisfaction).toMatchObject({ ticketRatingAverage: r.average, ticketRatings: r.count });
    // no survey closes in the generated month: no index, the formula printed with its zero counts
    expect(oct.satisfaction).toMatchObject({ surveyIndex: null, surveyResponses: 0 });
    expect(oct.satisfaction.surveyFormula).toMatch(/^满意度 = \(满意 0 \+ 较满意 0\) ÷ 有效答卷 0/);
    const f = expectedFees(g, '2026-10', '2026-10-31');
    expect(oct.fees).toMatchObject({ billedCents: f.billed, waivedCents: f.waived, collectedCents: f.paid, arrearsByAge: f.arrears });
    expect(oct.fees.collectionRate).toBeCloseTo(f.rate!, 10);
    expect(oct.fees.collectionFormula).toMatch(/收缴率/);
    // the boundaries: a line due 2025-10-31 is exactly 12 months late on 2026-10-31 (≤ 12), 2025-09-01 is over
    expect([ageOf('2025-10-31', '2026-10-31'), ageOf('2025-09-01', '2026-10-31'), ageOf('2026-09-30', '2026-10-31')]).toEqual(['upTo12', 'over12', 'upTo3']);
    expect(oct.trend.map((x) => x.period)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(oct.trend.map((x) => x.tickets)).toEqual(
      ['05', '06', '07', '08', '09', '10'].map(
        (m) =>
          g.tickets.filter(
            (x) =>
              x.receivedAt >= sh(`2026-${m}-01 00:00`) && x.receivedAt < (m === '10' ? OCT.to : sh(`2026-${String(Number(m) + 1).padStart(2, '0')}-01 00:00`)),
          ).length,
      ),
    );
    expect(oct.communities).toEqual([]);
  });

  it('company-wide: one bar per community of the caller, the same figures; admin sees every community', async () => {
    const all = (await monthly(mgr, 'period=2026-10')).body;
    expect(all.communityId).toBeNull();
    expect(all.communities).toEqual([
      {
        communityId: g.communityId,
        communityName: '报表花园',
        tickets: expectedTickets(g),
        slaMetShare: expect.any(Number),
        collectionRate: oct.fees.collectionRate,
      },
    ]);
    expect(all.figures.map((f) => [f.key, f.value])).toEqual(oct.figures.map((f) => [f.key, f.value]));
    const company = (await monthly(admin, 'period=2026-10')).body;
    expect(company.communities.length).toBeGreaterThan(1);
    expect(company.communities.find((c) => c.communityId === g.communityId)?.tickets).toBe(expectedTickets(g));
  });

  it('denies agents and residents, hides other communities and companies, rejects impossible and future months', async () => {
    const agent = await t.staff('agent1');
    const manager1 = await t.staff('manager1');
    const resident = await t.resident('zhangsan');
    const far = await otherCompany(t);
    expect((await monthly(agent, 'period=2026-10')).status).toBe(403);
    expect((await monthly(resident, 'period=2026-10')).status).toBe(403);
    for (const who of [manager1, far.admin]) {
      expect((await monthly(who, `period=2026-10&communityId=${g.communityId}`)).status).toBe(404);
      const d = await t.get(`/api/reports/drill?kind=tickets&period=2026-10&communityId=${g.communityId}`, { token: who.accessToken });
      expect(d.status).toBe(404);
      expect((await t.get(`/api/reports/monthly.xlsx?period=2026-10&communityId=${g.communityId}`, { token: who.accessToken })).status).toBe(404);
    }
    // manager1's company-wide report does not include 报表花园
    expect((await monthly(manager1, 'period=2026-10')).body.communities.map((c) => c.communityId)).not.toContain(g.communityId);
    for (const bad of ['2026-13', '2026-02-30', '2026-00', '26-10', 'abc', '2027-01', '2026-12x']) {
      const r = await t.get<{ code: string; message: string }>(`/api/reports/monthly?period=${encodeURIComponent(bad)}`, { token: mgr.accessToken });
      expect({ bad, status: r.status, known: ['VALIDATION_FAILED', 'BAD_REQUEST'].includes(r.body.code) }).toEqual({ bad, status: 400, known: true });
      expect(r.body.message).toMatch(/月份|未来/);
    }
    expect((await monthly(mgr, 'period=2026-10&communityId=abc')).status).toBe(400);
    for (const q of ['2026-Q5', '2027-Q1', '2026-10'])
      expect((await t.get(`/api/reports/quarterly.xlsx?quarter=${q}`, { token: mgr.accessToken })).status).toBe(400);
  });

  it('every drill lists as many rows as its figure shows', async () => {
    const keys = [
      'complaints.total',
      'complaints.class.2',
      'repairs.tier.critical',
      'repairs.channel.hotline',
      'return_visits.done',
      'return_visits.due',
      'passes.kind.parking',
      'notices.published',
      'suggestions.total',
      'visits.done',
      'visits.deep',
      'new_resident_visits.done',
      'new_resident_visits.due',
    ];
    for (const key of keys) {
      const f = oct.figures.find((x) => x.key === key)!;
      expect({ key, rows: (await drillAll(mgr, f.drill!)).length }).toEqual({ key, rows: f.value });
    }
    for (const key of ['first_reply', 'initial_feedback', 'arrival.critical', 'arrival.normal', 'written_reply', 'pass_issue.visitor']) {
      const l = oct.sla.find((x) => x.key === key)!;
      const rows = await drillAll(mgr, l.drill);
      expect({ key, rows: rows.length }).toEqual({ key, rows: l.breached });
      for (const row of rows) expect(row.detail).toMatch(/超时 \d+ 分钟/);
      // the breach across September's end reached the community's managers (level 2)
      if (key === 'first_reply') expect(rows.filter((x) => x.detail?.includes('已升级至小区经理'))).toHaveLength(1);
    }
    const f = expectedFees(g, '2026-10', '2026-10-31');
    expect((await drillAll(mgr, oct.fees.drill.billed)).length).toBe(f.billedLines);
    for (const age of ['upTo1', 'upTo3', 'upTo12', 'over12'] as const)
      expect({ age, n: (await drillAll(mgr, oct.fees.drill.arrears[age])).length }).toEqual({ age, n: f.arrearsLines[age].length });
    // first page: at most 3 statements
    const r = await t.get(`/api/reports/drill?kind=tickets&period=2026-10&communityId=${g.communityId}`, { token: mgr.accessToken });
    expect(Number(r.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
  });

  it('the Excel exports show the same numbers as the screen', async () => {
    const res = await fetch(`${t.url}/api/reports/monthly.xlsx?period=2026-10&communityId=${g.communityId}`, {
      headers: { authorization: `Bearer ${mgr.accessToken}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const counts = new Map<string, [unknown, unknown]>();
    wb.getWorksheet('月度统计')!.eachRow((row, i) => {
      if (i > 1 && row.getCell(4).value) counts.set(String(row.getCell(4).value), [row.getCell(2).value, row.getCell(3).value]);
    });
    for (const f of oct.figures) expect({ key: f.key, v: counts.get(f.key) }).toEqual({ key: f.key, v: [f.value, f.previous] });
    const sla = new Map<string, unknown[]>();
    wb.getWorksheet('SLA 达标')!.eachRow((row, i) => {
      if (i > 1) sla.set(String(row.getCell(9).value), [row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]);
    });
    for (const l of oct.sla) expect({ key: l.key, v: sla.get(l.key) }).toEqual({ key: l.key, v: [l.total, l.met, l.breached] });
    const fees = wb.getWorksheet('收费')!;
    expect([2, 3, 4].map((i) => fees.getRow(i).getCell(2).value)).toEqual([
      oct.fees.billedCents / 100,
      oct.fees.waivedCents / 100,
      oct.fees.collectedCents / 100,
    ]);

    const q = await fetch(`${t.url}/api/reports/quarterly.xlsx?quarter=2026-Q4&communityId=${g.communityId}`, {
      headers: { authorization: `Bearer ${mgr.accessToken}` },
    });
    expect(q.status).toBe(200);
    const qb = new ExcelJS.Workbook();
    await qb.xlsx.load(Buffer.from(await q.arrayBuffer()) as never);
    expect(qb.worksheets.map((w) => w.name)).toEqual(['工作量', 'SLA 达标', '满意度', '收费']);
    const head = qb.getWorksheet('工作量')!.getRow(1).values as unknown[];
    expect(head.slice(1)).toEqual(['项目', '2026-10', '2026-11', '2026-12', '季度合计']);
    const complaints = qb.getWorksheet('工作量')!.getRow(2).values as unknown[];
    expect(complaints[2]).toBe(oct.figures.find((f) => f.key === 'complaints.total')!.value);
  });

  it("the 08:30 digest carries yesterday's SLA compliance line", async () => {
    const now = sh('2026-10-16 08:31');
    await t.post('/api/test/clock', { set: now.toISOString() });
    await t.post('/api/test/jobs/daily-digest', {});
    await t.post('/api/test/jobs/notify-expand', {});
    const e = expectedDay(g, sh('2026-10-15 00:00'), now);
    expect(e.total).toBeGreaterThan(0);
    const inbox = (await t.get<Page<{ title: string; body: string }>>('/api/notifications?limit=50', { token: mgr.accessToken })).body.items;
    const digest = inbox.find((i) => i.title === '报表花园 每日简报 2026-10-16');
    const share = (Math.round(((e.total - e.breached) / e.total) * 1000) / 10).toFixed(1);
    expect(digest?.body).toContain(`昨日时限达标率 ${share}%（到期 ${e.total} 个，超时 ${e.breached} 个）。`);
  });
});

function expectedTickets(g: Gen) {
  return g.tickets.filter((x) => x.receivedAt >= OCT.from && x.receivedAt < OCT.to).length;
}
