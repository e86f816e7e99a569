import ExcelJS from 'exceljs';
import {
  ArrearsRemindResult,
  ArrearsRoomsView,
  ArrearsView,
  BillRunView,
  collectionRateBp,
  lateFee,
  LoginResponse,
  shanghaiDate,
  StatementView,
} from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: { allowedAt?: string } };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sql = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with LEDGER_SEED */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function billRun(t: TestApp, token: string, communityId: number, period: string): Promise<BillRunView> {
  const r = await t.post<BillRunView>('/api/fees/runs', { communityId, period }, { token });
  expect(r.status).toBe(201);
  for (let i = 0; i < 400; i++) {
    const v = (await t.get<BillRunView>(`/api/fees/runs/${r.body.id}`, { token })).body;
    if (v.status === 'done') return v;
    await sleep(50);
  }
  throw new Error('bill run did not finish');
}

async function download(t: TestApp, path: string, token: string) {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status >= 500) throw new Error(`${path} → ${res.status} ${body.toString()}\n${t.output.slice(-20).join('')}`);
  return { status: res.status, type: res.headers.get('content-type'), body };
}

async function readSheet(buf: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

interface Line {
  id: number;
  roomId: number;
  group: string;
  amount: number;
  created: Date;
  paid: number;
  waived: number;
  allocs: { paymentId: number; principal: number; refunded: number }[];
}
type Ev = { kind: 'paid' | 'waived' | 'refunded'; line: Line; cents: number; late: number; at: Date };

describe('fees: month-end statement (月度对账)', () => {
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, tech: LoginResponse, zhangsan: LoginResponse;
  let jxhy: number, chy: number;
  const seed = Number(process.env.LEDGER_SEED ?? Date.now() % 1_000_000);

  beforeAll(async () => {
    t = await TestApp.start();
    [cashier, manager, tech] = await Promise.all(['cashier1', 'manager1', 'technician1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    const ids = await t.query('SELECT id, code FROM communities ORDER BY id');
    jxhy = Number(ids.find((c) => c.code === 'JXHY').id);
    chy = Number(ids.find((c) => c.code === 'CHY').id);
  });
  afterAll(() => t?.close());

  const statement = (token: string, month: string, communityId = jxhy) =>
    t.get<StatementView | Err>(`/api/fees/statement?communityId=${communityId}&month=${month}`, { token });

  it(`a month of random activity balances to the cent, item by item (seed ${seed})`, async () => {
    console.log(`fees-ledger random activity seed: ${seed} (replay with LEDGER_SEED=${seed})`);
    const rnd = prng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    // October billed late on Oct 31 (Shanghai), November 30 minutes into Nov 1 (Shanghai): across the boundary
    await t.post('/api/test/clock', { set: '2026-10-31T15:30:00.000Z' });
    await billRun(t, cashier.accessToken, jxhy, '2026-10');
    await t.post('/api/test/clock', { set: '2026-10-31T16:30:00.000Z' });
    await billRun(t, cashier.accessToken, jxhy, '2026-11');
    // repair charges (no fee item): grouped by their name, one billed after the month
    const rooms = (await t.query('SELECT id FROM rooms WHERE community_id = ? ORDER BY id LIMIT 6', [jxhy])).map((r) => Number(r.id));
    const extra: [string, number, string][] = [
      ['维修费', 5_000, '2026-11-10T03:00:00.000Z'],
      ['维修费', 12_345, '2026-11-30T15:59:59.000Z'],
      ['维修费', 7_777, '2026-11-30T16:00:00.000Z'],
      ['', 2_000, '2026-11-20T03:00:00.000Z'],
    ];
    for (const [i, [name, cents, at]] of extra.entries())
      await t.query(
        `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
           late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, version, created_at, updated_at)
         VALUES (1, ?, ?, NULL, '2026-11', ?, ?, 'owner', ?, '{}', '2026-12-10', 0, 0, NULL, 0, 0, 0, 'open', 1, ?, ?)`,
        [jxhy, rooms[i], `repair:${90_000 + i}`, name, cents, sql(new Date(at)), sql(new Date(at))],
      );
    const rows = await t.query('SELECT id, room_id, fee_item_id, name, amount_cents, created_at FROM bill_lines WHERE community_id = ? ORDER BY id', [jxhy]);
    const lines: Line[] = rows.map((r) => ({
      id: Number(r.id),
      roomId: Number(r.room_id),
      group: r.fee_item_id !== null ? `item:${Number(r.fee_item_id)}` : `name:${r.name || '其他'}`,
      amount: Number(r.amount_cents),
      created: new Date(String(r.created_at instanceof Date ? r.created_at.toISOString() : `${String(r.created_at).replace(' ', 'T')}Z`)),
      paid: 0,
      waived: 0,
      allocs: [],
    }));
    expect(lines.length).toBeGreaterThan(140);

    // activity from Oct 30 to Dec 3 (Shanghai), each event after its line was billed
    const lo = Date.parse('2026-10-29T16:00:00.000Z');
    const hi = Date.parse('2026-12-03T16:00:00.000Z');
    const events: Ev[] = [];
    let paymentId = 500_000;
    let requestId = 600_000;
    const payments: unknown[][] = [];
    const allocations: unknown[][] = [];
    const requests: unknown[][] = [];
    const refunds: unknown[][] = [];
    // the random instants hit the midnight boundaries now and then
    const boundaries = ['2026-10-31T16:00:00.000Z', '2026-11-30T15:59:59.999Z', '2026-11-30T16:00:00.000Z'].map(Date.parse);
    for (let i = 0; i < 400; i++) {
      const line = pick(lines);
      const at = new Date(rnd() < 0.15 ? pick(boundaries) : lo + Math.floor(rnd() * (hi - lo)));
      if (at < line.created) continue;
      const open = line.amount - line.paid - line.waived;
      const day = shanghaiDate(at);
      const roll = rnd();
      if (roll < 0.55 && open > 0) {
        const cents = Math.max(1, Math.floor(open * (rnd() < 0.4 ? 1 : rnd())));
        const late = rnd() < 0.3 ? Math.floor(rnd() * 500) : 0;
        const id = ++paymentId;
        payments.push([id, jxhy, line.roomId, `SJ-${day.replace(/-/g, '')}-${id}`, cents + late, cents, late, day, sql(at)]);
        allocations.push([id, line.id, cents, late]);
        line.paid += cents;
        line.allocs.push({ paymentId: id, principal: cents, refunded: 0 });
        events.push({ kind: 'paid', line, cents, late, at });
      } else if (roll < 0.75 && open > 0) {
        const cents = Math.max(1, Math.floor(open * rnd()));
        requests.push([++requestId, jxhy, line.roomId, 'waive', line.id, null, cents, 'approved', sql(at)]);
        line.waived += cents;
        events.push({ kind: 'waived', line, cents, late: 0, at });
      } else {
        const a = line.allocs.find((x) => x.principal > x.refunded);
        if (!a) continue;
        const cents = Math.max(1, Math.floor((a.principal - a.refunded) * rnd()));
        requests.push([++requestId, jxhy, line.roomId, 'refund', null, a.paymentId, cents, 'approved', sql(at)]);
        refunds.push([requestId, a.paymentId, line.id, cents, 0, day]);
        a.refunded += cents;
        line.paid -= cents;
        events.push({ kind: 'refunded', line, cents, late: 0, at });
      }
    }
    const insert = async (head: string, tuple: string, values: unknown[][]) => {
      for (let i = 0; i < values.length; i += 100) {
        const chunk = values.slice(i, i + 100);
        await t.query(`${head} VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
      }
    };
    await insert(
      'INSERT INTO payments (id, company_id, community_id, room_id, receipt_no, method, amount_cents, principal_cents, late_fee_cents, refunded_cents, status, business_date, version, created_at, updated_at)',
      "(?, 1, ?, ?, ?, 'cash', ?, ?, ?, 0, 'paid', ?, 1, ?, ?)",
      payments.map((p) => [...p, p[8]]),
    );
    await insert('INSERT INTO payment_allocations (payment_id, bill_line_id, principal_cents, late_fee_cents)', '(?, ?, ?, ?)', allocations);
    await insert(
      'INSERT INTO fee_requests (id, company_id, community_id, room_id, kind, bill_line_id, payment_id, amount_cents, reason, status, requested_by, decided_by, decided_at, version, created_at, updated_at)',
      "(?, 1, ?, ?, ?, ?, ?, ?, '测试', ?, 1, 1, ?, 2, ?, ?)",
      requests.map((r) => [...r, r[8], r[8]]),
    );
    await insert(
      'INSERT INTO refund_allocations (fee_request_id, payment_id, bill_line_id, principal_cents, late_fee_cents, business_date)',
      '(?, ?, ?, ?, ?, ?)',
      refunds,
    );
    for (const l of lines.filter((x) => x.paid || x.waived || x.allocs.length)) {
      const left = l.amount - l.paid - l.waived;
      const status = left > 0 ? 'open' : l.waived === l.amount ? 'waived' : 'paid';
      await t.query('UPDATE bill_lines SET paid_cents = ?, waived_cents = ?, status = ?, version = version + 1 WHERE id = ?', [l.paid, l.waived, status, l.id]);
    }

    // November, computed independently from the events
    const end = Date.parse('2026-11-30T16:00:00.000Z');
    const start = Date.parse('2026-10-31T16:00:00.000Z');
    const groups = [...new Set(lines.map((l) => l.group))];
    const r = await statement(manager.accessToken, '2026-11');
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(4);
    const v = r.body as StatementView;
    expect(v).toEqual(expect.objectContaining({ month: '2026-11', firstDay: '2026-11-01', lastDay: '2026-11-30', balanced: true, unbalancedKeys: [] }));
    for (const g of groups) {
      const row = v.rows.find((x) => x.key === g)!;
      expect(row).toBeDefined();
      const within = (e: Ev, kind: Ev['kind']) => e.line.group === g && e.kind === kind && +e.at >= start && +e.at < end;
      const sum = (kind: Ev['kind']) => events.filter((e) => within(e, kind)).reduce((s, e) => s + e.cents, 0);
      const billed = lines.filter((l) => l.group === g && +l.created >= start && +l.created < end).reduce((s, l) => s + l.amount, 0);
      // closing: each line billed by the month's end, as it stood then
      const closing = lines
        .filter((l) => l.group === g && +l.created < end)
        .reduce((s, l) => {
          const flows = events.filter((e) => e.line === l && +e.at < end);
          const by = (k: Ev['kind']) => flows.filter((e) => e.kind === k).reduce((x, e) => x + e.cents, 0);
          return s + l.amount - by('paid') + by('refunded') - by('waived');
        }, 0);
      expect({ g, billed: row.billed, paid: row.paid, waived: row.waived, refunded: row.refunded, closing: row.closingArrears }).toEqual({
        g,
        billed,
        paid: sum('paid'),
        waived: sum('waived'),
        refunded: sum('refunded'),
        closing,
      });
      expect(row.openingArrears + row.billed - row.paid - row.waived + row.refunded).toBe(row.closingArrears);
      expect(row.lateFeesCollected).toBe(events.filter((e) => within(e, 'paid')).reduce((s, e) => s + e.late, 0));
    }
    expect(v.rows.find((x) => x.key === 'name:维修费')!.billed).toBe(5_000 + 12_345);
    expect(v.rows.find((x) => x.key === 'name:其他')!.name).toBe('其他');
    // paid is what the month's payments allocated
    const [alloc] = await t.query(
      "SELECT SUM(a.principal_cents) AS s FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE p.business_date BETWEEN '2026-11-01' AND '2026-11-30' AND p.community_id = ?",
      [jxhy],
    );
    expect(v.totals.paid).toBe(Number(alloc.s ?? 0));
    // the month after: December's opening is November's closing; its closing is the lines as they stand now
    const dec = (await statement(cashier.accessToken, '2026-12')).body as StatementView;
    expect(dec.balanced).toBe(true);
    expect(dec.totals.openingArrears).toBe(v.totals.closingArrears);
    const [now] = await t.query('SELECT SUM(amount_cents - paid_cents - waived_cents) AS s FROM bill_lines WHERE community_id = ?', [jxhy]);
    expect(dec.totals.closingArrears).toBe(Number(now.s));
    expect(dec.totals.billed).toBe(7_777);

    // a bill line that disagrees with its payments is flagged, never hidden
    const victim = lines.find((l) => l.group.startsWith('item:'))!;
    await t.query('UPDATE bill_lines SET paid_cents = paid_cents + 1 WHERE id = ?', [victim.id]);
    const off = (await statement(manager.accessToken, '2026-12')).body as StatementView;
    expect(off.balanced).toBe(false);
    expect(off.unbalancedKeys).toEqual([victim.group, 'total']);
    await t.query('UPDATE bill_lines SET paid_cents = paid_cents - 1 WHERE id = ?', [victim.id]);

    // the export has the same numbers as the screen
    const x = await download(t, '/api/fees/statement/export?communityId=' + jxhy + '&month=2026-11', cashier.accessToken);
    expect(x.status).toBe(200);
    expect(x.type).toContain('spreadsheetml');
    const sheet = await readSheet(x.body, '月度对账');
    expect(sheet[0]).toEqual(['收费项目', '期初欠费', '本期应收', '实收', '减免', '退款', '期末欠费', '滞纳金收入', '滞纳金退还']);
    for (const [i, row] of [...v.rows, v.totals].entries())
      expect(sheet[i + 1]).toEqual([
        row.name,
        ...[row.openingArrears, row.billed, row.paid, row.waived, row.refunded, row.closingArrears, row.lateFeesCollected, row.lateFeesRefunded].map(
          (c) => c / 100,
        ),
      ]);
  });

  it('denials: residents and technicians 403, another community 404, a bad month 400', async () => {
    expect((await statement(zhangsan.accessToken, '2026-11')).status).toBe(403);
    expect((await statement(tech.accessToken, '2026-11')).status).toBe(403);
    expect((await statement(cashier.accessToken, '2026-11', chy)).status).toBe(404);
    const bad = await statement(cashier.accessToken, '2026-13');
    expect(bad.status).toBe(400);
    expect((bad.body as Err).message).toContain('月份格式应为 2026-11');
    expect((await download(t, `/api/fees/statement/export?communityId=${chy}&month=2026-11`, cashier.accessToken)).status).toBe(404);
  });
});

describe('fees: arrears per building (欠费统计), reminders and export', () => {
  let t: TestApp;
  let cashier: LoginResponse, manager: LoginResponse, tech: LoginResponse, zhangsan: LoginResponse;
  let jxhy: number, chy: number;

  beforeAll(async () => {
    t = await TestApp.start();
    [cashier, manager, tech] = await Promise.all(['cashier1', 'manager1', 'technician1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    const ids = await t.query('SELECT id, code FROM communities ORDER BY id');
    jxhy = Number(ids.find((c) => c.code === 'JXHY').id);
    chy = Number(ids.find((c) => c.code === 'CHY').id);
    await t.post('/api/test/clock', { set: '2026-10-20T02:00:00.000Z' });
    await billRun(t, cashier.accessToken, jxhy, '2026-10');
    await t.post('/api/test/clock', { set: '2026-11-20T02:00:00.000Z' });
    await billRun(t, cashier.accessToken, jxhy, '2026-11');
    // fixed data: every third room paid November in full, every fifth had October waived, one room deferred
    const nov = await t.query("SELECT id, room_id, amount_cents FROM bill_lines WHERE community_id = ? AND period = '2026-11' ORDER BY room_id", [jxhy]);
    for (const [i, l] of nov.entries()) if (i % 3 === 1) await t.query("UPDATE bill_lines SET paid_cents = amount_cents, status = 'paid' WHERE id = ?", [l.id]);
    const oct = await t.query("SELECT id FROM bill_lines WHERE community_id = ? AND period = '2026-10' ORDER BY room_id", [jxhy]);
    for (const [i, l] of oct.entries())
      if (i % 5 === 2) await t.query("UPDATE bill_lines SET waived_cents = amount_cents, status = 'waived' WHERE id = ?", [l.id]);
    await t.query("UPDATE bill_lines SET deferred_until = '2027-01-31' WHERE id = ?", [oct[1].id]);
    await t.post('/api/test/clock', { set: '2026-12-20T02:00:00.000Z' });
  });
  afterAll(() => t?.close());

  const arrears = (token: string, communityId = jxhy) => t.get<ArrearsView | Err>(`/api/fees/arrears?communityId=${communityId}&period=2026-11`, { token });

  /** The expected figures, straight from the lines with the shared late-fee rule. */
  async function expected() {
    const lines = await t.query(`SELECT l.*, r.building_id FROM bill_lines l JOIN rooms r ON r.id = l.room_id WHERE l.community_id = ? ORDER BY l.id`, [jxhy]);
    const asOf = '2026-12-20';
    const out = new Map<number, { overdue: Set<number>; open: number; late: number; billed: number; paid: number }>();
    for (const l of lines) {
      const b = Number(l.building_id);
      const e = out.get(b) ?? { overdue: new Set<number>(), open: 0, late: 0, billed: 0, paid: 0 };
      out.set(b, e);
      if (l.period === '2026-11') {
        e.billed += Number(l.amount_cents);
        e.paid += Number(l.paid_cents);
      }
      const open = Number(l.amount_cents) - Number(l.paid_cents) - Number(l.waived_cents);
      const due = l.deferred_until ?? l.due_date;
      if (l.status !== 'open' || open <= 0 || asOf <= due) continue;
      e.overdue.add(Number(l.room_id));
      e.open += open;
      e.late += lateFee(open, due, asOf, {
        dailyRatePpm: Number(l.late_fee_rate_ppm),
        graceDays: Number(l.late_fee_grace_days),
        capPercent: l.late_fee_cap_percent === null ? null : Number(l.late_fee_cap_percent),
      }).cents;
    }
    return out;
  }

  it('per building: overdue rooms, open principal, late fee as of today, billed, paid and 收缴率 (≤ 4 statements)', async () => {
    const r = await arrears(manager.accessToken);
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(4);
    const v = r.body as ArrearsView;
    expect(v.asOf).toBe('2026-12-20');
    const exp = await expected();
    expect(v.buildings.length).toBe(exp.size);
    for (const b of v.buildings) {
      const e = exp.get(b.buildingId)!;
      expect(b).toEqual(
        expect.objectContaining({
          overdueRooms: e.overdue.size,
          openCents: e.open,
          lateFeeCents: e.late,
          billedCents: e.billed,
          paidCents: e.paid,
          collectionRateBp: collectionRateBp(e.paid, e.billed),
          remindAllowedAt: null,
        }),
      );
      expect(b.lateFeeCents).toBeGreaterThan(0);
    }
    const all = [...exp.values()];
    expect(v.totals.openCents).toBe(all.reduce((s, e) => s + e.open, 0));
    expect(v.totals.collectionRateBp).toBe(
      collectionRateBp(
        all.reduce((s, e) => s + e.paid, 0),
        all.reduce((s, e) => s + e.billed, 0),
      ),
    );
    expect(v.totals.collectionRateBp).toBeGreaterThan(3000);
    expect(v.totals.collectionRateBp).toBeLessThan(4000);
  });

  it('a building’s rooms: the cashier sees masked phones, the manager the number (≤ 4 statements)', async () => {
    const b = ((await arrears(cashier.accessToken)).body as ArrearsView).buildings[0];
    const path = `/api/fees/arrears/rooms?communityId=${jxhy}&buildingId=${b.buildingId}&period=2026-11`;
    const c = await t.get<ArrearsRoomsView>(path, { token: cashier.accessToken });
    expect(c.status).toBe(200);
    expect(statements(c)).toBeLessThanOrEqual(4);
    expect(c.body.rooms.length).toBe(b.overdueRooms);
    expect(c.body.rooms.reduce((s, x) => s + x.openCents, 0)).toBe(b.openCents);
    expect(c.body.rooms.reduce((s, x) => s + x.lateFeeCents, 0)).toBe(b.lateFeeCents);
    const withPhone = c.body.rooms.filter((x) => x.ownerPhone);
    expect(withPhone.length).toBeGreaterThan(0);
    for (const x of withPhone) expect(x.ownerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const m = await t.get<ArrearsRoomsView>(path, { token: manager.accessToken });
    expect(m.body.rooms.some((x) => /^\d{11}$/.test(x.ownerPhone ?? ''))).toBe(true);
    // another community's building is not there
    const [other] = await t.query('SELECT id FROM buildings WHERE community_id = ? LIMIT 1', [chy]);
    expect((await t.get(`/api/fees/arrears/rooms?communityId=${jxhy}&buildingId=${other.id}`, { token: manager.accessToken })).status).toBe(404);
  });

  it('the export has the numbers of the screen', async () => {
    const v = (await arrears(cashier.accessToken)).body as ArrearsView;
    const x = await download(t, `/api/fees/arrears/export?communityId=${jxhy}&period=2026-11`, cashier.accessToken);
    expect(x.status).toBe(200);
    const sheet = await readSheet(x.body, '楼栋欠费');
    const rate = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(2)}%`);
    for (const [i, b] of [...v.buildings, { ...v.totals, buildingName: '合计' }].entries())
      expect(sheet[i + 1]).toEqual([
        b.buildingName,
        b.rooms,
        b.overdueRooms,
        b.openCents / 100,
        b.lateFeeCents / 100,
        b.billedCents / 100,
        b.paidCents / 100,
        rate(b.collectionRateBp),
      ]);
    const rooms = await readSheet(x.body, '欠费房屋');
    expect(rooms.length - 1).toBe(v.totals.overdueRooms);
    // the cashier's export masks the phones as the screen does
    for (const r of rooms.slice(1)) if (r[3]) expect(String(r[3])).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('a building reminder reaches the paying residents of each overdue room, once a day (≤ 8 statements)', async () => {
    const room101 = await t.room('锦绣花园', '1栋1单元101');
    const [{ building_id }] = await t.query('SELECT building_id FROM rooms WHERE id = ?', [room101.id]);
    const buildingId = Number(building_id);
    const v = (await arrears(manager.accessToken)).body as ArrearsView;
    const b = v.buildings.find((x) => x.buildingId === buildingId)!;
    const rooms = (await t.get<ArrearsRoomsView>(`/api/fees/arrears/rooms?communityId=${jxhy}&buildingId=${buildingId}`, { token: manager.accessToken })).body
      .rooms;
    expect(rooms.map((x) => x.roomId)).toContain(room101.id);
    const ids = rooms.map((x) => x.roomId);
    const bound = await t.query(`SELECT DISTINCT user_id FROM room_bindings WHERE status = 'approved' AND room_id IN (${ids.map(() => '?').join(',')})`, ids);
    const r = await t.post<ArrearsRemindResult | Err>('/api/fees/arrears/remind', { communityId: jxhy, buildingId }, { token: manager.accessToken });
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(8);
    expect(r.body).toEqual(expect.objectContaining({ buildingId, rooms: b.overdueRooms, recipients: bound.length }));
    const inbox = await t.query("SELECT recipient_id, body FROM notifications WHERE template = 'fee_reminder'");
    expect(new Set(inbox.map((x) => Number(x.recipient_id)))).toEqual(new Set(bound.map((x) => Number(x.user_id))));
    const zs = inbox.find((x) => Number(x.recipient_id) === zhangsan.me.id);
    expect(zs.body).toContain('1栋1单元101');
    expect(zs.body).not.toMatch(/\d{11}/);
    const wx = await t.query("SELECT recipient_id FROM outbox WHERE template = 'fee_reminder' AND channel = 'wechat'");
    expect(wx.length).toBe(inbox.length);
    // again within 24 h: 409 with the time it is allowed again; nothing more queued
    const again = await t.post<Err>('/api/fees/arrears/remind', { communityId: jxhy, buildingId }, { token: cashier.accessToken });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('今天已催缴过');
    expect(again.body.details?.allowedAt).toBe((r.body as ArrearsRemindResult).nextAllowedAt);
    expect(Date.parse(again.body.details!.allowedAt!) - Date.parse('2026-12-21T02:00:00.000Z')).toBeLessThan(60_000);
    expect((await t.query("SELECT COUNT(*) AS n FROM notifications WHERE template = 'fee_reminder'"))[0].n).toEqual(inbox.length as never);
    const view = (await arrears(manager.accessToken)).body as ArrearsView;
    expect(view.buildings.find((x) => x.buildingId === buildingId)!.remindAllowedAt).toBe(again.body.details?.allowedAt);
    // a day later it may be sent again
    await t.post('/api/test/clock', { advanceMs: 24 * 3600_000 });
    expect((await t.post('/api/fees/arrears/remind', { communityId: jxhy, buildingId }, { token: manager.accessToken })).status).toBe(201);
  });

  it('denials: residents and technicians 403, another community 404', async () => {
    expect((await arrears(zhangsan.accessToken)).status).toBe(403);
    expect((await arrears(tech.accessToken)).status).toBe(403);
    expect((await arrears(cashier.accessToken, chy)).status).toBe(404);
    const [other] = await t.query('SELECT id FROM buildings WHERE community_id = ? LIMIT 1', [chy]);
    expect((await t.post('/api/fees/arrears/remind', { communityId: chy, buildingId: Number(other.id) }, { token: cashier.accessToken })).status).toBe(404);
    expect((await t.post('/api/fees/arrears/remind', { communityId: jxhy, buildingId: Number(other.id) }, { token: manager.accessToken })).status).toBe(404);
    expect((await t.post('/api/fees/arrears/remind', { communityId: jxhy, buildingId: 1 }, { token: zhangsan.accessToken })).status).toBe(403);
    expect((await download(t, `/api/fees/arrears/export?communityId=${jxhy}`, tech.accessToken)).status).toBe(403);
  });
});
