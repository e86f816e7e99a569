import { EntityManager } from 'typeorm';
import type { Role } from '@linli/shared';

/** an instant as both dialects compare it in raw SQL (UTC, datetime(3) / ISO-ish text) */
export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Who receives what: staff of a community by role, the company's managers, and who is on duty now. */
export async function staffOfCommunity(em: EntityManager, communityId: number, role: Role): Promise<number[]> {
  return (await staffOfCommunityByRole(em, communityId, [role]))[role];
}

/** The community's active staff per role, in one statement. */
export async function staffOfCommunityByRole<R extends Role>(em: EntityManager, communityId: number, roles: R[]): Promise<Record<R, number[]>> {
  const rows: { id: number; roles: string }[] = await em.query(
    `SELECT u.id, u.roles FROM users u JOIN staff_communities sc ON sc.user_id = u.id
      WHERE sc.community_id = ? AND u.kind = 'staff' AND u.active = ?`,
    [communityId, true],
  );
  const out = {} as Record<R, number[]>;
  for (const role of roles) out[role] = rows.filter((r) => String(r.roles).split(',').includes(role)).map((r) => Number(r.id));
  return out;
}

export async function companyStaffWithRole(em: EntityManager, companyId: number, role: Role): Promise<number[]> {
  const rows: { id: number; roles: string }[] = await em.query(`SELECT id, roles FROM users WHERE company_id = ? AND kind = 'staff' AND active = ?`, [
    companyId,
    true,
  ]);
  return rows.filter((r) => String(r.roles).split(',').includes(role)).map((r) => Number(r.id));
}

/** Staff signed in for duty in the community now (signed in, not signed out, shift not over), optionally by role. */
export async function onDuty(em: EntityManager, communityId: number, now: Date, role?: string): Promise<number[]> {
  const rows: { user_id: number }[] = await em.query(
    `SELECT DISTINCT user_id FROM duty_shifts
      WHERE community_id = ? AND ends_at > ? AND signed_in_at IS NOT NULL AND signed_out_at IS NULL${role ? ' AND role = ?' : ''}`,
    role ? [communityId, sqlTime(now), role] : [communityId, sqlTime(now)],
  );
  return rows.map((r) => Number(r.user_id));
}

/** New work goes to the community's agents on duty; when nobody is signed in, to its supervisors. */
export async function newWorkRecipients(em: EntityManager, communityId: number, now: Date): Promise<number[]> {
  return (await newWorkAudience(em, communityId, now)).push;
}

/**
 * Who is told of new work: the agents on duty (inbox and WeChat). When no agent is signed in, the supervisors
 * (inbox and WeChat) and every agent of the community (inbox only: it shows on their workbench, nobody off duty is
 * woken), so new work always reaches someone.
 */
export async function newWorkAudience(em: EntityManager, communityId: number, now: Date): Promise<{ to: number[]; push: number[] }> {
  const agents = await onDuty(em, communityId, now, 'agent');
  if (agents.length) return { to: agents, push: agents };
  const staff = await staffOfCommunityByRole(em, communityId, ['supervisor', 'agent']);
  return { to: uniq([...staff.supervisor, ...staff.agent]), push: staff.supervisor };
}

export const uniq = (ids: (number | null | undefined)[], except?: number | null) =>
  [...new Set(ids.filter((x): x is number => typeof x === 'number' && x > 0))].filter((x) => x !== except);
