// Communities, buildings, units, rooms, staff (with their communities), residents with their bindings, fee items.
import { dt } from './writer.mjs';
import { personName } from './rng.mjs';

const A = '锦翠云星华宏嘉御金碧龙凤紫海阳明清泰和丰';
const B = '湖山河江庭府城景湾林苑岸园汇峰溪';
const SUFFIX = ['花园', '小区', '家园', '公馆', '雅苑', '名邸'];
const ROAD = ['人民路', '解放路', '中山路', '建设路', '长江路', '黄河路', '学府路', '滨江路', '新华路', '文化路'];
const ROOMS_PER_FLOOR = 2;
const UNITS_PER_BUILDING = 2;
/** staff of each generated community (the demo's manager1 is given every generated community on top) */
export const STAFF_PLAN = { manager: 1, supervisor: 2, agent: 3, technician: 4, cashier: 1, guard: 2 };
/** two area items a month: lines per room per month */
export const FEE_ITEMS = [
  { name: '物业服务费', priceE4: 18000, dueDay: 15, rate: 500, grace: 15, cap: 100, content: '公共区域清洁、秩序维护、绿化养护、共用设施设备日常运行维护' },
  { name: '电梯运行费', priceE4: 3500, dueDay: 15, rate: 0, grace: 0, cap: null, content: '电梯运行、维保及年检' },
];

export const PLACE_TABLES = {
  communities: ['id', 'company_id', 'name', 'code', 'address', 'handover_date', 'created_at', 'duty_phone', 'active', 'version'],
  buildings: ['id', 'company_id', 'community_id', 'name', 'active', 'version'],
  units: ['id', 'company_id', 'community_id', 'building_id', 'name', 'active', 'version'],
  rooms: [
    'id',
    'company_id',
    'community_id',
    'building_id',
    'unit_id',
    'name',
    'label',
    'floor',
    'area_centi',
    'owner_name',
    'owner_phone',
    'created_at',
    'active',
    'version',
  ],
  users: [
    'id',
    'company_id',
    'kind',
    'name',
    'phone',
    'username',
    'password_hash',
    'roles',
    'active',
    'current_room_id',
    'created_at',
    'token_version',
    'failed_logins',
    'must_change_password',
    'version',
  ],
  staff_communities: ['user_id', 'community_id'],
  room_bindings: [
    'id',
    'company_id',
    'community_id',
    'room_id',
    'user_id',
    'relation',
    'status',
    'name',
    'verified_by',
    'decided_by',
    'decided_at',
    'version',
    'created_at',
  ],
  fee_items: [
    'id',
    'company_id',
    'community_id',
    'name',
    'kind',
    'payer',
    'period_unit',
    'price_e4',
    'due_day',
    'late_fee_rate_ppm',
    'late_fee_grace_days',
    'late_fee_cap_percent',
    'service_content',
    'standard_name',
    'legal_basis',
    'starts_on',
    'active',
    'version',
    'created_at',
    'updated_at',
  ],
};

/** Splits `total` into `parts` near-equal integers. */
export function split(total, parts) {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/**
 * Writes the places and people of `opts.communities` communities holding `opts.rooms` rooms; returns what the ticket
 * and bill generators need, per community.
 */
export async function generatePlaces(w, r, ids, opts) {
  const { companyId, since, passwordHash, managerId } = opts;
  const created = dt(since);
  const out = [];
  const names = new Set();
  const roomCounts = split(opts.rooms, opts.communities);
  for (let ci = 0; ci < opts.communities; ci++) {
    let name = `${r.pick([...A])}${r.pick([...B])}${r.pick(SUFFIX)}`;
    while (names.has(name)) name = `${name.slice(0, -2)}${r.int(2, 9)}期${name.slice(-2)}`;
    names.add(name);
    const c = { id: ids.communities++, code: `G${String(ci + 1).padStart(3, '0')}`, name, rooms: [], staff: {}, feeItems: [] };
    const handover = `${2005 + (ci % 18)}-0${1 + (ci % 9)}-01`;
    await w.add('communities', [
      c.id,
      companyId,
      name,
      c.code,
      `${r.pick(ROAD)} ${r.int(1, 999)} 号`,
      handover,
      created,
      `0571-8${String(ci).padStart(7, '0')}`,
      1,
      1,
    ]);
    await addStaff(w, r, ids, c, { companyId, created, passwordHash, managerId });
    await addRooms(w, r, ids, c, roomCounts[ci], { companyId, created });
    for (const f of FEE_ITEMS) {
      const id = ids.fee_items++;
      c.feeItems.push({ ...f, id });
      await w.add('fee_items', [
        id,
        companyId,
        c.id,
        f.name,
        'area',
        'owner',
        'month',
        f.priceE4,
        f.dueDay,
        f.rate,
        f.grace,
        f.cap,
        f.content,
        '一级服务标准',
        '物业服务合同第五条',
        '2020-01-01',
        1,
        1,
        created,
        created,
      ]);
    }
    out.push(c);
  }
  return out;
}

async function addStaff(w, r, ids, c, { companyId, created, passwordHash, managerId }) {
  if (managerId) await w.add('staff_communities', [managerId, c.id]);
  for (const [role, n] of Object.entries(STAFF_PLAN)) {
    c.staff[role] = [];
    for (let k = 1; k <= n; k++) {
      const id = ids.users++;
      const person = { id, name: personName(r) };
      c.staff[role].push(person);
      const phone = `139${String(50_000_000 + id).slice(-8)}`;
      await w.add('users', [
        id,
        companyId,
        'staff',
        person.name,
        phone,
        `${c.code.toLowerCase()}-${role}${k}`,
        passwordHash,
        role,
        1,
        null,
        created,
        0,
        0,
        0,
        1,
      ]);
      await w.add('staff_communities', [id, c.id]);
    }
  }
}

/** Buildings of two units, 2 rooms a floor, up to 30 floors; ~65 % of rooms with an owner bound, ~12 % a tenant too. */
async function addRooms(w, r, ids, c, n, { companyId, created }) {
  const perUnit = Math.min(60, Math.max(2, Math.ceil(n / 16 / ROOMS_PER_FLOOR) * ROOMS_PER_FLOOR));
  let left = n;
  for (let b = 1; left > 0; b++) {
    const buildingId = ids.buildings++;
    await w.add('buildings', [buildingId, companyId, c.id, `${b}栋`, 1, 1]);
    for (let u = 1; u <= UNITS_PER_BUILDING && left > 0; u++) {
      const unitId = ids.units++;
      await w.add('units', [unitId, companyId, c.id, buildingId, `${u}单元`, 1, 1]);
      for (let k = 0; k < perUnit && left > 0; k++, left--) await addRoom(w, r, ids, c, { companyId, created, b, u, k, buildingId, unitId });
    }
  }
}

async function addRoom(w, r, ids, c, { companyId, created, b, u, k, buildingId, unitId }) {
  const floor = 1 + Math.floor(k / ROOMS_PER_FLOOR);
  const name = `${floor}${String((k % ROOMS_PER_FLOOR) + 1).padStart(2, '0')}`;
  const id = ids.rooms++;
  const room = {
    id,
    label: `${b}栋${u}单元${name}`,
    building: b,
    areaCenti: r.int(6000, 16000),
    ownerName: personName(r),
    ownerPhone: `137${String(id).padStart(8, '0')}`,
    residents: [],
  };
  c.rooms.push(room);
  await w.add('rooms', [id, companyId, c.id, buildingId, unitId, name, room.label, floor, room.areaCenti, room.ownerName, room.ownerPhone, created, 1, 1]);
  if (r.chance(0.65)) await bind(w, ids, c, room, { companyId, created, relation: 'owner', name: room.ownerName, phone: room.ownerPhone });
  if (r.chance(0.12)) await bind(w, ids, c, room, { companyId, created, relation: 'tenant', name: personName(r), phone: `136${String(id).padStart(8, '0')}` });
}

async function bind(w, ids, c, room, { companyId, created, relation, name, phone }) {
  const userId = ids.users++;
  room.residents.push({ id: userId, name, phone, relation });
  await w.add('users', [userId, companyId, 'resident', name, phone, null, null, 'resident', 1, room.id, created, 0, 0, 0, 1]);
  const verified = relation === 'owner' ? 'phone_match' : 'staff';
  await w.add('room_bindings', [ids.room_bindings++, companyId, c.id, room.id, userId, relation, 'approved', name, verified, null, created, 1, created]);
}
