import { ApiError, LoginResponse, Page, UnvisitedHouseholdView, VisitCoverageView } from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';

type Or<T> = T & Partial<ApiError>;
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const NOW = '2026-01-01 00:00:00.000';

/** A community of company 1 with `n` rooms in one building and unit, made straight in the database. */
async function communityWithRooms(t: TestApp, code: string, n: number): Promise<number> {
  const one = async (sql: string, params: unknown[]) => Number((await t.query(sql, params))[0].id);
  await t.query('INSERT INTO communities (company_id, name, code, address, handover_date, created_at) VALUES (1, ?, ?, NULL, NULL, ?)', [
    `${code}小区`,
    code,
    NOW,
  ]);
  const cid = await one('SELECT id FROM communities WHERE code = ?', [code]);
  await t.query('INSERT INTO buildings (company_id, community_id, name) VALUES (1, ?, ?)', [cid, '1栋']);
  const bid = await one('SELECT id FROM buildings WHERE community_id = ?', [cid]);
  await t.query('INSERT INTO units (company_id, community_id, building_id, name) VALUES (1, ?, ?, ?)', [cid, bid, '1单元']);
  const uid = await one('SELECT id FROM units WHERE building_id = ?', [bid]);
  for (let from = 0; from < n; from += 250) {
    const rows = Array.from({ length: Math.min(250, n - from) }, (_, i) => from + i + 1);
    await t.query(
      `INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, owner_name, owner_phone, created_at) VALUES ${rows
        .map(() => '(1, ?, ?, ?, ?, ?, 1, 9000, ?, ?, ?)')
        .join(', ')}`,
      rows.flatMap((k) => [cid, bid, uid, `R${k}`, `1栋1单元R${k}`, `业主${k}`, `137${String(k).padStart(8, '0')}`, NOW]),
    );
  }
  return cid;
}

describe('[engage] the customer-visit plan and its coverage', () => {
  let t: TestApp;
  let admin: LoginResponse;
  const sizes = { P40: 40, P999: 999, P1000: 1000, P1001: 1001 } as const;
  const ids: Record<string, number> = {};
  const coverage = (cid: number, q = '') => t.get<Or<VisitCoverageView>>(`/api/staff/visits/coverage?communityId=${cid}${q}`, { token: admin.accessToken });
  const unvisited = (cid: number, q = '') =>
    t.get<Or<Page<UnvisitedHouseholdView>>>(`/api/staff/visits/unvisited?communityId=${cid}${q}`, { token: admin.accessToken });

  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-03-10T02:00:00.000Z' });
    for (const [code, n] of Object.entries(sizes)) ids[code] = await communityWithRooms(t, code, n);
    admin = await t.staff('admin');
  }, 180_000);
  afterAll(() => t?.close());

  it.each([
    ['P40', 40, 25, '住户较少'],
    ['P999', 999, 84, '全部 999 户'],
    ['P1000', 1000, 84, '全部 1000 户'],
    ['P1001', 801, 67, '80%（801 户）'],
  ])('%s: %i households a year, %i visits a month, 2 deep ones', async (code, yearly, monthly, rule) => {
    const r = await coverage(ids[code]);
    expect(r.status).toBe(200);
    expect(r.body.plan).toEqual(
      expect.objectContaining({
        households: sizes[code as keyof typeof sizes],
        yearlyHouseholds: yearly,
        monthlyVisits: monthly,
        managerDeepVisitsPerMonth: 2,
      }),
    );
    expect(r.body.plan.rule).toContain(rule);
    expect(r.body.year).toBe(2026);
    expect(r.body.months).toHaveLength(12);
  });

  it('coverage counts each Shanghai month’s visits, households and deep visits; the unvisited list pages', async () => {
    const cid = ids.P40;
    const rooms = (await t.query('SELECT id FROM rooms WHERE community_id = ? ORDER BY id', [cid])).map((r) => Number(r.id));
    const visit = (roomId: number | null, at: string, deep = false) =>
      t.query(
        'INSERT INTO customer_visits (company_id, community_id, room_id, household_name, mode, deep, visited_at, visitor_id, notes, created_at, version) VALUES (1, ?, ?, NULL, ?, ?, ?, 1, NULL, ?, 1)',
        [cid, roomId, roomId ? 'door' : 'random', deep ? 1 : 0, at, at],
      );
    // 31 Jan 23:30 Shanghai is January; 28 Feb 16:30 UTC is 1 March in Shanghai; last year's does not count
    await visit(rooms[0], '2026-01-31 15:30:00.000');
    await visit(rooms[0], '2026-02-10 02:00:00.000', true);
    await visit(rooms[1], '2026-02-28 16:30:00.000');
    await visit(null, '2026-03-02 02:00:00.000');
    await visit(rooms[2], '2025-12-31 15:00:00.000');
    const r = await coverage(cid);
    expect(statements(r)).toBeLessThanOrEqual(3);
    expect(r.body.visitedHouseholds).toBe(2);
    expect(r.body.months.slice(0, 3)).toEqual([
      { month: '2026-01', visits: 1, households: 1, deepVisits: 0 },
      { month: '2026-02', visits: 1, households: 1, deepVisits: 1 },
      { month: '2026-03', visits: 2, households: 1, deepVisits: 0 },
    ]);
    const first = await unvisited(cid, '&limit=20');
    expect(statements(first)).toBeLessThanOrEqual(3);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toEqual({ roomId: rooms[2], roomLabel: '1栋1单元R3', ownerName: '业主3', ownerPhoneMasked: '137****0003' });
    const second = await unvisited(cid, `&limit=20&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(18);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((i) => i.roomId);
    expect(all).not.toContain(rooms[0]);
    expect(all).not.toContain(rooms[1]);
    expect(all).toContain(rooms[2]);
    // last year: every room but the one visited then
    expect((await unvisited(cid, '&year=2025&limit=100')).body.items).toHaveLength(39);
  });

  it('bad input is a 400, never a 500', async () => {
    expect((await t.get('/api/staff/visits/coverage', { token: admin.accessToken })).status).toBe(400);
    expect((await coverage(ids.P40, '&year=abc')).status).toBe(400);
    expect((await unvisited(ids.P40, '&cursor=garbage')).status).toBe(400);
    expect((await coverage(999_999)).status).toBe(404);
  });
});
