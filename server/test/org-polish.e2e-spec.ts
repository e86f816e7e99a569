import { ApiError, BindingConsentView, BindingStaffView, BindingView, LoginResponse, Me, NotificationView, Page, WorkbenchCounts } from '@linli/shared';
import { PNG, repairsApi } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

type Or<T> = T & Partial<ApiError>;
const FULL_PHONE = /1[3-9]\d{9}/;
const HOUR = 3600_000;

describe('#11 polish: tenant bindings need the owner’s consent or a lease; past shifts; workbench counts', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let sup1: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, tech1: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: { id: number; communityId: number };

  const bind = (who: LoginResponse, roomId: number, relation: string, name: string, leaseUploadIds?: number[]) =>
    t.post<Or<BindingView>>('/api/bindings', { roomId, relation, name, ...(leaseUploadIds ? { leaseUploadIds } : {}) }, { token: who.accessToken });
  const approve = (who: LoginResponse, b: { id: number; version: number }) =>
    t.post<Or<BindingStaffView>>(`/api/staff/bindings/${b.id}/approve`, { version: b.version }, { token: who.accessToken });
  const staffCard = async (id: number) =>
    (await t.get<Page<BindingStaffView>>('/api/staff/bindings?status=pending&limit=100', { token: sup1.accessToken })).body.items.find((b) => b.id === id);
  const consents = async (who: LoginResponse) => t.get<Or<BindingConsentView[]>>('/api/bindings/consents', { token: who.accessToken });
  const consent = (who: LoginResponse, id: number, version: number, agree: boolean) =>
    t.post<Or<BindingConsentView>>(`/api/bindings/${id}/consent`, { version, agree }, { token: who.accessToken });
  /** a new resident with an authorised phone */
  const tenant = async (code: string, phone: string) => {
    const r = await t.resident(code);
    expect((await t.post('/api/me/phone', { code: `dev:${phone}` }, { token: r.accessToken })).status).toBe(200);
    return r;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    api = repairsApi(t);
    [sup1, agent1, agent2, tech1] = await Promise.all(['supervisor1', 'agent1', 'agent2', 'technician1'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all([t.resident('zhangsan'), t.resident('lisi')]);
    room101 = await t.room('锦绣花园', '1栋1单元101');
  });
  afterAll(() => t.close());

  describe('8. tenant bindings', () => {
    let asked: BindingView;

    it('a tenant of a room whose owner is in the app: the owner is asked (inbox, name and masked phone only); staff cannot approve yet', async () => {
      const zhou = await tenant('polish-zhou', '13911110001');
      const r = await bind(zhou, room101.id, 'tenant', '周租户');
      expect(r.status).toBe(201);
      expect(r.body).toEqual(expect.objectContaining({ status: 'pending', ownerConsent: 'requested', leaseCount: 0, verifiedBy: null }));
      asked = r.body;

      const inbox = await t.get<Page<NotificationView>>('/api/notifications', { token: zhangsan.accessToken });
      const note = inbox.body.items.find((n) => n.title === '租户绑定待您确认');
      expect(note).toBeDefined();
      expect(note!.body).toBe('周租户（139****0001）申请以租户身份绑定 锦绣花园 1栋1单元101，请确认是否同意。');
      expect(note!.link).toBe('/bindings/consents');
      expect(JSON.stringify(inbox.body)).not.toContain('13911110001');
      // written through the notify path: one inbox row keyed by the binding; no WeChat row (not a subscribable template)
      const rows = await t.query('SELECT template FROM notifications WHERE dedupe_key LIKE ?', [`binding:${asked.id}:consent:%`]);
      expect(rows).toEqual([{ template: 'binding_consent' }]);
      expect(await t.query('SELECT id FROM outbox WHERE dedupe_key LIKE ?', [`binding:${asked.id}:%`])).toEqual([]);

      const list = await consents(zhangsan);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([
        expect.objectContaining({ id: asked.id, roomLabel: '1栋1单元101', communityName: '锦绣花园', tenantName: '周租户', tenantPhoneMasked: '139****0001' }),
      ]);
      expect(JSON.stringify(list.body)).not.toMatch(FULL_PHONE);
      // nobody else is asked, nor may decide
      expect((await consents(lisi)).body).toEqual([]);
      expect((await consent(lisi, asked.id, asked.version, true)).status).toBe(404);
      expect((await consent(zhou, asked.id, asked.version, true)).status).toBe(404);

      const card = await staffCard(asked.id);
      expect(card?.approveBlockedReason).toMatch(/等待业主/);
      const a = await approve(sup1, asked);
      expect(a.status).toBe(409);
      expect(a.body).toEqual(expect.objectContaining({ code: 'BINDING_NEEDS_PROOF', message: expect.stringMatching(/等待业主/) }));
      expect((await t.query('SELECT status FROM room_bindings WHERE id = ?', [asked.id]))[0].status).toBe('pending');
    });

    it('the owner agrees: the binding is approved (owner_consent) and the tenant’s current room; a second answer is 409', async () => {
      expect((await consent(zhangsan, asked.id, asked.version + 5, true)).status).toBe(409);
      const r = await consent(zhangsan, asked.id, asked.version, true);
      expect(r.status).toBe(200);
      expect(r.body).toEqual(expect.objectContaining({ id: asked.id, status: 'approved', consent: 'approved', tenantPhoneMasked: '139****0001' }));
      const [row] = await t.query('SELECT status, verified_by, owner_consent, owner_consent_by, user_id FROM room_bindings WHERE id = ?', [asked.id]);
      expect(row).toEqual(
        expect.objectContaining({ status: 'approved', verified_by: 'owner_consent', owner_consent: 'approved', owner_consent_by: zhangsan.me.id }),
      );
      const [u] = await t.query('SELECT current_room_id FROM users WHERE id = ?', [row.user_id]);
      expect(Number(u.current_room_id)).toBe(room101.id);
      expect((await consent(zhangsan, asked.id, r.body.version, false)).status).toBe(409);
      expect((await consents(zhangsan)).body).toEqual([]);
      expect(await t.query("SELECT actor_id FROM audit_logs WHERE action = 'binding.owner_consent' AND subject_id = ?", [asked.id])).toHaveLength(1);
    });

    it('the owner declines: the binding is rejected and the tenant reads why', async () => {
      const wu = await tenant('polish-wu', '13911110002');
      const b = (await bind(wu, room101.id, 'tenant', '吴租户')).body;
      const r = await consent(zhangsan, b.id, b.version, false);
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('rejected');
      const me = (await t.get<Me>('/api/me', { token: wu.accessToken })).body;
      expect(me.bindings).toEqual([expect.objectContaining({ id: b.id, status: 'rejected', rejectReason: '业主未同意该租户绑定', ownerConsent: 'declined' })]);
      expect(me.currentRoomId).toBeNull();
    });

    it('no owner in the app and no lease: nobody to ask, and staff cannot approve (zh-CN reason)', async () => {
      const room = await t.room('锦绣花园', '1栋2单元501');
      const qian = await tenant('polish-qian', '13911110003');
      const b = (await bind(qian, room.id, 'tenant', '钱租户')).body;
      expect(b).toEqual(expect.objectContaining({ status: 'pending', ownerConsent: null, leaseCount: 0 }));
      expect((await staffCard(b.id))?.approveBlockedReason).toBe('该房屋没有业主在小程序中登记，租户也未上传租赁合同，不能通过；请驳回并请租户上传租赁合同');
      const a = await approve(sup1, b);
      expect(a.status).toBe(409);
      expect(a.body.message).toBe('该房屋没有业主在小程序中登记，租户也未上传租赁合同，不能通过；请驳回并请租户上传租赁合同');
      // owners and family are not held back by it
      const fam = await tenant('polish-fam', '13911110004');
      const f = (await bind(fam, room.id, 'family', '孙家属')).body;
      expect((await staffCard(f.id))?.approveBlockedReason).toBeNull();
      expect((await approve(sup1, f)).status).toBe(200);
    });

    it('a lease: attached from the tenant’s own uploads, shown to the supervisor (signed URL), then approvable', async () => {
      const room = await t.room('锦绣花园', '1栋2单元502');
      const zhao = await tenant('polish-zhao', '13911110005');
      const lease = await api.photo(zhao.accessToken, PNG);
      // only tenants attach a lease; someone else's upload is refused; nothing is written then
      expect((await bind(zhao, room.id, 'family', '赵租户', [lease.id])).status).toBe(400);
      const other = await api.photo(lisi.accessToken, PNG);
      const stolen = await bind(zhao, room.id, 'tenant', '赵租户', [other.id]);
      expect(stolen.status).toBe(400);
      expect(stolen.body.code).toBe('INVALID_UPLOAD');
      expect(await t.query('SELECT id FROM room_bindings WHERE room_id = ?', [room.id])).toEqual([]);
      expect((await bind(zhao, room.id, 'tenant', '赵租户', [1, 2, 3, 4, 5, 6, 7])).status).toBe(400);

      const r = await bind(zhao, room.id, 'tenant', '赵租户', [lease.id]);
      expect(r.status).toBe(201);
      expect(r.body).toEqual(expect.objectContaining({ ownerConsent: null, leaseCount: 1 }));
      const card = await staffCard(r.body.id);
      expect(card?.approveBlockedReason).toBeNull();
      expect(card?.leasePhotos).toEqual([
        expect.objectContaining({ id: lease.id, mime: 'image/png', url: expect.stringMatching(/^\/api\/uploads\/\d+\/content\?exp=/) }),
      ]);
      const img = await fetch(`${t.url}${card!.leasePhotos[0].url}`);
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/png');
      // the upload is now the binding's: it cannot back another request
      const again = await tenant('polish-zhao2', '13911110006');
      expect((await bind(again, room.id, 'tenant', '赵二', [lease.id])).status).toBe(400);
      const a = await approve(sup1, r.body);
      expect(a.status).toBe(200);
      expect(a.body).toEqual(expect.objectContaining({ status: 'approved', verifiedBy: 'staff' }));
    });
  });

  describe('9. duty shifts', () => {
    it('a shift entirely in the past is refused (400, zh-CN, on endsAt); one still running is a late entry', async () => {
      const now = Date.now();
      const plan = { communityId: room101.communityId, userId: agent1.me.id, role: 'agent' };
      const before = (await t.query('SELECT COUNT(*) AS n FROM duty_shifts'))[0].n;
      const past = await t.post(
        '/api/staff/duty/shifts',
        { ...plan, startsAt: new Date(now - 10 * HOUR).toISOString(), endsAt: new Date(now - 2 * HOUR).toISOString() },
        { token: sup1.accessToken },
      );
      expect(past.status).toBe(400);
      expect(past.body).toEqual(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          message: '该班次已整段过去，不能再排；补记请联系管理员',
          details: [expect.objectContaining({ field: 'endsAt', rule: 'shift_in_past' })],
        }),
      );
      expect((await t.query('SELECT COUNT(*) AS n FROM duty_shifts'))[0].n).toBe(before);
      const late = await t.post(
        '/api/staff/duty/shifts',
        { ...plan, startsAt: new Date(now - 2 * HOUR).toISOString(), endsAt: new Date(now + 6 * HOUR).toISOString() },
        { token: sup1.accessToken },
      );
      expect(late.status).toBe(201);
    });
  });

  describe('10. workbench counts', () => {
    const counts = async (who: LoginResponse) => t.get<Or<WorkbenchCounts>>('/api/staff/workbench/counts', { token: who.accessToken });

    it('per tile for the caller’s roles and communities, following new work; technicians none; residents 403', async () => {
      const before = (await counts(agent1)).body;
      expect(Object.keys(before.tiles).sort()).toEqual(['complaints', 'new-resident-visits', 'repairs']);
      expect(Object.keys(before.tiles.repairs!).sort()).toEqual(['overdue', 'toAccept', 'toDispatch', 'toReturnVisit']);
      const d = await api.file(zhangsan.accessToken, room101.id);
      const after = (await counts(agent1)).body;
      expect(after.tiles.repairs!.toAccept).toBe(before.tiles.repairs!.toAccept! + 1);
      await api.step(agent1.accessToken, d.id, 'accept', { tier: 'normal' });
      const accepted = (await counts(agent1)).body;
      expect(accepted.tiles.repairs!.toAccept).toBe(before.tiles.repairs!.toAccept);
      expect(accepted.tiles.repairs!.toDispatch).toBe(before.tiles.repairs!.toDispatch! + 1);
      // agent2 works in 翠湖苑 only: 锦绣花园's order is not theirs
      const other = (await counts(agent2)).body;
      expect(other.tiles.repairs!.toDispatch).toBe(0);
      // the supervisor also has the binding approvals (the pending ones of 锦绣花园)
      const pending = Number(
        (await t.query("SELECT COUNT(*) AS n FROM room_bindings WHERE status = 'pending' AND community_id = ?", [room101.communityId]))[0].n,
      );
      expect(pending).toBeGreaterThan(0);
      expect((await counts(sup1)).body.tiles.bindings).toEqual({ toApprove: pending });
      expect((await counts(tech1)).body).toEqual({ tiles: {} });
      expect((await counts(zhangsan)).status).toBe(403);
    });

    it('an order past its due time counts as 已超时', async () => {
      const d = await api.file(zhangsan.accessToken, room101.id);
      const before = (await counts(agent1)).body.tiles.repairs!.overdue!;
      await t.query('UPDATE tickets SET sla_due_at = ? WHERE id = ?', [new Date(Date.now() - HOUR).toISOString().replace('T', ' ').replace('Z', ''), d.id]);
      expect((await counts(agent1)).body.tiles.repairs!.overdue).toBe(before + 1);
    });
  });
});
