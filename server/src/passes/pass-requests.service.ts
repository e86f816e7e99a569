import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, normalizeMobile, parsePlate, PassKind, PassStatus, PassView, RESIDENT_PASS_DAYS, visitorWindow } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { recordIdempotencyKey } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { sqlTime } from '../common/sql-time';
import { lockParentRow } from '../database/row-lock';
import { CreateResidentPassDto, CreateVisitorPassDto } from './dto/passes.dto';
import { newLinkToken } from './pass-codes';
import { NewPass, PassIssuer } from './pass-issuer';
import { DEFAULT_PASS_POLICY } from './pass-policies.service';
import { loadPassRows, PassRow, passView } from './pass-rows';

/** The caller's approved binding of a room, with what a pass request needs of it: one statement. */
interface RoomFacts {
  room_id: number;
  community_id: number;
  company_id: number;
  label: string;
  community_name: string;
  relation: string;
  binding_name: string;
  phone: string | null;
  visitor_max_days: number | null;
  visitor_max_entries: number | null;
  tenant_max_visitor_passes: number | null;
  tenants_active: number | string;
  own_pass_id: number | string | null;
}

const FACTS_SQL = `SELECT r.id AS room_id, r.community_id, b.company_id, r.label, c.name AS community_name, b.relation, b.name AS binding_name, u.phone,
  pp.visitor_max_days, pp.visitor_max_entries, pp.tenant_max_visitor_passes,
  (SELECT COUNT(*) FROM passes v WHERE v.room_id = r.id AND v.kind = 'visitor' AND v.status = 'active' AND v.valid_until > ?
     AND (v.entries_total IS NULL OR v.entries_used < v.entries_total)
     AND v.created_by IN (SELECT t.user_id FROM room_bindings t WHERE t.room_id = r.id AND t.relation = 'tenant' AND t.status = 'approved')) AS tenants_active,
  (SELECT MAX(o.id) FROM passes o WHERE o.room_id = r.id AND o.kind = 'resident' AND o.holder_user_id = b.user_id AND o.status = 'active' AND o.valid_until > ?) AS own_pass_id
  FROM room_bindings b JOIN rooms r ON r.id = b.room_id JOIN communities c ON c.id = r.community_id JOIN users u ON u.id = b.user_id
  LEFT JOIN pass_policies pp ON pp.community_id = r.community_id
  WHERE b.user_id = ? AND b.room_id = ? AND b.company_id = ? AND b.status = 'approved'`;

const DAY_MS = 86_400_000;

/** Residents' requests: a visitor pass (issued at once, shared by link) and their own pass for a room. */
@Injectable()
export class PassRequestsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly issuer: PassIssuer,
  ) {}

  private async assertBound(caller: Caller, roomId: number) {
    const scope = await this.scopes.resolve(caller);
    if (!scope.roomIds.includes(roomId)) throw new AppError(403, ErrorCode.RoomNotBound, '您尚未绑定该房屋（或绑定尚未通过审核）');
  }

  private async facts(em: EntityManager, caller: Caller, roomId: number, at: Date): Promise<RoomFacts> {
    const [f]: RoomFacts[] = await em.query(FACTS_SQL, [sqlTime(at), sqlTime(at), caller.userId, roomId, caller.companyId]);
    if (!f) throw new AppError(403, ErrorCode.RoomNotBound, '您尚未绑定该房屋（或绑定尚未通过审核）');
    return f;
  }

  /**
   * ONE transaction: the room locked, its facts read, the tenants' limit checked, the pass written. The limit counts
   * the room's passes, so creates for one room at once run one after the other and each counts the ones before it.
   */
  async createVisitor(caller: Caller, dto: CreateVisitorPassDto): Promise<PassView> {
    await this.assertBound(caller, dto.roomId);
    return this.ds.transaction(async (em) => {
      await lockParentRow(em, 'SELECT id FROM rooms WHERE id = ? AND company_id = ?', [dto.roomId, caller.companyId]);
      return this.visitorIn(em, caller, dto);
    });
  }

  private async visitorIn(em: EntityManager, caller: Caller, dto: CreateVisitorPassDto): Promise<PassView> {
    const at = this.clock.now();
    const f = await this.facts(em, caller, dto.roomId, at);
    const maxDays = f.visitor_max_days ?? DEFAULT_PASS_POLICY.visitorMaxDays;
    const maxEntries = f.visitor_max_entries ?? DEFAULT_PASS_POLICY.visitorMaxEntries;
    const window = visitorWindow(dto.startsOn, dto.days, maxDays, at);
    if ('problem' in window) throw AppError.badRequest(window.problem, [{ field: 'startsOn', message: window.problem }]);
    if (dto.entries > maxEntries) throw AppError.badRequest(`本小区访客通行证最多 ${maxEntries} 次`, [{ field: 'entries', message: `最多 ${maxEntries} 次` }]);
    const plate = dto.plate ? parsePlate(dto.plate) : null;
    if (dto.plate && !plate) throw AppError.badRequest('车牌号格式不正确', [{ field: 'plate', message: '车牌号格式不正确' }]);
    const phone = dto.visitorPhone ? normalizeMobile(dto.visitorPhone) : null;
    if (dto.visitorPhone && !phone) throw AppError.badRequest('手机号格式不正确', [{ field: 'visitorPhone', message: '手机号格式不正确' }]);
    const limit = f.tenant_max_visitor_passes ?? DEFAULT_PASS_POLICY.tenantMaxVisitorPasses;
    if (f.relation === 'tenant' && Number(f.tenants_active) >= limit)
      throw AppError.conflict(ErrorCode.Conflict, `租户每套房同时有效的访客通行证最多 ${limit} 张，请先作废不用的通行证`, { limit });
    const row: NewPass = {
      ...this.base(caller, f, at),
      kind: PassKind.Visitor,
      holderName: dto.visitorName,
      holderPhone: phone,
      holderUserId: null,
      plate: plate?.plate ?? null,
      validFrom: window.from,
      validUntil: window.until,
      entriesTotal: dto.entries,
      linkToken: newLinkToken(),
    };
    return this.write(em, caller, f, row, at);
  }

  /** The resident's own pass for the room: the active one if there is one (200), else a new one for a year (201). */
  async createResident(caller: Caller, dto: CreateResidentPassDto): Promise<{ created: boolean; view: PassView }> {
    const at = this.clock.now();
    await this.assertBound(caller, dto.roomId);
    const known = await this.facts(this.ds.manager, caller, dto.roomId, at);
    if (known.own_pass_id === null || known.own_pass_id === undefined)
      // none yet: one per room and holder even when two taps arrive at once — the room's row serialises the
      // creates (MariaDB; SQLite writes one transaction at a time) and the facts are read again inside
      return this.ds.transaction(async (em) => {
        await lockParentRow(em, 'SELECT id FROM rooms WHERE id = ? AND company_id = ?', [dto.roomId, caller.companyId]);
        const f = await this.facts(em, caller, dto.roomId, at);
        if (f.own_pass_id !== null && f.own_pass_id !== undefined) return this.existing(em, caller, Number(f.own_pass_id), at);
        return { created: true, view: await this.write(em, caller, f, this.residentRow(caller, f, at), at) };
      });
    return this.existing(this.ds.manager, caller, Number(known.own_pass_id), at);
  }

  private async existing(em: EntityManager, caller: Caller, id: number, at: Date): Promise<{ created: boolean; view: PassView }> {
    const [p] = await loadPassRows(em, caller.userId, 'p.id = ?', [id]);
    return { created: false, view: passView(p, at, { staff: false, callerId: caller.userId }) };
  }

  private residentRow(caller: Caller, f: RoomFacts, at: Date): NewPass {
    return {
      ...this.base(caller, f, at),
      kind: PassKind.Resident,
      holderName: f.binding_name,
      holderPhone: f.phone,
      holderUserId: caller.userId,
      plate: null,
      validFrom: at,
      validUntil: new Date(at.getTime() + RESIDENT_PASS_DAYS * DAY_MS),
      entriesTotal: null,
      linkToken: null,
    };
  }

  private base(caller: Caller, f: RoomFacts, at: Date) {
    return {
      companyId: Number(f.company_id),
      communityId: Number(f.community_id),
      roomId: Number(f.room_id),
      status: PassStatus.Active,
      permitId: null,
      billLineId: null,
      detailsJson: null,
      createdBy: caller.userId,
      createdAt: at,
      updatedAt: at,
    };
  }

  /** In the caller's transaction: the pass, its clock (met at once), the idempotency key; the answer from what was written. */
  private async write(em: EntityManager, caller: Caller, f: RoomFacts, row: NewPass, at: Date): Promise<PassView> {
    const [id] = await this.issuer.create(em, [row], at);
    const p: PassRow = {
      ...row,
      id,
      entriesUsed: 0,
      revokedAt: null,
      revokeReason: null,
      version: 1,
      roomLabel: f.label,
      communityName: f.community_name,
      creatorName: '',
      callerOwns: f.relation === 'owner',
    };
    const view = passView(p, at, { staff: false, callerId: caller.userId });
    await recordIdempotencyKey(em, 'pass', id, view);
    return view;
  }
}
