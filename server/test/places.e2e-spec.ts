import { CommunityView, LoginResponse, PlaceBuildingView, PlaceCommunityView, PlaceRoomView, PlaceUnitView, ResidentStaffView, RoomView } from '@linli/shared';
import { OtherCompany, otherCompany, ROOMS_HEADER as HEADER, uploadRooms } from './helpers/places';
import { Res, TestApp } from './helpers/test-app';

const ZH = /[\u4e00-\u9fa5]/;
const FULL_PHONE = /1[3-9]\d{9}/;

/** Room imports (background jobs, CSV and .xlsx): places-import.e2e-spec.ts. */
describe('places: communities, buildings, units, rooms (admin), owners on record', () => {
  let t: TestApp;
  let admin: LoginResponse, sup1: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, resident: LoginResponse;
  let community: PlaceCommunityView, building: PlaceBuildingView, unit: PlaceUnitView, room: PlaceRoomView;
  let other: OtherCompany;
  let otherAdmin: LoginResponse;
  const tok = (who: LoginResponse) => ({ token: who.accessToken });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.query(sql, params))[0].n);
  const upload = (who: LoginResponse, communityId: number, name: string, data: string) => uploadRooms(t, who, communityId, name, data);

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, sup1, agent1, agent2] = await Promise.all(['admin', 'supervisor1', 'agent1', 'agent2'].map((u) => t.staff(u)));
    resident = await t.resident('places-newcomer');
    other = await otherCompany(t);
    otherAdmin = other.admin;
  });
  afterAll(() => t?.close());

  describe('CRUD', () => {
    it('creates a community (Idempotency-Key replays), a building, a unit and a room; lists show them with state and version', async () => {
      const body = { name: '新苑', code: 'XY', address: '新苑路 1 号' };
      const key = { headers: { 'Idempotency-Key': 'places-community-1' }, ...tok(admin) };
      const c = await t.post<PlaceCommunityView>('/api/admin/communities', body, key);
      expect(c.status).toBe(201);
      expect(c.body).toEqual(expect.objectContaining({ name: '新苑', code: 'XY', active: true, version: 1 }));
      const again = await t.post<PlaceCommunityView>('/api/admin/communities', body, key);
      expect(again.body.id).toBe(c.body.id);
      expect(await count('SELECT COUNT(*) AS n FROM communities WHERE code = ?', ['XY'])).toBe(1);
      community = c.body;

      building = (await t.post<PlaceBuildingView>('/api/admin/buildings', { communityId: community.id, name: '1栋' }, tok(admin))).body;
      unit = (await t.post<PlaceUnitView>('/api/admin/units', { buildingId: building.id, name: '1单元' }, tok(admin))).body;
      const r = await t.post<PlaceRoomView>(
        '/api/admin/rooms',
        { unitId: unit.id, name: '101', floor: 1, areaCenti: 8956, ownerName: '钱未注册', ownerPhone: '13500000077' },
        tok(admin),
      );
      expect(r.status).toBe(201);
      expect(r.body).toEqual(
        expect.objectContaining({ label: '1栋1单元101', areaCenti: 8956, ownerName: '钱未注册', ownerPhone: '13500000077', active: true, version: 1 }),
      );
      room = r.body;

      const list = await t.get<PlaceCommunityView[]>('/api/admin/communities', tok(admin));
      expect(list.body.find((x) => x.id === community.id)).toEqual(expect.objectContaining({ active: true, version: 1 }));
      expect((await t.get<PlaceBuildingView[]>(`/api/admin/communities/${community.id}/buildings`, tok(admin))).body.map((b) => b.name)).toEqual(['1栋']);
      expect((await t.get<PlaceUnitView[]>(`/api/admin/buildings/${building.id}/units`, tok(admin))).body.map((u) => u.name)).toEqual(['1单元']);
      const rooms = await t.get<PlaceRoomView[]>(`/api/admin/units/${unit.id}/rooms`, tok(admin));
      expect(rooms.body).toEqual([expect.objectContaining({ id: room.id, ownerPhone: '13500000077' })]);
    });

    it('a room is unique in its unit (409 DUPLICATE_NAME); bad input is 400 with a zh-CN message', async () => {
      const dup = await t.post('/api/admin/rooms', { unitId: unit.id, name: '101' }, tok(admin));
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE_NAME');
      expect(dup.body.message).toMatch(ZH);
      for (const bad of [
        { unitId: unit.id, name: '102', areaCenti: 89.56 },
        { unitId: unit.id, name: '102', ownerPhone: '1350000007' },
        { unitId: unit.id, name: '   ' },
        { unitId: unit.id, name: '102', floor: 999 },
      ]) {
        const r = await t.post('/api/admin/rooms', bad, tok(admin));
        expect(r.status).toBe(400);
        expect(r.body.message).toMatch(ZH);
      }
      const badPatch = await t.patch(`/api/admin/rooms/${room.id}`, { version: room.version, areaCenti: -1 }, tok(admin));
      expect(badPatch.status).toBe(400);
      expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE unit_id = ?', [unit.id])).toBe(1);
    });

    it('edits a room with its version; a stale version is 409 and changes nothing', async () => {
      const r = await t.patch<PlaceRoomView>(`/api/admin/rooms/${room.id}`, { version: 1, areaCenti: 9012, floor: 2, name: '201' }, tok(admin));
      expect(r.status).toBe(200);
      expect(r.body).toEqual(expect.objectContaining({ name: '201', label: '1栋1单元201', areaCenti: 9012, floor: 2, version: 2 }));
      const stale = await t.patch(`/api/admin/rooms/${room.id}`, { version: 1, ownerName: '晚到的修改' }, tok(admin));
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const row = (await t.query('SELECT name, label, area_centi, owner_name, version FROM rooms WHERE id = ?', [room.id]))[0];
      expect([row.name, row.label, Number(row.area_centi), row.owner_name, Number(row.version)]).toEqual(['201', '1栋1单元201', 9012, '钱未注册', 2]);
      // clearing a field: null
      const cleared = await t.patch<PlaceRoomView>(`/api/admin/rooms/${room.id}`, { version: 2, floor: null }, tok(admin));
      expect(cleared.body.floor).toBeNull();
      room = cleared.body;
    });

    it('renaming a building or a unit renames its rooms; a taken name is 409', async () => {
      await t.post('/api/admin/buildings', { communityId: community.id, name: '2栋' }, tok(admin));
      expect((await t.patch(`/api/admin/buildings/${building.id}`, { version: 1, name: '2栋' }, tok(admin))).status).toBe(409);
      const b = await t.patch<PlaceBuildingView>(`/api/admin/buildings/${building.id}`, { version: 1, name: 'A座' }, tok(admin));
      expect(b.body).toEqual(expect.objectContaining({ name: 'A座', version: 2 }));
      expect((await t.query('SELECT label FROM rooms WHERE id = ?', [room.id]))[0].label).toBe('A座1单元201');
      const u = await t.patch<PlaceUnitView>(`/api/admin/units/${unit.id}`, { version: 1, name: '东单元' }, tok(admin));
      expect(u.body.name).toBe('东单元');
      expect((await t.query('SELECT label FROM rooms WHERE id = ?', [room.id]))[0].label).toBe('A座东单元201');
      building = b.body;
      unit = u.body;
    });

    it('deactivating hides a place from residents’ pickers, not from the admin; it can be turned back on', async () => {
      const off = await t.patch<PlaceRoomView>(`/api/admin/rooms/${room.id}`, { version: room.version, active: false }, tok(admin));
      expect(off.body.active).toBe(false);
      expect((await t.get<RoomView[]>(`/api/org/units/${unit.id}/rooms`, tok(resident))).body).toEqual([]);
      expect((await t.get<PlaceRoomView[]>(`/api/admin/units/${unit.id}/rooms`, tok(admin))).body.map((r) => r.active)).toEqual([false]);
      const c = await t.patch<PlaceCommunityView>(`/api/admin/communities/${community.id}`, { version: 1, active: false, address: null }, tok(admin));
      expect(c.body).toEqual(expect.objectContaining({ active: false, address: null, version: 2 }));
      expect((await t.get<CommunityView[]>('/api/org/communities', tok(resident))).body.map((x) => x.id)).not.toContain(community.id);
      const on = await t.patch<PlaceCommunityView>(`/api/admin/communities/${community.id}`, { version: 2, active: true }, tok(admin));
      expect(on.body.active).toBe(true);
      const back = await t.patch<PlaceRoomView>(`/api/admin/rooms/${room.id}`, { version: off.body.version, active: true }, tok(admin));
      expect(back.body.active).toBe(true);
      room = back.body;
      expect(await count("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'room.update' AND subject_id = ?", [room.id])).toBeGreaterThanOrEqual(4);
    });
  });

  describe('denials', () => {
    it('non-admins are 403 on every admin place route', async () => {
      for (const who of [sup1, agent1, resident]) {
        const answers = [
          await t.get('/api/admin/communities', tok(who)),
          await t.get(`/api/admin/communities/${community.id}/buildings`, tok(who)),
          await t.get(`/api/admin/units/${unit.id}/rooms`, tok(who)),
          await t.post('/api/admin/rooms', { unitId: unit.id, name: '909' }, tok(who)),
          await t.patch(`/api/admin/rooms/${room.id}`, { version: room.version, ownerName: '越权' }, tok(who)),
          await t.patch(`/api/admin/buildings/${building.id}`, { version: building.version, active: false }, tok(who)),
          await upload(who, community.id, 'rooms.csv', `${HEADER}\n1栋,1单元,909,9,90,,\n`),
        ];
        for (const r of answers) {
          expect(r.status).toBe(403);
          expect(r.body.code).toBe('FORBIDDEN');
        }
      }
      expect((await t.query('SELECT owner_name FROM rooms WHERE id = ?', [room.id]))[0].owner_name).toBe('钱未注册');
      expect(await count('SELECT COUNT(*) AS n FROM import_jobs')).toBe(0);
    });

    it("another company's places are 404 for the admin, both ways", async () => {
      const answers = [
        await t.get(`/api/admin/communities/${other.communityId}/buildings`, tok(admin)),
        await t.get(`/api/admin/buildings/${other.buildingId}/units`, tok(admin)),
        await t.get(`/api/admin/units/${other.unitId}/rooms`, tok(admin)),
        await t.patch(`/api/admin/communities/${other.communityId}`, { version: 1, name: '改名' }, tok(admin)),
        await t.patch(`/api/admin/buildings/${other.buildingId}`, { version: 1, name: '改名' }, tok(admin)),
        await t.patch(`/api/admin/units/${other.unitId}`, { version: 1, name: '改名' }, tok(admin)),
        await t.patch(`/api/admin/rooms/${other.roomId}`, { version: 1, ownerName: '改名' }, tok(admin)),
        await t.post('/api/admin/rooms', { unitId: other.unitId, name: '909' }, tok(admin)),
        await upload(admin, other.communityId, 'rooms.csv', `${HEADER}\n1栋,1单元,909,9,90,,\n`),
        await t.get(`/api/admin/units/${unit.id}/rooms`, tok(otherAdmin)),
        await t.patch(`/api/admin/rooms/${room.id}`, { version: room.version, ownerName: '别家' }, tok(otherAdmin)),
      ];
      for (const r of answers) {
        expect(r.status).toBe(404);
        expect(r.body.code).toBe('NOT_FOUND');
      }
      expect((await t.get<PlaceCommunityView[]>('/api/admin/communities', tok(otherAdmin))).body.map((c) => c.name)).toEqual(['别家小区']);
      expect((await t.query('SELECT owner_name FROM rooms WHERE id = ?', [other.roomId]))[0].owner_name).toBe('别家业主');
    });
  });

  describe('住户查询: owners on record who have not joined', () => {
    it('finds an owner on record by name or phone, marked unregistered, with the phone masked', async () => {
      for (const q of ['钱未注册', '13500000077']) {
        const r = await t.get<ResidentStaffView[]>(`/api/staff/residents?q=${encodeURIComponent(q)}`, tok(admin));
        expect(r.status).toBe(200);
        const owner = r.body.find((x) => !x.registered);
        expect(owner).toEqual({
          id: null,
          registered: false,
          name: '钱未注册',
          phoneMasked: '135****0077',
          rooms: [{ roomId: room.id, label: 'A座东单元201', relation: 'owner', status: 'unregistered' }],
        });
        expect(JSON.stringify(r.body)).not.toMatch(FULL_PHONE);
      }
    });

    it('an owner who has joined is listed once, as a resident, not as an owner on record', async () => {
      // 张三 (13800000001) owns 锦绣花园 1栋1单元101 and has an account
      const r = await t.get<ResidentStaffView[]>(`/api/staff/residents?q=${encodeURIComponent('张三')}`, tok(agent1));
      expect(r.body.filter((x) => !x.registered)).toEqual([]);
      expect(r.body.filter((x) => x.registered).map((x) => x.name)).toContain('张三');
      const byPhone = await t.get<ResidentStaffView[]>('/api/staff/residents?q=13800000001', tok(agent1));
      expect(byPhone.body.filter((x) => !x.registered)).toEqual([]);
    });

    it('scope: other communities and companies do not see the owner; revealing the number is audited and scoped', async () => {
      // agent2 works in 翠湖苑 only
      expect((await t.get<ResidentStaffView[]>(`/api/staff/residents?q=${encodeURIComponent('钱未注册')}`, tok(agent2))).body).toEqual([]);
      expect((await t.get<ResidentStaffView[]>(`/api/staff/residents?q=${encodeURIComponent('别家业主')}`, tok(admin))).body).toEqual([]);
      const reveal = await t.post<{ phone: string }>(`/api/staff/rooms/${room.id}/owner-phone`, undefined, tok(admin));
      expect(reveal.status).toBe(200);
      expect(reveal.body.phone).toBe('13500000077');
      expect(await count("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'phone.reveal' AND subject_type = 'room' AND subject_id = ?", [room.id])).toBe(1);
      expect((await t.post(`/api/staff/rooms/${other.roomId}/owner-phone`, undefined, tok(admin))).status).toBe(404);
      expect((await t.post(`/api/staff/rooms/${room.id}/owner-phone`, undefined, tok(resident))).status).toBe(403);
    });
  });

  describe('statement budgets', () => {
    const log = { 'x-sql-log': '1' };
    const n = (r: Res) => Number(r.headers.get('x-sql-statements') ?? NaN);
    const measure = async (run: () => Promise<Res>, max: number) => {
      await t.get('/api/me', tok(admin)); // a warm access cache
      const r = await run();
      expect(r.status).toBeLessThan(300);
      const sql = (await t.get<string[]>('/api/test/last-sql')).body ?? [];
      const coldCache = /^SELECT \? AS t, active AS a, token_version/.test(sql[0] ?? '') ? 1 : 0;
      expect(n(r)).toBeGreaterThan(0);
      if (!(n(r) - coldCache <= max)) throw new Error(`${n(r)} statements > ${max}\n${sql.join('\n')}`);
    };
    it('the rooms of a unit (a list page): ≤ 3 statements', () =>
      measure(() => t.get(`/api/admin/units/${unit.id}/rooms`, { ...tok(admin), headers: log }), 3));
    it('the buildings of a community (a list page): ≤ 3 statements', () =>
      measure(() => t.get(`/api/admin/communities/${community.id}/buildings`, { ...tok(admin), headers: log }), 3));
    it('create a room: ≤ 8 statements', () =>
      measure(() => t.post('/api/admin/rooms', { unitId: unit.id, name: '301', areaCenti: 10000 }, { ...tok(admin), headers: log }), 8));
    it('create a room with Idempotency-Key: ≤ 10 statements', () =>
      measure(
        () => t.post('/api/admin/rooms', { unitId: unit.id, name: '302' }, { ...tok(admin), headers: { ...log, 'Idempotency-Key': 'places-room-302' } }),
        10,
      ));
    it('edit a room: ≤ 8 statements', async () => {
      const v = Number((await t.query('SELECT version FROM rooms WHERE id = ?', [room.id]))[0].version);
      await measure(() => t.patch(`/api/admin/rooms/${room.id}`, { version: v, ownerName: '钱未注册' }, { ...tok(admin), headers: log }), 8);
    });
  });
});
