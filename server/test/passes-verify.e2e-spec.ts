import { LoginResponse, Page, PassScanView, PassView } from '@linli/shared';
import { passesApi, serverToday, signWithTestKey, statements } from './helpers/passes';
import { otherCompany } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string };

describe('passes: the guard’s verification (通行证核验)', () => {
  let t: TestApp;
  let api: ReturnType<typeof passesApi>;
  let zhangsan: LoginResponse, chenliu: LoginResponse;
  let guard1: LoginResponse, supervisor1: LoginResponse, manager1: LoginResponse, agent1: LoginResponse;
  let room101: number, chy101: number, jxhy: number;
  let today: string;

  const visitor = async (token: string, roomId: number, extra: Record<string, unknown> = {}): Promise<PassView> => {
    const r = await api.visitor(token, { roomId, visitorName: '王小明', visitorPhone: '13900001111', startsOn: today, days: 1, entries: 1, ...extra });
    expect(r.status).toBe(201);
    return r.body;
  };
  const codeOf = async (token: string, id: number) => (await api.code(token, id)).body.code;
  /** a fresh minute for guard1's rate window (and a fresh code step) */
  const nextMinute = () => api.advance(61_000);

  beforeAll(async () => {
    t = await TestApp.start();
    api = passesApi(t);
    [zhangsan, chenliu] = await Promise.all(['zhangsan', 'chenliu'].map((c) => t.resident(c)));
    [guard1, supervisor1, manager1, agent1] = await Promise.all(['guard1', 'supervisor1', 'manager1', 'agent1'].map((u) => t.staff(u)));
    const r = await t.room('锦绣花园', '1栋1单元101');
    room101 = r.id;
    jxhy = r.communityId;
    chy101 = (await t.room('翠湖苑', '1栋1单元101')).id;
    // noon on a weekday in Shanghai, far from midnight
    await t.post('/api/test/clock', { set: '2026-12-03T04:00:00.000Z' });
    today = (await serverToday(t)).today;
  });
  afterAll(() => t?.close());

  it('a fresh code of a live pass is green in ≤ 4 statements; an entry consumes one, an exit none', async () => {
    const p = await visitor(zhangsan.accessToken, room101, { entries: 2, plate: '粤B12345' });
    const out = await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, p.id), 'out');
    expect(out.body).toMatchObject({ result: 'green', direction: 'out', pass: { entriesLeft: 2 } });
    const r = await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, p.id));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      result: 'green',
      reason: null,
      pass: {
        id: p.id,
        kind: 'visitor',
        kindLabel: '访客通行证',
        holderName: '王小明',
        holderPhoneMasked: '139****1111',
        roomLabel: '1栋1单元101',
        plate: '粤B12345',
        entriesTotal: 2,
        entriesLeft: 1,
      },
    });
    expect(statements(r)).toBeLessThanOrEqual(4);
    const [row] = await t.query('SELECT entries_used FROM passes WHERE id = ?', [p.id]);
    expect(Number(row.entries_used)).toBe(1);
    const last = await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, p.id));
    expect(last.body.pass!.entriesLeft).toBe(0);
    const usedUp = await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, p.id));
    expect(usedUp.body).toMatchObject({ result: 'red', reason: 'used_up', reasonText: '通行次数已用完' });
    // a way out even so
    expect((await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, p.id), 'out')).body.result).toBe('green');
  });

  it('red with its reason: unreadable, forged, stale, unknown, another community, another company', async () => {
    await nextMinute();
    const p = await visitor(zhangsan.accessToken, room101, { entries: 5 });
    const code = await codeOf(zhangsan.accessToken, p.id);
    const red = async (c: string, reason: string, token = guard1.accessToken) => {
      const r = await api.verify(token, c);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ result: 'red', reason });
      return r.body;
    };
    await red('hello', 'unreadable');
    await red(code.slice(0, -3) + (code.endsWith('AAA') ? 'BBB' : 'AAA'), 'forged');
    expect((await red(signWithTestKey(987654, new Date(Date.parse('2026-12-03T04:01:01Z'))), 'unknown_pass')).pass).toBeNull();
    const other = await visitor(chenliu.accessToken, chy101);
    expect((await red(await codeOf(chenliu.accessToken, other.id), 'other_community')).pass).toBeNull();
    // another company's manager: the pass is not theirs to see, nothing about it is shown
    const far = await otherCompany(t);
    await t.query("UPDATE users SET roles = 'manager' WHERE username = 'far.admin'");
    await t.query('INSERT INTO staff_communities (user_id, community_id) SELECT id, ? FROM users WHERE username = ?', [far.communityId, 'far.admin']);
    const farManager = await t.staff('far.admin', 'other-pass-1');
    expect((await red(code, 'other_community', farManager.accessToken)).pass).toBeNull();
    // a screenshot: its own step and the next are fine, older is refused
    await api.advance(30_000);
    expect((await api.verify(guard1.accessToken, code)).body.result).toBe('green');
    await api.advance(30_000);
    await red(code, 'stale_code');
    // logged with the pass it names (not loaded): the detail lists it, the log shows no name for it
    const [stale] = await t.query("SELECT pass_id, community_id FROM pass_scans WHERE reason = 'stale_code' ORDER BY id DESC LIMIT 1");
    expect([Number(stale.pass_id), stale.community_id]).toEqual([p.id, null]);
    expect((await api.verify(agent1.accessToken, code)).status).toBe(403);
    const bad = await t.post<Err>('/api/passes/verify', { code, direction: 'sideways' }, { token: guard1.accessToken });
    expect(bad.status).toBe(400);
  });

  it('revocation, the window and a resident whose binding ended take effect at the next scan', async () => {
    await nextMinute();
    const p = await visitor(zhangsan.accessToken, room101, { entries: 5 });
    expect((await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, p.id))).body.result).toBe('green');
    const code = await codeOf(zhangsan.accessToken, p.id);
    await api.revoke(zhangsan.accessToken, p.id, p.version);
    const r = await api.verify(guard1.accessToken, code);
    expect(r.body).toMatchObject({ result: 'red', reason: 'revoked', reasonText: '通行证已作废', pass: { id: p.id } });

    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const later = await visitor(zhangsan.accessToken, room101, { startsOn: tomorrow });
    expect((await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, later.id))).body.reason).toBe('not_yet_valid');
    const own = (await api.own(zhangsan.accessToken, room101)).body;
    expect((await api.verify(guard1.accessToken, await codeOf(zhangsan.accessToken, own.id))).body).toMatchObject({
      result: 'green',
      pass: { kind: 'resident', entriesLeft: null },
    });
    const ownCode = await codeOf(zhangsan.accessToken, own.id);
    await t.query("UPDATE room_bindings SET status = 'removed' WHERE room_id = ? AND relation = 'owner'", [room101]);
    const unbound = await api.verify(guard1.accessToken, ownCode);
    expect(unbound.body).toMatchObject({ result: 'red', reason: 'revoked', detail: '持证住户已不再绑定该房屋' });
    await t.query("UPDATE room_bindings SET status = 'approved' WHERE room_id = ? AND relation = 'owner'", [room101]);

    const soon = await visitor(zhangsan.accessToken, room101);
    await api.advance(2 * 86_400_000);
    const link = await t.get(`/api/passes/link/${soon.linkToken}`);
    expect(link.body).toMatchObject({ state: 'expired', code: null });
    // a code signed now for a pass whose window has passed
    expect((await api.verify(guard1.accessToken, signWithTestKey(soon.id, new Date((await serverToday(t)).now)))).body.reason).toBe('expired');
    today = (await serverToday(t)).today;
  });

  it('20 concurrent entries on a single-entry pass: exactly one green', async () => {
    await nextMinute();
    const p = await visitor(zhangsan.accessToken, room101, { entries: 1 });
    const code = await codeOf(zhangsan.accessToken, p.id);
    const all = await Promise.all(Array.from({ length: 20 }, () => api.verify(guard1.accessToken, code)));
    expect(all.map((r) => r.status).every((s) => s === 200)).toBe(true);
    expect(all.filter((r) => r.body.result === 'green')).toHaveLength(1);
    expect(all.filter((r) => r.body.reason === 'used_up')).toHaveLength(19);
    const [row] = await t.query('SELECT entries_used FROM passes WHERE id = ?', [p.id]);
    expect(Number(row.entries_used)).toBe(1);
    const [n] = await t.query('SELECT COUNT(*) AS n FROM pass_scans WHERE pass_id = ?', [p.id]);
    expect(Number(n.n)).toBe(20);
  });

  it('rate-limits each guard (60 a minute) with a 429 in the error shape', async () => {
    await nextMinute();
    const codes = Array.from({ length: 60 }, () => api.verify(supervisor1.accessToken, 'x'));
    expect((await Promise.all(codes)).every((r) => r.status === 200)).toBe(true);
    const over = await api.verify(supervisor1.accessToken, 'x');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.verify(guard1.accessToken, 'x')).status).toBe(200);
    await nextMinute();
    expect((await api.verify(supervisor1.accessToken, 'x')).status).toBe(200);
  });

  it('logs every verification per gate and guard, in keyset pages; manual entries sync once, flagged', async () => {
    const all = await t.get<Page<PassScanView>>(`/api/passes/scans?communityId=${jxhy}&guardId=${guard1.me.id}&limit=5`, { token: supervisor1.accessToken });
    expect(all.status).toBe(200);
    expect(statements(all)).toBeLessThanOrEqual(3);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.nextCursor).toBeTruthy();
    const next = await t.get<Page<PassScanView>>(`/api/passes/scans?communityId=${jxhy}&guardId=${guard1.me.id}&limit=5&cursor=${all.body.nextCursor}`, {
      token: guard1.accessToken,
    });
    expect(next.body.items[0].id).toBeLessThan(all.body.items[4].id);
    const red = await t.get<Page<PassScanView>>(`/api/passes/scans?communityId=${jxhy}&limit=100`, { token: guard1.accessToken });
    expect(red.body.items.some((s) => s.reason === 'unreadable' && s.reasonText === '无法识别的二维码')).toBe(true);
    expect(red.body.items.every((s) => s.guardName)).toBe(true);
    const gate = await t.get<Page<PassScanView>>(`/api/passes/scans?communityId=${jxhy}&gate=${encodeURIComponent('东门')}`, { token: guard1.accessToken });
    expect(gate.body.items.length).toBeGreaterThan(0);
    expect(gate.body.items.every((s) => s.gate === '东门')).toBe(true);

    const entry = {
      communityId: jxhy,
      gate: '北门',
      direction: 'in',
      name: '快递员',
      room: '3栋101',
      note: '断网登记',
      clientRef: 'g1-abc-0001',
      clientAt: new Date().toISOString(),
    };
    const m = await t.post<PassScanView>('/api/passes/scans/manual', entry, { token: guard1.accessToken });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({ manual: true, holderName: '快递员', roomLabel: '3栋101', manualNote: '断网登记', gate: '北门' });
    const again = await t.post<PassScanView>('/api/passes/scans/manual', entry, { token: guard1.accessToken });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(m.body.id);
    const manual = await t.get<Page<PassScanView>>(`/api/passes/scans?communityId=${jxhy}&manual=1`, { token: supervisor1.accessToken });
    expect(manual.body.items.map((s) => s.id)).toEqual([m.body.id]);
    expect((await t.post('/api/passes/scans/manual', { ...entry, communityId: 999999 }, { token: guard1.accessToken })).status).toBe(404);
    expect((await t.get(`/api/passes/scans?communityId=${jxhy}`, { token: chenliu.accessToken })).status).toBe(403);
    expect((await t.get(`/api/passes/scans?communityId=${jxhy}&cursor=zzz`, { token: guard1.accessToken })).status).toBe(400);
    expect((await t.get<PassScanView[]>(`/api/passes/scans?communityId=${jxhy}`, { token: manager1.accessToken })).status).toBe(200);
  });
});
