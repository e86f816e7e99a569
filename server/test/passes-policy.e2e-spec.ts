import { LoginResponse, PassPolicyView } from '@linli/shared';
import { otherCompany } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string };

describe('passes: a community’s pass rules (通行规则)', () => {
  let t: TestApp;
  let manager1: LoginResponse, guard1: LoginResponse, agent2: LoginResponse, cashier1: LoginResponse, zhangsan: LoginResponse;
  let jxhy: number, chy: number;
  const hours = {
    days: [1, 2, 3, 4, 5, 6],
    ranges: [
      { from: '08:30', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
  };
  const body = (version: number, extra: Record<string, unknown> = {}) => ({
    workHours: hours,
    visitorMaxDays: 3,
    visitorMaxEntries: 4,
    tenantMaxVisitorPasses: 2,
    version,
    ...extra,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    [manager1, guard1, agent2, cashier1] = await Promise.all(['manager1', 'guard1', 'agent2', 'cashier1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    const ids = await t.query('SELECT id, code FROM communities ORDER BY id');
    jxhy = Number(ids.find((c) => c.code === 'JXHY').id);
    chy = Number(ids.find((c) => c.code === 'CHY').id);
  });
  afterAll(() => t?.close());

  it('reads the defaults until a manager sets the community’s own, version-checked', async () => {
    const d = await t.get<PassPolicyView>(`/api/passes/policy?communityId=${jxhy}`, { token: guard1.accessToken });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ isDefault: true, version: 0, visitorMaxDays: 7, workHours: { days: [1, 2, 3, 4, 5] } });

    const put = await t.put<PassPolicyView>(`/api/passes/policy?communityId=${jxhy}`, body(0), { token: manager1.accessToken });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ isDefault: false, version: 1, visitorMaxDays: 3, workHours: hours });
    const stale = await t.put<Err>(`/api/passes/policy?communityId=${jxhy}`, body(0), { token: manager1.accessToken });
    expect(stale.status).toBe(409);
    const again = await t.put<PassPolicyView>(`/api/passes/policy?communityId=${jxhy}`, body(1, { visitorMaxEntries: 1 }), { token: manager1.accessToken });
    expect(again.body).toMatchObject({ version: 2, visitorMaxEntries: 1 });
    const read = await t.get<PassPolicyView>(`/api/passes/policy?communityId=${jxhy}`, { token: guard1.accessToken });
    expect(read.body).toMatchObject({ version: 2, visitorMaxEntries: 1, workHours: hours });
  });

  it('refuses overlapping or inverted hours with a readable message, never a 500', async () => {
    const overlap = {
      days: [1],
      ranges: [
        { from: '08:00', to: '12:00' },
        { from: '11:00', to: '13:00' },
      ],
    };
    const r = await t.put<Err>(`/api/passes/policy?communityId=${jxhy}`, body(2, { workHours: overlap }), { token: manager1.accessToken });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('不能重叠');
    const bad = await t.put<Err>(`/api/passes/policy?communityId=${jxhy}`, body(2, { workHours: { days: [8], ranges: [] } }), { token: manager1.accessToken });
    expect(bad.status).toBe(400);
  });

  it('is closed to other communities, residents and roles that do not change it', async () => {
    expect((await t.get(`/api/passes/policy?communityId=${jxhy}`, { token: agent2.accessToken })).status).toBe(404);
    expect((await t.get(`/api/passes/policy?communityId=${jxhy}`, { token: zhangsan.accessToken })).status).toBe(403);
    expect((await t.put(`/api/passes/policy?communityId=${jxhy}`, body(2), { token: guard1.accessToken })).status).toBe(403);
    expect((await t.put(`/api/passes/policy?communityId=${jxhy}`, body(2), { token: cashier1.accessToken })).status).toBe(403);
    expect((await t.get(`/api/passes/policy?communityId=${chy}`, { token: agent2.accessToken })).status).toBe(200);
    const far = await otherCompany(t);
    expect((await t.get(`/api/passes/policy?communityId=${far.communityId}`, { token: manager1.accessToken })).status).toBe(404);
    expect((await t.put(`/api/passes/policy?communityId=${jxhy}`, body(2), { token: far.admin.accessToken })).status).toBe(404);
  });
});
