import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClockName, ErrorCode, formatPlate, parkingIssueProblems, PassStatus, shanghaiDate } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { sqlTime } from '../../common/sql-time';
import { fromJson, jsonRows } from '../../database/json-rows';
import { PaidLine, PaidLinesHooks } from '../../fees/paid-lines-hooks';
import { CONCURRENT_PAYMENT } from '../../fees/payments.service';
import { Enqueue } from '../../notify/notify.service';
import { Pass } from '../entities/pass.entity';
import { PassIssuer } from '../pass-issuer';
import { PARKING_SOURCE, ParkingDetails } from './parking-details';

const REFUNDED_REASON = '停车费已作废或退款';

/**
 * A parking pass's fee paid (at the counter or by WeChat Pay, inside the payment's transaction): the 10-minute clock
 * starts now; the pass is issued at once when the rules pass, else it goes to the staff queue with the reasons.
 */
@Injectable()
export class ParkingPaidHook implements OnModuleInit {
  constructor(
    private readonly hooks: PaidLinesHooks,
    private readonly issuer: PassIssuer,
  ) {}

  onModuleInit() {
    this.hooks.register(
      PARKING_SOURCE,
      (em, lines, at, preloaded) => this.paid(em, lines, at, preloaded),
      (em) => this.preload(em),
    );
    this.hooks.registerReopened(PARKING_SOURCE, (em, lines, at) => this.refunded(em, lines, at));
  }

  /** The fee voided or refunded (its line open again): the pass stops at the next scan, a review clock is cancelled. */
  async refunded(em: EntityManager, lines: PaidLine[], at: Date) {
    const marks = lines.map(() => '?').join(', ');
    const ids = lines.map((l) => l.id);
    await em.query(
      `UPDATE clocks SET state = 'cancelled', paused_at = NULL WHERE subject_type = 'pass' AND name = ? AND state IN ('running', 'paused')
         AND subject_id IN (SELECT id FROM passes WHERE bill_line_id IN (${marks}) AND kind = 'parking')`,
      [ClockName.PassIssue, ...ids],
    );
    await em.query(
      `UPDATE passes SET status = ?, revoked_at = ?, revoke_reason = ?, updated_at = ?, version = version + 1
         WHERE bill_line_id IN (${marks}) AND kind = 'parking' AND status IN (?, ?)`,
      [PassStatus.Revoked, sqlTime(at), REFUNDED_REASON, sqlTime(at), ...ids, PassStatus.Active, PassStatus.Review],
    );
  }

  /** The room's passes waiting for their fee, with whether an active pass of the plate overlaps: read with the payment's load. */
  private preload(em: EntityManager): string {
    const overlapping = `(SELECT COUNT(*) FROM passes o WHERE o.community_id = p.community_id AND o.plate = p.plate AND o.kind = 'parking'
      AND o.status = 'active' AND o.id <> p.id AND o.valid_from < p.valid_until AND o.valid_until > p.valid_from)`;
    return jsonRows(em, Pass, 'p', "FROM passes p WHERE p.room_id = r.id AND p.kind = 'parking' AND p.status = 'pending_payment'", { overlapping });
  }

  /**
   * The passes were read with the payment's load, before its transaction: the payment's version-checked lines cover
   * them (a parking pass leaves pending_payment only with its line: withdrawn, the line deleted; paid, the line
   * updated), and the UPDATE moves only passes still waiting — any other count is a 409 that rolls the payment back.
   * The notices go out with the payment's (one INSERT per table).
   */
  async paid(em: EntityManager, lines: PaidLine[], at: Date, preloaded: unknown): Promise<Enqueue[]> {
    const paidIds = new Set(lines.map((l) => l.id));
    const passes = fromJson(em, Pass, preloaded).filter((p) => p.billLineId !== null && paidIds.has(p.billLineId));
    if (!passes.length) return [];
    const today = shanghaiDate(at);
    const issue: Pass[] = [];
    const review: (Pass & { detailsJson: string })[] = [];
    for (const p of passes) {
      const d = JSON.parse(p.detailsJson ?? '{}') as ParkingDetails;
      const problems = parkingIssueProblems({
        plate: p.plate ?? '',
        insuranceUntil: d.insuranceUntil,
        endsOn: d.endsOn,
        today,
        overlapping: Number(p.extra.overlapping) > 0,
      });
      if (problems.length) review.push(Object.assign(p, { detailsJson: JSON.stringify({ ...d, problems }) }));
      else issue.push(p);
    }
    const moved = await this.issuer.paid(em, issue, review, at);
    if (moved !== passes.length) throw AppError.conflict(ErrorCode.Conflict, CONCURRENT_PAYMENT);
    return [...issue.map((p) => this.notice(p, true, at)), ...review.map((p) => this.notice(p, false, at))].filter((m) => m !== null);
  }

  /** The holder's 停车证已签发 / 待物业审核 (none for a pass without an account holder). */
  private notice(p: Pass, issued: boolean, at: Date): Enqueue | null {
    if (p.holderUserId === null) return null;
    const plate = p.plate ?? '';
    return {
      companyId: p.companyId,
      communityId: p.communityId,
      key: `pass:${p.id}:paid`,
      recipients: [p.holderUserId],
      app: 'resident',
      msg: {
        template: 'pass_decided',
        title: issued ? '停车证已签发' : '停车证待物业审核',
        body: issued
          ? `车辆 ${formatPlate(plate)} 的停车证已签发，可在“我的停车证”查看`
          : `车辆 ${formatPlate(plate)} 的停车费已缴，物业将在 10 分钟内审核签发`,
        link: `/passes/${p.id}`,
        wx: { car_number1: plate, phrase2: issued ? '已签发' : '审核中', time3: at },
      },
      at,
    };
  }
}
