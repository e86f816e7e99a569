import { idCheckChar, LoginResponse } from '@linli/shared';
import { parkitemsApi, statements } from './helpers/passes-parkitems';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string };
const T0 = '2026-12-07T01:00:00.000Z'; // Monday 09:00 Shanghai
const today = '2026-12-07';
const AT_ONCE = 10;
const idNo = (seq: number) => {
  const body = `1101011985061${String(seq).padStart(4, '0')}`;
  return body + idCheckChar(body);
};
/** the statuses sorted, and every refusal's status and message (never a 5xx) */
const outcome = (rs: Res<Err>[]) => ({
  statuses: rs.map((r) => r.status).sort(),
  refusals: [...new Set(rs.filter((r) => r.status >= 300).map((r) => `${r.status} ${r.body.code} ${r.body.message}`))],
});
const key = (what: string, i: number) => ({ 'Idempotency-Key': `race-${what}-${i}-${Date.now()}` });

/**
 * The passes' check-then-insert rules with every request at once (each alone would pass): one parking pass per plate
 * and community, a tenant's visitor-pass limit per room, no overlapping decoration permits per room. Exactly the allowed
 * number succeed, the rest get the rule's 409, and the database holds exactly the allowed rows.
 */
describe('passes: the own-pass, plate, tenant-limit and permit-overlap rules hold under concurrency', () => {
  let t: TestApp;
  let zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: number, room202: number, jxhy: number;

  beforeAll(async () => {
    t = await TestApp.start();
    const api = parkitemsApi(t);
    await api.setClock(T0);
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    const r202 = await t.room('锦绣花园', '2栋2单元202');
    room202 = r202.id;
    jxhy = r202.communityId;
    await api.parkingItems(await t.staff('admin'), jxhy, { '停车证 月卡': 15_000 });
  });
  afterAll(() => t?.close());

  it(`a resident's own pass: ${AT_ONCE} taps at once → one 201 and the same pass ${AT_ONCE - 1} times (200)`, async () => {
    const rs = await Promise.all(
      Array.from({ length: AT_ONCE }, () => t.post<{ id: number }>('/api/passes/resident', { roomId: room101 }, { token: zhangsan.accessToken })),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([...Array<number>(AT_ONCE - 1).fill(200), 201]);
    expect(new Set(rs.map((r) => r.body.id)).size).toBe(1);
    const own = await t.query("SELECT id FROM passes WHERE kind = 'resident' AND room_id = ? AND holder_user_id = ? AND status = 'active'", [
      room101,
      zhangsan.me.id,
    ]);
    expect(own).toHaveLength(1);
  });

  it(`one parking pass per plate: ${AT_ONCE} applications at once from two rooms → one 201, the rest 409, one pass and one bill line`, async () => {
    const api = parkitemsApi(t);
    const who = Array.from({ length: AT_ONCE }, (_, i) => (i % 2 ? { r: lisi, room: room202 } : { r: zhangsan, room: room101 }));
    const uploads = await Promise.all(who.map(async (w) => (await api.upload(w.r.accessToken)).body.id as number));
    const body = (i: number) => ({
      roomId: who[i].room,
      plate: '粤B7R001',
      vehicle: 'car',
      term: 'monthly',
      startsOn: today,
      insuranceUploadId: uploads[i],
      insuranceUntil: '2027-06-30',
    });
    const rs = await Promise.all(who.map((w, i) => t.post<Err>('/api/passes/parking', body(i), { token: w.r.accessToken, headers: key('park', i) })));
    expect(outcome(rs)).toEqual({
      statuses: [201, ...Array<number>(AT_ONCE - 1).fill(409)],
      refusals: ['409 CONFLICT 车牌 粤B·7R001 在本小区已有待办或有效的停车证'],
    });
    const passes = await t.query("SELECT id, bill_line_id FROM passes WHERE kind = 'parking' AND plate = ?", ['粤B7R001']);
    expect(passes).toHaveLength(1);
    const lines = await t.query("SELECT id FROM bill_lines WHERE name LIKE '%粤B·7R001'");
    expect(lines.map((l) => Number(l.id))).toEqual([Number(passes[0].bill_line_id)]);
    const attached = await t.query("SELECT subject_id FROM uploads WHERE subject_type = 'pass' AND purpose = 'insurance'");
    expect(attached.map((u) => Number(u.subject_id))).toEqual([Number(passes[0].id)]);
  });

  it(`…and its renewal: ${AT_ONCE} renewals of the issued pass at once → one 201, the rest 409`, async () => {
    const [p] = await t.query("SELECT id, room_id, holder_user_id, bill_line_id FROM passes WHERE kind = 'parking' AND plate = ?", ['粤B7R001']);
    const paid = await parkitemsApi(t).pay(await t.staff('cashier1'), Number(p.room_id), [Number(p.bill_line_id)], 15_000);
    expect(paid.status).toBe(201);
    const holder = Number(p.holder_user_id) === zhangsan.me.id ? zhangsan : lisi;
    const rs = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        t.post<Err>(`/api/passes/parking/${p.id}/renew`, undefined, { token: holder.accessToken, headers: key('renew', i) }),
      ),
    );
    expect(outcome(rs)).toEqual({ statuses: [201, ...Array<number>(AT_ONCE - 1).fill(409)], refusals: ['409 CONFLICT 该停车证已续期，请在列表中缴费'] });
    const all = await t.query("SELECT status FROM passes WHERE kind = 'parking' AND plate = ? ORDER BY id", ['粤B7R001']);
    expect(all.map((x) => x.status)).toEqual(['active', 'pending_payment']);
  });

  const visit = (i: number) => ({ roomId: room202, visitorName: `访客${i}`, startsOn: today, days: 1, entries: 1 });
  const tenantsLive = async () =>
    Number((await t.query("SELECT COUNT(*) AS n FROM passes WHERE room_id = ? AND kind = 'visitor' AND status = 'active'", [room202]))[0].n);

  it(`a tenant's visitor passes: ${AT_ONCE} at once with the default limit of 5 (no policy row) → five 201, the rest 409`, async () => {
    const rs = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) => t.post<Err>('/api/passes/visitor', visit(i), { token: lisi.accessToken, headers: key('visit', i) })),
    );
    expect(outcome(rs)).toEqual({
      statuses: [...Array<number>(5).fill(201), ...Array<number>(AT_ONCE - 5).fill(409)],
      refusals: ['409 CONFLICT 租户每套房同时有效的访客通行证最多 5 张，请先作废不用的通行证'],
    });
    expect(await tenantsLive()).toBe(5);
  });

  it(`…and with one place freed (a revoke), ${AT_ONCE} at once → exactly one more`, async () => {
    const [p] = await t.query("SELECT id, version FROM passes WHERE room_id = ? AND kind = 'visitor' AND status = 'active' ORDER BY id LIMIT 1", [room202]);
    expect((await t.post(`/api/passes/${p.id}/revoke`, { version: Number(p.version) }, { token: lisi.accessToken })).status).toBe(200);
    const rs = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) => t.post<Err>('/api/passes/visitor', visit(i), { token: lisi.accessToken, headers: key('visit2', i) })),
    );
    expect(outcome(rs).statuses).toEqual([201, ...Array<number>(AT_ONCE - 1).fill(409)]);
    expect(await tenantsLive()).toBe(5);
  });

  const permit = (i: number, startsOn: string, endsOn: string) => ({
    roomId: room101,
    contractorName: '好家装饰',
    contractorPhone: '13900001111',
    startsOn,
    endsOn,
    workers: [{ name: `师傅${i}`, idNumber: idNo(i) }],
  });
  const applyPermits = (bodies: ReturnType<typeof permit>[], what: string) =>
    Promise.all(bodies.map((b, i) => t.post<Err>('/api/passes/permits', b, { token: zhangsan.accessToken, headers: key(what, i) })));

  it(`decoration permits of one room: ${AT_ONCE} overlapping applications at once → one 201, the rest 409`, async () => {
    // each overlaps every other: all contain 2026-12-14
    const rs = await applyPermits(
      Array.from({ length: AT_ONCE }, (_, i) => permit(i + 1, `2026-12-${String(7 + (i % 7)).padStart(2, '0')}`, `2026-12-${14 + i}`)),
      'permit',
    );
    const { statuses, refusals } = outcome(rs);
    expect(statuses).toEqual([201, ...Array<number>(AT_ONCE - 1).fill(409)]);
    expect(refusals.every((m) => m.startsWith('409 CONFLICT 该房屋') && m.includes('已有装修申请'))).toBe(true);
    expect(await t.query("SELECT id FROM decoration_permits WHERE room_id = ? AND status = 'submitted'", [room101])).toHaveLength(1);
    const [won] = await t.query("SELECT id FROM decoration_permits WHERE room_id = ? AND status = 'submitted'", [room101]);
    const clocks = await t.query("SELECT subject_id FROM clocks WHERE subject_type = 'decoration_permit'");
    expect(clocks.map((c) => Number(c.subject_id))).toEqual([Number(won.id)]);
    // a withdrawn application frees its period
    expect((await t.post(`/api/passes/permits/${won.id}/cancel`, { version: 1 }, { token: zhangsan.accessToken })).status).toBe(200);
    expect((await applyPermits([permit(50, '2026-12-10', '2026-12-12')], 'again'))[0].status).toBe(201);
  });

  it(`…while ${AT_ONCE} applications at once over 5 separate periods (two each) → one per period`, async () => {
    const periods = [
      ['2027-01-04', '2027-01-08'],
      ['2027-01-09', '2027-01-15'],
      ['2027-01-16', '2027-01-16'],
      ['2027-01-17', '2027-02-01'],
      ['2027-02-02', '2027-02-10'],
    ];
    const rs = await applyPermits(
      Array.from({ length: AT_ONCE }, (_, i) => permit(100 + i, periods[i % 5][0], periods[i % 5][1])),
      'periods',
    );
    expect(outcome(rs).statuses).toEqual([...Array<number>(5).fill(201), ...Array<number>(AT_ONCE - 5).fill(409)]);
    const rows = await t.query("SELECT starts_on FROM decoration_permits WHERE room_id = ? AND starts_on >= '2027-01-01' ORDER BY starts_on", [room101]);
    expect(rows.map((r) => r.starts_on)).toEqual(periods.map((p) => p[0]));
  });

  it('each write stays within its statement budget (≤ 8 without a key, ≤ 10 with one)', async () => {
    const api = parkitemsApi(t);
    const upload = (await api.upload(zhangsan.accessToken)).body.id as number;
    const park = {
      roomId: room101,
      plate: '粤B7R002',
      vehicle: 'car',
      term: 'monthly',
      startsOn: today,
      insuranceUploadId: upload,
      insuranceUntil: '2027-06-30',
    };
    const p = await t.post('/api/passes/parking', park, { token: zhangsan.accessToken });
    const v = await t.post('/api/passes/visitor', { ...visit(0), roomId: room101 }, { token: zhangsan.accessToken });
    const d = await t.post('/api/passes/permits', permit(300, '2027-03-01', '2027-03-05'), { token: zhangsan.accessToken });
    const dk = await t.post('/api/passes/permits', permit(301, '2027-03-06', '2027-03-07'), { token: zhangsan.accessToken, headers: key('budget', 0) });
    expect([p.status, v.status, d.status, dk.status]).toEqual([201, 201, 201, 201]);
    const n = { parking: statements(p), visitor: statements(v), permit: statements(d), permitWithKey: statements(dk) };
    process.stdout.write(`statements ${JSON.stringify(n)}\n`);
    expect(Math.max(n.parking, n.visitor, n.permit)).toBeLessThanOrEqual(8);
    expect(n.permitWithKey).toBeLessThanOrEqual(10);
  });
});
