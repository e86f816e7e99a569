import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ClockName,
  ErrorCode,
  formatWorkHours,
  PassKind,
  PassStatus,
  PERMIT_SUBJECT,
  permitPassWindow,
  permitReviewDue,
  PermitStatus,
  PermitView,
  shanghaiDate,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { sqlTime } from '../common/sql-time';
import { NotifyService } from '../notify/notify.service';
import { SlaClock } from '../sla/entities/clock.entity';
import { PermitReasonDto, PermitRevokeDto, PermitVersionDto } from './dto/permit.dto';
import { DecorationPermit } from './entities/decoration-permit.entity';
import { Pass } from './entities/pass.entity';
import { clockRowOf, NewPass, PassIssuer } from './pass-issuer';
import { newLinkToken } from './pass-codes';
import { mayDecide, PermitRow, permitView } from './permit-views';
import { PermitsService } from './permits.service';

const OUTCOMES = { approved: '已批准', returned: '已退回', revoked: '已作废' } as const;

/**
 * A supervisor's or manager's decision on a permit. Approval issues every worker's pass in the same transaction
 * (one INSERT for the passes, one statement for their met issue clocks and the met review clock): 8 statements
 * whatever the number of workers. Return needs a reason; revoking an approved permit revokes its passes.
 */
@Injectable()
export class PermitReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly permits: PermitsService,
    private readonly issuer: PassIssuer,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  private async waiting(c: Caller, id: number, version: number): Promise<PermitRow> {
    const p = await this.permits.visible(c, id);
    if (!mayDecide(c)) throw AppError.forbidden('装修申请由客服主管或经理审核');
    if (p.status !== PermitStatus.Submitted) throw AppError.conflict(ErrorCode.Conflict, '该申请已处理，请刷新');
    if (p.version !== version) throw AppError.versionConflict(p.version);
    return p;
  }

  /** One version-checked UPDATE of the permit: 409 when someone decided (or the owner withdrew) first. */
  private async move(em: EntityManager, p: PermitRow, from: PermitStatus, set: Partial<DecorationPermit>, version: number) {
    const res = await em
      .createQueryBuilder()
      .update(DecorationPermit)
      .set({ ...set, version: version + 1 })
      .where('id = :id AND version = :v AND status = :s', { id: p.id, v: version, s: from })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
  }

  async approve(c: Caller, id: number, dto: PermitVersionDto): Promise<PermitView> {
    const p = await this.waiting(c, id, dto.version);
    const now = this.clock.now();
    if (p.endsOn < shanghaiDate(now)) throw AppError.badRequest('装修期已过，请退回让业主重新申请');
    const window = permitPassWindow(p.startsOn, p.endsOn);
    const rows: NewPass[] = p.workers.map((w) => ({
      companyId: p.companyId,
      communityId: p.communityId,
      roomId: p.roomId,
      kind: PassKind.Worker,
      status: PassStatus.Active,
      holderName: w.name,
      holderPhone: null,
      holderUserId: null,
      plate: null,
      ...window,
      entriesTotal: null,
      linkToken: newLinkToken(),
      permitId: p.id,
      billLineId: null,
      detailsJson: JSON.stringify({ idMasked: w.idMasked }),
      createdBy: c.userId,
      createdAt: now,
      updatedAt: now,
    }));
    const reviewDue = p.reviewClock?.dueAt ?? permitReviewDue(p.createdAt);
    const reviewMet = clockRowOf(p.companyId, p.communityId, PERMIT_SUBJECT, p.id, ClockName.PermitReview, now, reviewDue, true);
    const decided = { status: PermitStatus.Approved, reviewedBy: c.userId, reviewedAt: now, reviewNote: null, updatedAt: now };
    const ids = await this.ds.transaction(async (em) => {
      await this.move(em, p, PermitStatus.Submitted, decided, dto.version);
      const passIds = await this.issuer.create(em, rows, now, [reviewMet]);
      await this.tellOwner(
        em,
        p,
        now,
        'approved',
        `${p.roomLabel} 的装修申请已批准，${rows.length} 张装修出入证已签发（${p.startsOn} 至 ${p.endsOn}，施工时间 ${formatWorkHours(p.workHours)}）。`,
      );
      return passIds;
    });
    const passes = rows.map((r, i) => ({ ...r, id: ids[i], entriesUsed: 0, issuedAt: now, version: 1 }) as Pass);
    const passClocks = passes.map(
      (ps) => ({ ...clockRowOf(p.companyId, p.communityId, 'pass', ps.id, ClockName.PassIssue, now, now, true), breached: false }) as SlaClock,
    );
    const reviewClock = { ...(p.reviewClock ?? reviewMet), state: 'met', metAt: now, breached: reviewMet.breached } as SlaClock;
    return permitView({ ...p, ...decided, version: dto.version + 1, reviewerName: null, passes, passClocks, reviewClock }, c, now);
  }

  async return(c: Caller, id: number, dto: PermitReasonDto): Promise<PermitView> {
    const p = await this.waiting(c, id, dto.version);
    const now = this.clock.now();
    const decided = { status: PermitStatus.Returned, reviewedBy: c.userId, reviewedAt: now, reviewNote: dto.reason, updatedAt: now };
    await this.ds.transaction(async (em) => {
      await this.move(em, p, PermitStatus.Submitted, decided, dto.version);
      await em.query(
        `UPDATE clocks SET state = 'met', met_at = ?, breached = CASE WHEN due_at < ? THEN 1 ELSE breached END
          WHERE subject_type = ? AND subject_id = ? AND name = ? AND state IN ('running', 'paused')`,
        [sqlTime(now), sqlTime(now), PERMIT_SUBJECT, p.id, ClockName.PermitReview],
      );
      await this.tellOwner(em, p, now, 'returned', `${p.roomLabel} 的装修申请已退回，原因：${dto.reason}。请修改后重新提交。`);
    });
    const reviewClock =
      p.reviewClock && ({ ...p.reviewClock, state: 'met', metAt: now, breached: p.reviewClock.breached || p.reviewClock.dueAt < now } as SlaClock);
    return permitView({ ...p, ...decided, version: dto.version + 1, reviewClock }, c, now);
  }

  /** The owner (ending the work early) or a supervisor / manager (with a reason) revokes an approved permit and its passes. */
  async revoke(c: Caller, id: number, dto: PermitRevokeDto): Promise<PermitView> {
    const p = await this.permits.visible(c, id);
    const staff = c.kind === 'staff';
    if (staff && !mayDecide(c)) throw AppError.forbidden('装修出入证由客服主管或经理作废');
    if (staff && !dto.reason) throw AppError.badRequest('请填写作废原因');
    if (p.status !== PermitStatus.Approved) throw AppError.conflict(ErrorCode.Conflict, '只有已批准的装修申请可以作废');
    if (p.version !== dto.version) throw AppError.versionConflict(p.version);
    const now = this.clock.now();
    const reason = dto.reason ?? '业主结束装修';
    const set = { status: PermitStatus.Revoked, reviewNote: reason, updatedAt: now };
    await this.ds.transaction(async (em) => {
      await this.move(em, p, PermitStatus.Approved, set, dto.version);
      await em
        .createQueryBuilder()
        .update(Pass)
        .set({ status: PassStatus.Revoked, revokedAt: now, revokedBy: c.userId, revokeReason: reason, updatedAt: now, version: () => 'version + 1' })
        .where('permit_id = :id AND status = :s', { id: p.id, s: PassStatus.Active })
        .execute();
      if (staff) await this.tellOwner(em, p, now, 'revoked', `${p.roomLabel} 的装修申请及其装修出入证已作废，原因：${reason}。`);
    });
    const passes = p.passes.map((ps) => (ps.status === PassStatus.Active ? ({ ...ps, status: PassStatus.Revoked, revokedAt: now } as Pass) : ps));
    return permitView({ ...p, ...set, version: dto.version + 1, passes }, c, now);
  }

  /** The applicant: the inbox, and WeChat only if they accepted the 装修申请审核结果 message. Never the workers' names. */
  private tellOwner(em: EntityManager, p: PermitRow, now: Date, how: 'approved' | 'returned' | 'revoked', body: string) {
    const outcome = OUTCOMES[how];
    return this.notify.enqueue(em, {
      companyId: p.companyId,
      communityId: p.communityId,
      key: `permit:${p.id}:${how}`,
      recipients: [p.applicantId],
      pushTo: p.ownerConsented ? [p.applicantId] : [],
      app: 'resident',
      at: now,
      msg: {
        template: 'permit_decided',
        title: `装修申请${outcome}`,
        body,
        link: `/permits/${p.id}`,
        wx: { thing1: `${p.roomLabel}装修申请`, phrase2: outcome, date3: p.startsOn, thing4: '详情请在小程序中查看' },
      },
    });
  }
}
