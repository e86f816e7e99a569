import { ApiError, LoginResponse, Page, RepairAction, RepairDetail, RepairStatus, RepairSummary, UploadView } from '@linli/shared';
import * as bcrypt from 'bcryptjs';
import { Res, TestApp } from './test-app';
import { firstLogin } from './staff-accounts';

/** a body that is either the view or, on failure, our error shape */
export type Or<T> = T & Partial<ApiError>;

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const FULL_PHONE = /1[3-9]\d{9}/;

/** A real 1×1 PNG and a real 1×1 JPEG: the server sniffs the first bytes, not the name or declared type. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** The happy path, in order: the state each step leads to. */
export const PATH: RepairStatus[] = ['submitted', 'accepted', 'dispatched', 'scheduled', 'in_progress', 'completed', 'confirmed', 'closed'];

export interface Cast {
  resident: LoginResponse;
  desk: LoginResponse;
  tech: LoginResponse;
  roomId: number;
}

/** The repairs API spoken to as each caller would, plus the test hooks (server clock, jobs). */
export function repairsApi(t: TestApp) {
  const api = {
    create: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      t.post<Or<RepairDetail>>('/api/repairs', body, { token, headers }),
    intake: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      t.post<Or<RepairDetail>>('/api/staff/repairs', body, { token, headers }),
    detail: (token: string, id: number) => t.get<Or<RepairDetail>>(`/api/repairs/${id}`, { token }),
    act: (token: string, id: number, action: RepairAction | string, body: Record<string, unknown>) =>
      t.post<Or<RepairDetail>>(`/api/repairs/${id}/actions/${action}`, body, { token }),
    list: (token: string, query = '') => t.get<Or<Page<RepairSummary>>>(`/api/staff/repairs${query ? `?${query}` : ''}`, { token }),
    mine: (token: string, query = '') => t.get<Or<Page<RepairSummary>>>(`/api/repairs/mine${query ? `?${query}` : ''}`, { token }),

    /** the ticket's version as stored (so a step needs no extra read by the acting user) */
    version: async (id: number) => Number((await t.query('SELECT version FROM tickets WHERE id = ?', [id]))[0].version),
    status: async (id: number) => (await t.query('SELECT status FROM tickets WHERE id = ?', [id]))[0].status as RepairStatus,

    /** an action with the current version; returns the answer whatever it is */
    attempt: async (token: string, id: number, action: RepairAction | string, body: Record<string, unknown> = {}) =>
      api.act(token, id, action, { version: await api.version(id), ...body }),

    /** an action with the current version that must succeed */
    step: async (token: string, id: number, action: RepairAction, body: Record<string, unknown> = {}): Promise<RepairDetail> => {
      const r = await api.attempt(token, id, action, body);
      if (r.status !== 200) throw new Error(`${action} on #${id} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },

    /** a resident's order for their room, which must be created */
    file: async (token: string, roomId: number, extra: Record<string, unknown> = {}): Promise<RepairDetail> => {
      const r = await api.create(token, { category: 'water', description: '厨房水龙头漏水', roomId, ...extra });
      if (r.status !== 201) throw new Error(`create → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },

    /** A new order of `cast.resident`, taken along the happy path until it reaches `state` (or on_hold / reopened / cancelled). */
    orderIn: async (cast: Cast, state: RepairStatus, opts: { tier?: string } = {}): Promise<RepairDetail> => {
      const { resident, desk, tech } = cast;
      let d = await api.file(resident.accessToken, cast.roomId);
      const id = d.id;
      const go = async (target: RepairStatus) => {
        if (target === 'submitted') return;
        d = await api.step(desk.accessToken, id, 'accept', { tier: opts.tier ?? 'normal' });
        if (target === 'accepted') return;
        if (target === 'cancelled') {
          d = await api.step(desk.accessToken, id, 'cancel', { reason: '住户已自行修好' });
          return;
        }
        d = await api.step(desk.accessToken, id, 'dispatch', { technicianId: tech.me.id });
        if (target === 'dispatched') return;
        if (target === 'on_hold') {
          d = await api.step(tech.accessToken, id, 'hold', { holdReason: 'parts' });
          return;
        }
        // the visit agreement: the technician proposes, the resident accepts
        d = await api.step(tech.accessToken, id, 'propose_time', { visitAt: new Date((await api.serverNow()).getTime() + DAY).toISOString() });
        d = await api.step(resident.accessToken, id, 'accept_time');
        if (target === 'scheduled') return;
        d = await api.step(tech.accessToken, id, 'arrive');
        if (target === 'in_progress') return;
        d = await api.step(tech.accessToken, id, 'complete', { freeOfCharge: true });
        if (target === 'completed') return;
        if (target === 'reopened') {
          d = await api.step(resident.accessToken, id, 'dispute', { reason: '还在漏水' });
          return;
        }
        d = await api.step(resident.accessToken, id, 'confirm');
        if (target === 'confirmed') return;
        d = await api.step(desk.accessToken, id, 'return_visit', { satisfied: true });
      };
      await go(state);
      if (d.status !== state) throw new Error(`orderIn(${state}) ended in ${d.status}`);
      return d;
    },

    /** every item of a keyset-paged list, following nextCursor */
    allPages: async (token: string, path: string, limit: number): Promise<{ items: RepairSummary[]; pages: number }> => {
      const items: RepairSummary[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const r: Res<Or<Page<RepairSummary>>> = await t.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
        if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.body)}`);
        items.push(...r.body.items);
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 200);
      return { items, pages };
    },

    /** the server's clock (TEST_HOOKS): set to an instant or moved on; returns the server's now */
    clockSet: async (iso: string) => new Date((await t.post<{ now: string }>('/api/test/clock', { set: iso })).body.now),
    serverNow: async () => new Date((await t.post<{ now: string }>('/api/test/clock', {})).body.now),
    clockAdvance: async (ms: number) => new Date((await t.post<{ now: string }>('/api/test/clock', { advanceMs: ms })).body.now),
    autoConfirm: async () => (await t.post<{ confirmed: number }>('/api/test/jobs/auto-confirm')).body.confirmed,

    /** POST /api/uploads as multipart/form-data with one `file` part */
    upload: async (token: string | undefined, bytes: Buffer, filename = 'photo.png', type = 'image/png'): Promise<Res<Or<UploadView>>> => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
      const res = await fetch(`${t.url}/api/uploads`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
      const text = await res.text();
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      if (res.status >= 500) throw new Error(`upload → ${res.status} ${text}\n${t.output.slice(-20).join('')}`);
      return { status: res.status, body, headers: res.headers };
    },
    /** an upload that must succeed; its id */
    photo: async (token: string, bytes: Buffer = PNG): Promise<UploadView> => {
      const r = await api.upload(token, bytes);
      if (r.status !== 201) throw new Error(`upload → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    /** GET a signed URL without any token */
    fetchUrl: async (url: string) => {
      const res = await fetch(t.url + url);
      return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
    },
  };
  return api;
}

/** the timeline's event types, in order */
export const types = (d: RepairDetail) => d.timeline.map((e) => e.type);
export const clockOf = (d: RepairDetail, name: string) => d.clocks.find((c) => c.name === name);
export const ms = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : NaN);

/** A new staff account made by the company admin (POST /api/admin/staff), logged in (initial password changed). */
export async function newStaff(
  t: TestApp,
  admin: LoginResponse,
  username: string,
  name: string,
  roles: string[],
  communityIds: number[],
): Promise<LoginResponse> {
  const password = 'tech-pass-123';
  const r = await t.post('/api/admin/staff', { username, password, name, roles, communityIds }, { token: admin.accessToken });
  if (r.status !== 201) throw new Error(`create staff ${username} → ${r.status} ${JSON.stringify(r.body)}`);
  return firstLogin(t, username, password);
}

export interface OtherCompany {
  companyId: number;
  communityId: number;
  roomId: number;
  admin: LoginResponse;
  resident: LoginResponse;
}

/**
 * A second company (远方物业) made straight in the database, as org.e2e-spec does: one community with one room,
 * an admin, and a resident whose phone is the room owner's (so the binding is approved at once).
 */
export async function otherCompany(t: TestApp): Promise<OtherCompany> {
  const NOW = '2026-01-01 00:00:00.000';
  const one = async (sql: string, params: unknown[]) => Number((await t.query(sql, params))[0].id);
  await t.query('INSERT INTO companies (name, resident_appid, staff_appid, created_at) VALUES (?, NULL, NULL, ?)', ['远方物业有限公司', NOW]);
  const companyId = await one('SELECT id FROM companies WHERE name = ?', ['远方物业有限公司']);
  await t.query('INSERT INTO communities (company_id, name, code, address, handover_date, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    companyId,
    '远方小区',
    'JXHY',
    '远方路 1 号',
    '2025-01-01',
    NOW,
  ]);
  const communityId = await one('SELECT id FROM communities WHERE company_id = ?', [companyId]);
  await t.query('INSERT INTO buildings (company_id, community_id, name) VALUES (?, ?, ?)', [companyId, communityId, '1栋']);
  const buildingId = await one('SELECT id FROM buildings WHERE community_id = ?', [communityId]);
  await t.query('INSERT INTO units (company_id, community_id, building_id, name) VALUES (?, ?, ?, ?)', [companyId, communityId, buildingId, '1单元']);
  const unitId = await one('SELECT id FROM units WHERE building_id = ?', [buildingId]);
  await t.query(
    'INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, owner_name, owner_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [companyId, communityId, buildingId, unitId, '101', '1栋1单元101', 1, 9000, '远业主', '13700000001', NOW],
  );
  const roomId = await one('SELECT id FROM rooms WHERE community_id = ?', [communityId]);
  const hash = bcrypt.hashSync('other-pass-1', 4);
  await t.query(
    'INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
    [companyId, 'staff', '远方管理', '13700009999', 'far.admin', hash, 'admin', 1, NOW],
  );
  await t.query(
    'INSERT INTO users (company_id, kind, name, phone, username, password_hash, roles, active, current_room_id, created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?)',
    [companyId, 'resident', '远业主', '13700000001', 'resident', 1, NOW],
  );
  const residentId = await one('SELECT id FROM users WHERE company_id = ? AND kind = ?', [companyId, 'resident']);
  await t.query('INSERT INTO wechat_identities (user_id, app, appid, openid, unionid) VALUES (?, ?, ?, ?, NULL)', [
    residentId,
    'resident',
    'dev-resident',
    'dev:far-resident',
  ]);
  const admin = await t.staff('far.admin', 'other-pass-1');
  let resident = await t.resident('far-resident');
  const b = await t.post('/api/bindings', { roomId, relation: 'owner', name: '远业主' }, { token: resident.accessToken });
  if (b.body?.status !== 'approved') throw new Error(`far binding: ${b.status} ${JSON.stringify(b.body)}`);
  resident = await t.resident('far-resident');
  return { companyId, communityId, roomId, admin, resident };
}
