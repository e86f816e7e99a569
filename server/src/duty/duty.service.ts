import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DutyNowView,
  DutyShiftView,
  DutyStaffView,
  ErrorCode,
  HandoverItem,
  Role,
  SHIFT_PROBLEM_MESSAGES,
  shiftError,
  shiftProblemField,
  STAFF_ROLES,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { DutyShift } from './duty-shift.entity';

const HOUR = 3600_000;
/** a shift may be signed into this early */
const EARLY_MS = HOUR;
/** an unscheduled sign-in opens a shift of this length */
const AD_HOC_MS = 12 * HOUR;
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The duty roster (值班): shifts per community, sign-in / sign-out with hand-over (交接班), who is on duty now. */
@Injectable()
export class DutyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
  ) {}

  async create(c: Caller, dto: { communityId: number; userId: number; role: string; startsAt: string; endsAt: string }): Promise<DutyShiftView> {
    await this.assertCommunity(c, dto.communityId);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const problem = shiftError(startsAt, endsAt, this.clock.now());
    if (problem) {
      const field = shiftProblemField(problem);
      const message = SHIFT_PROBLEM_MESSAGES[problem];
      throw new AppError(400, ErrorCode.ValidationFailed, message, [{ field, rule: problem, message }]);
    }
    const staff: { roles: string }[] = await this.ds.query(
      `SELECT u.roles FROM users u JOIN staff_communities sc ON sc.user_id = u.id WHERE u.id = ? AND u.company_id = ? AND u.kind = 'staff' AND sc.community_id = ?`,
      [dto.userId, c.companyId, dto.communityId],
    );
    if (!staff.length) throw AppError.notFound('该小区的员工');
    if (!String(staff[0].roles).split(',').includes(dto.role)) throw AppError.badRequest('该员工没有此岗位角色');
    const { identifiers } = await this.ds.getRepository(DutyShift).insert({
      companyId: c.companyId,
      communityId: dto.communityId,
      userId: dto.userId,
      role: dto.role,
      startsAt,
      endsAt,
      signedInAt: null,
      signedOutAt: null,
      handoverNotes: null,
      createdBy: c.userId,
    });
    return (await this.views([await this.ds.getRepository(DutyShift).findOneByOrFail({ id: Number(identifiers[0].id) })]))[0];
  }

  async staff(c: Caller, communityId: number): Promise<DutyStaffView[]> {
    await this.assertCommunity(c, communityId);
    const rows: { id: number; name: string; roles: string }[] = await this.ds.query(
      `SELECT u.id, u.name, u.roles FROM users u JOIN staff_communities sc ON sc.user_id = u.id
        WHERE sc.community_id = ? AND u.company_id = ? AND u.kind = 'staff' AND u.active = ? ORDER BY u.name, u.id`,
      [communityId, c.companyId, true],
    );
    return rows.map((u) => ({
      id: Number(u.id),
      name: u.name,
      roles: String(u.roles)
        .split(',')
        .filter((r): r is Role => (STAFF_ROLES as readonly string[]).includes(r) && r !== 'admin'),
    }));
  }

  async list(c: Caller, communityId: number, from?: string, to?: string): Promise<DutyShiftView[]> {
    await this.assertCommunity(c, communityId);
    const now = this.clock.now();
    const qb = this.ds
      .getRepository(DutyShift)
      .createQueryBuilder('s')
      .where('s.communityId = :communityId', { communityId })
      .andWhere('s.endsAt > :from', { from: sqlTime(from ? new Date(from) : new Date(now.getTime() - 24 * HOUR)) });
    if (to) qb.andWhere('s.startsAt < :to', { to: sqlTime(new Date(to)) });
    return this.views(await qb.orderBy('s.startsAt', 'ASC').addOrderBy('s.id', 'ASC').take(500).getMany());
  }

  /** Signs the caller in: their scheduled shift starting within the hour, or an unscheduled one from now. */
  async signIn(c: Caller, communityId: number, role?: string): Promise<DutyNowView> {
    await this.assertCommunity(c, communityId);
    const now = this.clock.now();
    const repo = this.ds.getRepository(DutyShift);
    const open = await this.current(c.userId, communityId, now);
    if (!open) {
      const scheduled = await repo
        .createQueryBuilder('s')
        .where('s.userId = :u AND s.communityId = :communityId AND s.signedInAt IS NULL', { u: c.userId, communityId })
        .andWhere('s.startsAt <= :early AND s.endsAt > :now', { early: sqlTime(new Date(now.getTime() + EARLY_MS)), now: sqlTime(now) })
        .orderBy('s.startsAt', 'ASC')
        .getOne();
      if (scheduled) await repo.update({ id: scheduled.id }, { signedInAt: now });
      else {
        const r = role ?? (c.roles.find((x) => x !== 'admin') as Role | undefined) ?? c.roles[0];
        if (!c.roles.includes(r as Role)) throw AppError.badRequest('您没有此岗位角色');
        await repo.insert({
          companyId: c.companyId,
          communityId,
          userId: c.userId,
          role: r,
          startsAt: now,
          endsAt: new Date(now.getTime() + AD_HOC_MS),
          signedInAt: now,
          signedOutAt: null,
          handoverNotes: null,
          createdBy: c.userId,
        });
      }
    }
    return this.now(c, communityId);
  }

  /** Signs the caller out, leaving hand-over notes for the next shift (the open items are listed automatically). */
  async signOut(c: Caller, communityId: number, notes?: string): Promise<DutyShiftView> {
    await this.assertCommunity(c, communityId);
    const now = this.clock.now();
    const open = await this.current(c.userId, communityId, now);
    if (!open) throw AppError.conflict(undefined, '您当前没有在该小区值班');
    await this.ds.getRepository(DutyShift).update({ id: open.id }, { signedOutAt: now, handoverNotes: notes ?? null });
    return (await this.views([await this.ds.getRepository(DutyShift).findOneByOrFail({ id: open.id })]))[0];
  }

  async now(c: Caller, communityId: number): Promise<DutyNowView> {
    await this.assertCommunity(c, communityId);
    const now = this.clock.now();
    const repo = this.ds.getRepository(DutyShift);
    const onDuty = await repo
      .createQueryBuilder('s')
      .where('s.communityId = :communityId AND s.signedInAt IS NOT NULL AND s.signedOutAt IS NULL AND s.endsAt > :now', { communityId, now: sqlTime(now) })
      .orderBy('s.signedInAt', 'ASC')
      .getMany();
    const last = await repo
      .createQueryBuilder('s')
      .where('s.communityId = :communityId AND s.signedOutAt IS NOT NULL', { communityId })
      .orderBy('s.signedOutAt', 'DESC')
      .getOne();
    const items: { id: number; no: string; kind: string; status: string; sla_due_at: Date | string | null }[] = await this.ds.query(
      'SELECT id, no, kind, status, sla_due_at FROM tickets WHERE community_id = ? AND is_open = ? ORDER BY tier_rank, sla_due_at, id LIMIT 100',
      [communityId, true],
    );
    const openItems: HandoverItem[] = items.map((t) => ({
      id: Number(t.id),
      no: t.no,
      kind: t.kind,
      status: t.status,
      slaDueAt: t.sla_due_at
        ? new Date(typeof t.sla_due_at === 'string' ? t.sla_due_at.replace(' ', 'T') + (/[Zz]$/.test(t.sla_due_at) ? '' : 'Z') : t.sla_due_at).toISOString()
        : null,
    }));
    return { communityId, onDuty: await this.views(onDuty), handover: { from: last ? (await this.views([last]))[0] : null, openItems } };
  }

  private current(userId: number, communityId: number, now: Date) {
    return this.ds
      .getRepository(DutyShift)
      .createQueryBuilder('s')
      .where('s.userId = :u AND s.communityId = :communityId AND s.signedInAt IS NOT NULL AND s.signedOutAt IS NULL AND s.endsAt > :now', {
        u: userId,
        communityId,
        now: sqlTime(now),
      })
      .getOne();
  }

  private async views(rows: DutyShift[]): Promise<DutyShiftView[]> {
    const ids = [...new Set(rows.map((r) => r.userId))];
    const names = new Map<number, string>();
    if (ids.length)
      for (const u of await this.ds.query(`SELECT id, name FROM users WHERE id IN (${ids.map(() => '?').join(',')})`, ids)) names.set(Number(u.id), u.name);
    return rows.map((s) => ({
      id: s.id,
      communityId: s.communityId,
      userId: s.userId,
      userName: names.get(s.userId) ?? '',
      role: s.role,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      signedInAt: s.signedInAt?.toISOString() ?? null,
      signedOutAt: s.signedOutAt?.toISOString() ?? null,
      handoverNotes: s.handoverNotes,
    }));
  }

  private async assertCommunity(c: Caller, communityId: number) {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
  }
}
