import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  maskName,
  PASS_KIND_LABELS,
  PASS_STATE_LABELS,
  PassCodeView,
  PassDetailView,
  PassKind,
  PassLinkView,
  PassState,
  PassStatus,
  passState,
  PassView,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { Scope, ScopeService } from '../common/scope';
import { Pass } from './entities/pass.entity';
import { RevokePassDto } from './dto/passes.dto';
import { NotifyService } from '../notify/notify.service';
import { PassCodes } from './pass-codes';
import { tellDecision } from './pass-decision';
import { PassIssuer } from './pass-issuer';
import { loadPassRows, PassRow, passView, SCAN_SELECT, scanView } from './pass-rows';

/** a used-up pass still shows its code: the guard lets its holder out (an exit consumes nothing) */
const SHOWABLE: PassState[] = ['active', 'not_yet_valid', 'used_up'];
const TOKEN = /^[A-Za-z0-9_-]{20,48}$/;
const STAFF_REVOKE = ['supervisor', 'manager', 'admin'] as const;
const canStaffRevoke = (s: Scope) => STAFF_REVOKE.some((r) => s.has(r));

/** Reading passes (mine, detail, the share link), their rotating codes, and revocation. */
@Injectable()
export class PassAccessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly codes: PassCodes,
    private readonly issuer: PassIssuer,
    private readonly notify: NotifyService,
  ) {}

  /** A resident's passes of one room: those they created or hold, and (owners) every visitor pass of the room. */
  async mine(caller: Caller, roomId: number): Promise<PassView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.roomIds.includes(roomId)) throw new AppError(403, ErrorCode.RoomNotBound, '您尚未绑定该房屋');
    const rows = await loadPassRows(
      this.ds.manager,
      caller.userId,
      `p.room_id = ? AND p.company_id = ? AND (p.created_by = ? OR p.holder_user_id = ? OR (p.kind = 'visitor' AND EXISTS
        (SELECT 1 FROM room_bindings o WHERE o.room_id = p.room_id AND o.user_id = ? AND o.status = 'approved' AND o.relation = 'owner')))`,
      [roomId, caller.companyId, caller.userId, caller.userId, caller.userId],
      'ORDER BY p.id DESC LIMIT 100',
    );
    const at = this.clock.now();
    return rows.map((p) => passView(p, at, { staff: false, callerId: caller.userId }));
  }

  /** The pass if the caller may see it: staff of its community, or a resident who created / holds it / owns the room. */
  private async visible(caller: Caller, id: number): Promise<{ p: PassRow; scope: Scope }> {
    const scope = await this.scopes.resolve(caller);
    const [p] = await loadPassRows(this.ds.manager, caller.userId, 'p.id = ? AND p.company_id = ?', [id, caller.companyId]);
    if (!p) throw AppError.notFound('通行证');
    if (scope.isResident) {
      const mine = p.createdBy === caller.userId || p.holderUserId === caller.userId || (p.callerOwns && p.kind === PassKind.Visitor);
      if (!mine || !scope.roomIds.includes(p.roomId)) throw AppError.notFound('通行证');
    } else scope.assertCommunity(p, '通行证');
    return { p, scope };
  }

  async detail(caller: Caller, id: number): Promise<PassDetailView> {
    const { p, scope } = await this.visible(caller, id);
    const rows: Record<string, unknown>[] = await this.ds.query(`${SCAN_SELECT} WHERE s.pass_id = ? AND s.company_id = ? ORDER BY s.id DESC LIMIT 20`, [
      id,
      caller.companyId,
    ]);
    const staff = !scope.isResident;
    const view = passView(p, this.clock.now(), { staff, callerId: caller.userId, staffMayRevoke: canStaffRevoke(scope) });
    // residents see when and where their pass was used, not which guard
    const scans = rows.map(scanView).map((s) => (staff ? s : { ...s, guardId: 0, guardName: '' }));
    return { ...view, scans };
  }

  /** The holder's (or creator's) current rotating code, while the pass can be used. */
  async code(caller: Caller, id: number): Promise<PassCodeView> {
    const { p } = await this.visible(caller, id);
    if (p.createdBy !== caller.userId && p.holderUserId !== caller.userId) throw AppError.forbidden('只有持证人或申请人可以出示二维码');
    const at = this.clock.now();
    const state = passState(p, at);
    if (!SHOWABLE.includes(state)) throw AppError.conflict(ErrorCode.Conflict, `通行证${PASS_STATE_LABELS[state]}，无法出示`, { state });
    const c = this.codes.sign(p.id, at);
    return { code: c.code, refreshAt: c.refreshAt.toISOString() };
  }

  /** The visitor's page (no login): the pass summary, the host masked, the code while it can be used. */
  async link(token: string): Promise<PassLinkView> {
    if (!TOKEN.test(token)) throw AppError.notFound('通行证');
    const [p] = await loadPassRows(this.ds.manager, 0, 'p.link_token = ?', [token]);
    if (!p) throw AppError.notFound('通行证');
    const at = this.clock.now();
    const state = passState(p, at);
    const c = SHOWABLE.includes(state) ? this.codes.sign(p.id, at) : null;
    return {
      passId: p.id,
      kind: p.kind,
      kindLabel: PASS_KIND_LABELS[p.kind],
      state,
      stateLabel: PASS_STATE_LABELS[state],
      communityName: p.communityName,
      roomLabel: p.roomLabel,
      hostName: maskName(p.creatorName),
      visitorName: p.holderName,
      plate: p.plate,
      validFrom: p.validFrom.toISOString(),
      validUntil: p.validUntil.toISOString(),
      entriesTotal: p.entriesTotal,
      entriesUsed: p.entriesUsed,
      code: c?.code ?? null,
      refreshAt: c?.refreshAt.toISOString() ?? null,
    };
  }

  /** Creator, holder, the room's owner (visitor passes) or a supervisor / manager: version-checked, next scan red. */
  async revoke(caller: Caller, id: number, dto: RevokePassDto): Promise<PassView> {
    const { p, scope } = await this.visible(caller, id);
    const at = this.clock.now();
    if (!scope.isResident && !canStaffRevoke(scope)) throw AppError.forbidden('只有主管或经理可以作废通行证');
    const mine = p.createdBy === caller.userId || p.holderUserId === caller.userId || (p.callerOwns && p.kind === PassKind.Visitor);
    if (scope.isResident && !mine) throw AppError.forbidden('只有申请人或房屋业主可以作废该通行证');
    if (p.status !== PassStatus.Active || passState(p, at) === 'expired') throw AppError.conflict(ErrorCode.IllegalTransition, '该通行证已失效，无需作废');
    if (p.version !== dto.version) throw AppError.versionConflict(p.version);
    const reason = dto.reason ?? null;
    await this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(Pass)
        .set({ status: PassStatus.Revoked, revokedAt: at, revokedBy: caller.userId, revokeReason: reason, updatedAt: at, version: () => 'version + 1' })
        .where('id = :id AND version = :v AND status = :active', { id, v: dto.version, active: PassStatus.Active })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      await this.issuer.stopClocks(em, [id], at, 'cancelled');
      // the holder (a visitor pass: whoever asked for it) learns of a revocation they did not make themselves
      const told = p.holderUserId ?? p.createdBy;
      if (told !== null && told !== caller.userId) {
        const body = `${PASS_KIND_LABELS[p.kind]}已被作废${reason ? `：${reason}` : ''}`;
        await tellDecision(this.notify, em, { ...p, holderUserId: told }, '通行证已作废', body, { thing1: PASS_KIND_LABELS[p.kind] }, at);
      }
    });
    const after: PassRow = { ...p, status: PassStatus.Revoked, revokedAt: at, revokeReason: reason, version: p.version + 1 };
    return passView(after, at, { staff: !scope.isResident, callerId: caller.userId, staffMayRevoke: canStaffRevoke(scope) });
  }
}
