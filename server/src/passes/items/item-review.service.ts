import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  formatYuan,
  ItemReleaseView,
  PassDecisionView,
  PASS_STATUS_LABELS,
  PassKind,
  PassStatus,
  roomArrears,
  RoomArrears,
  shanghaiDate,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { ScopeService } from '../../common/scope';
import { fromJson, jsonRows } from '../../database/json-rows';
import { BillLine } from '../../fees/entities/bill-line.entity';
import { NotifyService } from '../../notify/notify.service';
import { Pass } from '../entities/pass.entity';
import { decideInReview, tellDecision } from '../pass-decision';
import { PassIssuer } from '../pass-issuer';
import { detailsOf, LoadedPass, passQuery } from '../pass-queue-rows';
import { ItemDetails, withEvent } from './item-details';
import { itemView } from './item-views';

const PAGE = 100;

/** Large-item releases: the lists (resident, owner's consents, staff queue), the staff decision with the overdue-bills check. */
@Injectable()
export class ItemReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly issuer: PassIssuer,
    private readonly notify: NotifyService,
  ) {}

  /** Overdue open lines per room as of today ([fees] arrears rule): one statement. */
  private async arrears(roomIds: number[]): Promise<Map<number, RoomArrears>> {
    if (!roomIds.length) return new Map();
    const lines = await this.ds.manager
      .createQueryBuilder(BillLine, 'l')
      .where('l.roomId IN (:...ids) AND l.status = :open', { ids: [...new Set(roomIds)], open: 'open' })
      .getMany();
    return roomArrears(lines, shanghaiDate(this.clock.now()));
  }

  async mine(c: Caller): Promise<ItemReleaseView[]> {
    const scope = await this.scopes.resolve(c);
    if (!scope.roomIds.length) return [];
    const rows = (await passQuery(this.ds.manager, PassKind.ItemRelease)
      .andWhere('p.companyId = :co AND p.roomId IN (:...rooms)', { co: c.companyId, rooms: scope.roomIds })
      .orderBy('p.id', 'DESC')
      .limit(PAGE)
      .getMany()) as LoadedPass[];
    return rows.map((p) => itemView(p, true, null));
  }

  /** Tenants' requests for the rooms the caller owns, waiting for the owner's consent. */
  async consents(c: Caller): Promise<ItemReleaseView[]> {
    const rows = (await passQuery(this.ds.manager, PassKind.ItemRelease)
      .andWhere('p.companyId = :co AND p.status = :st', { co: c.companyId, st: PassStatus.PendingConsent })
      .andWhere("p.roomId IN (SELECT b.room_id FROM room_bindings b WHERE b.user_id = :me AND b.status = 'approved' AND b.relation = 'owner')", {
        me: c.userId,
      })
      .orderBy('p.id', 'ASC')
      .limit(PAGE)
      .getMany()) as LoadedPass[];
    return rows.map((p) => itemView(p, false, null));
  }

  async queue(c: Caller, communityId: number): Promise<ItemReleaseView[]> {
    const scope = await this.scopes.resolve(c);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const rows = (await passQuery(this.ds.manager, PassKind.ItemRelease)
      .andWhere('p.companyId = :co AND p.communityId = :cid AND p.status = :st', { co: c.companyId, cid: communityId, st: PassStatus.Review })
      .orderBy('p.updatedAt', 'ASC')
      .limit(PAGE)
      .getMany()) as LoadedPass[];
    const owed = await this.arrears(rows.map((p) => p.roomId));
    return rows.map((p) => itemView(p, false, owed.get(p.roomId)));
  }

  /** One release with its timeline: staff of its community, residents of its room. */
  async one(c: Caller, id: number): Promise<ItemReleaseView> {
    const scope = await this.scopes.resolve(c);
    const p = (await passQuery(this.ds.manager, PassKind.ItemRelease).andWhere('p.id = :id', { id }).getOne()) as LoadedPass | null;
    if (!p || p.companyId !== c.companyId || (scope.isResident ? !scope.roomIds.includes(p.roomId) : !scope.canSeeCommunity(p.communityId)))
      throw AppError.notFound('放行申请');
    if (scope.isResident) return itemView(p, p.holderUserId === c.userId, null);
    return itemView(p, false, (await this.arrears([p.roomId])).get(p.roomId));
  }

  /** The pass in review, the room's open lines and the reviewer's name: two statements. */
  private async inReview(c: Caller, id: number, version: number) {
    const scope = await this.scopes.resolve(c);
    const p = await this.ds.manager.findOneBy(Pass, { id, kind: PassKind.ItemRelease });
    scope.assertCommunity(p, '放行申请');
    if (p!.version !== version) throw AppError.versionConflict(p!.version);
    if (p!.status !== PassStatus.Review) throw AppError.conflict(ErrorCode.Conflict, `该申请${PASS_STATUS_LABELS[p!.status]}，不在待审核状态`);
    const em = this.ds.manager;
    const [row] = (await em.query(
      `SELECT (SELECT u.name FROM users u WHERE u.id = ?) AS me, ${jsonRows(em, BillLine, 'l', "FROM bill_lines l WHERE l.room_id = ? AND l.status = 'open'")} AS lines_json`,
      [c.userId, p!.roomId],
    )) as { me: string; lines_json: unknown }[];
    const owed = roomArrears(fromJson(em, BillLine, row.lines_json), shanghaiDate(this.clock.now())).get(p!.roomId);
    return { p: p!, me: String(row.me ?? ''), owed, scope };
  }

  /** Issued (one exit on the chosen day); an overdue room only with a supervisor's or manager's reason, kept on the timeline. */
  async approve(c: Caller, id: number, version: number, overrideReason?: string): Promise<PassDecisionView> {
    const { p, me, owed, scope } = await this.inReview(c, id, version);
    const now = this.clock.now();
    let d = detailsOf<ItemDetails>(p);
    if (owed) {
      const what = `该房屋有 ${owed.lines} 笔逾期未缴费用（本金 ${formatYuan(owed.openCents)}）`;
      if (!overrideReason?.trim())
        throw AppError.conflict(ErrorCode.Conflict, `${what}，请住户缴清后再放行；确需放行须由主管填写原因`, {
          overdue: { lines: owed.lines, openCents: owed.openCents },
        });
      if (!scope.has('supervisor') && !scope.has('manager')) throw AppError.forbidden(`${what}，只有主管或经理可以填写原因后放行`);
      const reason = overrideReason.trim();
      d = { ...d, override: { byId: c.userId, byName: me, reason, at: now.toISOString(), overdueCents: owed.openCents, lines: owed.lines } };
      d = withEvent(d, now, `${me} 欠费放行（逾期 ${formatYuan(owed.openCents)}）：${reason}`);
    }
    d = withEvent(d, now, `${me} 审核通过，已签发放行条`);
    await this.ds.transaction(async (em) => {
      await decideInReview(em, p, { status: PassStatus.Active, issuedAt: now, reviewedBy: c.userId, detailsJson: JSON.stringify(d) }, now);
      await this.issuer.stopClocks(em, [p.id], now, 'met');
      await this.tell(em, p, '大件物品放行已签发', `${d.date} ${d.from}–${d.to} 凭放行码出门，门岗扫码核验`, now);
    });
    return { id, status: PassStatus.Active, statusLabel: PASS_STATUS_LABELS.active, version: version + 1 };
  }

  async return(c: Caller, id: number, version: number, reason: string): Promise<PassDecisionView> {
    const { p, me } = await this.inReview(c, id, version);
    const now = this.clock.now();
    const d = withEvent(detailsOf<ItemDetails>(p), now, `${me} 退回：${reason}`);
    await this.ds.transaction(async (em) => {
      await decideInReview(em, p, { status: PassStatus.Returned, reviewNote: reason, reviewedBy: c.userId, detailsJson: JSON.stringify(d) }, now);
      await this.issuer.stopClocks(em, [p.id], now, 'cancelled');
      await this.tell(em, p, '大件物品放行被退回', reason, now);
    });
    return { id, status: PassStatus.Returned, statusLabel: PASS_STATUS_LABELS.returned, version: version + 1 };
  }

  private tell(em: EntityManager, p: Pass, title: string, body: string, at: Date) {
    return tellDecision(this.notify, em, p, title, body, { thing1: '大件物品放行' }, at);
  }
}
