import { FeeItemView, LoginResponse, PriceTableView } from '@linli/shared';
import { otherCompany } from './helpers/repairs';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: { field: string; message: string }[] };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));

const propertyFee = (communityId: number, extra: Record<string, unknown> = {}) => ({
  communityId,
  name: '电梯运行费',
  kind: 'area',
  payer: 'owner',
  periodUnit: 'month',
  priceE4: 3500,
  dueDay: 15,
  lateFeeRatePpm: 500,
  lateFeeGraceDays: 15,
  lateFeeCapPercent: 100,
  serviceContent: '电梯日常运行、维护保养及年检',
  startsOn: '2026-12-01',
  ...extra,
});

describe('fees: fee items and the published price table (收费价目表)', () => {
  let t: TestApp;
  let admin: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, manager1: LoginResponse, tech1: LoginResponse;
  let zhangsan: LoginResponse, chenliu: LoginResponse;
  let jxhy: number, chy: number;

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, agent1, agent2, manager1, tech1] = await Promise.all(['admin', 'agent1', 'agent2', 'manager1', 'technician1'].map((u) => t.staff(u)));
    [zhangsan, chenliu] = await Promise.all([t.resident('zhangsan'), t.resident('chenliu')]);
    const ids = await t.query('SELECT id, code FROM communities ORDER BY id');
    jxhy = Number(ids.find((c) => c.code === 'JXHY').id);
    chy = Number(ids.find((c) => c.code === 'CHY').id);
  });
  afterAll(() => t?.close());

  const list = (token: string, communityId: number) => t.get<FeeItemView[] | Err>(`/api/fees/items?communityId=${communityId}`, { token });
  const table = (token: string, communityId: number) => t.get<PriceTableView | Err>(`/api/fees/price-table?communityId=${communityId}`, { token });
  const create = (body: Record<string, unknown>, token = admin.accessToken, headers?: Record<string, string>) =>
    t.post<FeeItemView | Err>('/api/fees/items', body, { token, headers });

  it('staff of the community list its items (≤ 3 statements); residents, technicians and other communities do not', async () => {
    const r = await list(agent1.accessToken, jxhy);
    expect(r.status).toBe(200);
    const items = r.body as FeeItemView[];
    expect(items.map((i) => i.name)).toEqual(['物业服务费', '水费', '地下车位租金']);
    expect(items[0]).toEqual(
      expect.objectContaining({ kind: 'area', priceE4: 18_000, standardText: '1.80 元/㎡·月', methodText: '按建筑面积按月计收', version: 1 }),
    );
    expect(items[1].standardText).toBe('0–20 m³：3.45 元/m³；20–30 m³：4.83 元/m³；30 m³ 以上：5.83 元/m³');
    expect(items[2].standardText).toBe('¥900.00/季度');
    expect(statements(r)).toBeLessThanOrEqual(3);
    expect((await list(zhangsan.accessToken, jxhy)).status).toBe(403);
    expect((await list(tech1.accessToken, jxhy)).status).toBe(403);
    expect((await list(agent2.accessToken, jxhy)).status).toBe(404);
    expect((await t.get('/api/fees/items?communityId=abc', { token: agent1.accessToken })).status).toBe(400);
  });

  it('an admin creates an item (≤ 8 statements); a retry with the same Idempotency-Key creates nothing more', async () => {
    const headers = { 'idempotency-key': 'fee-item-elevator-1' };
    const r = await create(propertyFee(jxhy), admin.accessToken, headers);
    expect(r.status).toBe(201);
    expect(statements(r)).toBeLessThanOrEqual(8);
    const item = r.body as FeeItemView;
    expect(item).toEqual(expect.objectContaining({ name: '电梯运行费', standardText: '0.35 元/㎡·月', active: true, version: 1 }));
    expect(item.lateFeeText).toBe('逾期 15 天后每日按欠费的万分之5加收，最高不超过本金的 100%');
    const again = await create(propertyFee(jxhy), admin.accessToken, headers);
    expect(again.status).toBe(201);
    expect((again.body as FeeItemView).id).toBe(item.id);
    expect((await t.query("SELECT COUNT(*) AS n FROM fee_items WHERE name = '电梯运行费'"))[0].n).toBe(1);
  });

  it('refuses what contradicts the kind, a duplicate name, non-admins and other companies', async () => {
    const bad = await create(propertyFee(jxhy, { name: '装修垃圾清运费', priceE4: undefined, amountCents: 5000 }));
    expect(bad.status).toBe(400);
    expect((bad.body as Err).code).toBe('VALIDATION_FAILED');
    expect((bad.body as Err).details!.map((d) => d.field)).toEqual(['priceE4', 'amountCents']);
    expect((bad.body as Err).message).toBe('请填写每平方米每月的单价');
    const tiers = await create(
      propertyFee(jxhy, { name: '电费', kind: 'metered', priceE4: undefined, meterUnit: 'kWh', tiers: [{ uptoE2: 100, priceE4: 5653 }] }),
    );
    expect((tiers.body as Err).message).toBe('最后一档应不设上限');
    const dup = await create(propertyFee(jxhy, { name: '物业服务费' }));
    expect(dup.status).toBe(409);
    expect((dup.body as Err).code).toBe('DUPLICATE_NAME');
    expect((await create(propertyFee(jxhy, { name: '其他' }), manager1.accessToken)).status).toBe(403);
    expect((await create(propertyFee(jxhy, { name: '其他' }), zhangsan.accessToken)).status).toBe(403);
    const far = await otherCompany(t);
    expect((await create(propertyFee(jxhy, { name: '其他' }), far.admin.accessToken)).status).toBe(404);
    expect((await list(far.admin.accessToken, jxhy)).status).toBe(404);
    expect((await table(far.resident.accessToken, jxhy)).status).toBe(404);
    // a one-off item has no period; a metered one its unit and an open last tier
    const oneOff = await create(propertyFee(jxhy, { name: '门禁卡工本费', kind: 'one_off', periodUnit: undefined, priceE4: undefined, amountCents: 2000 }));
    expect(oneOff.status).toBe(201);
    expect((oneOff.body as FeeItemView).standardText).toBe('¥20.00（一次性）');
  });

  it('edits carry the version (409 when stale); a deactivated item leaves the price table', async () => {
    const [item] = ((await list(admin.accessToken, jxhy)).body as FeeItemView[]).filter((i) => i.name === '电梯运行费');
    const r = await t.patch<FeeItemView>(
      `/api/fees/items/${item.id}`,
      { version: item.version, priceE4: 4000, lateFeeCapPercent: null },
      { token: admin.accessToken },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expect.objectContaining({ priceE4: 4000, lateFeeCapPercent: null, version: 2, standardText: '0.40 元/㎡·月' }));
    expect(r.body.lateFeeText).toBe('逾期 15 天后每日按欠费的万分之5加收');
    const stale = await t.patch<Err>(`/api/fees/items/${item.id}`, { version: 1, priceE4: 1 }, { token: admin.accessToken });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const wrong = await t.patch<Err>(`/api/fees/items/${item.id}`, { version: 2, priceE4: 0 }, { token: admin.accessToken });
    expect(wrong.status).toBe(400);
    expect((await t.patch(`/api/fees/items/${item.id}`, { version: 2, active: false }, { token: manager1.accessToken })).status).toBe(403);
    const off = await t.patch<FeeItemView>(`/api/fees/items/${item.id}`, { version: 2, active: false }, { token: admin.accessToken });
    expect(off.body.active).toBe(false);
    const names = ((await table(zhangsan.accessToken, jxhy)).body as PriceTableView).rows.map((x) => x.name);
    expect(names).not.toContain('电梯运行费');
  });

  it('residents read the price table of the community where they hold a room (≤ 3 statements), with the 12358 hotline', async () => {
    const r = await table(zhangsan.accessToken, jxhy);
    expect(r.status).toBe(200);
    expect(statements(r)).toBeLessThanOrEqual(3);
    const v = r.body as PriceTableView;
    expect(v).toEqual(expect.objectContaining({ communityId: jxhy, communityName: '锦绣花园', hotline: '12358' }));
    expect(v.rows[0]).toEqual({
      id: expect.any(Number),
      name: '物业服务费',
      payer: '业主',
      serviceContent: '公共区域清洁、秩序维护、绿化养护、共用设施设备日常运行维护（一级服务标准）',
      standard: '1.80 元/㎡·月',
      method: '按建筑面积按月计收',
      lateFee: '逾期 15 天后每日按欠费的万分之5加收，最高不超过本金的 100%',
      startsOn: '2026-01-01',
      legalBasis: '物业服务合同第五条',
    });
    expect(v.rows.find((x) => x.name === '水费')!.payer).toBe('实际使用人');
    // 翠湖苑's owner does not read 锦绣花园's table; staff read their own communities'
    expect((await table(chenliu.accessToken, jxhy)).status).toBe(404);
    expect((await table(chenliu.accessToken, chy)).status).toBe(200);
    expect((await table(agent2.accessToken, jxhy)).status).toBe(404);
    expect((await table(agent1.accessToken, jxhy)).status).toBe(200);
  });
});
