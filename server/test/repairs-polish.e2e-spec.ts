import { LoginResponse, RepairDetail, nextVisitSlot, wxTemplateData } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { Cast, OtherCompany, otherCompany, repairsApi } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

const ok = { body: { errcode: 0, errmsg: 'ok' } };
const NOTE = '已更换厨房水龙头，试水无渗漏。旧龙头已带走，如再有滴水请随时报修。';

/** #11 repairs: the completion note shown and sent, the visit agreement, the emergency duty phone, the caller's own phone. */
describe('repairs polish (#11): completion note, visit agreement, duty phone', () => {
  const fake = new FakeWechat();
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let n: ReturnType<typeof notifyApi>;
  let agent1: LoginResponse, tech1: LoginResponse, zhangsan: LoginResponse, admin: LoginResponse;
  let room101: { id: number; communityId: number };
  let cast: Cast;

  beforeAll(async () => {
    await fake.start();
    t = await TestApp.start(notifyEnv(fake.url));
    api = repairsApi(t);
    n = notifyApi(t);
    [agent1, tech1, admin] = await Promise.all(['agent1', 'technician1', 'admin'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    room101 = await t.room('锦绣花园', '1栋1单元101');
    cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room101.id };
    await n.linkOpenid(zhangsan.me.id, 'resident', 'o-zhangsan');
    await n.linkOpenid(tech1.me.id, 'staff', 'o-tech1');
    fake.on(SUBSCRIBE, () => ok);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  describe('the technician’s 完工说明', () => {
    it('is in the resident’s, the technician’s and the desk’s detail, and in the completed notification (inbox in full, WeChat within 20 units)', async () => {
      await t.post('/api/me/subscriptions', { accepted: ['repair_completed'] }, { token: zhangsan.accessToken });
      const o = await api.orderIn(cast, 'in_progress');
      expect(o.completionNotes).toBeNull();
      const done = await api.step(tech1.accessToken, o.id, 'complete', { freeOfCharge: true, notes: NOTE });
      expect(done.completionNotes).toBe(NOTE);
      for (const who of [zhangsan, tech1, agent1]) expect((await api.detail(who.accessToken, o.id)).body.completionNotes).toBe(NOTE);

      const inbox = await n.inbox(zhangsan, 'limit=3');
      const msg = inbox.items.find((i) => i.title === '维修已完工' && i.link === `/repairs/${o.id}`)!;
      expect(msg.body).toBe(`报修 ${o.no} 已完工。完工说明：${NOTE}请确认并评价。`);
      await n.drain();
      const call = fake
        .callsTo(SUBSCRIBE)
        .filter((c) => c.body.touser === 'o-zhangsan' && c.body.template_id === 'T-repair_completed')
        .pop()!;
      const thing: string = call.body.data.thing2.value;
      expect(thing.length).toBeLessThanOrEqual(20);
      expect(thing).toBe(wxTemplateData({ thing2: NOTE }).thing2.value);
      expect(thing.startsWith('已更换厨房水龙头')).toBe(true);
    });

    it('without notes the completed notification keeps the description and the detail says none', async () => {
      const o = await api.orderIn(cast, 'completed');
      expect(o.completionNotes).toBeNull();
      const inbox = await n.inbox(zhangsan, 'limit=3');
      const msg = inbox.items.find((i) => i.link === `/repairs/${o.id}` && i.title === '维修已完工')!;
      expect(msg.body).toBe(`报修 ${o.no} 已完工。请确认并评价。`);
    });
  });

  describe('the visit time as an agreement', () => {
    it('the technician proposes, the resident counter-proposes, the technician accepts: only then is it agreed, and each side is told', async () => {
      const o = await api.orderIn(cast, 'dispatched');
      const now = await api.serverNow();
      const first = new Date(now.getTime() + 26 * 3600_000).toISOString();
      const counter = new Date(now.getTime() + 50 * 3600_000).toISOString();

      const p = await api.step(tech1.accessToken, o.id, 'propose_time', { visitAt: first });
      expect(p).toEqual(expect.objectContaining({ status: 'dispatched', proposedVisitAt: first, proposedBy: 'staff', agreedVisitAt: null }));
      expect(p.actions).not.toContain('accept_time');
      const residentSees = (await api.detail(zhangsan.accessToken, o.id)).body;
      expect(residentSees.actions).toEqual(expect.arrayContaining(['accept_time', 'propose_time']));
      const asked = await n.inbox(zhangsan, 'limit=3');
      expect(asked.items.find((i) => i.link === `/repairs/${o.id}`)).toEqual(expect.objectContaining({ title: '请确认上门时间' }));

      const c = await api.step(zhangsan.accessToken, o.id, 'propose_time', { visitAt: counter });
      expect(c).toEqual(expect.objectContaining({ proposedVisitAt: counter, proposedBy: 'resident', agreedVisitAt: null }));
      expect(c.actions).not.toContain('accept_time');
      expect(c.timeline.at(-1)!.text).toMatch(/^住户另约上门时间 /);
      const techInbox = await n.inbox(tech1, 'limit=3');
      expect(techInbox.items[0]).toEqual(expect.objectContaining({ title: `住户提议上门时间 ${o.no}`, link: `/repairs/${o.id}` }));

      // the resident cannot accept their own proposal
      const own = await api.attempt(zhangsan.accessToken, o.id, 'accept_time', {});
      expect([own.status, own.body.code]).toEqual([403, 'FORBIDDEN']);

      const agreed = await api.step(tech1.accessToken, o.id, 'accept_time');
      expect(agreed).toEqual(expect.objectContaining({ status: 'scheduled', agreedVisitAt: counter, proposedVisitAt: null, proposedBy: null }));
      expect(agreed.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'time_agreed', actorName: '赵师傅' }));
      const told = await n.inbox(zhangsan, 'limit=3');
      expect(told.items.find((i) => i.link === `/repairs/${o.id}`)).toEqual(expect.objectContaining({ title: '上门时间已约定' }));

      // nothing left to accept
      const again = await api.attempt(zhangsan.accessToken, o.id, 'accept_time', {});
      expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    });

    it('the technician’s other agreed visits are listed (times only) so the next free slot skips them', async () => {
      const now = await api.serverNow();
      const first = nextVisitSlot(now, 30)!;
      const busy = await api.orderIn(cast, 'dispatched');
      await api.step(tech1.accessToken, busy.id, 'propose_time', { visitAt: first.toISOString() });
      await api.step(zhangsan.accessToken, busy.id, 'accept_time');
      const o = await api.orderIn(cast, 'dispatched');
      for (const who of [tech1, zhangsan]) {
        const seen = (await api.detail(who.accessToken, o.id)).body;
        expect(seen.technicianBusyAt).toContain(first.toISOString());
        const slot = nextVisitSlot(now, seen.visitMaxDays, [seen.agreedVisitAt, seen.proposedVisitAt, ...seen.technicianBusyAt])!;
        expect(slot.getTime()).toBeGreaterThan(first.getTime());
      }
      // not before dispatch: no technician, no busy times
      expect((await api.orderIn(cast, 'accepted')).technicianBusyAt).toEqual([]);
    });

    it('a proposal whose time has passed cannot be accepted (400 naming visitAt); a stale version is 409', async () => {
      const o = await api.orderIn(cast, 'dispatched');
      const now = await api.serverNow();
      const p = await api.step(zhangsan.accessToken, o.id, 'propose_time', { visitAt: new Date(now.getTime() + 2 * 3600_000).toISOString() });
      const stale = await api.act(tech1.accessToken, o.id, 'accept_time', { version: p.version - 1 });
      expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
      await api.clockAdvance(3 * 3600_000);
      try {
        const late = await api.attempt(tech1.accessToken, o.id, 'accept_time', {});
        expect([late.status, (late.body.details as { field: string }[])[0].field, late.body.message]).toEqual([
          400,
          'visitAt',
          '提议的上门时间已过，请另约时间',
        ]);
        expect((await api.detail(tech1.accessToken, o.id)).body.agreedVisitAt).toBeNull();
      } finally {
        await api.clockSet(now.toISOString());
      }
    });

    it('an emergency offers no appointment to anyone, and shows the community’s duty phone', async () => {
      await t.patch(`/api/admin/communities/${room101.communityId}/duty-phone`, { dutyPhone: '021-60001234' }, { token: admin.accessToken });
      const r = await api.create(zhangsan.accessToken, {
        category: 'elevator',
        description: '电梯困人',
        emergency: 'elevator_entrapment',
        communityId: room101.communityId,
        publicLocation: '1栋电梯',
      });
      expect(r.status).toBe(201);
      const e: RepairDetail = r.body;
      expect(e.dutyPhone).toBe('021-60001234');
      expect(e.actions).not.toContain('propose_time');
      await api.step(agent1.accessToken, e.id, 'dispatch', { technicianId: tech1.me.id });
      for (const [who, action] of [
        [zhangsan, 'propose_time'],
        [tech1, 'propose_time'],
        [agent1, 'schedule'],
      ] as const) {
        const x = await api.attempt(who.accessToken, e.id, action, { visitAt: new Date((await api.serverNow()).getTime() + 3600_000 * 2).toISOString() });
        expect([action, x.status, x.body.code]).toEqual([action, 409, 'ILLEGAL_TRANSITION']);
      }
      const detail = (await api.detail(zhangsan.accessToken, e.id)).body;
      expect(detail.dutyPhone).toBe('021-60001234');
      expect(detail.actions).toEqual(['urge']);
    });
  });

  describe('PATCH /api/admin/communities/:id/duty-phone', () => {
    let far: OtherCompany;
    beforeAll(async () => (far = await otherCompany(t)));
    const patch = (token: string, id: number, body: unknown) => t.patch(`/api/admin/communities/${id}/duty-phone`, body, { token });

    it('an admin sets, normalises and clears it; the list shows it; an audit row names the admin', async () => {
      const set = await patch(admin.accessToken, room101.communityId, { dutyPhone: ' 021 6000 5678 ' });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ communityId: room101.communityId, communityName: '锦绣花园', dutyPhone: '02160005678' });
      const list = await t.get('/api/admin/communities/duty-phones', { token: admin.accessToken });
      expect(list.body).toEqual(expect.arrayContaining([{ communityId: room101.communityId, communityName: '锦绣花园', dutyPhone: '02160005678' }]));
      expect(list.body.map((c: { communityId: number }) => c.communityId)).not.toContain(far.communityId);
      const audit = await t.query("SELECT actor_id FROM audit_logs WHERE action = 'community.duty_phone' AND subject_id = ? ORDER BY id DESC", [
        room101.communityId,
      ]);
      expect(Number(audit[0].actor_id)).toBe(admin.me.id);
      for (const ok of ['13800138000', '0571-87654321-123', '400-820-8820'])
        expect((await patch(admin.accessToken, room101.communityId, { dutyPhone: ok })).body.dutyPhone).toBe(ok);
      const cleared = await patch(admin.accessToken, room101.communityId, { dutyPhone: null });
      expect([cleared.status, cleared.body.dutyPhone]).toEqual([200, null]);
      expect((await api.detail(zhangsan.accessToken, (await api.orderIn(cast, 'accepted')).id)).body.dutyPhone).toBeNull();
    });

    it('refuses bad numbers with a zh-CN message naming the field, and missing or extra fields', async () => {
      for (const bad of ['119', '12345678901', 'abc', '021-123', '', 12345, ['13800138000'], '1'.repeat(40)]) {
        const r = await patch(admin.accessToken, room101.communityId, { dutyPhone: bad });
        expect([JSON.stringify(bad), r.status, r.body.code]).toEqual([JSON.stringify(bad), 400, 'VALIDATION_FAILED']);
        expect(r.body.details[0]).toEqual(expect.objectContaining({ field: 'dutyPhone' }));
        expect(r.body.message).toMatch(/值班电话/);
      }
      expect((await patch(admin.accessToken, room101.communityId, {})).status).toBe(400);
      expect((await patch(admin.accessToken, room101.communityId, { dutyPhone: '13800138000', extra: 1 })).status).toBe(400);
    });

    it('only admins; another company’s community does not exist (404), and nothing changes', async () => {
      await patch(admin.accessToken, room101.communityId, { dutyPhone: '021-60001234' });
      for (const who of [agent1, tech1, zhangsan]) {
        const r = await patch(who.accessToken, room101.communityId, { dutyPhone: '13800138000' });
        expect([r.status, r.body.code]).toEqual([403, 'FORBIDDEN']);
        expect((await t.get('/api/admin/communities/duty-phones', { token: who.accessToken })).status).toBe(403);
      }
      const theirs = await patch(admin.accessToken, far.communityId, { dutyPhone: '13800138000' });
      expect([theirs.status, theirs.body.code]).toEqual([404, 'NOT_FOUND']);
      const mine = await patch(far.admin.accessToken, room101.communityId, { dutyPhone: '13800138000' });
      expect([mine.status, mine.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await patch(admin.accessToken, 99_999_999, { dutyPhone: '13800138000' })).status).toBe(404);
      const rows = await t.query('SELECT duty_phone FROM communities WHERE id IN (?, ?) ORDER BY id', [room101.communityId, far.communityId]);
      expect(rows.map((r: { duty_phone: string | null }) => r.duty_phone)).toEqual(['021-60001234', null]);
      expect((await t.patch(`/api/admin/communities/${room101.communityId}/duty-phone`, { dutyPhone: '13800138000' })).status).toBe(401);
    });
  });

  it('GET /api/me gives the caller their own authorised number in full (to prefill the contact phone)', async () => {
    const me = await t.get('/api/me', { token: zhangsan.accessToken });
    expect(me.body).toEqual(expect.objectContaining({ phone: '13800000001', phoneMasked: '138****0001' }));
    const newcomer = await t.resident('polish-no-phone');
    expect((await t.get('/api/me', { token: newcomer.accessToken })).body.phone).toBeNull();
  });
});
