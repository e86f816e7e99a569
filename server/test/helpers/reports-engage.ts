import { sh } from './reports';
import { TestApp } from './test-app';

const sql = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').replace('Z', '') : null);

/**
 * [engage]'s rows of the generated community (报表花园, 4 rooms): customer visits on both sides of the month's ends,
 * deep ones, and new residents' return visits due or done in September / October. The expected figures are written
 * out by hand below (not computed by the report code).
 */
export async function generateEngage(t: TestApp, communityId: number, companyId = 1): Promise<void> {
  const rooms = (await t.query('SELECT id FROM rooms WHERE community_id = ? ORDER BY id', [communityId])).map((r) => Number(r.id));
  const visits: [string, string, boolean][] = [
    ['2026-10-01 00:00', 'door', false],
    ['2026-10-15 10:00', 'phone', true],
    ['2026-10-31 23:59', 'random', true],
    ['2026-09-30 23:59', 'door', false],
    ['2026-11-01 00:00', 'door', true],
  ];
  for (const [i, [at, mode, deep]] of visits.entries())
    await t.query(
      `INSERT INTO customer_visits (company_id, community_id, room_id, household_name, mode, deep, visited_at, visitor_id, notes, created_at)
       VALUES (?, ?, ?, '报表住户', ?, ?, ?, 1, '报表访谈', ?)`,
      [companyId, communityId, rooms[i % rooms.length], mode, deep ? 1 : 0, sql(sh(at)), sql(sh(at))],
    );
  // [due, visited] — a task done in October but due in November counts as done in October
  const tasks: [string, string | null][] = [
    ['2026-10-05 23:59', null],
    ['2026-10-31 23:00', '2026-10-20 10:00'],
    ['2026-11-03 23:59', '2026-10-31 22:00'],
    ['2026-09-20 23:59', '2026-09-25 10:00'],
  ];
  for (const [i, [due, visited]] of tasks.entries())
    await t.query(
      `INSERT INTO new_resident_visits (company_id, community_id, room_id, user_id, binding_id, bound_at, due_at, status, result, notes, visited_by, visited_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      [
        companyId,
        communityId,
        rooms[i],
        1,
        900 + i,
        sql(sh('2026-09-01 10:00')),
        sql(sh(due)),
        visited ? 'done' : 'open',
        visited ? 'satisfied' : null,
        visited ? 1 : null,
        sql(visited ? sh(visited) : null),
        sql(sh('2026-09-01 10:00')),
      ],
    );
}

/** October's and September's engage figures of that data; plans: 4 households → the floor of 25 a month; 2 deep visits. */
export const ENGAGE_OCT: Record<string, number> = {
  'visits.done': 3,
  'visits.deep': 2,
  'visits.planned': 25,
  'visits.deep_planned': 2,
  'new_resident_visits.done': 2,
  'new_resident_visits.due': 2,
};
export const ENGAGE_SEP: Record<string, number> = {
  'visits.done': 1,
  'visits.deep': 0,
  'visits.planned': 25,
  'visits.deep_planned': 2,
  'new_resident_visits.done': 1,
  'new_resident_visits.due': 1,
};
