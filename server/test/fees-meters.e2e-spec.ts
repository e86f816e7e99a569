import {
  BillRunPreview,
  BillRunView,
  LoginResponse,
  meteredFeeCents,
  MeterImportReport,
  MeterReadingView,
  MeterSheetView,
  PriceTier,
  RoomBillsView,
} from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WATER: PriceTier[] = [
  { uptoE2: 2000, priceE4: 34_500 },
  { uptoE2: 3000, priceE4: 48_300 },
  { uptoE2: null, priceE4: 58_300 },
];

/** 锦绣花园's demo water readings: September (start) and October; these tests read November. */
describe('fees: meter readings (抄表) and metered bill lines', () => {
  let t: TestApp;
  let tech: LoginResponse,
    sup1: LoginResponse,
    sup2: LoginResponse,
    manager: LoginResponse,
    cashier: LoginResponse,
    guard: LoginResponse,
    zhangsan: LoginResponse;
  let jxhy: number, water: number, b1: number, b2: number;
  let sheet: MeterSheetView;
  const P = '2026-11';

  beforeAll(async () => {
    t = await TestApp.start({ BILL_RUN_BATCH_ROOMS: '10' });
    await t.post('/api/test/clock', { set: '2026-12-02T02:00:00.000Z' });
    [tech, sup1, sup2, manager, cashier, guard] = await Promise.all(
      ['technician1', 'supervisor1', 'supervisor2', 'manager1', 'cashier1', 'guard1'].map((u) => t.staff(u)),
    );
    zhangsan = await t.resident('zhangsan');
    jxhy = Number((await t.query("SELECT id FROM communities WHERE code = 'JXHY'"))[0].id);
    water = Number((await t.query("SELECT id FROM fee_items WHERE community_id = ? AND name = '水费'", [jxhy]))[0].id);
    const bs = await t.query("SELECT id, name FROM buildings WHERE community_id = ? AND name IN ('1栋', '2栋')", [jxhy]);
    b1 = Number(bs.find((b) => b.name === '1栋').id);
    b2 = Number(bs.find((b) => b.name === '2栋').id);
  });
  afterAll(() => t?.close());

  const getSheet = (who: LoginResponse, buildingId = b1, period = P) =>
    t.get<MeterSheetView | Err>(`/api/fees/meter-sheet?buildingId=${buildingId}&feeItemId=${water}&period=${period}`, { token: who.accessToken });
  const enter = (who: LoginResponse, body: Record<string, unknown>, key?: string) =>
    t.post<MeterReadingView | Err>(
      '/api/fees/meter-readings',
      { feeItemId: water, period: P, ...body },
      {
        token: who.accessToken,
        headers: key ? { 'idempotency-key': key } : undefined,
      },
    );
  const room = (label: string) => sheet.rooms.find((r) => r.label === label)!;
  const lastUsage = async (roomId: number) =>
    Number((await t.query("SELECT usage_e2 FROM meter_readings WHERE room_id = ? AND period = '2026-10'", [roomId]))[0].usage_e2);
  const upload = async (who: LoginResponse, csv: string, period = P) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from(csv))]), 'readings.csv');
    const res = await fetch(`${t.url}/api/fees/meter-imports?communityId=${jxhy}&feeItemId=${water}&period=${period}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.accessToken}` },
      body: form,
    });
    const body = await res.json();
    if (res.status >= 500) throw new Error(`upload → ${res.status} ${JSON.stringify(body)}`);
    return { status: res.status, body: body as MeterImportReport & Err };
  };

  it('the entry sheet lists a building’s rooms in order with last month’s reading (≤ 3 statements); others are refused', async () => {
    const r = await getSheet(tech);
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(3);
    sheet = r.body as MeterSheetView;
    expect(sheet).toEqual(expect.objectContaining({ buildingName: '1栋', itemName: '水费', meterUnit: 'm³', period: P }));
    expect(sheet.rooms.slice(0, 3).map((x) => x.label)).toEqual(['1栋1单元101', '1栋1单元102', '1栋1单元201']);
    expect(sheet.rooms[0].previous).toEqual({ period: '2026-10', readingE2: expect.any(Number) });
    expect(sheet.rooms.every((x) => x.current === null)).toBe(true);
    const items = await t.get<{ id: number; name: string }[]>(`/api/fees/meter-items?communityId=${jxhy}`, { token: tech.accessToken });
    expect(items.body.map((i) => i.name)).toEqual(['水费']);
    expect((await t.get(`/api/fees/meter-items?communityId=${jxhy}`, { token: sup2.accessToken })).status).toBe(404);
    expect((await getSheet(zhangsan)).status).toBe(403);
    expect((await getSheet(guard)).status).toBe(403);
    expect((await getSheet(sup2)).status).toBe(404);
    expect((await getSheet(tech, b1, '2026-13')).status).toBe(400);
  });

  it('a reading is entered once per key (≤ 8 statements, +2 with the key) and corrected with its version before billing', async () => {
    const a = room('1栋1单元101');
    const first = await enter(tech, { roomId: a.roomId, readingE2: a.previous!.readingE2 + 2_000 }, 'm-101');
    expect(first.status).toBe(201);
    expect(statements(first)).toBeLessThanOrEqual(10);
    const v = first.body as MeterReadingView;
    expect(v).toEqual(expect.objectContaining({ status: 'recorded', previousE2: a.previous!.readingE2, usageE2: 2_000, enteredByName: '赵师傅', version: 1 }));
    const again = await enter(tech, { roomId: a.roomId, readingE2: a.previous!.readingE2 + 2_000 }, 'm-101');
    expect((again.body as MeterReadingView).id).toBe(v.id);
    const noVersion = await enter(tech, { roomId: a.roomId, readingE2: a.previous!.readingE2 + 2_250 });
    expect(noVersion.status).toBe(409);
    const fixed = await enter(tech, { roomId: a.roomId, readingE2: a.previous!.readingE2 + 2_250, version: 1 });
    expect(fixed.status).toBe(201);
    expect(statements(fixed)).toBeLessThanOrEqual(8);
    expect(fixed.body).toEqual(expect.objectContaining({ id: v.id, usageE2: 2_250, version: 2 }));
    expect((await enter(tech, { roomId: a.roomId, readingE2: a.previous!.readingE2, version: 1 })).status).toBe(409);
    const rows = await t.query('SELECT COUNT(*) AS n FROM meter_readings WHERE room_id = ? AND period = ?', [a.roomId, P]);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('a reading below last month’s is refused unless the meter was replaced (recorded with both dials)', async () => {
    const b = room('1栋1单元102');
    const back = await enter(tech, { roomId: b.roomId, readingE2: b.previous!.readingE2 - 100 });
    expect(back.status).toBe(400);
    expect((back.body as Err).message).toMatch(/小于上期读数.*如已换表/);
    expect((await enter(tech, { roomId: b.roomId, readingE2: 500, replaced: true })).status).toBe(400);
    const ok = await enter(tech, { roomId: b.roomId, readingE2: 500, replaced: true, oldFinalE2: b.previous!.readingE2 + 700, newStartE2: 0 });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual(
      expect.objectContaining({ replaced: true, oldFinalE2: b.previous!.readingE2 + 700, newStartE2: 0, usageE2: 1_200, status: 'recorded' }),
    );
  });

  it('an outlier is held; only another supervisor or a manager approves it (≤ 3 statements to list)', async () => {
    const c = room('1栋1单元201');
    const u = await lastUsage(c.roomId);
    const held = await enter(tech, { roomId: c.roomId, readingE2: c.previous!.readingE2 + 3 * u + 100 });
    expect(held.status).toBe(201);
    const h = held.body as MeterReadingView;
    expect(h.status).toBe('held');
    expect(h.holdReason).toMatch(/超过近 6 个月平均用量 .* 的 3 倍/);
    // the community's supervisors and managers are told in their inbox (never sup2, of another community)
    const told = await t.query("SELECT recipient_id, title, body, link FROM notifications WHERE template = 'meter_reading_held' AND dedupe_key LIKE ?", [
      `meter-reading:${h.id}:%`,
    ]);
    expect(told.map((n: { recipient_id: number }) => Number(n.recipient_id)).sort()).toEqual([sup1.me.id, manager.me.id].sort());
    expect(told[0]).toEqual(expect.objectContaining({ title: '异常读数待审核：1栋1单元201', link: '/meters/held' }));
    expect(told[0].body).toContain(h.holdReason);
    // one the supervisor entered themselves
    const d = room('1栋1单元202');
    const own = (await enter(sup1, { roomId: d.roomId, readingE2: d.previous!.readingE2 + 3 * (await lastUsage(d.roomId)) + 100 })).body as MeterReadingView;
    expect(own.status).toBe('held');
    const list = await t.get<MeterReadingView[]>(`/api/fees/meter-readings?communityId=${jxhy}`, { token: sup1.accessToken });
    expect(statements(list)).toBeLessThanOrEqual(3);
    expect(list.body.map((x) => x.id).sort()).toEqual([h.id, own.id].sort());
    const approve = (who: LoginResponse, id: number, version: number) =>
      t.post<MeterReadingView | Err>(`/api/fees/meter-readings/${id}/approve`, { version }, { token: who.accessToken });
    expect((await approve(tech, h.id, 1)).status).toBe(403);
    expect((await approve(sup2, h.id, 1)).status).toBe(404);
    expect((await approve(zhangsan, h.id, 1)).status).toBe(403);
    expect((await approve(sup1, own.id, 1)).status).toBe(403);
    expect((await approve(sup1, h.id, 9)).status).toBe(409);
    const ok = await approve(sup1, h.id, 1);
    expect(ok.status).toBe(201);
    expect(statements(ok)).toBeLessThanOrEqual(8);
    expect(ok.body).toEqual(expect.objectContaining({ status: 'approved', reviewedByName: '李主管', version: 2 }));
    expect((await approve(manager, h.id, 2)).status).toBe(409);
    expect((await t.get(`/api/fees/meter-readings?communityId=${jxhy}`, { token: sup2.accessToken })).status).toBe(404);
  });

  it('an import records good rows and reports bad ones row by row', async () => {
    const s2 = (await getSheet(tech, b2)).body as MeterSheetView;
    const p = (label: string) => s2.rooms.find((r) => r.label === label)!.previous!.readingE2 / 100;
    const csv = [
      '楼栋,单元,房号,读数,换表,旧表止码,新表起码',
      `2栋,1单元,101,${(p('2栋1单元101') + 12.5).toFixed(2)},,,`,
      `2栋,1单元,102,abc,,,`,
      `9栋,1单元,101,10,,,`,
      `2栋,1单元,101,${(p('2栋1单元101') + 13).toFixed(2)},,,`,
      `2栋,1单元,201,${(p('2栋1单元201') - 1).toFixed(2)},,,`,
      `2栋,1单元,202,3.00,是,${(p('2栋1单元202') + 5).toFixed(2)},0`,
    ].join('\n');
    expect((await upload(guard, csv)).status).toBe(403);
    expect((await upload(sup2, csv)).status).toBe(404);
    const r = await upload(tech, csv);
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ total: 6, recorded: 2, held: 0 }));
    expect(r.body.errors).toEqual([
      { row: 3, column: '读数', message: '读数应为最多两位小数的非负数字' },
      { row: 4, column: '房号', message: '本小区没有 9栋1单元101' },
      { row: 5, column: null, message: '2栋1单元101 在文件中重复出现（第 2 行已有）' },
      { row: 6, column: '读数', message: expect.stringContaining('小于上期读数') },
    ]);
    const bad = await upload(tech, '房号,面积\n101,3\n');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('表头应包含');
    // importing again records nothing twice
    const again = await upload(tech, csv);
    expect(again.body.recorded).toBe(0);
    expect(again.body.errors[0].message).toContain('本期已有读数');
  });

  it('a run bills one metered line per room with a billable reading, by tiers, once; held readings wait', async () => {
    const sec = await t.query('SELECT id FROM meter_readings WHERE period = ? AND status = ?', [P, 'held']);
    expect(sec.length).toBe(1);
    const preview = (await t.get<BillRunPreview>(`/api/fees/runs/preview?communityId=${jxhy}&period=${P}`, { token: cashier.accessToken })).body;
    const w = preview.items.find((i) => i.itemId === water)!;
    expect(w.lines).toBe(5);
    expect(preview.problems.filter((x) => x.itemId === water).map((x) => x.message)).toEqual(
      expect.arrayContaining(['1栋1单元202 读数异常，待审核后出账', '1栋2单元101 本期未抄表']),
    );
    const run = async () => {
      const r = await t.post<BillRunView>('/api/fees/runs', { communityId: jxhy, period: P }, { token: cashier.accessToken });
      for (let i = 0; i < 200; i++) {
        const v = (await t.get<BillRunView>(`/api/fees/runs/${r.body.id}`, { token: cashier.accessToken })).body;
        if (v.status === 'done') return v;
        await sleep(50);
      }
      throw new Error('run still running');
    };
    await run();
    const lines = await t.query('SELECT room_id, amount_cents, detail FROM bill_lines WHERE fee_item_id = ? AND period = ? ORDER BY room_id', [water, P]);
    expect(lines.length).toBe(5);
    const a = room('1栋1单元101');
    const la = lines.find((l) => Number(l.room_id) === a.roomId);
    expect(Number(la.amount_cents)).toBe(meteredFeeCents(2_250, WATER));
    expect(Number(la.amount_cents)).toBe(8_108);
    const billed = await t.query('SELECT status, bill_line_id FROM meter_readings WHERE period = ? AND room_id = ?', [P, a.roomId]);
    expect(billed[0].status).toBe('billed');
    expect(Number(billed[0].bill_line_id)).toBeGreaterThan(0);
    // the held one is approved by the manager, the next run bills it, a third bills nothing
    const own = await t.query("SELECT id FROM meter_readings WHERE period = ? AND status = 'held'", [P]);
    expect((await t.post(`/api/fees/meter-readings/${own[0].id}/approve`, { version: 1 }, { token: manager.accessToken })).status).toBe(201);
    await run();
    await run();
    const after = await t.query('SELECT room_id, COUNT(*) AS n FROM bill_lines WHERE fee_item_id = ? AND period = ? GROUP BY room_id', [water, P]);
    expect(after.length).toBe(6);
    expect(after.every((x) => Number(x.n) === 1)).toBe(true);
    // the bill says how: 上期 → 本期, usage × tiers
    const zs = await t.room('锦绣花园', '1栋1单元101');
    const bills = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${zs.id}`, { token: cashier.accessToken })).body;
    const wl = bills.open.find((l) => l.name === '水费')!;
    expect(wl.basis).toBe(
      `上期 ${(a.previous!.readingE2 / 100).toFixed(2)} → 本期 ${((a.previous!.readingE2 + 2_250) / 100).toFixed(2)}，用量 22.50 m³：20.00 m³ × 3.45 元 + 2.50 m³ × 4.83 元`,
    );
    // billed: no more corrections
    const late = await enter(tech, { roomId: a.roomId, readingE2: a.previous!.readingE2 + 1, version: 3 });
    expect(late.status).toBe(409);
    expect((late.body as Err).message).toBe('本期读数已出账，不能再修改');
    // an earlier month cannot be entered under a later one
    const early = await enter(tech, { roomId: a.roomId, readingE2: 1, period: '2026-08' });
    expect(early.status).toBe(400);
    expect((early.body as Err).message).toContain('已有 2026-09 的读数');
  });
});
