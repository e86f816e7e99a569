import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addCalendarDays,
  endOfShanghaiDate,
  ErrorCode,
  ItemReleaseView,
  PassDecisionView,
  PASS_STATUS_LABELS,
  PassKind,
  passIssueDue,
  PassStatus,
  RELEASE_MAX_DAYS_AHEAD,
  releaseItemsText,
  releaseProblems,
  shanghaiDate,
  startOfShanghaiDate,
} from '@linli/shared';
import { AppError } from '../../common/app-error';
import { Caller } from '../../common/caller';
import { Clock } from '../../common/clock';
import { recordIdempotencyKey } from '../../common/idempotency.interceptor';
import { Room } from '../../org/entities/room.entity';
import { SlaClock } from '../../sla/entities/clock.entity';
import { idList } from '../../fees/ledger-sql';
import { NotifyService } from '../../notify/notify.service';
import { Pass } from '../entities/pass.entity';
import { PassIssuer } from '../pass-issuer';
import { detailsOf, LoadedPass, residentRoom } from '../pass-queue-rows';
import { ApplyItemReleaseDto } from './dto';
import { ItemDetails, withEvent } from './item-details';
import { itemView } from './item-views';

/** A resident's large-item release (大件物品放行): a tenant's waits for the owner's consent, then the staff review it. */
@Injectable()
export class ItemApplyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly issuer: PassIssuer,
    private readonly notify: NotifyService,
  ) {}

  async apply(c: Caller, dto: ApplyItemReleaseDto): Promise<ItemReleaseView> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const items = dto.items.map((i) => ({ name: i.name.trim(), quantity: i.quantity }));
    const problems = releaseProblems({ ...dto, items }, today, addCalendarDays(today, RELEASE_MAX_DAYS_AHEAD));
    if (problems.length) throw AppError.badRequest(problems.join('；'));
    const room = await residentRoom(this.ds.manager, c, dto.roomId, {
      sql: `, (SELECT GROUP_CONCAT(o.user_id) FROM room_bindings o WHERE o.room_id = r.id AND o.status = 'approved' AND o.relation = 'owner') AS owner_ids`,
      params: [],
    });
    const byTenant = room.relation === 'tenant';
    const owners = idList(room.extra.owner_ids);
    if (byTenant && !owners.length) throw AppError.conflict(ErrorCode.Conflict, '该房屋没有已绑定的业主，无法在线确认，请联系物业服务中心办理');
    const details = withEvent(
      { items, date: dto.date, from: dto.from, to: dto.to, byTenant, timeline: [] },
      now,
      byTenant ? '租户提交申请，等待业主同意' : '提交申请，等待物业审核',
    );
    const row = {
      companyId: room.companyId,
      communityId: room.communityId,
      roomId: room.roomId,
      kind: PassKind.ItemRelease,
      status: byTenant ? PassStatus.PendingConsent : PassStatus.Review,
      holderName: room.userName.slice(0, 50),
      holderPhone: room.userPhone,
      holderUserId: c.userId,
      plate: null,
      validFrom: startOfShanghaiDate(dto.date),
      validUntil: endOfShanghaiDate(dto.date),
      entriesTotal: 1,
      linkToken: null,
      permitId: null,
      billLineId: null,
      detailsJson: JSON.stringify(details),
      createdBy: c.userId,
      createdAt: now,
      updatedAt: now,
    };
    return this.ds.transaction(async (em) => {
      const [id] = await this.issuer.create(em, [row], now);
      if (byTenant)
        await this.notify.enqueue(em, {
          companyId: room.companyId,
          communityId: room.communityId,
          key: `pass:${id}:consent`,
          recipients: owners,
          app: 'resident',
          msg: {
            template: 'item_release_consent',
            title: '租户申请大件物品放行',
            body: `${room.label} 的租户申请 ${dto.date} ${dto.from}–${dto.to} 搬出：${releaseItemsText(items)}，请确认是否同意`.slice(0, 200),
            link: '/passes/items/consents',
            wx: { thing1: '大件物品放行待确认', thing2: room.label, time3: now },
          },
          at: now,
        });
      const pass = Object.assign(new Pass(), row, { id, entriesUsed: 0, issuedAt: null, reviewNote: null, reviewedBy: null, version: 1 });
      const clock = byTenant
        ? null
        : Object.assign(new SlaClock(), { state: 'running', startedAt: now, dueAt: passIssueDue(PassKind.ItemRelease, now), metAt: null, breached: false });
      const view = itemView(Object.assign(pass, { room: { label: room.label } as Room, clock }) as LoadedPass, true, null);
      await recordIdempotencyKey(em, 'pass', id, view);
      return view;
    });
  }

  /** The owner agrees (the 1-hour clock starts, the staff review it) or refuses (returned with the reason). */
  async consent(c: Caller, id: number, version: number, agree: boolean, reason?: string): Promise<PassDecisionView> {
    const [row] = (await this.ds.query(
      `SELECT p.id FROM passes p WHERE p.id = ? AND p.kind = 'item_release' AND p.company_id = ?
         AND EXISTS (SELECT 1 FROM room_bindings b WHERE b.room_id = p.room_id AND b.user_id = ? AND b.status = 'approved' AND b.relation = 'owner')`,
      [id, c.companyId, c.userId],
    )) as { id: number }[];
    if (!row) throw AppError.notFound('放行申请');
    const p = (await this.ds.manager.findOneBy(Pass, { id }))!;
    if (p.version !== version) throw AppError.versionConflict(p.version);
    if (p.status !== PassStatus.PendingConsent) throw AppError.conflict(ErrorCode.Conflict, `该申请${PASS_STATUS_LABELS[p.status]}，无需再确认`);
    const now = this.clock.now();
    const note = reason?.trim() ? `业主不同意：${reason.trim()}` : '业主不同意';
    const d = withEvent(detailsOf<ItemDetails>(p), now, agree ? '业主已同意，等待物业审核' : note);
    const status = agree ? PassStatus.Review : PassStatus.Returned;
    await this.ds.transaction(async (em) => {
      const r = await em
        .createQueryBuilder()
        .update(Pass)
        .set({ status, detailsJson: JSON.stringify(d), reviewNote: agree ? null : note, updatedAt: now, version: () => 'version + 1' })
        .where({ id, version, status: PassStatus.PendingConsent })
        .execute();
      if (r.affected !== 1) throw AppError.versionConflict();
      if (agree) await this.issuer.startClocks(em, [p], now);
      else if (p.holderUserId !== null)
        await this.notify.enqueue(em, {
          companyId: p.companyId,
          communityId: p.communityId,
          key: `pass:${id}:consent-refused`,
          recipients: [p.holderUserId],
          app: 'resident',
          msg: {
            template: 'pass_decided',
            title: '大件物品放行未获业主同意',
            body: note,
            link: '/passes/items',
            wx: { thing1: '大件物品放行', phrase2: '未通过', time3: now },
          },
          at: now,
        });
    });
    return { id, status, statusLabel: PASS_STATUS_LABELS[status], version: version + 1 };
  }
}
