import { LoginResponse, RepairDetail } from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';
import { Or, clockOf, repairsApi } from './helpers/repairs';

describe('repairs: intake — idempotency, numbering, validation, hotline', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let agent1: LoginResponse, sup1: LoginResponse, manager1: LoginResponse, zhangsan: LoginResponse, chenliu: LoginResponse;
  let room101: { id: number; communityId: number }, cuihu101: { id: number; communityId: number };

  const count = async (description: string) => Number((await t.query('SELECT COUNT(*) AS n FROM tickets WHERE description = ?', [description]))[0].n);
  const ticketCount = async () => Number((await t.query('SELECT COUNT(*) AS n FROM tickets'))[0].n);
  const nos = (rs: Res<Or<RepairDetail>>[]) => rs.map((r) => r.body.no!).sort();
  const seq = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(from + i).padStart(4, '0')}`);
  const hotline = (extra: Record<string, unknown> = {}) => ({
    channel: 'hotline',
    communityId: room101.communityId,
    roomId: room101.id,
    category: 'electric',
    description: '卧室灯不亮',
    contactName: '张三',
    contactPhone: '13800000001',
    ...extra,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    api = repairsApi(t);
    [agent1, sup1, manager1] = await Promise.all(['agent1', 'supervisor1', 'manager1'].map((u) => t.staff(u)));
    [zhangsan, chenliu] = await Promise.all(['zhangsan', 'chenliu'].map((c) => t.resident(c)));
    room101 = await t.room('锦绣花园', '1栋1单元101');
    cuihu101 = await t.room('翠湖苑', '1栋1单元101');
    await api.clockSet('2026-11-23T09:00:00+08:00');
  });
  afterAll(() => t.close());

  describe('Idempotency-Key', () => {
    it('the same request twice is one order with one number; the same key with another body is 422', async () => {
      const headers = { 'Idempotency-Key': 'repair-tap-1' };
      const body = { category: 'water', description: '幂等测试：阳台漏水', roomId: room101.id };
      const first = await api.create(zhangsan.accessToken, body, headers);
      const second = await api.create(zhangsan.accessToken, body, headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.no).toBe(first.body.no);
      expect(await count(body.description)).toBe(1);
      const other = await api.create(zhangsan.accessToken, { ...body, description: '幂等测试：另一件事' }, headers);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count('幂等测试：另一件事')).toBe(0);
      // without a key, the same body is a new order
      expect((await api.create(zhangsan.accessToken, body)).body.id).not.toBe(first.body.id);
      expect(await count(body.description)).toBe(2);
    });

    it('a double tap sent at once still makes one order', async () => {
      for (let round = 0; round < 3; round++) {
        const headers = { 'Idempotency-Key': `double-tap-${round}` };
        const description = `双击测试 ${round}`;
        const answers = await Promise.all(
          [0, 1, 2].map(() => api.create(zhangsan.accessToken, { category: 'water', description, roomId: room101.id }, headers)),
        );
        expect(await count(description)).toBe(1);
        const id = Number((await t.query('SELECT id FROM tickets WHERE description = ?', [description]))[0].id);
        for (const a of answers) {
          if (a.status === 201) expect(a.body.id).toBe(id);
          else expect([a.status, a.body.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
        }
        expect(answers.some((a) => a.status === 201)).toBe(true);
      }
    });

    it('staff intake honours the key too', async () => {
      const headers = { 'Idempotency-Key': 'hotline-call-1' };
      const body = hotline({ description: '热线幂等：走廊灯不亮' });
      const a = await api.intake(agent1.accessToken, body, headers);
      const b = await api.intake(agent1.accessToken, body, headers);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.id).toBe(a.body.id);
      expect(await count(body.description)).toBe(1);
    });
  });

  describe('numbering BX-YYYYMMDD-NNNN', () => {
    it('by the Asia/Shanghai day (07:30 there is still the previous day in UTC) and per community', async () => {
      // 2026-11-26 07:30 in Shanghai = 2026-11-25 23:30 UTC
      await api.clockSet('2026-11-26T07:30:00+08:00');
      const a = await api.file(zhangsan.accessToken, room101.id);
      const b = await api.file(chenliu.accessToken, cuihu101.id);
      const c = await api.file(zhangsan.accessToken, room101.id);
      expect(a.no).toBe('BX-20261126-0001');
      expect(b.no).toBe('BX-20261126-0001');
      expect(c.no).toBe('BX-20261126-0002');
      expect(a.no).toMatch(/^BX-\d{8}-\d{4}$/);
      // the list's date filter means the same Shanghai day
      const day = async (query: string) => (await api.allPages(agent1.accessToken, `/api/staff/repairs?${query}`, 100)).items.map((x) => x.id);
      expect((await day('from=2026-11-26&to=2026-11-26')).sort()).toEqual([a.id, c.id].sort());
      expect(await day('from=2026-11-25&to=2026-11-25')).toEqual([]);
      expect(await day('from=2026-11-27')).toEqual([]);
      expect((await day('to=2026-11-26')).slice(0, 2)).toEqual([c.id, a.id]);
    });

    it('20 concurrent creates get 20 distinct, consecutive numbers — on a fresh day and again once the day has begun', async () => {
      await api.clockSet('2026-11-27T10:00:00+08:00');
      const burst = () =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) => api.create(zhangsan.accessToken, { category: 'other', description: `并发 ${i}`, roomId: room101.id })),
        );
      const first = await burst();
      expect(first.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(nos(first)).toEqual(seq('BX-20261127', 1, 20));
      const second = await burst();
      expect(second.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(nos(second)).toEqual(seq('BX-20261127', 21, 20));
      // and 翠湖苑 keeps its own count meanwhile
      expect((await api.file(chenliu.accessToken, cuihu101.id)).no).toBe('BX-20261127-0001');
      const rows = await t.query('SELECT no FROM tickets WHERE community_id = ? AND no LIKE ?', [room101.communityId, 'BX-20261127-%']);
      expect(new Set(rows.map((r) => r.no)).size).toBe(40);
      // every one of them is whole: its creation event and its clock are there
      const ids = [...first, ...second].map((r) => r.body.id!);
      const events = await t.query(`SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'created' AND ticket_id IN (${ids.join(',')})`);
      expect(Number(events[0].n)).toBe(40);
      const clocks = await t.query(`SELECT COUNT(*) AS n FROM clocks WHERE name = 'initial_feedback' AND subject_id IN (${ids.join(',')})`);
      expect(Number(clocks[0].n)).toBe(40);
    });

    it('starts again at 0001 when the clock passes 24:00 in Shanghai', async () => {
      await api.clockSet('2026-11-28T23:59:50+08:00');
      const before = await api.file(zhangsan.accessToken, room101.id);
      expect(before.no).toBe('BX-20261128-0001');
      expect((await api.file(zhangsan.accessToken, room101.id)).no).toBe('BX-20261128-0002');
      await api.clockAdvance(20_000);
      const after = await api.file(zhangsan.accessToken, room101.id);
      expect(after.no).toBe('BX-20261129-0001');
      expect((await api.file(zhangsan.accessToken, room101.id)).no).toBe('BX-20261129-0002');
      await api.clockSet('2026-11-23T09:00:00+08:00');
    });
  });

  describe('validation', () => {
    it('bad input is 400 with the field named, an unknown or foreign room 404, and nothing is written', async () => {
      const n = await ticketCount();
      const base = { category: 'water', description: '测试', roomId: room101.id };
      const cases: [Record<string, unknown>, number, string, string?][] = [
        [{ ...base, category: 'plumbing' }, 400, 'VALIDATION_FAILED', 'category'],
        [{ ...base, category: undefined }, 400, 'VALIDATION_FAILED', 'category'],
        [{ ...base, description: '漏'.repeat(501) }, 400, 'VALIDATION_FAILED', 'description'],
        [{ ...base, description: '' }, 400, 'VALIDATION_FAILED', 'description'],
        [{ ...base, emergency: 'flood' }, 400, 'VALIDATION_FAILED', 'emergency'],
        [{ ...base, photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, 400, 'VALIDATION_FAILED', 'photoIds'],
        [{ ...base, contactPhone: '12345' }, 400, 'VALIDATION_FAILED', 'contactPhone'],
        [{ ...base, preferredFrom: 'tomorrow' }, 400, 'VALIDATION_FAILED', 'preferredFrom'],
        [{ ...base, tier: 'critical' }, 400, 'VALIDATION_FAILED', 'tier'],
        [{ ...base, roomId: (await t.room('锦绣花园', '2栋2单元202')).id }, 404, 'NOT_FOUND'],
        [{ ...base, roomId: cuihu101.id }, 404, 'NOT_FOUND'],
        [{ ...base, roomId: 999_999 }, 404, 'NOT_FOUND'],
        [{ category: 'public_area', description: '路灯不亮', publicLocation: '东门' }, 400, 'BAD_REQUEST'],
        [{ category: 'public_area', description: '路灯不亮', communityId: room101.communityId }, 400, 'BAD_REQUEST'],
        [{ category: 'public_area', description: '路灯不亮', communityId: 999_999, publicLocation: '东门' }, 404, 'NOT_FOUND'],
        [{ category: 'public_area', description: '路灯不亮', communityId: cuihu101.communityId, publicLocation: '东门' }, 403, 'BIND_ROOM_FIRST'],
      ];
      for (const [body, status, code, field] of cases) {
        const r = await api.create(zhangsan.accessToken, body);
        expect([Object.keys(body).join(','), r.status, r.body.code]).toEqual([Object.keys(body).join(','), status, code]);
        if (field) expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      // 500 characters and 9 photos are the limits, not errors
      expect((await api.create(zhangsan.accessToken, { ...base, description: '漏'.repeat(500) })).status).toBe(201);
      expect(await ticketCount()).toBe(n + 1);
    });

    it('[#9.2] a resident with no approved room cannot file anywhere (403 BIND_ROOM_FIRST, 请先绑定房屋), nothing is written or sent', async () => {
      const stranger = await t.resident('repair-stranger');
      const n = await ticketCount();
      const outbox = Number((await t.query('SELECT COUNT(*) AS n FROM outbox'))[0].n);
      const trapped = {
        category: 'elevator',
        description: '电梯困人',
        emergency: 'elevator_entrapment',
        communityId: cuihu101.communityId,
        publicLocation: '3栋电梯',
      };
      for (const body of [trapped, { ...trapped, communityId: room101.communityId }, { category: 'water', description: '漏水', roomId: room101.id }]) {
        const r = await api.create(stranger.accessToken, { ...body, contactPhone: '13911112222' });
        expect([r.status, r.body.code]).toEqual([403, 'BIND_ROOM_FIRST']);
        expect(r.body.message).toContain('请先绑定房屋');
      }
      expect(await ticketCount()).toBe(n);
      expect(Number((await t.query('SELECT COUNT(*) AS n FROM outbox'))[0].n)).toBe(outbox);
    });

    it('a resident with no phone on record must give one (400 PHONE_REQUIRED); a public place needs its community', async () => {
      const newcomer = await t.resident('repair-no-phone');
      expect(newcomer.me.phoneMasked).toBeNull();
      // bound to 1栋1单元102 by a supervisor (no phone to match the owner's)
      const room102 = await t.room('锦绣花园', '1栋1单元102');
      const b = await t.post<Or<{ id: number; version: number }>>(
        '/api/bindings',
        { roomId: room102.id, relation: 'family', name: '新家属' },
        { token: newcomer.accessToken },
      );
      expect((await t.post(`/api/staff/bindings/${b.body.id}/approve`, { version: b.body.version }, { token: sup1.accessToken })).status).toBeLessThan(300);
      const body = { category: 'public_area', description: '2栋电梯厅灯坏了', communityId: room101.communityId, publicLocation: '2栋电梯厅' };
      const r = await api.create(newcomer.accessToken, body);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('PHONE_REQUIRED');
      expect(await count(body.description)).toBe(0);
      // a room not theirs
      expect((await api.create(newcomer.accessToken, { category: 'water', description: '漏水', roomId: room101.id, contactPhone: '13911112222' })).status).toBe(
        404,
      );

      const ok = await api.create(newcomer.accessToken, { ...body, contactName: '热心邻居', contactPhone: '13911112222' });
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual(
        expect.objectContaining({
          roomId: null,
          location: '锦绣花园 2栋电梯厅',
          communityId: room101.communityId,
          contactName: '热心邻居',
          contactPhone: '13911112222',
        }),
      );
      expect((await api.mine(newcomer.accessToken)).body.items!.map((x) => x.id)).toEqual([ok.body.id]);
      expect((await api.detail(agent1.accessToken, ok.body.id)).status).toBe(200);
      // the resident's own phone is used when none is given
      const withPhone = await api.file(zhangsan.accessToken, room101.id, {
        preferredFrom: '2026-11-24T09:00:00+08:00',
        preferredTo: '2026-11-24T12:00:00+08:00',
      });
      expect(withPhone).toEqual(
        expect.objectContaining({
          contactName: '张三',
          contactPhone: '13800000001',
          preferredFrom: '2026-11-24T01:00:00.000Z',
          preferredTo: '2026-11-24T04:00:00.000Z',
        }),
      );
    });
  });

  describe('staff intake (hotline, front desk, visit)', () => {
    it('a hotline call with a tier is accepted at once, owned by the agent; the resident of the room sees it', async () => {
      const r = await api.intake(agent1.accessToken, hotline({ tier: 'urgent' }));
      expect(r.status).toBe(201);
      const d = r.body;
      expect(d).toEqual(
        expect.objectContaining({
          status: 'accepted',
          tier: 'urgent',
          channel: 'hotline',
          roomId: room101.id,
          location: '1栋1单元101',
          ownerId: agent1.me.id,
          ownerName: '张客服',
          contactName: '张三',
          contactPhone: '13800000001',
        }),
      );
      expect(d.timeline.map((e) => [e.type, e.actorName, e.actorRole, e.text])).toEqual([
        ['created', '张客服', 'agent', '热线报修'],
        ['accepted', '张客服', 'agent', '已受理，等级：急'],
      ]);
      expect(clockOf(d, 'initial_feedback')!.state).toBe('met');
      expect(clockOf(d, 'dispatch')!.state).toBe('running');

      const mine = await api.mine(zhangsan.accessToken);
      expect(mine.body.items!.map((x) => x.id)).toContain(d.id);
      const seen = await api.detail(zhangsan.accessToken, d.id);
      expect(seen.status).toBe(200);
      expect(seen.body.actions).toEqual(expect.arrayContaining(['urge', 'cancel', 'propose_time']));
      // lisi, in another room, does not
      const lisi = await t.resident('lisi');
      expect((await api.mine(lisi.accessToken)).body.items!.map((x) => x.id)).not.toContain(d.id);
    });

    it('without a tier it waits for triage, still owned by whoever took it; front desk and visit intake for a public place', async () => {
      const r = await api.intake(sup1.accessToken, hotline({ channel: 'front_desk', description: '前台登记：门锁坏了', category: 'doors_windows' }));
      expect(r.status).toBe(201);
      expect(r.body).toEqual(expect.objectContaining({ status: 'submitted', tier: null, channel: 'front_desk', ownerId: sup1.me.id }));
      expect(clockOf(r.body, 'initial_feedback')!.state).toBe('running');
      // whoever accepts it later, the first contact stays the owner
      expect((await api.step(agent1.accessToken, r.body.id, 'accept', { tier: 'normal' })).ownerId).toBe(sup1.me.id);

      const pub = await api.intake(manager1.accessToken, {
        channel: 'visit',
        communityId: room101.communityId,
        publicLocation: '东门岗亭',
        category: 'public_area',
        description: '巡查发现岗亭屋顶漏雨',
        contactName: '王经理',
        contactPhone: '021-55556666',
        tier: 'normal',
      });
      expect(pub.status).toBe(201);
      expect(pub.body).toEqual(expect.objectContaining({ roomId: null, location: '锦绣花园 东门岗亭', channel: 'visit', status: 'accepted' }));
      expect(pub.body.timeline[0].text).toBe('上门报修');
    });

    it('bad intake is refused: the miniapp channel, no phone, a room of another community, no place at all', async () => {
      const n = await ticketCount();
      const cases: [Record<string, unknown>, number][] = [
        [hotline({ channel: 'miniapp' }), 400],
        [hotline({ contactPhone: undefined }), 400],
        [hotline({ contactName: undefined }), 400],
        [hotline({ tier: 'whenever' }), 400],
        [hotline({ roomId: cuihu101.id }), 404],
        [hotline({ roomId: undefined }), 400],
        [hotline({ communityId: cuihu101.communityId, roomId: cuihu101.id }), 404],
      ];
      for (const [body, status] of cases) {
        const r = await api.intake(agent1.accessToken, body);
        expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), status]);
      }
      expect(await ticketCount()).toBe(n);
    });
  });
});
