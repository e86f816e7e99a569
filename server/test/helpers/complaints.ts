import { LoginResponse, Page } from '@linli/shared';
import type { CalendarYearView, Class2SummaryView, ComplaintDetail, ComplaintSummary, DisclosureDraftView } from '@linli/shared';
import { type Or, repairsApi } from './repairs';
import { Res, TestApp } from './test-app';

export { DAY, HOUR, MIN, ms, newStaff, otherCompany, PNG } from './repairs';
export type { Or } from './repairs';

/** Instants in Asia/Shanghai, written as local times: at('2026-09-30 18:00') */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();

/** the server clock was set to `expected` a moment ago: instants derived from it are within a couple of seconds */
export const near = (iso: string | null | undefined, expected: string, toleranceMs = 3000) =>
  !!iso && Math.abs(new Date(iso).getTime() - new Date(expected).getTime()) < toleranceMs;

/** The complaints API spoken to as each caller would, plus the test hooks (server clock). */
export function complaintsApi(t: TestApp) {
  const repairs = repairsApi(t);
  const api = {
    create: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      t.post<Or<ComplaintDetail>>('/api/complaints', body, { token, headers }),
    intake: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      t.post<Or<ComplaintDetail>>('/api/staff/complaints', body, { token, headers }),
    detail: (token: string, id: number) => t.get<Or<ComplaintDetail>>(`/api/complaints/${id}`, { token }),
    list: (token: string, query = '') => t.get<Or<Page<ComplaintSummary>>>(`/api/staff/complaints${query ? `?${query}` : ''}`, { token }),
    mine: (token: string, query = '') => t.get<Or<Page<ComplaintSummary>>>(`/api/complaints/mine${query ? `?${query}` : ''}`, { token }),
    act: (token: string, id: number, action: string, body: Record<string, unknown>) =>
      t.post<Or<ComplaintDetail>>(`/api/complaints/${id}/actions/${action}`, body, { token }),
    version: async (id: number) => Number((await t.query('SELECT version FROM tickets WHERE id = ?', [id]))[0].version),
    /** an action with the current version; the answer whatever it is */
    attempt: async (token: string, id: number, action: string, body: Record<string, unknown> = {}) =>
      api.act(token, id, action, { version: await api.version(id), ...body }),
    /** an action with the current version that must succeed */
    step: async (token: string, id: number, action: string, body: Record<string, unknown> = {}): Promise<ComplaintDetail> => {
      const r = await api.attempt(token, id, action, body);
      if (r.status !== 200) throw new Error(`${action} on #${id} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    /** a resident's ticket for their room, which must be created */
    file: async (token: string, roomId: number, extra: Record<string, unknown> = {}): Promise<ComplaintDetail> => {
      const r = await api.create(token, { kind: 'complaint', category: 'service_attitude', text: '前台工作人员态度生硬，推诿不办', roomId, ...extra });
      if (r.status !== 201) throw new Error(`create → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    /** a staff intake that must be created */
    take: async (token: string, body: Record<string, unknown>): Promise<ComplaintDetail> => {
      const r = await api.intake(token, { channel: 'hotline', kind: 'complaint', category: 'service_attitude', text: '电话投诉：保安态度差', ...body });
      if (r.status !== 201) throw new Error(`intake → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    /** every item of a keyset-paged list, following nextCursor */
    allPages: async (token: string, path: string, limit: number): Promise<{ items: ComplaintSummary[]; pages: number }> => {
      const items: ComplaintSummary[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const r: Res<Or<Page<ComplaintSummary>>> = await t.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
          token,
        });
        if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.body)}`);
        items.push(...r.body.items);
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 200);
      return { items, pages };
    },
    calendar: (token: string, year: number) => t.get<Or<CalendarYearView>>(`/api/calendar/${year}`, { token }),
    adminCalendar: (token: string, year: number) => t.get<Or<CalendarYearView>>(`/api/admin/calendar/${year}`, { token }),
    putCalendar: (token: string, year: number, overrides: unknown[]) => t.put<Or<CalendarYearView>>(`/api/admin/calendar/${year}`, { overrides }, { token }),
    disclosure: (token: string, communityId: number, month: string, extra = '') =>
      t.get<Or<DisclosureDraftView>>(`/api/staff/reports/disclosure-draft?communityId=${communityId}&month=${month}${extra}`, { token }),
    editDisclosure: (token: string, communityId: number, month: string, body: Record<string, unknown>) =>
      t.put<Or<DisclosureDraftView>>(`/api/staff/reports/disclosure-draft?communityId=${communityId}&month=${month}`, body, { token }),
    class2: (token: string, communityId: number, quarter: string, format = '') =>
      t.get<Or<Class2SummaryView>>(`/api/staff/reports/class2-summary?communityId=${communityId}&quarter=${quarter}${format ? `&format=${format}` : ''}`, {
        token,
      }),
    clockSet: repairs.clockSet,
    clockAdvance: repairs.clockAdvance,
    photo: repairs.photo,
  };
  return api;
}

export const types = (d: ComplaintDetail) => d.timeline.map((e) => e.type);
export const clockOf = (d: ComplaintDetail, name: string) => d.clocks.find((c) => c.name === name);

export interface Desk {
  zhangsan: LoginResponse;
  lisi: LoginResponse;
  chenliu: LoginResponse;
  agent1: LoginResponse;
  agent2: LoginResponse;
  supervisor1: LoginResponse;
  supervisor2: LoginResponse;
  manager1: LoginResponse;
  admin: LoginResponse;
  tech1: LoginResponse;
  /** 锦绣花园 1栋1单元101 (张三) */
  room101: { id: number; communityId: number };
  /** 锦绣花园 2栋2单元202 (李四) */
  room202: { id: number; communityId: number };
  /** 翠湖苑 1栋1单元101 (陈六) */
  chyRoom: { id: number; communityId: number };
}

/** Everyone of the demo seed, logged in. */
export async function desk(t: TestApp): Promise<Desk> {
  const [agent1, agent2, supervisor1, supervisor2, manager1, admin, tech1] = await Promise.all(
    ['agent1', 'agent2', 'supervisor1', 'supervisor2', 'manager1', 'admin', 'technician1'].map((u) => t.staff(u)),
  );
  const [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
  return {
    zhangsan,
    lisi,
    chenliu,
    agent1,
    agent2,
    supervisor1,
    supervisor2,
    manager1,
    admin,
    tech1,
    room101: await t.room('锦绣花园', '1栋1单元101'),
    room202: await t.room('锦绣花园', '2栋2单元202'),
    chyRoom: await t.room('翠湖苑', '1栋1单元101'),
  };
}
