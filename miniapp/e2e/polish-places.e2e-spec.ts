/**
 * #11.14 小区与房屋 in the staff app (admin): a community, a building, a unit and a room managed by hand; rooms
 * imported from an .xlsx with a progress bar and a row-by-row error report; 住户查询 finding an owner on record who
 * has not joined. Screenshots: miniapp/e2e/screenshots/polish-places/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, scrollTo, snap, staffIn, typeInto } from './helpers/flows';

const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/;

/** 10 floors × 100 rooms of 8栋1单元 and two bad rows (row 3: area, row 6: phone). */
async function roomsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋');
  ws.addRow(['楼栋', '单元', '房号', '楼层', '面积', '业主姓名', '业主手机']);
  let n = 0;
  for (let floor = 1; floor <= 10; floor++)
    for (let i = 1; i <= 100; i++) {
      n++;
      const room = `${floor}${String(i).padStart(2, '0')}`;
      if (n === 2) ws.addRow(['8栋', '1单元', room, floor, '八十九', '错面积', '13600000000']);
      else if (n === 5) ws.addRow(['8栋', '1单元', room, floor, 90, '错手机', '1360000']);
      else if (n === 1) ws.addRow(['8栋', '1单元', room, floor, 89.56, '孙未加入', '13600009999']);
      else ws.addRow(['8栋', '1单元', room, floor, 100.5, `业主${n}`, `136${String(n).padStart(8, '0')}`]);
    }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('browser: 小区与房屋 (staff app, admin) and owners on record in 住户查询', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let communityId = 0;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('polish-places', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** The id of the row the UI just wrote (polled: the click returns before the request does). */
  const id = async (sql: string, params: unknown[]) => {
    for (let i = 0; i < 100; i++) {
      const rows = await t.query(sql, params);
      if (rows.length) return Number(rows[0].id);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`no row for ${sql} ${JSON.stringify(params)}`);
  };

  async function openPlaces(s: App) {
    await staffIn(s, 'admin');
    expect(await hookText(s, 'module-org')).not.toContain('即将上线');
    await s.click('module-org', '小区与房屋');
    await s.waitHook('community-create');
  }

  it('an admin creates a community, a building, a unit and a room, edits the room and deactivates it', () =>
    b.run('manage', async () => {
      const s = await b.open('staff', 'admin');
      await openPlaces(s);
      await snap(s, 'communities');
      await typeInto(s, 'community-name', '测试新苑');
      await typeInto(s, 'community-code', 'csxy');
      await s.click('community-create');
      communityId = await id('SELECT id FROM communities WHERE code = ?', ['CSXY']);
      await s.waitHook(`place-community-${communityId}`, '测试新苑（CSXY）');
      await snap(s, 'community-created');
      await s.click(`open-community-${communityId}`);

      await s.waitHook('building-new');
      await typeInto(s, 'building-new', '1栋');
      await s.click('building-add');
      const buildingId = await id('SELECT id FROM buildings WHERE community_id = ? AND name = ?', [communityId, '1栋']);
      await s.waitHook(`building-${buildingId}`, '1栋');
      await typeInto(s, 'unit-new', '1单元');
      await s.click('unit-add');
      const unitId = await id('SELECT id FROM units WHERE building_id = ? AND name = ?', [buildingId, '1单元']);
      await s.waitHook(`unit-${unitId}`, '1单元');

      await typeInto(s, 'room-name', '101');
      await typeInto(s, 'room-floor', '1');
      await typeInto(s, 'room-area', '89.567');
      await typeInto(s, 'room-owner', '钱多多');
      await typeInto(s, 'room-phone', '13500000066');
      await s.click('room-save', '添加房屋');
      await s.waitHook('room-error', '面积');
      await snap(s, 'room-form-error');
      await typeInto(s, 'room-area', '89.56');
      await s.click('room-save', '添加房屋');
      const roomId = await id('SELECT id FROM rooms WHERE unit_id = ? AND name = ?', [unitId, '101']);
      const card = await hookText(s, `room-${roomId}`);
      expect(card).toContain('1栋1单元101');
      expect(card).toContain('89.56 ㎡');
      expect(card).toContain('钱多多 13500000066');
      await snap(s, 'room-created');

      await s.click(`room-edit-${roomId}`);
      await s.waitText('编辑 1栋1单元101');
      await typeInto(s, 'room-area', '90.5');
      await s.click('room-save', '保存修改');
      await s.waitHook(`room-${roomId}`, '90.5 ㎡');
      const row = (await t.query('SELECT area_centi, owner_phone, active FROM rooms WHERE id = ?', [roomId]))[0];
      expect([Number(row.area_centi), row.owner_phone, Boolean(Number(row.active))]).toEqual([9050, '13500000066', true]);
      await snap(s, 'room-edited');

      await s.click(`room-toggle-${roomId}`, '停用');
      await confirmModal(s, 'room-deactivate-confirm');
      await s.waitHook(`room-${roomId}`, '已停用');
      expect(Boolean(Number((await t.query('SELECT active FROM rooms WHERE id = ?', [roomId]))[0].active))).toBe(false);
      await snap(s, 'room-deactivated');
    }));

  it('imports 1,000 rooms from an .xlsx: a progress bar to 100 %, then the report of the 2 bad rows; re-importing duplicates nothing', () =>
    b.run('import', async () => {
      const s = await b.open('staff', 'admin');
      await openPlaces(s);
      await s.click(`open-community-${communityId}`);
      await s.click('go-import');
      await s.waitHook('import-pick');
      await snap(s, 'import-empty');
      const data = await roomsWorkbook();
      const pickAndStart = async () => {
        const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.click('import-pick')]);
        await chooser.setFiles({ name: '房屋清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });
        await s.waitHook('import-file', '房屋清单.xlsx');
        await s.click('import-start');
        await s.waitHook('import-bar');
      };
      await pickAndStart();
      await snap(s, 'import-progress');
      await s.waitHook('import-status-done', '已完成');
      expect(await hookText(s, 'import-percent')).toBe('998 / 998（100%）');
      expect(await hookText(s, 'import-result')).toContain('新增 998 间，更新 0 间');
      const width = await s.page
        .locator('.pl-bar-fill')
        .filter({ visible: true })
        .first()
        .evaluate((e) => (e as HTMLElement).style.width);
      expect(width).toBe('100%');
      expect(await hookText(s, 'import-err-3')).toMatch(/第 3 行\s*面积\s*面积格式不正确/);
      expect(await hookText(s, 'import-err-6')).toMatch(/第 6 行\s*业主手机\s*业主手机号格式不正确/);
      await scrollTo(s, 'import-errors');
      await snap(s, 'import-done-report');
      expect(Number((await t.query('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [communityId]))[0].n)).toBe(1 + 998);

      await pickAndStart();
      await s.waitHook('import-result', '新增 0 间，更新 998 间');
      expect(Number((await t.query('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [communityId]))[0].n)).toBe(1 + 998);
      await snap(s, 'import-again');
    }));

  it('住户查询 finds an owner on record who has not joined, marked 未注册, phone masked until revealed', () =>
    b.run('owners', async () => {
      const s = await b.open('staff', 'admin');
      await staffIn(s, 'admin');
      await s.click('module-residents', '住户查询');
      await typeInto(s, 'resident-q', '孙未加入');
      await s.click('resident-search');
      const card = await hookText(s, 'owner-record', '孙未加入');
      expect(card).toContain('未注册');
      expect(card).toContain('8栋1单元101');
      expect(card).toContain('136****9999');
      expect(card).not.toMatch(ELEVEN_DIGITS);
      await snap(s, 'owner-on-record');
      const roomId = await id('SELECT id FROM rooms WHERE community_id = ? AND label = ?', [communityId, '8栋1单元101']);
      await s.click(`reveal-owner-${roomId}`);
      await s.waitHook('phone-full', '13600009999');
      await snap(s, 'owner-phone-revealed');
      // 张三 has joined: a resident, not an owner on record
      await typeInto(s, 'resident-q', '张三');
      await s.click('resident-search');
      await s.waitText('“张三”的搜索结果');
      await s.settled();
      expect(await s.css('.e2e-owner-record').count()).toBe(0);
    }));
});
