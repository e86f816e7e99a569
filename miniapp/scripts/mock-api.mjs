// In-memory stand-in for the Linli API (only what the mini-programs call), for UI work while the
// real server is not running. Follows @linli/shared's contract; not a reference for server behaviour.
// POST /__mock/expire invalidates every access token (to exercise refresh).
let seq = 100;
const now = () => new Date().toISOString();
const community = { id: 1, companyId: 1, name: '阳光花园', code: 'YGHY', address: '幸福路 8 号', handoverDate: '2023-06-30' };
const buildings = [
  { id: 11, communityId: 1, name: '1栋' },
  { id: 12, communityId: 1, name: '3栋' },
];
const units = [
  { id: 21, buildingId: 11, name: '1单元' },
  { id: 22, buildingId: 11, name: '2单元' },
  { id: 23, buildingId: 12, name: '2单元' },
];
const rooms = [];
for (const u of units)
  for (const n of ['101', '102', '201', '1201']) {
    const b = buildings.find((x) => x.id === u.buildingId);
    rooms.push({
      id: rooms.length + 31,
      communityId: 1,
      buildingId: b.id,
      unitId: u.id,
      name: n,
      floor: Number(n.slice(0, -2)),
      areaCenti: 8956,
      label: `${b.name}${u.name}${n}`,
      ownerName: n === '1201' ? '王业主' : null,
      ownerPhone: n === '1201' ? '13800001201' : null,
    });
  }
const residents = new Map(); // code → user
const users = new Map(); // id → user
function resident(code, name, phone) {
  const u = {
    id: ++seq,
    kind: 'resident',
    name,
    roles: ['resident'],
    companyId: 1,
    companyName: '邻里物业',
    phone,
    communities: [],
    currentRoomId: null,
    bindings: [],
    wechatLinked: false,
  };
  residents.set(code, u);
  users.set(u.id, u);
  return u;
}
const bindings = [];
function bind(u, room, relation, status, extra = {}) {
  const b = {
    id: ++seq,
    roomId: room.id,
    roomLabel: room.label,
    communityId: 1,
    communityName: community.name,
    relation,
    status,
    verifiedBy: status === 'approved' ? 'staff' : null,
    rejectReason: null,
    createdAt: now(),
    decidedAt: null,
    version: 1,
    residentId: u.id,
    ...extra,
  };
  bindings.push(b);
  if (status === 'approved' && !u.currentRoomId) u.currentRoomId = room.id;
  return b;
}
const zs = resident('zhangsan', '张三', '13800000001');
bind(zs, rooms[0], 'owner', 'approved');
resident('lisi', '李四', null);
const cl = resident('chenliu', '陈六', '13900000006');
bind(cl, rooms[5], 'tenant', 'pending');
for (let i = 0; i < 23; i++) bind(resident(`demo${i}`, `住户${i}`, `1370000${String(1000 + i)}`), rooms[i % rooms.length], 'family', 'pending');
const staff = [
  ['admin', '管理员', ['admin']],
  ['manager1', '刘经理', ['manager']],
  ['supervisor1', '周主管', ['supervisor']],
  ['agent1', '吴客服', ['agent']],
  ['technician1', '郑师傅', ['technician']],
  ['guard1', '冯保安', ['guard']],
  ['cashier1', '陈收银', ['cashier']],
  ['supervisor2', '褚主管', ['supervisor']],
].map(([username, name, roles]) => {
  const u = {
    id: ++seq,
    username,
    kind: 'staff',
    name,
    roles,
    companyId: 1,
    companyName: '邻里物业',
    phone: '13500000000',
    communities: [{ id: 1, name: community.name }],
    currentRoomId: null,
    bindings: [],
    wechatLinked: false,
  };
  users.set(u.id, u);
  return u;
});

const access = new Map();
const refresh = new Map();
function tokens(u) {
  const a = `acc-${++seq}`,
    r = `ref-${++seq}`;
  access.set(a, u.id);
  refresh.set(r, u.id);
  return { accessToken: a, expiresIn: 900, refreshToken: r };
}
const mask = (p) => (p ? p.slice(0, 3) + '****' + p.slice(-4) : null);
const view = (b) => {
  const { residentId: _owner, ...v } = b;
  return v;
};
const staffView = (b) => {
  const u = users.get(b.residentId);
  const room = rooms.find((r) => r.id === b.roomId);
  return { ...b, residentName: u.name, residentPhoneMasked: mask(u.phone), ownerNameOnRecord: room.ownerName };
};
function me(u) {
  return {
    id: u.id,
    kind: u.kind,
    name: u.name,
    roles: u.roles,
    companyId: 1,
    companyName: u.companyName,
    phoneMasked: mask(u.phone),
    communities: u.kind === 'staff' ? u.communities : [],
    currentRoomId: u.currentRoomId,
    bindings: bindings.filter((b) => b.residentId === u.id).map(view),
    wechatLinked: u.wechatLinked,
  };
}
class E extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const s = Buffer.concat(chunks).toString();
  return s ? JSON.parse(s) : {};
}

export async function handleMock(req, res, url) {
  const send = (status, data) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data));
  };
  try {
    await new Promise((r) => setTimeout(r, 150));
    const p = url.pathname,
      m = req.method;
    const b = m === 'GET' ? {} : await body(req);
    const auth = () => {
      const t = (req.headers.authorization || '').replace(/^Bearer /, '');
      if (!t) throw new E(401, 'UNAUTHENTICATED', '请先登录');
      if (!access.has(t)) throw new E(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
      return users.get(access.get(t));
    };
    let mm;
    if (p === '/__mock/expire') {
      access.clear();
      return send(200, { ok: true });
    }
    if (p === '/api/health') return send(200, { status: 'ok', mock: true });
    if (p === '/api/auth/demo-accounts')
      return send(200, {
        residents: [
          { code: 'zhangsan', name: '张三', note: '业主，已绑定 1栋1单元101' },
          { code: 'lisi', name: '李四', note: '新住户，未绑定' },
          { code: 'chenliu', name: '陈六', note: '租户，待审核' },
        ],
        staff: staff.map((s) => ({ username: s.username, password: 'linli123', name: s.name, roles: s.roles })),
      });
    if (p === '/api/auth/dev-login' || p === '/api/auth/wx-login') {
      const u = residents.get(b.code) ?? resident(b.code, '', null);
      return send(200, { ...tokens(u), me: me(u) });
    }
    if (p === '/api/auth/staff-login') {
      const u = staff.find((s) => s.username === b.username);
      if (!u || b.password !== 'linli123') throw new E(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
      return send(200, { ...tokens(u), me: me(u) });
    }
    if (p === '/api/auth/refresh') {
      const id = refresh.get(b.refreshToken);
      if (!id) throw new E(401, 'REFRESH_TOKEN_INVALID', '登录状态已失效，请重新登录');
      refresh.delete(b.refreshToken);
      return send(200, tokens(users.get(id)));
    }
    if (p === '/api/auth/logout') {
      refresh.delete(b.refreshToken);
      return send(204, null);
    }
    const u = auth();
    if (p === '/api/me' && m === 'GET') return send(200, me(u));
    if (p === '/api/me/phone') {
      u.phone = String(b.code).replace(/^dev:/, '');
      return send(200, me(u));
    }
    if (p === '/api/me/current-room') {
      if (!bindings.some((x) => x.residentId === u.id && x.roomId === b.roomId && x.status === 'approved'))
        throw new E(409, 'ROOM_NOT_BOUND', '您尚未绑定该房屋');
      u.currentRoomId = b.roomId;
      return send(200, me(u));
    }
    if (p === '/api/me/link-wechat') {
      u.wechatLinked = true;
      return send(200, me(u));
    }
    if (p === '/api/org/communities') return send(200, [community]);
    if ((mm = p.match(/^\/api\/org\/communities\/(\d+)\/buildings$/)))
      return send(
        200,
        buildings.filter((x) => x.communityId === +mm[1]),
      );
    if ((mm = p.match(/^\/api\/org\/buildings\/(\d+)\/units$/)))
      return send(
        200,
        units.filter((x) => x.buildingId === +mm[1]),
      );
    if ((mm = p.match(/^\/api\/org\/units\/(\d+)\/rooms$/)))
      return send(
        200,
        rooms.filter((x) => x.unitId === +mm[1]).map(({ ownerName: _n, ownerPhone: _p, ...r }) => r),
      );
    if (p === '/api/bindings' && m === 'POST') {
      const room = rooms.find((r) => r.id === b.roomId);
      if (!room) throw new E(404, 'NOT_FOUND', '找不到该记录，或您无权查看');
      if (bindings.some((x) => x.residentId === u.id && x.roomId === room.id && x.status !== 'rejected'))
        throw new E(409, 'BINDING_EXISTS', '您已绑定或申请过该房屋');
      if (b.name) u.name = b.name;
      const ok = b.relation === 'owner' && room.ownerPhone && room.ownerPhone === u.phone;
      const nb = bind(u, room, b.relation, ok ? 'approved' : 'pending', ok ? { verifiedBy: 'phone_match', decidedAt: now() } : {});
      return send(201, view(nb));
    }
    if (p === '/api/staff/bindings') {
      const st = url.searchParams.get('status') || 'pending';
      const all = bindings.filter((x) => x.status === st).sort((x, y) => y.id - x.id);
      const c = Number(url.searchParams.get('cursor') || 0);
      const items = all.filter((x) => !c || x.id < c).slice(0, 10);
      return send(200, { items: items.map(staffView), nextCursor: items.length === 10 && all.some((x) => x.id < items[9].id) ? String(items[9].id) : null });
    }
    if ((mm = p.match(/^\/api\/staff\/bindings\/(\d+)\/(approve|reject)$/))) {
      const x = bindings.find((y) => y.id === +mm[1]);
      if (!x) throw new E(404, 'NOT_FOUND', '找不到该记录，或您无权查看');
      if (x.status !== 'pending') throw new E(409, 'BINDING_NOT_PENDING', '该申请已处理');
      if (x.version !== b.version) throw new E(409, 'VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
      Object.assign(x, {
        status: mm[2] === 'approve' ? 'approved' : 'rejected',
        verifiedBy: mm[2] === 'approve' ? 'staff' : null,
        rejectReason: b.reason ?? null,
        decidedAt: now(),
        version: x.version + 1,
      });
      const owner = users.get(x.residentId);
      if (x.status === 'approved' && !owner.currentRoomId) owner.currentRoomId = x.roomId;
      return send(200, staffView(x));
    }
    if (p === '/api/staff/residents') {
      const q = url.searchParams.get('q') || '';
      const list = [...residents.values()].filter(
        (r) => !q || r.name.includes(q) || (r.phone || '').includes(q) || bindings.some((x) => x.residentId === r.id && x.roomLabel.includes(q)),
      );
      return send(
        200,
        list.slice(0, 20).map((r) => ({
          id: r.id,
          name: r.name,
          phoneMasked: mask(r.phone),
          rooms: bindings.filter((x) => x.residentId === r.id).map((x) => ({ roomId: x.roomId, label: x.roomLabel, relation: x.relation, status: x.status })),
        })),
      );
    }
    if ((mm = p.match(/^\/api\/staff\/residents\/(\d+)\/phone$/))) return send(200, { phone: users.get(+mm[1])?.phone ?? null });
    throw new E(404, 'ROUTE_NOT_FOUND', '接口不存在');
  } catch (e) {
    if (e instanceof E) return send(e.status, { code: e.code, message: e.message });
    console.error(e);
    return send(500, { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  }
}
