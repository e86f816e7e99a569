import * as bcrypt from 'bcryptjs';
import {
  ApiError,
  BuildingView,
  CommunityView,
  LoginResponse,
  PlaceBuildingView,
  PlaceCommunityView,
  PlaceRoomView,
  PlaceUnitView,
  RoomImportResult,
  RoomStaffView,
  RoomView,
  UnitView,
} from '@linli/shared';
import { TestApp } from './helpers/test-app';

const FULL_PHONE = /1[3-9]\d{9}/;
const HEADER = 'building,unit,room,floor,area,owner_name,owner_phone';
const NOW = '2026-01-01 00:00:00.000';
type Or<T> = T & Partial<ApiError>;

/** 5 buildings × 2 units × 20 floors × 10 rooms = 2,000 rows; `tag` changes the owner names for a re-import. */
function roomsCsv(tag = '业主', eol = '\n') {
  const lines = [HEADER];
  let i = 0;
  for (let b = 1; b <= 5; b++)
    for (let u = 1; u <= 2; u++)
      for (let floor = 1; floor <= 20; floor++)
        for (let n = 1; n <= 10; n++) {
          const room = `${floor}${String(n).padStart(2, '0')}`;
          const area = n % 2 ? '89.56' : '124.3';
          const phone = `137${String(i).padStart(8, '0')}`;
          if (i === 0) lines.push(`${b}栋,${u}单元,${room},${floor},${area},"欧阳,${tag}","+86 ${phone}"`);
          else if (i === 1) lines.push(`${b}栋,${u}单元,${room},,,,`);
          else lines.push(`${b}栋,${u}单元,${room},${floor},${area},${tag}${i},${phone}`);
          i++;
        }
  return lines.join(eol) + eol;
}

describe('org: pickers, tenancy scope, admin, CSV import, hotline lookup', () => {
  let t: TestApp;
  let admin: LoginResponse, sup1: LoginResponse, sup2: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, resident: LoginResponse;
  let jxhy: CommunityView, chy: CommunityView;

  const importCsv = (token: string, communityId: number, csv: string) =>
    t.req<Or<RoomImportResult>>('POST', `/api/admin/communities/${communityId}/rooms/import`, undefined, { token, raw: csv, contentType: 'text/csv' });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, sup1, sup2, agent1, agent2] = await Promise.all(['admin', 'supervisor1', 'supervisor2', 'agent1', 'agent2'].map((u) => t.staff(u)));
    resident = await t.resident('org-newcomer');
    const list = (await t.get<CommunityView[]>('/api/org/communities', { token: admin.accessToken })).body;
    jxhy = list.find((c) => c.code === 'JXHY')!;
    chy = list.find((c) => c.code === 'CHY')!;
  });
  afterAll(() => t.close());

  describe('pickers', () => {
    it("a resident (even before binding) sees the company's 2 communities, their buildings, units and rooms", async () => {
      const tok = { token: resident.accessToken };
      const cs = await t.get<CommunityView[]>('/api/org/communities', tok);
      expect(cs.status).toBe(200);
      expect(cs.body).toEqual([
        { id: jxhy.id, companyId: resident.me.companyId, name: '锦绣花园', code: 'JXHY', address: '锦绣路 88 号', handoverDate: '2026-03-01' },
        { id: chy.id, companyId: resident.me.companyId, name: '翠湖苑', code: 'CHY', address: '翠湖大道 16 号', handoverDate: '2019-06-30' },
      ]);
      const bs = await t.get<BuildingView[]>(`/api/org/communities/${jxhy.id}/buildings`, tok);
      expect(bs.body.map((b) => b.name)).toEqual(['1栋', '2栋', '3栋']);
      const us = await t.get<UnitView[]>(`/api/org/buildings/${bs.body[0].id}/units`, tok);
      expect(us.body.map((u) => u.name)).toEqual(['1单元', '2单元']);
      expect(us.body.every((u) => u.buildingId === bs.body[0].id)).toBe(true);
      const rs = await t.get<RoomView[]>(`/api/org/units/${us.body[0].id}/rooms`, tok);
      expect(rs.body).toHaveLength(12);
      expect(rs.body.map((r) => r.name).slice(0, 4)).toEqual(['101', '102', '201', '202']);
      expect(rs.body[0]).toEqual({
        id: expect.any(Number),
        communityId: jxhy.id,
        buildingId: bs.body[0].id,
        unitId: us.body[0].id,
        name: '101',
        floor: 1,
        areaCenti: 8956,
        label: '1栋1单元101',
      });
    });

    it('room views for residents carry no owner fields; staff views carry the owner with the phone masked', async () => {
      const unit = (await t.query('SELECT unit_id FROM rooms WHERE community_id = ? AND label = ?', [jxhy.id, '1栋1单元101']))[0].unit_id;
      const forResident = await t.get<RoomView[]>(`/api/org/units/${unit}/rooms`, { token: resident.accessToken });
      for (const r of forResident.body) {
        expect(Object.keys(r).sort()).toEqual(['areaCenti', 'communityId', 'buildingId', 'floor', 'id', 'label', 'name', 'unitId'].sort());
      }
      expect(JSON.stringify(forResident.body)).not.toMatch(/张三|李建国|ownerName|ownerPhone/);
      expect(JSON.stringify(forResident.body)).not.toMatch(FULL_PHONE);

      const forStaff = await t.get<RoomStaffView[]>(`/api/org/units/${unit}/rooms`, { token: sup1.accessToken });
      const byName = new Map(forStaff.body.map((r) => [r.name, r]));
      expect(byName.get('101')).toEqual(expect.objectContaining({ ownerName: '张三', ownerPhoneMasked: '138****0001' }));
      expect(byName.get('102')).toEqual(expect.objectContaining({ ownerName: '李建国', ownerPhoneMasked: '138****0002' }));
      expect(byName.get('201')).toEqual(expect.objectContaining({ ownerName: null, ownerPhoneMasked: null }));
      expect(JSON.stringify(forStaff.body)).not.toMatch(FULL_PHONE);
    });

    it('supervisor2 (翠湖苑 only) sees only 翠湖苑 and gets 404 for anything in 锦绣花园', async () => {
      const tok = { token: sup2.accessToken };
      expect((await t.get<CommunityView[]>('/api/org/communities', tok)).body.map((c) => c.name)).toEqual(['翠湖苑']);
      const r = await t.get(`/api/org/communities/${jxhy.id}/buildings`, tok);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
      const b = (await t.query('SELECT id FROM buildings WHERE community_id = ? ORDER BY id LIMIT 1', [jxhy.id]))[0].id;
      const u = (await t.query('SELECT id FROM units WHERE community_id = ? ORDER BY id LIMIT 1', [jxhy.id]))[0].id;
      expect((await t.get(`/api/org/buildings/${b}/units`, tok)).status).toBe(404);
      expect((await t.get(`/api/org/units/${u}/rooms`, tok)).status).toBe(404);
      expect((await t.get(`/api/org/communities/${chy.id}/buildings`, tok)).status).toBe(200);
      // an id that does not exist at all looks the same
      expect((await t.get('/api/org/communities/999999/buildings', tok)).status).toBe(404);
    });
  });

  describe('a second company', () => {
    const other = { companyId: 0, communityId: 0, buildingId: 0, unitId: 0, roomIds: [] as number[], adminId: 0, supId: 0 };
    let otherAdmin: LoginResponse, otherSup: LoginResponse, otherResident: LoginResponse;

    beforeAll(async () => {
      await t.query('INSERT INTO companies (name, resident_appid, staff_appid, created_at) VALUES (?, NULL, NULL, ?)', ['远方物业有限公司', NOW]);
      other.companyId = Number((await t.query('SELECT id FROM companies WHERE name = ?', ['远方物业有限公司']))[0].id);
      // the same community code as company 1's: codes are unique per company only
      await t.query('INSERT INTO communities (company_id, name, code, address, handover_date, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        other.companyId,
        '远方小区',
        'JXHY',
        '远方路 1 号',
        '2025-01-01',
        NOW,
      ]);
      other.communityId = Number((await t.query('SELECT id FROM communities WHERE company_id = ?', [other.companyId]))[0].id);
      await t.query('INSERT INTO buildings (company_id, community_id, name) VALUES (?, ?, ?)', [other.companyId, other.communityId, '1栋']);
      other.buildingId = Number((await t.query('SELECT id FROM buildings WHERE community_id = ?', [other.communityId]))[0].id);
      await t.query('INSERT INTO units (company_id, community_id, building_id, name) VALUES (?, ?, ?, ?)', [
        other.companyId,
        other.communityId,
        other.buildingId,
        '1单元',
      ]);
      other.unitId = Number((await t.query('SELECT id FROM units WHERE building_id = ?', [other.buildingId]))[0].id);
      const otherRooms: [string, string | null][] = [
        ['101', '13700000001'],
        ['1201', null],
      ];
      for (const [name, phone] of otherRooms) {
        await t.query(
          'INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, owner_name, owner_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            other.companyId,
            other.communityId,
            other.buildingId,
            other.unitId,
            name,
            `1栋1单元${name}`,
            Number(name.slice(0, -2)),
            9000,
            phone ? '远业主' : null,
            phone,
            NOW,
          ],
        );
      }
      other.roomIds = (await t.query('SELECT id FROM rooms WHERE community_id = ? ORDER BY id', [other.communityId])).map((r) => Number(r.id));
      const hash = bcrypt.hashSync('other-pass-1', 4);
      for (const [username, roles, name] of [
        ['other.admin', 'admin', '远方管理'],
        ['other.sup', 'supervisor', '远方主管'],
      ]) {
        await t.query(
          'INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
          [other.companyId, 'staff', name, '13700009999', username, hash, roles, 1, NOW],
        );
      }
      other.adminId = Number((await t.query('SELECT id FROM users WHERE username = ?', ['other.admin']))[0].id);
      other.supId = Number((await t.query('SELECT id FROM users WHERE username = ?', ['other.sup']))[0].id);
      await t.query('INSERT INTO staff_communities (user_id, community_id) VALUES (?, ?)', [other.supId, other.communityId]);
      // a resident of company 2, reachable through dev login
      await t.query(
        'INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?)',
        [other.companyId, 'resident', '远方住户', '13700000001', 'resident', 1, NOW],
      );
      const resId = Number((await t.query('SELECT id FROM users WHERE company_id = ? AND kind = ?', [other.companyId, 'resident']))[0].id);
      await t.query('INSERT INTO wechat_identities (user_id, app, appid, openid, unionid) VALUES (?, ?, ?, ?, NULL)', [
        resId,
        'resident',
        'dev-resident',
        'dev:other-resident',
      ]);

      otherAdmin = await t.staff('other.admin', 'other-pass-1');
      otherSup = await t.staff('other.sup', 'other-pass-1');
      otherResident = await t.resident('other-resident');
      expect(otherResident.me.companyId).toBe(other.companyId);
      // a pending binding in company 2
      const b = await t.post('/api/bindings', { roomId: other.roomIds[1], relation: 'tenant', name: '远方住户' }, { token: otherResident.accessToken });
      expect(b.body.status).toBe('pending');
    });

    it("company 2's staff see only company 2", async () => {
      for (const s of [otherAdmin, otherSup]) {
        const tok = { token: s.accessToken };
        const cs = await t.get<CommunityView[]>('/api/org/communities', tok);
        expect(cs.body.map((c) => c.name)).toEqual(['远方小区']);
        expect((await t.get(`/api/org/communities/${jxhy.id}/buildings`, tok)).status).toBe(404);
        expect((await t.get(`/api/org/communities/${other.communityId}/buildings`, tok)).body.map((b: BuildingView) => b.name)).toEqual(['1栋']);
        const rooms = await t.get<RoomStaffView[]>('/api/staff/rooms?q=101', tok);
        expect(rooms.body.map((r) => r.id)).toEqual([other.roomIds[0]]);
        expect((await t.get('/api/staff/rooms?q=13800000001', tok)).body).toEqual([]);
        const bindings = await t.get('/api/staff/bindings', tok);
        expect(bindings.body.items.map((b: any) => b.communityId)).toEqual([other.communityId]);
        expect((await t.get('/api/staff/residents?q=张三', tok)).body).toEqual([]);
      }
      const zhangsan = await t.resident('zhangsan');
      expect((await t.post(`/api/staff/residents/${zhangsan.me.id}/phone`, undefined, { token: otherAdmin.accessToken })).status).toBe(404);
      const staff = await t.get('/api/admin/staff', { token: otherAdmin.accessToken });
      expect(staff.body.map((s: any) => s.username).sort()).toEqual(['other.admin', 'other.sup']);
      expect((await t.get<CommunityView[]>('/api/admin/communities', { token: otherAdmin.accessToken })).body.map((c) => c.name)).toEqual(['远方小区']);
    });

    it("company 1's admin cannot see or touch company 2", async () => {
      const tok = { token: admin.accessToken };
      expect((await t.get<CommunityView[]>('/api/org/communities', tok)).body.map((c) => c.id)).not.toContain(other.communityId);
      expect((await t.get<CommunityView[]>('/api/admin/communities', tok)).body.map((c) => c.id)).not.toContain(other.communityId);
      for (const p of [
        `/api/org/communities/${other.communityId}/buildings`,
        `/api/org/buildings/${other.buildingId}/units`,
        `/api/org/units/${other.unitId}/rooms`,
      ]) {
        const r = await t.get(p, tok);
        expect(r.status).toBe(404);
        expect(r.body.code).toBe('NOT_FOUND');
      }
      expect((await t.post('/api/admin/buildings', { communityId: other.communityId, name: '9栋' }, tok)).status).toBe(404);
      expect((await t.post('/api/admin/units', { buildingId: other.buildingId, name: '9单元' }, tok)).status).toBe(404);
      expect((await t.post('/api/admin/rooms', { unitId: other.unitId, name: '909' }, tok)).status).toBe(404);
      expect((await importCsv(admin.accessToken, other.communityId, `${HEADER}\n9栋,1单元,101,1,80,,\n`)).status).toBe(404);
      expect((await t.patch(`/api/admin/staff/${other.adminId}`, { active: false }, tok)).status).toBe(404);
      expect(
        (
          await t.post(
            '/api/admin/staff',
            { username: 'sneaky', password: 'sneaky-pass', name: '越界', roles: ['agent'], communityIds: [other.communityId] },
            tok,
          )
        ).status,
      ).toBe(404);
      expect((await t.get('/api/staff/rooms?q=13700000001', tok)).body).toEqual([]);
      expect((await t.get('/api/staff/rooms?q=1201', tok)).body.map((r: any) => r.id)).not.toContain(other.roomIds[1]);
      const bindings = await t.get('/api/staff/bindings', tok);
      expect(bindings.body.items.map((b: any) => b.communityId)).not.toContain(other.communityId);
      expect((await t.get('/api/staff/residents?q=远方', tok)).body).toEqual([]);
      const otherRes = await t.query('SELECT id FROM users WHERE company_id = ? AND kind = ?', [other.companyId, 'resident']);
      expect((await t.post(`/api/staff/residents/${otherRes[0].id}/phone`, undefined, tok)).status).toBe(404);
      // nothing was written
      expect(await count('SELECT COUNT(*) AS n FROM buildings WHERE community_id = ?', [other.communityId])).toBe(1);
      expect(await count('SELECT COUNT(*) AS n FROM users WHERE username = ?', ['sneaky'])).toBe(0);
      expect((await t.query('SELECT active FROM users WHERE id = ?', [other.adminId]))[0].active).toBeTruthy();
    });

    it('residents see only their own company', async () => {
      expect((await t.get<CommunityView[]>('/api/org/communities', { token: otherResident.accessToken })).body.map((c) => c.name)).toEqual(['远方小区']);
      expect((await t.get(`/api/org/communities/${jxhy.id}/buildings`, { token: otherResident.accessToken })).status).toBe(404);
      expect((await t.get(`/api/org/communities/${other.communityId}/buildings`, { token: resident.accessToken })).status).toBe(404);
      const jxRoom = await t.room('锦绣花园', '2栋1单元301');
      const cross = await t.post('/api/bindings', { roomId: jxRoom.id, relation: 'owner', name: '越界' }, { token: otherResident.accessToken });
      expect(cross.status).toBe(404);
      const back = await t.post('/api/bindings', { roomId: other.roomIds[0], relation: 'owner', name: '越界' }, { token: resident.accessToken });
      expect(back.status).toBe(404);
    });

    it('community codes are unique per company, not across companies', async () => {
      const r = await t.post<CommunityView>('/api/admin/communities', { name: '远方二期', code: 'CHY' }, { token: otherAdmin.accessToken });
      expect(r.status).toBe(201);
      expect(r.body.companyId).toBe(other.companyId);
    });
  });

  describe('admin: communities, buildings, units, rooms, staff', () => {
    let community: PlaceCommunityView, building: PlaceBuildingView, unit: PlaceUnitView;

    it('creates a community; a duplicate code is 409 DUPLICATE_NAME; a bad code is 400', async () => {
      const r = await t.post<Or<PlaceCommunityView>>(
        '/api/admin/communities',
        { name: '新城花园', code: 'XCHY', address: '新城路 1 号', handoverDate: '2026-05-01' },
        { token: admin.accessToken },
      );
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        id: expect.any(Number),
        companyId: admin.me.companyId,
        name: '新城花园',
        code: 'XCHY',
        address: '新城路 1 号',
        handoverDate: '2026-05-01',
        active: true,
        version: 1,
      });
      community = r.body;
      const dup = await t.post('/api/admin/communities', { name: '另一个新城', code: 'XCHY' }, { token: admin.accessToken });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE_NAME');
      expect((await t.post('/api/admin/communities', { name: '小写', code: 'xc' }, { token: admin.accessToken })).status).toBe(400);
      expect((await t.post('/api/admin/communities', { name: '坏日期', code: 'BAD', handoverDate: '2026/05/01' }, { token: admin.accessToken })).status).toBe(
        400,
      );
      // the admin's scope includes it at once, and residents can pick it
      const me = await t.get('/api/me', { token: admin.accessToken });
      expect(me.body.communities.map((c: any) => c.name)).toContain('新城花园');
      expect((await t.get<CommunityView[]>('/api/org/communities', { token: resident.accessToken })).body.map((c) => c.name)).toContain('新城花园');
    });

    it('creates a building, a unit and a room with a computed label; duplicates are 409', async () => {
      const tok = { token: admin.accessToken };
      const b = await t.post<PlaceBuildingView>('/api/admin/buildings', { communityId: community.id, name: '1栋' }, tok);
      expect(b.status).toBe(201);
      expect(b.body).toEqual({ id: expect.any(Number), communityId: community.id, name: '1栋', active: true, version: 1 });
      building = b.body;
      expect((await t.post('/api/admin/buildings', { communityId: community.id, name: '1栋' }, tok)).body.code).toBe('DUPLICATE_NAME');

      const u = await t.post<PlaceUnitView>('/api/admin/units', { buildingId: building.id, name: '1单元' }, tok);
      expect(u.status).toBe(201);
      expect(u.body).toEqual({ id: expect.any(Number), buildingId: building.id, name: '1单元', active: true, version: 1 });
      unit = u.body;
      expect((await t.post('/api/admin/units', { buildingId: building.id, name: '1单元' }, tok)).body.code).toBe('DUPLICATE_NAME');

      const r = await t.post<PlaceRoomView>(
        '/api/admin/rooms',
        { unitId: unit.id, name: '101', floor: 1, areaCenti: 8956, ownerName: '赵业主', ownerPhone: '13600000001' },
        tok,
      );
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        id: expect.any(Number),
        communityId: community.id,
        buildingId: building.id,
        unitId: unit.id,
        name: '101',
        floor: 1,
        areaCenti: 8956,
        label: '1栋1单元101',
        ownerName: '赵业主',
        // the admin keeps the owner record: the full number (other staff get it masked)
        ownerPhone: '13600000001',
        active: true,
        version: 1,
      });
      const dup = await t.post('/api/admin/rooms', { unitId: unit.id, name: '101' }, tok);
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE_NAME');
      expect((await t.post('/api/admin/rooms', { unitId: unit.id, name: '102', ownerPhone: '12345' }, tok)).status).toBe(400);
      expect((await t.post('/api/admin/rooms', { unitId: unit.id, name: '103', areaCenti: 89.56 }, tok)).status).toBe(400);
      const row = (await t.query('SELECT label, area_centi, owner_phone, company_id FROM rooms WHERE id = ?', [r.body.id]))[0];
      expect(row).toEqual(expect.objectContaining({ label: '1栋1单元101', owner_phone: '13600000001' }));
      expect(Number(row.area_centi)).toBe(8956);
      expect(Number(row.company_id)).toBe(admin.me.companyId);
    });

    it('non-admin staff and residents are 403 FORBIDDEN on every admin write', async () => {
      for (const who of [sup1, agent1, resident]) {
        const tok = { token: who.accessToken };
        const answers = [
          await t.post('/api/admin/communities', { name: '越权', code: 'NOPE' }, tok),
          await t.post('/api/admin/buildings', { communityId: community.id, name: '2栋' }, tok),
          await t.post('/api/admin/units', { buildingId: building.id, name: '2单元' }, tok),
          await t.post('/api/admin/rooms', { unitId: unit.id, name: '201' }, tok),
          await importCsv(who.accessToken, community.id, `${HEADER}\n2栋,1单元,101,1,80,,\n`),
          await t.get('/api/admin/staff', tok),
          await t.post('/api/admin/staff', { username: 'nope.user', password: 'nope-pass-1', name: '越权', roles: ['admin'], communityIds: [] }, tok),
        ];
        for (const r of answers) {
          expect(r.status).toBe(403);
          expect(r.body.code).toBe('FORBIDDEN');
        }
      }
      expect(await count('SELECT COUNT(*) AS n FROM communities WHERE code = ?', ['NOPE'])).toBe(0);
      expect(await count('SELECT COUNT(*) AS n FROM buildings WHERE community_id = ?', [community.id])).toBe(1);
    });

    it('creating the same staff username twice at once: one 201, one 409, and the account works', async () => {
      const body = { username: 'twin.agent', password: 'twin-pass-1', name: '双胞胎', roles: ['agent'], communityIds: [jxhy.id] };
      const answers = await Promise.all([
        t.post('/api/admin/staff', body, { token: admin.accessToken }),
        t.post('/api/admin/staff', body, { token: admin.accessToken }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect(await count('SELECT COUNT(*) AS n FROM users WHERE username = ?', ['twin.agent'])).toBe(1);
      const s = await t.staff('twin.agent', 'twin-pass-1');
      expect(s.me.communities.map((c) => c.id)).toEqual([jxhy.id]);
      expect(await count('SELECT COUNT(*) AS n FROM staff_communities WHERE user_id = ?', [s.me.id])).toBe(1);
    });
  });

  describe('CSV room import', () => {
    let drt: CommunityView;
    beforeAll(async () => {
      drt = (await t.post<CommunityView>('/api/admin/communities', { name: '导入测试苑', code: 'DRT' }, { token: admin.accessToken })).body;
    });

    it('imports 2,000 rows: rooms, buildings and units created, areas in centi-m², owners normalized', async () => {
      const r = await importCsv(admin.accessToken, drt.id, roomsCsv());
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ created: 2000, updated: 0, buildingsCreated: 5, unitsCreated: 10, errors: [] });
      expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [drt.id])).toBe(2000);
      expect(await count('SELECT COUNT(*) AS n FROM buildings WHERE community_id = ?', [drt.id])).toBe(5);
      expect(await count('SELECT COUNT(*) AS n FROM units WHERE community_id = ?', [drt.id])).toBe(10);

      const rows = await t.query(
        'SELECT label, floor, area_centi, owner_name, owner_phone, company_id FROM rooms WHERE community_id = ? AND label IN (?, ?, ?, ?)',
        [drt.id, '1栋1单元101', '1栋1单元102', '1栋1单元103', '5栋2单元2010'],
      );
      const byLabel = new Map(rows.map((x) => [x.label, x]));
      expect(byLabel.get('1栋1单元101')).toEqual(expect.objectContaining({ owner_name: '欧阳,业主', owner_phone: '13700000000' }));
      expect(Number(byLabel.get('1栋1单元101').area_centi)).toBe(8956);
      expect(byLabel.get('1栋1单元102')).toEqual(expect.objectContaining({ floor: null, area_centi: null, owner_name: null, owner_phone: null }));
      expect(Number(byLabel.get('1栋1单元103').area_centi)).toBe(8956);
      expect(Number(byLabel.get('5栋2单元2010').area_centi)).toBe(12430);
      expect(Number(byLabel.get('5栋2单元2010').floor)).toBe(20);
      expect(Number(byLabel.get('5栋2单元2010').company_id)).toBe(admin.me.companyId);

      const audit = await t.query('SELECT actor_id FROM audit_logs WHERE action = ? AND subject_id = ?', ['rooms.import', drt.id]);
      expect(audit.map((a) => Number(a.actor_id))).toEqual([admin.me.id]);
    });

    it('re-importing updates in place: no duplicates', async () => {
      const r = await importCsv(admin.accessToken, drt.id, roomsCsv('新业主'));
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ created: 0, updated: 2000, buildingsCreated: 0, unitsCreated: 0, errors: [] });
      expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [drt.id])).toBe(2000);
      expect(await count('SELECT COUNT(*) AS n FROM buildings WHERE community_id = ?', [drt.id])).toBe(5);
      const row = (await t.query('SELECT owner_name FROM rooms WHERE community_id = ? AND label = ?', [drt.id, '3栋2单元1205']))[0];
      expect(row.owner_name).toMatch(/^新业主\d+$/);
    });

    it('a mixed file creates the new rooms and updates the known ones; CRLF and a BOM are fine', async () => {
      const csv = '\uFEFF' + [HEADER, '1栋,1单元,101,1,90,钱业主,13500000001', '6栋,1单元,101,1,"88.5",孙业主,', '6栋,1单元,102,1,100,,'].join('\r\n') + '\r\n';
      const r = await importCsv(admin.accessToken, drt.id, csv);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ created: 2, updated: 1, buildingsCreated: 1, unitsCreated: 1, errors: [] });
      const rows = await t.query('SELECT label, area_centi, owner_name FROM rooms WHERE community_id = ? AND label IN (?, ?, ?) ORDER BY label', [
        drt.id,
        '1栋1单元101',
        '6栋1单元101',
        '6栋1单元102',
      ]);
      expect(rows.map((x) => [x.label, Number(x.area_centi), x.owner_name])).toEqual([
        ['1栋1单元101', 9000, '钱业主'],
        ['6栋1单元101', 8850, '孙业主'],
        ['6栋1单元102', 10000, null],
      ]);
    });

    it('one bad phone, one bad area and a duplicate line: 400 IMPORT_FAILED naming the lines, and nothing written', async () => {
      const before = await count('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [drt.id]);
      const csv = [
        HEADER,
        '9栋,1单元,101,1,89.56,甲,13900000001', // line 2, fine
        '9栋,1单元,102,1,89.56,乙,1390000000', // line 3: phone one digit short
        '9栋,1单元,103,1,89.567,丙,', // line 4: three decimals
        '9栋,1单元,104,1,abc,丁,', // line 5: not a number
        '9栋,1单元,101,1,89.56,甲,13900000001', // line 6: same room as line 2
        '1栋,1单元,101,1,70,覆盖,', // line 7: fine, would update
      ].join('\n');
      const r = await importCsv(admin.accessToken, drt.id, csv);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('IMPORT_FAILED');
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
      const details = r.body.details as { line: number; message: string }[];
      expect(details.map((d) => d.line)).toEqual([3, 4, 5, 6]);
      expect(details[0].message).toMatch(/手机号/);
      expect(details[1].message).toMatch(/面积/);
      expect(details[2].message).toMatch(/面积/);
      expect(details[3].message).toMatch(/重复/);
      expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [drt.id])).toBe(before);
      expect(await count('SELECT COUNT(*) AS n FROM buildings WHERE community_id = ? AND name = ?', [drt.id, '9栋'])).toBe(0);
      expect((await t.query('SELECT owner_name FROM rooms WHERE community_id = ? AND label = ?', [drt.id, '1栋1单元101']))[0].owner_name).toBe('钱业主');
    });

    it('a wrong header, or no data rows, is 400', async () => {
      for (const csv of ['楼栋,单元,房号,楼层,面积,业主,电话\n1栋,1单元,101,1,80,,\n', 'building,unit,room\n1栋,1单元,101\n', '', HEADER + '\n']) {
        const r = await importCsv(admin.accessToken, drt.id, csv);
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('IMPORT_FAILED');
      }
      // a JSON body is not a CSV file
      const json = await t.post(`/api/admin/communities/${drt.id}/rooms/import`, { rows: [] }, { token: admin.accessToken });
      expect(json.status).toBe(400);
    });

    it("importing into another company's or an unknown community is 404", async () => {
      const otherCommunity = (await t.query('SELECT id FROM communities WHERE name = ?', ['远方小区']))[0].id;
      for (const id of [otherCommunity, 999999]) {
        const r = await importCsv(admin.accessToken, Number(id), `${HEADER}\n1栋,1单元,101,1,80,,\n`);
        expect(r.status).toBe(404);
        expect(r.body.code).toBe('NOT_FOUND');
      }
    });
  });

  describe('hotline lookup (GET /api/staff/rooms)', () => {
    it('a room number fragment finds rooms in the caller’s communities only', async () => {
      const r = await t.get<RoomStaffView[]>('/api/staff/rooms?q=1201', { token: admin.accessToken });
      expect(r.status).toBe(200);
      const drtId = Number((await t.query('SELECT id FROM communities WHERE code = ? AND company_id = ?', ['DRT', admin.me.companyId]))[0].id);
      expect(r.body).toHaveLength(10);
      expect(r.body.every((x) => x.communityId === drtId && x.label.endsWith('1201'))).toBe(true);
      expect(r.body[0]).toEqual(expect.objectContaining({ ownerName: expect.any(String), ownerPhoneMasked: expect.stringMatching(/^137\*{4}\d{4}$/) }));
      expect(JSON.stringify(r.body)).not.toMatch(FULL_PHONE);
      // supervisor1 works in 锦绣花园 only, which has no 1201
      expect((await t.get('/api/staff/rooms?q=1201', { token: sup1.accessToken })).body).toEqual([]);
      const jx = await t.get<RoomStaffView[]>('/api/staff/rooms?q=1栋1单元1', { token: sup1.accessToken });
      expect(jx.body.length).toBeGreaterThan(0);
      expect(jx.body.every((x) => x.communityId === jxhy.id)).toBe(true);
    });

    it("an owner's phone finds their room, masked, within scope only", async () => {
      for (const q of ['13800000001', '+86 138-0000-0001']) {
        const r = await t.get<RoomStaffView[]>(`/api/staff/rooms?q=${encodeURIComponent(q)}`, { token: agent1.accessToken });
        expect(r.body.map((x) => x.label)).toEqual(['1栋1单元101']);
        expect(r.body[0]).toEqual(expect.objectContaining({ communityId: jxhy.id, ownerName: '张三', ownerPhoneMasked: '138****0001' }));
        expect(JSON.stringify(r.body)).not.toMatch(FULL_PHONE);
      }
      expect((await t.get('/api/staff/rooms?q=13800000001', { token: agent2.accessToken })).body).toEqual([]);
      expect((await t.get<RoomStaffView[]>('/api/staff/rooms?q=13800000004', { token: agent2.accessToken })).body.map((x) => x.label)).toEqual(['1栋1单元101']);
      // an imported owner, found by the admin
      const imported = await t.get<RoomStaffView[]>('/api/staff/rooms?q=13700000042', { token: admin.accessToken });
      expect(imported.body).toHaveLength(1);
      expect(imported.body[0].ownerPhoneMasked).toBe('137****0042');
      // filtering on a community outside the scope is 404
      expect((await t.get(`/api/staff/rooms?q=101&communityId=${jxhy.id}`, { token: agent2.accessToken })).status).toBe(404);
    });
  });
});
