import { LoginResponse, PassDetailView, PassLinkView, PassView } from '@linli/shared';
import { passesApi, serverToday, statements } from './helpers/passes';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string };

describe('passes: visitor passes and residents’ own passes', () => {
  let t: TestApp;
  let api: ReturnType<typeof passesApi>;
  let zhangsan: LoginResponse, lisi: LoginResponse, wangwu: LoginResponse, chenliu: LoginResponse;
  let manager1: LoginResponse, guard1: LoginResponse, supervisor1: LoginResponse, agent2: LoginResponse;
  let room101: number, room202: number, jxhy: number;
  let today: string;
  const visit = (roomId: number, extra: Record<string, unknown> = {}) => ({
    roomId,
    visitorName: '王小明',
    visitorPhone: '13900001111',
    startsOn: today,
    days: 2,
    entries: 3,
    ...extra,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    api = passesApi(t);
    [zhangsan, lisi, wangwu, chenliu] = await Promise.all(['zhangsan', 'lisi', 'wangwu', 'chenliu'].map((c) => t.resident(c)));
    [manager1, guard1, supervisor1, agent2] = await Promise.all(['manager1', 'guard1', 'supervisor1', 'agent2'].map((u) => t.staff(u)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    const r202 = await t.room('锦绣花园', '2栋2单元202');
    room202 = r202.id;
    jxhy = r202.communityId;
    today = (await serverToday(t)).today;
  });
  afterAll(() => t?.close());

  it('issues a visitor pass at once with a share link, its clock met; a retried key returns the same pass', async () => {
    const r = await api.visitor(zhangsan.accessToken, visit(room101, { plate: '粤b·12345' }), { 'idempotency-key': 'v-1' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'visitor',
      status: 'active',
      state: 'active',
      holderName: '王小明',
      plate: '粤B12345',
      entriesTotal: 3,
      entriesUsed: 0,
    });
    expect(r.body.shareLink).toMatch(/^\/pages-passes\/visit\/index\?token=[A-Za-z0-9_-]{32}$/);
    expect(statements(r)).toBeLessThanOrEqual(10);
    const again = await api.visitor(zhangsan.accessToken, visit(room101, { plate: '粤b·12345' }), { 'idempotency-key': 'v-1' });
    expect(again.body.id).toBe(r.body.id);
    const [clock] = await t.query("SELECT state, breached FROM clocks WHERE subject_type = 'pass' AND subject_id = ?", [r.body.id]);
    expect(clock).toMatchObject({ state: 'met' });
    const plain = await api.visitor(zhangsan.accessToken, visit(room101));
    expect(statements(plain)).toBeLessThanOrEqual(8);
  });

  it('keeps to the policy: window, entries, plate, phone, a past start — 400 with the reason', async () => {
    const bad = async (extra: Record<string, unknown>, text: string) => {
      const r = await api.visitor(zhangsan.accessToken, visit(room101, extra));
      expect(r.status).toBe(400);
      expect((r.body as unknown as Err).message).toContain(text);
    };
    await bad({ days: 8 }, '');
    await bad({ entries: 11 }, '最多 10 次');
    await bad({ plate: 'ABC123' }, '车牌');
    await bad({ visitorPhone: '12345' }, '手机号');
    await bad({ startsOn: '2020-01-01' }, '不能早于今天');
    const put = await t.put(
      `/api/passes/policy?communityId=${jxhy}`,
      {
        workHours: { days: [1, 2, 3, 4, 5], ranges: [{ from: '08:00', to: '18:00' }] },
        visitorMaxDays: 3,
        visitorMaxEntries: 5,
        tenantMaxVisitorPasses: 2,
        version: 0,
      },
      { token: manager1.accessToken },
    );
    expect(put.status).toBe(200);
    await bad({ days: 4 }, '最长 3 天');
  });

  it('only for the resident’s own approved rooms', async () => {
    expect((await api.visitor(zhangsan.accessToken, visit(room202))).status).toBe(403);
    expect((await api.visitor(wangwu.accessToken, visit(room101))).status).toBe(403);
    expect((await api.visitor(chenliu.accessToken, visit(room101))).status).toBe(403);
    expect((await t.post('/api/passes/visitor', visit(room101), { token: guard1.accessToken })).status).toBe(403);
    expect((await t.get(`/api/passes/mine?roomId=${room101}`, { token: lisi.accessToken })).status).toBe(403);
  });

  it('limits a tenant’s active visitor passes per room; revoking one frees a place', async () => {
    const a = await api.visitor(lisi.accessToken, visit(room202));
    const b = await api.visitor(lisi.accessToken, visit(room202));
    expect([a.status, b.status]).toEqual([201, 201]);
    const c = await api.visitor(lisi.accessToken, visit(room202));
    expect(c.status).toBe(409);
    expect((c.body as unknown as Err).message).toContain('最多 2 张');
    expect((await api.revoke(lisi.accessToken, a.body.id, a.body.version)).status).toBe(200);
    expect((await api.visitor(lisi.accessToken, visit(room202))).status).toBe(201);
  });

  it('lists mine per room; revocation is version-checked and only by the creator, the room’s owner or a supervisor', async () => {
    const mine = await t.get<PassView[]>(`/api/passes/mine?roomId=${room101}`, { token: zhangsan.accessToken });
    expect(mine.status).toBe(200);
    expect(statements(mine)).toBeLessThanOrEqual(3);
    expect(mine.body.length).toBeGreaterThanOrEqual(2);
    const p = mine.body[0];
    expect(p.canRevoke).toBe(true);
    expect((await api.revoke(lisi.accessToken, p.id, p.version)).status).toBe(404);
    expect((await api.revoke(guard1.accessToken, p.id, p.version)).status).toBe(403);
    expect((await api.revoke(zhangsan.accessToken, p.id, p.version + 1)).status).toBe(409);
    const ok = await api.revoke(zhangsan.accessToken, p.id, p.version, '行程取消');
    expect(ok.body).toMatchObject({ status: 'revoked', state: 'revoked', revokeReason: '行程取消', canRevoke: false });
    expect(statements(ok)).toBeLessThanOrEqual(8);
    expect((await api.revoke(zhangsan.accessToken, p.id, ok.body.version)).status).toBe(409);
    const other = mine.body[1];
    expect((await api.revoke(supervisor1.accessToken, other.id, other.version, '访客登记信息不实')).status).toBe(200);
    // the resident who asked for it is told of a revocation by staff, not of their own
    const told = await t.query("SELECT title, body, link FROM notifications WHERE template = 'pass_decided' AND recipient_id = ?", [zhangsan.me.id]);
    expect(told).toEqual([{ title: '通行证已作废', body: '访客通行证已被作废：访客登记信息不实', link: `/passes/${other.id}` }]);
  });

  it('the share link works without a login: the host masked, the code while usable; a bogus token is a 404', async () => {
    const p = (await api.visitor(zhangsan.accessToken, visit(room101))).body;
    const token = p.linkToken!;
    const r = await t.get<PassLinkView>(`/api/passes/link/${token}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'active', hostName: '张*', visitorName: '王小明', roomLabel: '1栋1单元101', communityName: '锦绣花园' });
    expect(r.body.code).toMatch(/^LP1\./);
    expect(JSON.stringify(r.body)).not.toMatch(/1[3-9]\d{9}/);
    expect(statements(r)).toBeLessThanOrEqual(2);
    for (const bogus of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x', '%27%20OR%201%3D1', 'a'.repeat(90)])
      expect((await t.get(`/api/passes/link/${bogus}`)).status).toBe(404);
    await api.revoke(zhangsan.accessToken, p.id, p.version);
    const gone = await t.get<PassLinkView>(`/api/passes/link/${token}`);
    expect(gone.body).toMatchObject({ state: 'revoked', stateLabel: '已作废', code: null });
  });

  it('the rotating code: the creator only, refreshed at the next 30-second step; none once revoked', async () => {
    const p = (await api.visitor(zhangsan.accessToken, visit(room101))).body;
    const c = await api.code(zhangsan.accessToken, p.id);
    expect(c.status).toBe(200);
    expect(new Date(c.body.refreshAt).getTime() % 30_000).toBe(0);
    expect((await api.code(lisi.accessToken, p.id)).status).toBe(404);
    expect((await t.get(`/api/passes/${p.id}/code`, { token: guard1.accessToken })).status).toBe(403);
    await api.revoke(zhangsan.accessToken, p.id, p.version);
    expect((await api.code(zhangsan.accessToken, p.id)).status).toBe(409);
  });

  it('a resident’s own pass: one per room, for a year, shown as a rotating code', async () => {
    const a = await api.own(zhangsan.accessToken, room101);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ kind: 'resident', holderName: '张三', entriesTotal: null, shareLink: null });
    const days = (Date.parse(a.body.validUntil) - Date.parse(a.body.validFrom)) / 86_400_000;
    expect(days).toBe(365);
    const b = await api.own(zhangsan.accessToken, room101);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect((await api.own(zhangsan.accessToken, room202)).status).toBe(403);
    expect((await api.code(zhangsan.accessToken, a.body.id)).status).toBe(200);
  });

  it('staff see a pass with the phone masked, within their communities only', async () => {
    const p = (await api.visitor(zhangsan.accessToken, visit(room101))).body;
    const d = await t.get<PassDetailView>(`/api/passes/${p.id}`, { token: guard1.accessToken });
    expect(d.status).toBe(200);
    expect(d.body.holderPhone).toBe('139****1111');
    expect(d.body).toMatchObject({ canRevoke: false, canShowCode: false, shareLink: null, linkToken: null, scans: [] });
    expect(statements(d)).toBeLessThanOrEqual(4);
    expect((await t.get<PassDetailView>(`/api/passes/${p.id}`, { token: supervisor1.accessToken })).body.canRevoke).toBe(true);
    expect((await t.get(`/api/passes/${p.id}`, { token: agent2.accessToken })).status).toBe(404);
    expect((await t.get(`/api/passes/${p.id}`, { token: lisi.accessToken })).status).toBe(404);
    const mineView = await t.get<PassDetailView>(`/api/passes/${p.id}`, { token: zhangsan.accessToken });
    expect(mineView.body.holderPhone).toBe('13900001111');
    expect((await t.get('/api/passes/abc', { token: guard1.accessToken })).status).toBe(400);
    expect((await t.get('/api/passes/999999', { token: guard1.accessToken })).status).toBe(404);
  });
});
