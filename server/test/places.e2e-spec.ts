import * as bcrypt from 'bcryptjs';
import ExcelJS from 'exceljs';
import {
  ApiError,
  CommunityView,
  ImportJobView,
  LoginResponse,
  PlaceBuildingView,
  PlaceCommunityView,
  PlaceRoomView,
  PlaceUnitView,
  ResidentStaffView,
  RoomView,
} from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';

type Or<T> = T & Partial<ApiError>;
const NOW = '2026-01-01 00:00:00.000';
const HEADER = 'building,unit,room,floor,area,owner_name,owner_phone';
const ZH = /[\u4e00-\u9fa5]/;
const FULL_PHONE = /1[3-9]\d{9}/;

async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('places: communities, buildings, units, rooms (admin), room imports as jobs, owners on record', () => {
  let t: TestApp;
  let admin: LoginResponse, sup1: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, resident: LoginResponse;
  let community: PlaceCommunityView, building: PlaceBuildingView, unit: PlaceUnitView, room: PlaceRoomView;
  const other = { communityId: 0, buildingId: 0, unitId: 0, roomId: 0, jobId: 0 };
  let otherAdmin: LoginResponse;
  const tok = (who: LoginResponse) => ({ token: who.accessToken });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.query(sql, params))[0].n);

  const upload = async (who: LoginResponse, communityId: number, name: string, data: Buffer | string): Promise<Res<Or<ImportJobView>>> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(typeof data === 'string' ? Buffer.from(data) : data)]), name);
    const res = await fetch(`${t.url}/api/admin/communities/${communityId}/room-imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.accessToken}` },
      body: form,
    });
    const body = await res.json();
    if (res.status >= 500) throw new Error(`upload → ${res.status} ${JSON.stringify(body)}`);
    return { status: res.status, body, headers: res.headers };
  };
  const finished = async (id: number, who = admin): Promise<ImportJobView> => {
    for (let i = 0; i < 300; i++) {
      const r = await t.get<ImportJobView>(`/api/admin/room-imports/${id}`, tok(who));
      expect(r.status).toBe(200);
      if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`import job ${id} did not finish`);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, sup1, agent1, agent2] = await Promise.all(['admin', 'supervisor1', 'agent1', 'agent2'].map((u) => t.staff(u)));
    resident = await t.resident('places-newcomer');

    // a second company with its own admin and a room
    await t.query('INSERT INTO companies (name, resident_appid, staff_appid, created_at) VALUES (?, NULL, NULL, ?)', ['别家物业', NOW]);
    const companyId = Number((await t.query('SELECT id FROM companies WHERE name = ?', ['别家物业']))[0].id);
    await t.query('INSERT INTO communities (company_id, name, code, address, handover_date, created_at) VALUES (?, ?, ?, NULL, NULL, ?)', [
      companyId,
      '别家小区',
      'BJ',
      NOW,
    ]);
    other.communityId = Number((await t.query('SELECT id FROM communities WHERE company_id = ?', [companyId]))[0].id);
    await t.query('INSERT INTO buildings (company_id, community_id, name) VALUES (?, ?, ?)', [companyId, other.communityId, '1栋']);
    other.buildingId = Number((await t.query('SELECT id FROM buildings WHERE community_id = ?', [other.communityId]))[0].id);
    await t.query('INSERT INTO units (company_id, community_id, building_id, name) VALUES (?, ?, ?, ?)', [
      companyId,
      other.communityId,
      other.buildingId,
      '1单元',
    ]);
    other.unitId = Number((await t.query('SELECT id FROM units WHERE building_id = ?', [other.buildingId]))[0].id);
    await t.query(
      'INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, owner_name, owner_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [companyId, other.communityId, other.buildingId, other.unitId, '101', '1栋1单元101', 1, 9000, '别家业主', '13700000088', NOW],
    );
    other.roomId = Number((await t.query('SELECT id FROM rooms WHERE community_id = ?', [other.communityId]))[0].id);
    await t.query(
      'INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?, 1, NULL, ?)',
      [companyId, 'staff', '别家管理员', 'bj.admin', bcrypt.hashSync('bj-pass-12', 4), 'admin', NOW],
    );
    otherAdmin = await t.staff('bj.admin', 'bj-pass-12');
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

  describe('imports (background jobs)', () => {
    let imp: PlaceCommunityView;
    const csv = [
      HEADER,
      '1栋,1单元,101,1,89.56,"欧阳,一",+86 137-0000-0001', // row 2
      '1栋,1单元,102,1,124.3,李二,13700000002', // row 3
      '1栋,1单元,103,1,89.567,王三,13700000003', // row 4: three decimals
      '1栋,1单元,104,一楼,90,赵四,1370000000', // row 5: floor and phone
      ',1单元,105,1,90,,', // row 6: no building
      '1栋,1单元,101,1,89.56,重复,', // row 7: same room as row 2
      '2栋,1单元,201,2,,,', // row 8
    ].join('\r\n');

    beforeAll(async () => {
      imp = (await t.post<PlaceCommunityView>('/api/admin/communities', { name: '导入苑', code: 'DRY' }, tok(admin))).body;
    });

    it('a CSV with good and bad rows: the good ones are written, each bad field reported by row with a zh-CN message', async () => {
      const r = await upload(admin, imp.id, '房屋.csv', '\uFEFF' + csv);
      expect(r.status).toBe(202);
      expect(r.body).toEqual(expect.objectContaining({ communityId: imp.id, fileName: '房屋.csv', total: 3, errorCount: 5 }));
      const job = await finished(r.body.id);
      expect(job).toEqual(
        expect.objectContaining({
          status: 'done',
          total: 3,
          processed: 3,
          percent: 100,
          created: 3,
          updated: 0,
          buildingsCreated: 2,
          unitsCreated: 2,
          errorCount: 5,
        }),
      );
      expect(job.errors.map((e) => [e.row, e.field])).toEqual([
        [4, 'area'],
        [5, 'floor'],
        [5, 'owner_phone'],
        [6, 'building'],
        [7, 'room'],
      ]);
      for (const e of job.errors) expect(e.message).toMatch(ZH);
      expect(job.errors[0].message).toMatch(/面积/);
      expect(job.errors[4].message).toMatch(/第 2 行/);
      const rows = await t.query('SELECT label, floor, area_centi, owner_name, owner_phone FROM rooms WHERE community_id = ? ORDER BY label', [imp.id]);
      expect(
        rows.map((x) => [x.label, x.floor === null ? null : Number(x.floor), x.area_centi === null ? null : Number(x.area_centi), x.owner_name, x.owner_phone]),
      ).toEqual([
        ['1栋1单元101', 1, 8956, '欧阳,一', '13700000001'],
        ['1栋1单元102', 1, 12430, '李二', '13700000002'],
        ['2栋1单元201', 2, null, null, null],
      ]);
      const audit = await t.query("SELECT actor_id FROM audit_logs WHERE action = 'rooms.import' AND subject_id = ?", [imp.id]);
      expect(audit.map((a) => Number(a.actor_id))).toEqual([admin.me.id]);
    });

    it('re-importing the same file duplicates nothing: the rooms are found by unit and number and updated in place', async () => {
      const r = await upload(admin, imp.id, '房屋.csv', '\uFEFF' + csv);
      const job = await finished(r.body.id!);
      expect(job).toEqual(expect.objectContaining({ status: 'done', created: 0, updated: 3, buildingsCreated: 0, unitsCreated: 0, errorCount: 5 }));
      expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [imp.id])).toBe(3);
      expect(await count('SELECT COUNT(*) AS n FROM buildings WHERE community_id = ?', [imp.id])).toBe(2);
    });

    it('an .xlsx (built with exceljs): numbers, text and a Chinese header read alike; bad rows reported', async () => {
      const data = await xlsxOf([
        ['楼栋', '单元', '房号', '楼层', '面积', '业主姓名', '业主手机'],
        ['1栋', '1单元', '102', 1, 130.5, '李二新', 13700000002], // row 2: updates 102, numbers as numbers
        ['3栋', '2单元', '301', 3, '88.80', '孙五', '13700000005'], // row 3: new
        ['3栋', '2单元', '302', 3, 'abc', '周六', '13700000006'], // row 4: bad area
        [null, null, null, null, null, null, null], // an empty row is skipped
        ['3栋', '2单元', '303', 3.5, 90, null, 'x'], // row 6: bad floor, bad phone
      ]);
      const r = await upload(admin, imp.id, '房屋.xlsx', data);
      expect(r.status).toBe(202);
      const job = await finished(r.body.id!);
      expect(job).toEqual(expect.objectContaining({ status: 'done', total: 2, created: 1, updated: 1, buildingsCreated: 1, unitsCreated: 1, errorCount: 3 }));
      expect(job.errors.map((e) => [e.row, e.field])).toEqual([
        [4, 'area'],
        [6, 'floor'],
        [6, 'owner_phone'],
      ]);
      const rows = await t.query('SELECT label, area_centi, owner_name, owner_phone FROM rooms WHERE community_id = ? AND label IN (?, ?) ORDER BY label', [
        imp.id,
        '1栋1单元102',
        '3栋2单元301',
      ]);
      expect(rows.map((x) => [x.label, Number(x.area_centi), x.owner_name, x.owner_phone])).toEqual([
        ['1栋1单元102', 13050, '李二新', '13700000002'],
        ['3栋2单元301', 8880, '孙五', '13700000005'],
      ]);
      // the same workbook again: nothing new
      const again = await finished((await upload(admin, imp.id, '房屋.xlsx', data)).body.id!);
      expect(again).toEqual(expect.objectContaining({ created: 0, updated: 2 }));
      expect(await count('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [imp.id])).toBe(4);
    });

    it('a wrong header, an empty file or a file that is neither CSV nor xlsx is 400 IMPORT_FAILED; only bad rows is a failed job', async () => {
      for (const [name, data] of [
        ['a.csv', '楼栋,单元,房号\n1栋,1单元,101\n'],
        ['b.csv', HEADER + '\n'],
        ['c.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)])],
      ] as const) {
        const r = await upload(admin, imp.id, name, data);
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('IMPORT_FAILED');
        expect(r.body.message).toMatch(ZH);
      }
      const noFile = await t.post(`/api/admin/communities/${imp.id}/room-imports`, { file: 'x' }, tok(admin));
      expect(noFile.status).toBe(415);
      const bad = await upload(admin, imp.id, 'bad.csv', `${HEADER}\n1栋,1单元,109,1,abc,,\n`);
      expect(bad.status).toBe(202);
      expect(bad.body).toEqual(expect.objectContaining({ status: 'failed', total: 0, errorCount: 1 }));
    });

    it('a job left half-done by a stopped runner resumes where it was and writes each row once', async () => {
      const rows = [1, 2, 3, 4].map((n) => ({
        row: n + 1,
        building: '9栋',
        unit: '1单元',
        room: `90${n}`,
        floor: 9,
        areaCenti: 9000 + n,
        ownerName: null,
        ownerPhone: null,
      }));
      // rows 1–2 were written before the stop (their rooms exist); the lease has lapsed
      const first = await finished(
        (await upload(admin, imp.id, 'part.csv', [HEADER, '9栋,1单元,901,9,90.01,,', '9栋,1单元,902,9,90.02,,'].join('\n'))).body.id!,
      );
      expect(first.created).toBe(2);
      await t.query(
        'INSERT INTO import_jobs (company_id, community_id, created_by, kind, file_name, file_sha256, status, total, processed, created_count, updated_count, buildings_created, units_created, error_count, errors, pending_rows, lease_until, version, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
        [
          admin.me.companyId,
          imp.id,
          admin.me.id,
          'rooms',
          'crash.csv',
          'f'.repeat(64),
          'running',
          4,
          2,
          2,
          0,
          1,
          1,
          0,
          '[]',
          JSON.stringify(rows),
          '2999-01-01 00:00:00.000',
          3,
          NOW,
        ],
      );
      const id = Number((await t.query("SELECT id FROM import_jobs WHERE file_name = 'crash.csv'"))[0].id);
      // while its runner's lease is live, the job is left alone
      expect((await t.post('/api/test/jobs/room-imports')).body.jobs).toBe(0);
      expect(Number((await t.query('SELECT processed FROM import_jobs WHERE id = ?', [id]))[0].processed)).toBe(2);
      await t.query("UPDATE import_jobs SET lease_until = '2000-01-01 00:00:00.000' WHERE id = ?", [id]);
      expect((await t.post('/api/test/jobs/room-imports')).body.jobs).toBe(1);
      const job = await finished(id);
      expect(job).toEqual(expect.objectContaining({ status: 'done', processed: 4, created: 4, updated: 0 }));
      const labels = (await t.query("SELECT label FROM rooms WHERE community_id = ? AND label LIKE '9栋%' ORDER BY label", [imp.id])).map((x) => x.label);
      expect(labels).toEqual(['9栋1单元901', '9栋1单元902', '9栋1单元903', '9栋1单元904']);
      // rows before `processed` were not written again
      expect(Number((await t.query("SELECT area_centi FROM rooms WHERE community_id = ? AND label = '9栋1单元901'", [imp.id]))[0].area_centi)).toBe(9001);
      expect((await t.post('/api/test/jobs/room-imports')).body.jobs).toBe(0);
    });

    it("another company's job is 404; a supervisor cannot read jobs", async () => {
      const job = (await t.query('SELECT id FROM import_jobs ORDER BY id LIMIT 1'))[0].id;
      expect((await t.get(`/api/admin/room-imports/${job}`, tok(otherAdmin))).status).toBe(404);
      expect((await t.get(`/api/admin/room-imports/${job}`, tok(sup1))).status).toBe(403);
      expect((await t.get('/api/admin/room-imports/999999', tok(admin))).status).toBe(404);
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
