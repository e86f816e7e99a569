import { ImportRowError, normalizeMobile, parseAreaCenti, ROOM_IMPORT_COLUMNS, ROOM_IMPORT_FIELD_LABELS, RoomImportField } from '@linli/shared';
import { TableRow } from './table-reader';

/** A good row of a room import, ready to write. */
export interface RoomRow {
  row: number;
  building: string;
  unit: string;
  room: string;
  floor: number | null;
  areaCenti: number | null;
  ownerName: string | null;
  ownerPhone: string | null;
}

export interface CheckedRooms {
  rows: RoomRow[];
  errors: ImportRowError[];
  /** the header itself is wrong: nothing else was checked */
  headerError: string | null;
}

const ALIASES: Record<RoomImportField, string[]> = {
  building: ['building', '楼栋'],
  unit: ['unit', '单元'],
  room: ['room', '房号'],
  floor: ['floor', '楼层'],
  area: ['area', '面积', '面积（㎡）', '面积(㎡)', '面积（m²）', '面积(m²)'],
  owner_name: ['owner_name', '业主姓名'],
  owner_phone: ['owner_phone', '业主手机', '业主手机号', '业主电话'],
};

export const ROOM_IMPORT_HEADER_HINT = `表头应为：${ROOM_IMPORT_COLUMNS.join(',')}（或 ${ROOM_IMPORT_COLUMNS.map((c) => ROOM_IMPORT_FIELD_LABELS[c]).join(',')}）`;

function headerOk(cells: string[]): boolean {
  return ROOM_IMPORT_COLUMNS.every((f, i) => ALIASES[f].includes((cells[i] ?? '').trim().toLowerCase()));
}

/** Checks every row; one error per bad field, so the report says exactly what to fix where. */
export function checkRoomRows(table: TableRow[]): CheckedRooms {
  const [head, ...body] = table;
  if (!head || !headerOk(head.cells)) return { rows: [], errors: [], headerError: ROOM_IMPORT_HEADER_HINT };
  const rows: RoomRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of body) {
    const [building = '', unit = '', room = '', floorS = '', areaS = '', ownerName = '', ownerPhoneS = ''] = cells;
    const bad: ImportRowError[] = [];
    const fail = (field: RoomImportField, message: string) => bad.push({ row, field, message });
    for (const [field, v] of [
      ['building', building],
      ['unit', unit],
      ['room', room],
    ] as const) {
      if (!v) fail(field, `${ROOM_IMPORT_FIELD_LABELS[field]}不能为空`);
      else if (v.length > 50) fail(field, `${ROOM_IMPORT_FIELD_LABELS[field]}最多 50 字`);
    }
    const floor = floorS ? Number(floorS) : null;
    if (floor !== null && (!Number.isInteger(floor) || floor < -10 || floor > 300)) fail('floor', '楼层必须是 -10 到 300 之间的整数');
    const areaCenti = parseAreaCenti(areaS);
    if (Number.isNaN(areaCenti)) fail('area', '面积格式不正确（平方米，最多两位小数，如 89.56）');
    const ownerPhone = ownerPhoneS ? normalizeMobile(ownerPhoneS) : null;
    if (ownerPhoneS && !ownerPhone) fail('owner_phone', '业主手机号格式不正确（11 位手机号）');
    if (ownerName.length > 50) fail('owner_name', '业主姓名最多 50 字');
    const key = `${building}|${unit}|${room}`;
    const first = seen.get(key);
    if (building && unit && room && first !== undefined) fail('room', `与第 ${first} 行重复（同一房屋）`);
    else seen.set(key, row);
    if (bad.length) errors.push(...bad);
    else rows.push({ row, building, unit, room, floor, areaCenti, ownerName: ownerName || null, ownerPhone });
  }
  return { rows, errors, headerError: null };
}
