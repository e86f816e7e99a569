import { BillRunPreview, BillRunView, LoginResponse, RoomBillsView } from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 锦绣花园: 72 rooms of 89.56 ㎡ (x01) and 124.30 ㎡ (x02); 物业服务费 1.80 元/㎡·月 → 161.21 and 223.74 a month */
const SMALL = 16_121;
const LARGE = 22_374;

describe('fees: bill runs (出账) and a room’s open bills', () => {
  let t: TestApp;
  let cashier: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, tech1: LoginResponse, admin: LoginResponse;
  let zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let jxhy: number, chy: number, room101: number, room202: number, bare: { id: number; label: string };

  beforeAll(async () => {
    t = await TestApp.start({ BILL_RUN_BATCH_ROOMS: '10' });
    await t.post('/api/test/clock', { set: '2026-12-02T02:00:00.000Z' });
    // cashier1 works in 锦绣花园 only
    [cashier, agent1, agent2, tech1, admin] = await Promise.all(['cashier1', 'agent1', 'agent2', 'technician1', 'admin'].map((u) => t.staff(u)));
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
    const ids = await t.query('SELECT id, code FROM communities ORDER BY id');
    jxhy = Number(ids.find((c) => c.code === 'JXHY').id);
    chy = Number(ids.find((c) => c.code === 'CHY').id);
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
    // a room without its area on record cannot be billed by area
    const [r] = await t.query("SELECT id, label FROM rooms WHERE community_id = ? AND label = '3栋2单元602'", [jxhy]);
    bare = { id: Number(r.id), label: r.label };
    await t.query('UPDATE rooms SET area_centi = NULL WHERE id = ?', [bare.id]);
  });
  afterAll(() => t?.close());

  const preview = (token: string, communityId: number, period: string) =>
    t.get<BillRunPreview | Err>(`/api/fees/runs/preview?communityId=${communityId}&period=${period}`, { token });
  const start = (token: string, communityId: number, period: string, key?: string) =>
    t.post<BillRunView | Err>('/api/fees/runs', { communityId, period }, { token, headers: key ? { 'idempotency-key': key } : undefined });
  const run = (id: number, token = cashier.accessToken) => t.get<BillRunView>(`/api/fees/runs/${id}`, { token });
  const lines = async (period: string) =>
    Number((await t.query('SELECT COUNT(*) AS n FROM bill_lines WHERE community_id = ? AND period = ?', [jxhy, period]))[0].n);
  async function done(id: number): Promise<BillRunView> {
    for (let i = 0; i < 200; i++) {
      const r = (await run(id)).body;
      if (r.status !== 'running') return r;
      await sleep(50);
    }
    throw new Error(`run ${id} still running`);
  }

  it('the preview shows rooms, lines, totals and what cannot be billed; nothing is written', async () => {
    const r = await preview(cashier.accessToken, jxhy, '2026-11');
    expect(r.status).toBe(200);
    const p = r.body as BillRunPreview;
    expect(p.rooms).toBe(72);
    expect(p.items).toEqual([{ itemId: expect.any(Number), name: '物业服务费', lines: 71, amountCents: 36 * SMALL + 35 * LARGE }]);
    expect(p.totalCents).toBe(36 * SMALL + 35 * LARGE);
    expect(p.alreadyBilled).toBe(0);
    expect(p.problems.map((x) => x.message)).toEqual([
      `${bare.label} 未登记建筑面积`,
      '「水费」按表计量，抄表后出账，本次不包含',
      // fixed items are billed to contracted rooms (fees-charges); the quarterly parking rent is not a monthly item
      '「地下车位租金」按季度计费，与账期不符，本次不包含',
    ]);
    expect(await lines('2026-11')).toBe(0);
    expect((await preview(agent1.accessToken, jxhy, '2026-11')).status).toBe(403);
    expect((await preview(zhangsan.accessToken, jxhy, '2026-11')).status).toBe(403);
    const bad = await preview(cashier.accessToken, jxhy, '2026-13');
    expect(bad.status).toBe(400);
    expect((bad.body as Err).message).toContain('账期格式应为 2026-11 或 2026-Q4');
    expect((await preview(cashier.accessToken, chy, '2026-11')).status).toBe(404);
  });

  it('a run bills each room once (≤ 8 statements to start); running it again bills nothing more', async () => {
    const r = await start(cashier.accessToken, jxhy, '2026-11', 'run-2026-11');
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(8);
    const first = await done((r.body as BillRunView).id);
    expect(first).toEqual(expect.objectContaining({ status: 'done', totalRooms: 72, doneRooms: 72, linesCreated: 71, amountCents: 36 * SMALL + 35 * LARGE }));
    expect(first.createdByName).toBe('孙收银');
    // the same key answers the same run
    expect(((await start(cashier.accessToken, jxhy, '2026-11', 'run-2026-11')).body as BillRunView).id).toBe(first.id);
    const again = await done(((await start(cashier.accessToken, jxhy, '2026-11')).body as BillRunView).id);
    expect(again).toEqual(expect.objectContaining({ status: 'done', doneRooms: 72, linesCreated: 0, amountCents: 0 }));
    expect(await lines('2026-11')).toBe(71);
    expect(((await preview(cashier.accessToken, jxhy, '2026-11')).body as BillRunPreview).alreadyBilled).toBe(71);
    const list = await t.get<BillRunView[]>(`/api/fees/runs?communityId=${jxhy}`, { token: cashier.accessToken });
    expect(list.body.map((x) => x.id)).toEqual([again.id, first.id]);
    expect(statements(list)).toBeLessThanOrEqual(3);
    expect(statements(await run(first.id))).toBeLessThanOrEqual(4);
    expect((await run(first.id, agent2.accessToken)).status).toBe(403);
  });

  it('a run whose instance died halfway is resumed from its watermark and bills nothing twice', async () => {
    await t.query(
      "INSERT INTO bill_runs (company_id, community_id, period, status, total_rooms, done_rooms, last_room_id, lines_created, amount_cents, created_by, lease_until, created_at) VALUES (1, ?, '2026-12', 'running', 72, 0, 0, 0, 0, 1, NULL, ?)",
      [jxhy, '2026-12-02 02:00:00.000'],
    );
    // one batch of 10 rooms, then the instance "dies" holding the lease
    expect((await t.post('/api/test/jobs/bill-runs', { maxBatches: 1 })).body).toEqual({ resumed: 1 });
    const [half] = await t.query("SELECT id, done_rooms, lease_until FROM bill_runs WHERE period = '2026-12'");
    expect(Number(half.done_rooms)).toBe(10);
    expect(await lines('2026-12')).toBe(10);
    // while its lease holds nobody takes it; once it has run out, another instance finishes it
    expect((await t.post('/api/test/jobs/bill-runs', {})).body).toEqual({ resumed: 0 });
    await t.post('/api/test/clock', { advanceMs: 31_000 });
    expect((await t.post('/api/test/jobs/bill-runs', {})).body).toEqual({ resumed: 1 });
    const finished = (await run(Number(half.id))).body;
    expect(finished).toEqual(expect.objectContaining({ status: 'done', doneRooms: 72, linesCreated: 71 }));
    expect(await lines('2026-12')).toBe(71);
    const dupes = await t.query('SELECT room_id, source_key, COUNT(*) AS n FROM bill_lines GROUP BY room_id, source_key HAVING COUNT(*) > 1');
    expect(dupes).toEqual([]);
  });

  it('a batch that fails is recorded on the run, which stays running and is retried from its watermark', async () => {
    // an area price out of range makes the amount rule refuse: the batch rolls back, nothing is billed
    await t.query("UPDATE fee_items SET price_e4 = 999999999 WHERE community_id = ? AND name = '物业服务费'", [jxhy]);
    await t.query(
      "INSERT INTO bill_runs (company_id, community_id, period, status, total_rooms, done_rooms, last_room_id, lines_created, amount_cents, created_by, lease_until, created_at) VALUES (1, ?, '2027-01', 'running', 72, 0, 0, 0, 0, 1, NULL, ?)",
      [jxhy, '2026-12-02 02:00:00.000'],
    );
    expect((await t.post('/api/test/jobs/bill-runs', {})).body).toEqual({ resumed: 1 });
    const [row] = await t.query("SELECT id FROM bill_runs WHERE period = '2027-01'");
    const stuck = (await run(Number(row.id))).body;
    expect(stuck).toEqual(expect.objectContaining({ status: 'running', doneRooms: 0 }));
    expect(stuck.lastError).toMatch(/priceE4/);
    expect(await lines('2027-01')).toBe(0);
    await t.query("UPDATE fee_items SET price_e4 = 18000 WHERE community_id = ? AND name = '物业服务费'", [jxhy]);
    await t.post('/api/test/clock', { advanceMs: 31_000 });
    expect((await t.post('/api/test/jobs/bill-runs', {})).body).toEqual({ resumed: 1 });
    expect((await run(Number(row.id))).body).toEqual(expect.objectContaining({ status: 'done', linesCreated: 71, lastError: null }));
    // the bills below count November and December only
    await t.query("DELETE FROM bill_lines WHERE period = '2027-01'");
  });

  it('only one run per community at a time', async () => {
    await t.query(
      "INSERT INTO bill_runs (company_id, community_id, period, status, total_rooms, done_rooms, last_room_id, lines_created, amount_cents, created_by, lease_until, created_at) VALUES (1, ?, '2026-11', 'running', 72, 0, 0, 0, 0, 1, '2099-01-01 00:00:00.000', ?)",
      [chy, '2026-12-02 02:00:00.000'],
    );
    const r = await start(admin.accessToken, chy, '2026-11');
    expect(r.status).toBe(409);
    expect((r.body as Err).message).toBe('该小区正在出账，请等待完成后再试');
  });

  it('the resident sees the room’s open bills (≤ 3 statements) with the late fee as of today and its formula', async () => {
    const r = await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken });
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(3);
    expect(r.body).toEqual(expect.objectContaining({ roomLabel: '1栋1单元101', communityName: '锦绣花园', asOf: '2026-12-02', totalOpenCents: 2 * SMALL }));
    const nov = r.body.open.find((l) => l.period === '2026-11')!;
    expect(nov).toEqual(
      expect.objectContaining({
        name: '物业服务费',
        periodLabel: '2026年11月',
        amountCents: SMALL,
        openCents: SMALL,
        dueDate: '2026-12-15',
        overdue: false,
        lateFeeCents: 0,
        lateFeeFormula: null,
        basis: '89.56 ㎡ × 1.80 元/㎡·月 × 1 个月',
      }),
    );
    // 2027-01-10: 26 days after the due date, 15 of grace → 11 days × 万分之5 × 161.21 = 0.886… → ¥0.89
    await t.post('/api/test/clock', { set: '2027-01-10T02:00:00.000Z' });
    const later = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body;
    const overdue = later.open.find((l) => l.period === '2026-11')!;
    expect(overdue).toEqual(expect.objectContaining({ overdue: true, lateFeeCents: 89 }));
    expect(overdue.lateFeeFormula).toBe('滞纳金 = ¥161.21 × 万分之5/天 × 11 天 = ¥0.89');
    expect(later.totalOpenCents).toBe(2 * SMALL + 89);
  });

  it('a tenant sees what the occupant pays; other rooms, communities and roles see nothing', async () => {
    const tenant = await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room202}`, { token: lisi.accessToken });
    expect(tenant.status).toBe(200);
    expect(tenant.body.open).toEqual([]); // 物业服务费 is the owner's
    expect((await t.get(`/api/fees/bills?roomId=${room202}`, { token: zhangsan.accessToken })).status).toBe(404);
    expect((await t.get(`/api/fees/bills?roomId=${room101}`, { token: chenliu.accessToken })).status).toBe(404);
    expect((await t.get(`/api/fees/bills?roomId=${room101}`, { token: agent2.accessToken })).status).toBe(404);
    expect((await t.get(`/api/fees/bills?roomId=${room101}`, { token: tech1.accessToken })).status).toBe(403);
    expect((await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: agent1.accessToken })).body.open).toHaveLength(2);
    expect((await t.get('/api/fees/bills?roomId=999999', { token: agent1.accessToken })).status).toBe(404);
  });
});
