import { ApiError, ImportJobView, LoginResponse, PlaceCommunityView } from '@linli/shared';
import { importFinished, OtherCompany, otherCompany, ROOMS_HEADER as HEADER, uploadRooms, xlsxOf } from './helpers/places';
import { TestApp } from './helpers/test-app';

const ZH = /[\u4e00-\u9fa5]/;
const NOW = '2026-01-01 00:00:00.000';
type Or<T> = T & Partial<ApiError>;

/** Room imports from CSV and .xlsx (exceljs) as background jobs: the report of bad rows, idempotency, resuming. */
describe('places: room imports', () => {
  let t: TestApp;
  let admin: LoginResponse, sup1: LoginResponse;
  let other: OtherCompany;
  const tok = (who: LoginResponse) => ({ token: who.accessToken });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.query(sql, params))[0].n);
  const upload = (who: LoginResponse, communityId: number, name: string, data: Buffer | string) =>
    uploadRooms(t, who, communityId, name, data) as Promise<{ status: number; body: Or<ImportJobView> }>;
  const finished = (id: number) => importFinished(t, admin, id);

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, sup1] = await Promise.all(['admin', 'supervisor1'].map((u) => t.staff(u)));
    other = await otherCompany(t);
  });
  afterAll(() => t?.close());

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
      expect((await t.get(`/api/admin/room-imports/${job}`, tok(other.admin))).status).toBe(404);
      expect((await t.get(`/api/admin/room-imports/${job}`, tok(sup1))).status).toBe(403);
      expect((await t.get('/api/admin/room-imports/999999', tok(admin))).status).toBe(404);
    });
  });
});
