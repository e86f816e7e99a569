import * as bcrypt from 'bcryptjs';
import ExcelJS from 'exceljs';
import { ApiError, ImportJobView, LoginResponse } from '@linli/shared';
import { Res, TestApp } from './test-app';

type Or<T> = T & Partial<ApiError>;
const NOW = '2026-01-01 00:00:00.000';

export const ROOMS_HEADER = 'building,unit,room,floor,area,owner_name,owner_phone';

/** An .xlsx of these rows (first sheet), built with exceljs as a spreadsheet program would save it. */
export async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** POST a file to the room import (multipart `file`) as `who`. */
export async function uploadRooms(t: TestApp, who: LoginResponse, communityId: number, name: string, data: Buffer | string): Promise<Res<Or<ImportJobView>>> {
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
}

/** Polls the job until it is done or failed. */
export async function importFinished(t: TestApp, who: LoginResponse, id: number): Promise<ImportJobView> {
  for (let i = 0; i < 300; i++) {
    const r = await t.get<ImportJobView>(`/api/admin/room-imports/${id}`, { token: who.accessToken });
    if (r.status !== 200) throw new Error(`job ${id} → ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`import job ${id} did not finish`);
}

export interface OtherCompany {
  communityId: number;
  buildingId: number;
  unitId: number;
  roomId: number;
  admin: LoginResponse;
}

/** A second company (别家物业) with a community, a room with an owner on record, and its own admin. */
export async function otherCompany(t: TestApp): Promise<OtherCompany> {
  await t.query('INSERT INTO companies (name, resident_appid, staff_appid, created_at) VALUES (?, NULL, NULL, ?)', ['别家物业', NOW]);
  const companyId = Number((await t.query('SELECT id FROM companies WHERE name = ?', ['别家物业']))[0].id);
  await t.query('INSERT INTO communities (company_id, name, code, address, handover_date, created_at) VALUES (?, ?, ?, NULL, NULL, ?)', [
    companyId,
    '别家小区',
    'BJ',
    NOW,
  ]);
  const communityId = Number((await t.query('SELECT id FROM communities WHERE company_id = ?', [companyId]))[0].id);
  await t.query('INSERT INTO buildings (company_id, community_id, name) VALUES (?, ?, ?)', [companyId, communityId, '1栋']);
  const buildingId = Number((await t.query('SELECT id FROM buildings WHERE community_id = ?', [communityId]))[0].id);
  await t.query('INSERT INTO units (company_id, community_id, building_id, name) VALUES (?, ?, ?, ?)', [companyId, communityId, buildingId, '1单元']);
  const unitId = Number((await t.query('SELECT id FROM units WHERE building_id = ?', [buildingId]))[0].id);
  await t.query(
    'INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, owner_name, owner_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [companyId, communityId, buildingId, unitId, '101', '1栋1单元101', 1, 9000, '别家业主', '13700000088', NOW],
  );
  const roomId = Number((await t.query('SELECT id FROM rooms WHERE community_id = ?', [communityId]))[0].id);
  await t.query(
    'INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?, 1, NULL, ?)',
    [companyId, 'staff', '别家管理员', 'bj.admin', bcrypt.hashSync('bj-pass-12', 4), 'admin', NOW],
  );
  return { communityId, buildingId, unitId, roomId, admin: await t.staff('bj.admin', 'bj-pass-12') };
}
