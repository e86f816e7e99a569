import { LoginResponse, MonthlyReportView } from '@linli/shared';
import { sqlStatements } from './helpers/budgets';
import { newStaff } from './helpers/repairs';
import { Gen, generate, NOW, OCT, sh } from './helpers/reports';
import { generateEngage } from './helpers/reports-engage';
import { TestApp } from './helpers/test-app';

interface RollupRun {
  skipped: boolean;
  builtThrough: string | null;
  monthsBuilt: number;
  pairsRefreshed: number;
  duesCommunities: number;
}

/**
 * The roll-ups behind the monthly report (docs/architecture.md "Reports"): closed months read from report_rollups
 * give the same figures as the live computation; a change to a closed month (logged by the source tables' triggers,
 * whatever wrote it) is folded in by the job's next run and nothing else; a month that closes is built by the next
 * run; one instance at a time.
 */
describe('reports: roll-ups for closed months, kept current by the change log', () => {
  let t: TestApp;
  let g: Gen;
  let mgr: LoginResponse;
  const q = (period: string, community = true) => `period=${period}${community ? `&communityId=${g.communityId}` : ''}`;
  const monthly = async (query: string) => {
    const r = await t.get<MonthlyReportView>(`/api/reports/monthly?${query}`, { token: mgr.accessToken });
    expect(r.status).toBe(200);
    return r;
  };
  const figures = (v: MonthlyReportView) => ({ ...v, generatedAt: null, rolledUpAt: null });
  const job = async () => (await t.post<RollupRun>('/api/test/jobs/report-rollups', {})).body;
  const buildAll = async () => {
    let r = await job();
    for (let i = 0; i < 10 && r.builtThrough !== '2026-11'; i++) r = await job();
    expect(r.builtThrough).toBe('2026-11');
    return r;
  };
  const live = async (query: string) => {
    const [state] = await t.query('SELECT built_through FROM report_rollup_state WHERE id = 1');
    await t.query('UPDATE report_rollup_state SET built_through = NULL WHERE id = 1');
    const v = (await monthly(query)).body;
    await t.query('UPDATE report_rollup_state SET built_through = ? WHERE id = 1', [state.built_through]);
    expect(v.rolledUpAt).toBeNull();
    return v;
  };
  const QUERIES = () => [q('2026-10'), q('2026-09'), q('2026-11'), q('2026-12'), q('2026-10', false), q('2026-12', false)];

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.staff('admin');
    g = await generate(t);
    await generateEngage(t, g.communityId);
    mgr = await newStaff(t, admin, 'rollup.manager', '汇总经理', ['manager'], [g.communityId]);
    await t.post('/api/test/clock', { set: NOW.toISOString() });
  });
  afterAll(() => t.close());

  it('closed months from the roll-ups equal the live figures, for a community and company-wide; the current month stays live', async () => {
    const before = new Map<string, MonthlyReportView>();
    for (const query of QUERIES()) before.set(query, (await monthly(query)).body);
    expect(before.get(q('2026-10'))!.rolledUpAt).toBeNull();
    const run = await buildAll();
    expect(run.skipped).toBe(false);
    const [rows] = await t.query(`SELECT COUNT(*) AS n FROM report_rollups WHERE community_id = ? AND period IN ('2026-09', '2026-10')`, [g.communityId]);
    expect(Number(rows.n)).toBe(2);
    for (const query of QUERIES()) {
      const r = await monthly(query);
      expect({ query, v: figures(r.body) }).toEqual({ query, v: figures(before.get(query)!) });
      expect(r.body.rolledUpAt).not.toBeNull();
    }
    // a closed month of a community: names + roll-up state, roll-ups, open dues, engage, surveys
    const oct = await monthly(q('2026-10'));
    expect(sqlStatements(oct)).toBeLessThanOrEqual(5);
    expect(oct.body.sla.find((l) => l.key === 'first_reply')!.total).toBeGreaterThan(0);
  });

  it('a change to a closed month is folded in by the next run, whatever wrote it; until then the report says when it was rolled up', async () => {
    await buildAll();
    const stale = (await monthly(q('2026-10'))).body;
    const ticket = g.tickets.find((x) => x.status === 'confirmed' && x.completedAt && x.completedAt >= OCT.from && x.completedAt < OCT.to)!;
    const line = g.lines.find((l) => l.period === '2026-10' && l.status === 'open' && l.paid === 0)!;
    const clock = g.clocks.find((c) => c.state === 'running' && c.dueAt >= OCT.from && c.dueAt < OCT.to)!;
    expect([ticket, line, clock].every(Boolean)).toBe(true);
    const now = sh('2026-12-03 10:00').toISOString().replace('T', ' ').replace('Z', '');
    await t.query(`UPDATE tickets SET status = 'closed', return_visit_at = ?, rating = 5 WHERE id = ?`, [now, ticket.id]);
    await t.query(`UPDATE bill_lines SET paid_cents = amount_cents, status = 'paid' WHERE id = ?`, [line.id]);
    await t.query(`UPDATE clocks SET state = 'met', met_at = ? WHERE id = ?`, [now, clock.id]);
    // not yet folded in: the closed month still shows the roll-up
    expect(figures((await monthly(q('2026-10'))).body)).toEqual(figures(stale));

    const run = await job();
    expect(run.pairsRefreshed).toBeGreaterThanOrEqual(1);
    expect(run.duesCommunities).toBeGreaterThanOrEqual(1);
    const folded = (await monthly(q('2026-10'))).body;
    expect(figures(folded)).toEqual(figures(await live(q('2026-10'))));
    const due = (v: MonthlyReportView) => v.figures.find((f) => f.key === 'return_visits.due')!.value;
    expect(due(folded)).toBe(due(stale) - 1);
    expect(folded.fees.collectedCents).toBe(stale.fees.collectedCents + line.amount);
    for (const query of QUERIES()) expect({ query, v: figures((await monthly(query)).body) }).toEqual({ query, v: figures(await live(query)) });
    // the log is consumed: a run without changes refreshes nothing
    expect(await job()).toMatchObject({ skipped: false, pairsRefreshed: 0, monthsBuilt: 0 });
  });

  it("a ticket's new tier logs its clocks' months too (their arrival lines change), even when the ticket was received in another month", async () => {
    await buildAll();
    const clock = g.clocks.find((c) => c.name === 'arrival' && c.subjectType === 'ticket' && c.dueAt >= OCT.from && c.dueAt < OCT.to)!;
    const ticket = g.tickets.find((x) => x.id === clock.subjectId)!;
    await t.query(`UPDATE clocks SET due_at = ? WHERE id = ?`, ['2026-08-15 02:00:00.000', clock.id]);
    await job();
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM report_dirty'))[0].n)).toBe(0);
    await t.query(`UPDATE tickets SET tier = ? WHERE id = ?`, [ticket.tier === 'urgent' ? 'normal' : 'urgent', ticket.id]);
    const logged = (await t.query(`SELECT period FROM report_dirty WHERE community_id = ? AND src = 'k'`, [g.communityId])).map((r) => r.period);
    expect(logged).toContain('2026-08');
    await job();
    expect(figures((await monthly(q('2026-08'))).body)).toEqual(figures(await live(q('2026-08'))));
  });

  it('a month that closes is built by the next run; a second instance stays out while the lease is held', async () => {
    await buildAll();
    await t.post('/api/test/clock', { set: sh('2027-01-01 00:05').toISOString() });
    await t.query(`UPDATE report_rollup_state SET lease_until = ? WHERE id = 1`, ['2027-01-01 00:00:00.000']);
    expect((await job()).skipped).toBe(true);
    await t.query(`UPDATE report_rollup_state SET lease_until = NULL WHERE id = 1`);
    expect(await job()).toMatchObject({ skipped: false, builtThrough: '2026-12', monthsBuilt: 1 });
    const dec = (await monthly(q('2026-12'))).body;
    expect(figures(dec)).toEqual(figures(await live(q('2026-12'))));
    await t.post('/api/test/clock', { set: NOW.toISOString() });
  });
});
