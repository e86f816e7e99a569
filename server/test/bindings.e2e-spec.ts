import { ApiError, BindingStaffView, BindingView, LoginResponse, Me, Page } from '@linli/shared';
import { TestApp } from './helpers/test-app';

const FULL_PHONE = /1[3-9]\d{9}/;
/** approve / reject / reveal are POSTs that create nothing: any 2xx will do */
const is2xx = (status: number) => status >= 200 && status < 300;
/** a body that is either the view or, on failure, our error shape */
type Or<T> = T & Partial<ApiError>;

describe('room bindings: request, review, phone match, privacy', () => {
  let t: TestApp;
  let sup1: LoginResponse, sup2: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, tech1: LoginResponse;
  let wangwu: LoginResponse;
  let r301: { id: number; communityId: number };
  let pending: BindingView;

  const bind = (token: string, roomId: number, relation = 'owner', name = '测试住户', headers?: Record<string, string>) =>
    t.post<Or<BindingView>>('/api/bindings', { roomId, relation, name }, { token, headers });
  const approve = (token: string, id: number, version: number) => t.post<Or<BindingStaffView>>(`/api/staff/bindings/${id}/approve`, { version }, { token });
  const reject = (token: string, id: number, version: number, reason?: string) =>
    t.post<Or<BindingStaffView>>(`/api/staff/bindings/${id}/reject`, reason === undefined ? { version } : { version, reason }, { token });
  const me = async (token: string) => (await t.get<Me>('/api/me', { token })).body;
  const pendingList = async (token: string, query = 'status=pending') => t.get<Or<Page<BindingStaffView>>>(`/api/staff/bindings?${query}`, { token });

  beforeAll(async () => {
    t = await TestApp.start();
    [sup1, sup2, agent1, agent2, tech1] = await Promise.all(['supervisor1', 'supervisor2', 'agent1', 'agent2', 'technician1'].map((u) => t.staff(u)));
    r301 = await t.room('锦绣花园', '2栋1单元301');
  });
  afterAll(() => t.close());

  it('a new resident (wangwu) asks to bind to 锦绣花园 2栋1单元301: pending', async () => {
    wangwu = await t.resident('wangwu');
    expect(wangwu.me.bindings).toEqual([]);
    expect(wangwu.me.phoneMasked).toBeNull();
    const r = await bind(wangwu.accessToken, r301.id, 'owner', '王五');
    expect(r.status).toBe(201);
    expect(r.body).toEqual(
      expect.objectContaining({
        roomId: r301.id,
        roomLabel: '2栋1单元301',
        communityName: '锦绣花园',
        relation: 'owner',
        status: 'pending',
        verifiedBy: null,
        rejectReason: null,
        decidedAt: null,
        version: 1,
      }),
    );
    pending = r.body;
    expect((await me(wangwu.accessToken)).currentRoomId).toBeNull();
  });

  it('an unknown room is 404, a bad relation or a missing name 400, and nothing is written', async () => {
    const res = await t.resident('bind-bad-input');
    const unknown = await bind(res.accessToken, 999_999);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const bad = await t.post('/api/bindings', { roomId: r301.id, relation: 'landlord', name: '某人' }, { token: res.accessToken });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'relation', rule: 'isIn' })]);
    expect((await t.post('/api/bindings', { roomId: r301.id, relation: 'owner' }, { token: res.accessToken })).status).toBe(400);
    expect(await t.query('SELECT id FROM room_bindings WHERE user_id = ?', [res.me.id])).toHaveLength(0);
  });

  it('supervisor1 sees it in the pending queue, with no full phone number anywhere', async () => {
    const r = await pendingList(sup1.accessToken);
    expect(r.status).toBe(200);
    const item = r.body.items.find((b) => b.id === pending.id);
    expect(item).toEqual(
      expect.objectContaining({ residentId: wangwu.me.id, residentName: '王五', residentPhoneMasked: null, ownerNameOnRecord: '王五', status: 'pending' }),
    );
    expect(JSON.stringify(r.body)).not.toMatch(FULL_PHONE);
  });

  it('a resident with a phone on record shows masked to the supervisor', async () => {
    const res = await t.resident('bind-phoned');
    expect((await t.post('/api/me/phone', { code: 'dev:13912345678' }, { token: res.accessToken })).body.phoneMasked).toBe('139****5678');
    const room = await t.room('锦绣花园', '3栋1单元101');
    const b = await bind(res.accessToken, room.id, 'tenant', '钱租户');
    expect(b.body.status).toBe('pending');
    for (const query of ['status=pending', '', `communityId=${room.communityId}`]) {
      const r = await pendingList(sup1.accessToken, query);
      expect(r.body.items.find((x) => x.id === b.body.id)?.residentPhoneMasked).toBe('139****5678');
      expect(JSON.stringify(r.body)).not.toContain('13912345678');
      expect(JSON.stringify(r.body)).not.toMatch(FULL_PHONE);
    }
    // the same room again while pending
    const dup = await bind(res.accessToken, room.id, 'tenant', '钱租户');
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('BINDING_EXISTS');
  });

  it('supervisor2 (翠湖苑 only) does not see it and gets 404 deciding it', async () => {
    const r = await pendingList(sup2.accessToken);
    expect(r.status).toBe(200);
    expect(r.body.items.map((b) => b.id)).not.toContain(pending.id);
    const a = await approve(sup2.accessToken, pending.id, pending.version);
    expect(a.status).toBe(404);
    expect(a.body.code).toBe('NOT_FOUND');
    expect((await reject(sup2.accessToken, pending.id, pending.version, '不是本小区')).status).toBe(404);
    // nor by filtering on a community outside the scope
    expect((await pendingList(sup2.accessToken, `communityId=${r301.communityId}`)).body.items).toEqual([]);
  });

  it('agent1 cannot approve (403); technician1 cannot list (403)', async () => {
    const a = await approve(agent1.accessToken, pending.id, pending.version);
    expect(a.status).toBe(403);
    expect(a.body.code).toBe('FORBIDDEN');
    const l = await pendingList(tech1.accessToken);
    expect(l.status).toBe(403);
    expect(l.body.code).toBe('FORBIDDEN');
  });

  it('approving with a stale version is 409 VERSION_CONFLICT', async () => {
    const r = await approve(sup1.accessToken, pending.id, pending.version + 1);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('VERSION_CONFLICT');
    expect(r.body.details).toEqual({ currentVersion: pending.version });
    const row = await t.query('SELECT status FROM room_bindings WHERE id = ?', [pending.id]);
    expect(row[0].status).toBe('pending');
  });

  it('approve: the resident sees the binding approved and the room as current', async () => {
    const r = await approve(sup1.accessToken, pending.id, pending.version);
    expect(is2xx(r.status)).toBe(true);
    expect(r.body).toEqual(
      expect.objectContaining({ id: pending.id, status: 'approved', verifiedBy: 'staff', version: pending.version + 1, decidedAt: expect.any(String) }),
    );
    const m = await me(wangwu.accessToken);
    expect(m.bindings).toEqual([expect.objectContaining({ id: pending.id, status: 'approved', verifiedBy: 'staff' })]);
    expect(m.currentRoomId).toBe(r301.id);
    const audit = await t.query('SELECT actor_id FROM audit_logs WHERE action = ? AND subject_id = ?', ['binding.approve', pending.id]);
    expect(audit.map((a) => Number(a.actor_id))).toEqual([sup1.me.id]);
  });

  it('approving again is 409 BINDING_NOT_PENDING; asking again for the same room is 409 BINDING_EXISTS', async () => {
    for (const version of [pending.version, pending.version + 1]) {
      const r = await approve(sup1.accessToken, pending.id, version);
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('BINDING_NOT_PENDING');
    }
    expect((await reject(sup1.accessToken, pending.id, pending.version + 1, '晚了')).body.code).toBe('BINDING_NOT_PENDING');
    const dup = await bind(wangwu.accessToken, r301.id, 'family', '王五');
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('BINDING_EXISTS');
  });

  it('concurrent approve and reject of one pending binding: exactly one wins, and the row says which', async () => {
    for (let i = 1; i <= 6; i++) {
      const res = await t.resident(`race-${i}`);
      const room = await t.room('锦绣花园', `3栋2单元${i}01`);
      const b = (await bind(res.accessToken, room.id, 'family', `竞争${i}`)).body;
      const [a, r] = await Promise.all([approve(sup1.accessToken, b.id, b.version), reject(sup1.accessToken, b.id, b.version, '信息不符')]);
      expect([a, r].filter((x) => is2xx(x.status))).toHaveLength(1);
      const loser = is2xx(a.status) ? r : a;
      expect(loser.status).toBe(409);
      expect(['VERSION_CONFLICT', 'BINDING_NOT_PENDING']).toContain(loser.body.code);
      const expected = is2xx(a.status) ? 'approved' : 'rejected';
      const row = await t.query('SELECT status, version FROM room_bindings WHERE id = ?', [b.id]);
      expect(row[0].status).toBe(expected);
      expect(Number(row[0].version)).toBe(b.version + 1);
      const m = await me(res.accessToken);
      expect(m.bindings[0].status).toBe(expected);
      expect(m.currentRoomId).toBe(expected === 'approved' ? room.id : null);
      const audits = await t.query('SELECT action FROM audit_logs WHERE subject_type = ? AND subject_id = ?', ['room_binding', b.id]);
      expect(audits.map((x) => x.action)).toEqual([expected === 'approved' ? 'binding.approve' : 'binding.reject']);
    }
  });

  it('reject needs a reason, which the resident then sees; a rejected room may be asked for again', async () => {
    const res = await t.resident('rejectee');
    const room = await t.room('锦绣花园', '3栋1单元201');
    const b = (await bind(res.accessToken, room.id, 'tenant', '孙租户')).body;
    const none = await reject(sup1.accessToken, b.id, b.version);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('VALIDATION_FAILED');
    expect(none.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    for (const blank of ['', '   ']) expect((await reject(sup1.accessToken, b.id, b.version, blank)).status).toBe(400);
    expect((await t.query('SELECT status FROM room_bindings WHERE id = ?', [b.id]))[0].status).toBe('pending');

    const r = await reject(sup1.accessToken, b.id, b.version, '租赁合同与登记信息不符');
    expect(is2xx(r.status)).toBe(true);
    expect(r.body.status).toBe('rejected');
    const m = await me(res.accessToken);
    expect(m.bindings).toEqual([expect.objectContaining({ id: b.id, status: 'rejected', rejectReason: '租赁合同与登记信息不符' })]);
    expect(m.currentRoomId).toBeNull();
    const mine = await t.get<BindingView[]>('/api/bindings/mine', { token: res.accessToken });
    expect(mine.body[0].rejectReason).toBe('租赁合同与登记信息不符');

    const again = await bind(res.accessToken, room.id, 'tenant', '孙租户');
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('pending');
  });

  it('Idempotency-Key: the same request twice is one binding; the same key with another body is 422', async () => {
    const res = await t.resident('idem');
    const room = await t.room('锦绣花园', '3栋1单元301');
    const headers = { 'Idempotency-Key': 'bind-3-1-301' };
    const first = await bind(res.accessToken, room.id, 'owner', '周业主', headers);
    const second = await bind(res.accessToken, room.id, 'owner', '周业主', headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const rows = await t.query('SELECT id FROM room_bindings WHERE user_id = ?', [res.me.id]);
    expect(rows.map((r) => Number(r.id))).toEqual([first.body.id]);

    const other = await bind(res.accessToken, room.id, 'family', '周业主', headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.query('SELECT id FROM room_bindings WHERE user_id = ?', [res.me.id])).toHaveLength(1);

    // keys belong to one user: another resident's same key is a new request
    const someone = await t.resident('idem-2');
    const theirs = await bind(someone.accessToken, room.id, 'family', '周家属', headers);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('Idempotency-Key: a double tap sent at once still makes one binding', async () => {
    const res = await t.resident('idem-tap');
    const room = await t.room('锦绣花园', '3栋1单元302');
    const headers = { 'Idempotency-Key': 'double-tap' };
    const answers = await Promise.all([0, 1, 2].map(() => bind(res.accessToken, room.id, 'owner', '双击', headers)));
    const rows = await t.query('SELECT id FROM room_bindings WHERE user_id = ?', [res.me.id]);
    expect(rows).toHaveLength(1);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.id).toBe(Number(rows[0].id));
      else expect(a.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
    expect(answers.some((a) => a.status === 201)).toBe(true);
  });

  it("phone first: a resident whose WeChat phone is the owner's is approved at once", async () => {
    const res = await t.resident('owner-phone-first');
    const p = await t.post<Me>('/api/me/phone', { code: 'dev:13800000003' }, { token: res.accessToken });
    expect(p.status).toBe(200);
    expect(p.body.phoneMasked).toBe('138****0003');
    const b = await bind(res.accessToken, r301.id, 'owner', '王五');
    expect(b.status).toBe(201);
    expect(b.body).toEqual(expect.objectContaining({ status: 'approved', verifiedBy: 'phone_match', decidedAt: expect.any(String) }));
    expect((await me(res.accessToken)).currentRoomId).toBe(r301.id);
  });

  it('request first: sharing the matching phone later approves the pending request', async () => {
    const res = await t.resident('owner-phone-later');
    const b = await bind(res.accessToken, r301.id, 'owner', '王五');
    expect(b.body.status).toBe('pending');
    // a request for a room owned by someone else stays pending
    const other = await t.room('锦绣花园', '1栋1单元102');
    const b2 = await bind(res.accessToken, other.id, 'family', '王五');

    const p = await t.post<Me>('/api/me/phone', { code: 'dev:+86 138-0000-0003' }, { token: res.accessToken });
    expect(p.status).toBe(200);
    const byId = new Map(p.body.bindings.map((x) => [x.id, x]));
    expect(byId.get(b.body.id)).toEqual(expect.objectContaining({ status: 'approved', verifiedBy: 'phone_match' }));
    expect(byId.get(b2.body.id)!.status).toBe('pending');
    expect(p.body.currentRoomId).toBe(r301.id);
    expect((await t.query('SELECT phone FROM users WHERE id = ?', [res.me.id]))[0].phone).toBe('13800000003');
    // and it left the supervisor's queue
    expect((await pendingList(sup1.accessToken)).body.items.map((x) => x.id)).not.toContain(b.body.id);
  });

  it('a bad dev phone is 400 and changes nothing', async () => {
    const res = await t.resident('bad-phone');
    const r = await t.post('/api/me/phone', { code: 'dev:12345' }, { token: res.accessToken });
    expect(r.status).toBe(400);
    expect((await me(res.accessToken)).phoneMasked).toBeNull();
  });

  describe('switching and revoking', () => {
    let mover: LoginResponse;
    let roomA: { id: number }, roomB: { id: number }, roomC: { id: number };
    let bindA: BindingView, bindB: BindingView;

    beforeAll(async () => {
      mover = await t.resident('mover');
      [roomA, roomB, roomC] = await Promise.all(['3栋2单元102', '3栋2单元202', '3栋2单元302'].map((l) => t.room('锦绣花园', l)));
      bindA = (await bind(mover.accessToken, roomA.id, 'owner', '搬家')).body;
      // family: a tenant's would need the owner's consent or a lease (org-polish.e2e-spec)
      bindB = (await bind(mover.accessToken, roomB.id, 'family', '搬家')).body;
      await approve(sup1.accessToken, bindA.id, bindA.version);
      await approve(sup1.accessToken, bindB.id, bindB.version);
      await bind(mover.accessToken, roomC.id, 'tenant', '搬家'); // stays pending
    });

    it('the first approved room became current; switching to another approved room works', async () => {
      expect((await me(mover.accessToken)).currentRoomId).toBe(roomA.id);
      const r = await t.put<Me>('/api/me/current-room', { roomId: roomB.id }, { token: mover.accessToken });
      expect(r.status).toBe(200);
      expect(r.body.currentRoomId).toBe(roomB.id);
    });

    it('switching to a room not bound (or only pending) is 403 ROOM_NOT_BOUND', async () => {
      for (const roomId of [roomC.id, r301.id, 999_999]) {
        const r = await t.put('/api/me/current-room', { roomId }, { token: mover.accessToken });
        expect(r.status).toBe(403);
        expect(r.body.code).toBe('ROOM_NOT_BOUND');
      }
      expect((await me(mover.accessToken)).currentRoomId).toBe(roomB.id);
    });

    it('a resident cannot call staff or admin endpoints', async () => {
      const tok = { token: mover.accessToken };
      const answers = await Promise.all([
        t.get('/api/staff/bindings', tok),
        approve(mover.accessToken, bindA.id, 1),
        t.get('/api/staff/residents?q=张三', tok),
        t.post(`/api/staff/residents/${mover.me.id}/phone`, undefined, tok),
        t.get('/api/staff/rooms?q=101', tok),
        t.get('/api/admin/staff', tok),
      ]);
      for (const r of answers) {
        expect(r.status).toBe(403);
        expect(r.body.code).toBe('FORBIDDEN');
      }
      // and staff do not use the resident binding endpoints
      expect((await bind(sup1.accessToken, roomA.id)).status).toBe(403);
    });

    it("a resident cannot revoke someone else's binding (404)", async () => {
      const lisi = await t.resident('lisi');
      const theirs = lisi.me.bindings[0];
      const r = await t.del(`/api/bindings/${theirs.id}`, { token: mover.accessToken });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
      expect((await me(lisi.accessToken)).bindings[0].status).toBe('approved');
    });

    it('revoking the current room falls back to another approved room; revoking the last clears it', async () => {
      const r = await t.del<BindingView>(`/api/bindings/${bindB.id}`, { token: mover.accessToken });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('revoked');
      expect((await me(mover.accessToken)).currentRoomId).toBe(roomA.id);

      await t.del(`/api/bindings/${bindA.id}`, { token: mover.accessToken });
      const m = await me(mover.accessToken);
      expect(m.currentRoomId).toBeNull();
      expect((await t.put('/api/me/current-room', { roomId: roomA.id }, { token: mover.accessToken })).status).toBe(403);
      // revoking twice
      const again = await t.del(`/api/bindings/${bindA.id}`, { token: mover.accessToken });
      expect(again.status).toBe(409);
    });
  });

  describe('phone privacy', () => {
    let zhangsan: LoginResponse;
    beforeAll(async () => (zhangsan = await t.resident('zhangsan')));

    it('agent1 searching 张三 sees the phone masked only', async () => {
      const r = await t.get('/api/staff/residents?q=张三', { token: agent1.accessToken });
      expect(r.status).toBe(200);
      const z = r.body.find((x: any) => x.id === zhangsan.me.id);
      expect(z).toEqual({
        id: zhangsan.me.id,
        registered: true,
        name: '张三',
        phoneMasked: '138****0001',
        rooms: [expect.objectContaining({ label: '1栋1单元101', relation: 'owner', status: 'approved' })],
      });
      expect(JSON.stringify(r.body)).not.toMatch(FULL_PHONE);
      // searching by the full number finds them, still masked
      const byPhone = await t.get('/api/staff/residents?q=13800000001', { token: agent1.accessToken });
      expect(byPhone.body.map((x: any) => x.id)).toContain(zhangsan.me.id);
      expect(JSON.stringify(byPhone.body)).not.toMatch(FULL_PHONE);
    });

    it('revealing the full number returns it and writes an audit row naming agent1', async () => {
      const r = await t.post(`/api/staff/residents/${zhangsan.me.id}/phone`, undefined, { token: agent1.accessToken });
      expect(is2xx(r.status)).toBe(true);
      expect(r.body).toEqual({ phone: '13800000001' });
      const audit = await t.query('SELECT actor_id, subject_type, company_id FROM audit_logs WHERE action = ? AND subject_id = ?', [
        'phone.reveal',
        zhangsan.me.id,
      ]);
      expect(audit).toHaveLength(1);
      expect(Number(audit[0].actor_id)).toBe(agent1.me.id);
      expect(audit[0].subject_type).toBe('user');
      expect(Number(audit[0].company_id)).toBe(agent1.me.companyId);
    });

    it('agent2 (翠湖苑) cannot find or reveal a 锦绣花园 resident (404), and no audit row is written', async () => {
      const s = await t.get('/api/staff/residents?q=张三', { token: agent2.accessToken });
      expect(s.body.map((x: any) => x.id)).not.toContain(zhangsan.me.id);
      const r = await t.post(`/api/staff/residents/${zhangsan.me.id}/phone`, undefined, { token: agent2.accessToken });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
      const audit = await t.query('SELECT actor_id FROM audit_logs WHERE action = ? AND actor_id = ?', ['phone.reveal', agent2.me.id]);
      expect(audit).toHaveLength(0);
      // their own community's resident is fine
      const chenliu = await t.resident('chenliu');
      const ok = await t.post(`/api/staff/residents/${chenliu.me.id}/phone`, undefined, { token: agent2.accessToken });
      expect(ok.body).toEqual({ phone: '13800000004' });
    });

    it('a technician may not reveal phones; a staff member is no resident to reveal', async () => {
      expect((await t.post(`/api/staff/residents/${zhangsan.me.id}/phone`, undefined, { token: tech1.accessToken })).status).toBe(403);
      expect((await t.post(`/api/staff/residents/${sup1.me.id}/phone`, undefined, { token: agent1.accessToken })).status).toBe(404);
    });
  });

  it('keyset pagination: 25 pending bindings, 10 at a time, all seen once, nextCursor null at the end', async () => {
    const res = await t.resident('pager');
    const rooms = await t.query<{ id: number }>(
      'SELECT r.id FROM rooms r JOIN communities c ON c.id = r.community_id WHERE c.name = ? ORDER BY r.id LIMIT 25',
      ['翠湖苑'],
    );
    const created: number[] = [];
    for (const r of rooms) created.push((await bind(res.accessToken, Number(r.id), 'family', '翻页')).body.id);
    // nothing else is pending in 翠湖苑, which is all supervisor2 sees
    const { communityId } = await t.room('翠湖苑', '1栋1单元101');
    const expected = (await t.query('SELECT id FROM room_bindings WHERE community_id = ? AND status = ? ORDER BY id DESC', [communityId, 'pending'])).map((r) =>
      Number(r.id),
    );
    expect(expected).toHaveLength(25);

    const seen: number[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const q: string = `status=pending&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await pendingList(sup2.accessToken, q);
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      seen.push(...page.body.items.map((b) => b.id));
      cursor = page.body.nextCursor;
    } while (cursor && sizes.length < 10);
    expect(sizes).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual(expected);
    expect(created.slice().sort((a, b) => b - a)).toEqual(expected);
  });
});
