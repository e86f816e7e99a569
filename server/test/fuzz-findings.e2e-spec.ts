import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';

/** What the fuzz suite found, one test each (every one was a 5xx or a body without {code, message}). */
describe('fuzz findings: bad input is a 4xx in the API shape', () => {
  let t: TestApp;
  let zhangsan: LoginResponse, agent1: LoginResponse, admin: LoginResponse;
  let room: { id: number; communityId: number };

  beforeAll(async () => {
    t = await TestApp.start();
    [zhangsan, agent1, admin] = await Promise.all([t.resident('zhangsan'), t.staff('agent1'), t.staff('admin')]);
    room = await t.room('锦绣花园', '1栋1单元101');
  });
  afterAll(() => t.close());

  const apiError = (r: { status: number; body: any }, status: number) => {
    expect(r.status).toBe(status);
    expect(r.body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fa5]/) }));
  };
  const tickets = async () => Number((await t.query('SELECT COUNT(*) AS n FROM tickets'))[0].n);

  it('a request line over 16 KiB → 431 with {code, message}, not fastify’s own body', async () => {
    apiError(await t.get(`/api/staff/rooms?q=${'x'.repeat(100_000)}`, { token: agent1.accessToken }), 431);
    apiError(await t.get(`/api/repairs/${'9'.repeat(40_000)}`, { token: agent1.accessToken }), 431);
  });

  it('null in an optional body field counts as absent (was findOneBy({id: null}) → 500)', async () => {
    const before = await tickets();
    // a repair with communityId: null and no room is a repair without a place: 400, nothing stored
    apiError(await t.post('/api/repairs', { category: 'water', description: '空值测试', communityId: null }, { token: zhangsan.accessToken }), 400);
    // roomId: null next to a community: the room is simply not given
    const ok = await t.post(
      '/api/staff/repairs',
      {
        channel: 'hotline',
        category: 'electric',
        description: '空值测试：公共区域灯不亮',
        communityId: room.communityId,
        roomId: null,
        publicLocation: '3栋大堂',
        contactName: '张三',
        contactPhone: '13800000001',
      },
      { token: agent1.accessToken },
    );
    expect(ok.status).toBe(201);
    expect(ok.body.roomId ?? null).toBeNull();
    expect(await tickets()).toBe(before + 1);
  });

  it('null in a required body field → 400 naming it', async () => {
    const r = await t.post('/api/repairs', { category: null, description: '空值测试', roomId: room.id }, { token: zhangsan.accessToken });
    apiError(r, 400);
    expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'category' })]));
  });

  it('PATCH with null fields leaves them unchanged (was NOT NULL constraint → 500)', async () => {
    const item = (await t.post('/api/price-items', { name: '换水龙头', unit: '个', priceCents: 3000 }, { token: admin.accessToken })).body;
    const r = await t.patch(`/api/price-items/${item.id}`, { name: null, unit: null, priceCents: null, active: null }, { token: admin.accessToken });
    expect(r.status).toBe(200);
    const [row] = await t.query('SELECT name, unit, price_cents, active FROM price_items WHERE id = ?', [item.id]);
    expect({ ...row, active: Boolean(row.active) }).toEqual({ name: '换水龙头', unit: '个', price_cents: 3000, active: true });
  });

  it('@KeepNull: a null webhook URL still clears the channel', async () => {
    const url = `/api/staff/communities/${room.communityId}/channels`;
    await t.put(url, { wecomWebhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1' }, { token: admin.accessToken });
    const r = await t.put(url, { wecomWebhookUrl: null }, { token: admin.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.wecomWebhookUrl).toBeNull();
  });

  it.each(['2026-W53-7', '2026-366', '2026-02-30T10:00:00Z', '+275760-09-13T00:00:00.000Z', '0001-01-01'])(
    'preferredFrom %s → 400 and nothing stored (week / ordinal dates passed @IsISO8601 and became Invalid Date → 500)',
    async (preferredFrom) => {
      const before = await tickets();
      const r = await t.post('/api/repairs', { category: 'water', description: '日期测试', roomId: room.id, preferredFrom }, { token: zhangsan.accessToken });
      apiError(r, 400);
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'preferredFrom' })]));
      expect(await tickets()).toBe(before);
    },
  );

  it('complaint record dates (contactedAt, reportedAt) must be real instants too', async () => {
    for (const [action, field] of [
      ['record_developer_contact', 'contactedAt'],
      ['record_authority_report', 'reportedAt'],
    ]) {
      const r = await t.post(`/api/complaints/1/actions/${action}`, { version: 1, [field]: '2026-W53-7' }, { token: agent1.accessToken });
      apiError(r, 400);
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('concurrent writers that deadlock get 409, not 500 (MariaDB: eight staff linking one WeChat at once)', async () => {
    const staff = await Promise.all(['agent1', 'supervisor1', 'manager1', 'technician1', 'guard1', 'cashier1', 'agent2', 'supervisor2'].map((u) => t.staff(u)));
    const rs = await Promise.all(staff.map((s) => t.post('/api/me/link-wechat', { code: 'same-phone' }, { token: s.accessToken })));
    for (const r of rs) if (r.status !== 200) apiError(r, 409);
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('a list of objects holding arrays → 400 (calendar overrides [[[[]]]] reached the service → 500)', async () => {
    apiError(await t.put('/api/admin/calendar/2026', { overrides: [[[[]]]] }, { token: admin.accessToken }), 400);
    apiError(await t.put('/api/admin/calendar/2026', { overrides: ['2026-10-01'] }, { token: admin.accessToken }), 400);
    apiError(await t.post('/api/repairs/1/actions/complete', { version: 1, lines: [[1, 2]] }, { token: agent1.accessToken }), 400);
  });
});
