import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClockName, formatPlate, parkingIssueProblems, PassKind, PassStatus, shanghaiDate } from '@linli/shared';
import { sqlTime } from '../../common/sql-time';
import { PaidLine, PaidLinesHooks } from '../../fees/paid-lines-hooks';
import { NotifyService } from '../../notify/notify.service';
import { PassIssuer } from '../pass-issuer';
import { PARKING_SOURCE, ParkingDetails } from './parking-details';

const REFUNDED_REASON = '停车费已作废或退款';

interface PaidPassRow {
  id: number;
  company_id: number;
  community_id: number;
  plate: string;
  holder_user_id: number | null;
  details_json: string;
  overlapping: number | string;
}

/**
 * A parking pass's fee paid (at the counter or by WeChat Pay, inside the payment's transaction): the 10-minute clock
 * starts now; the pass is issued at once when the rules pass, else it goes to the staff queue with the reasons.
 */
@Injectable()
export class ParkingPaidHook implements OnModuleInit {
  constructor(
    private readonly hooks: PaidLinesHooks,
    private readonly issuer: PassIssuer,
    private readonly notify: NotifyService,
  ) {}

  onModuleInit() {
    this.hooks.register(PARKING_SOURCE, (em, lines, at) => this.paid(em, lines, at));
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

  async paid(em: EntityManager, lines: PaidLine[], at: Date) {
    const marks = lines.map(() => '?').join(', ');
    const rows = (await em.query(
      `SELECT p.id, p.company_id, p.community_id, p.plate, p.holder_user_id, p.details_json,
         (SELECT COUNT(*) FROM passes o WHERE o.community_id = p.community_id AND o.plate = p.plate AND o.kind = 'parking' AND o.status = 'active'
            AND o.id <> p.id AND o.valid_from < p.valid_until AND o.valid_until > p.valid_from) AS overlapping
       FROM passes p WHERE p.bill_line_id IN (${marks}) AND p.kind = 'parking' AND p.status = 'pending_payment'`,
      lines.map((l) => l.id),
    )) as PaidPassRow[];
    if (!rows.length) return;
    const today = shanghaiDate(at);
    const issue: PaidPassRow[] = [];
    const review: { row: PaidPassRow; problems: string[] }[] = [];
    for (const row of rows) {
      const d = JSON.parse(row.details_json) as ParkingDetails;
      const problems = parkingIssueProblems({
        plate: row.plate,
        insuranceUntil: d.insuranceUntil,
        endsOn: d.endsOn,
        today,
        overlapping: Number(row.overlapping) > 0,
      });
      if (problems.length) review.push({ row, problems });
      else issue.push(row);
    }
    const ref = (r: PaidPassRow) => ({ id: Number(r.id), companyId: Number(r.company_id), communityId: Number(r.community_id), kind: PassKind.Parking });
    await this.issuer.issueNow(em, issue.map(ref), at);
    for (const { row, problems } of review) {
      const d = { ...(JSON.parse(row.details_json) as ParkingDetails), problems };
      await em.query(`UPDATE passes SET status = ?, details_json = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = ?`, [
        PassStatus.Review,
        JSON.stringify(d),
        sqlTime(at),
        row.id,
        PassStatus.PendingPayment,
      ]);
    }
    await this.issuer.startClocks(
      em,
      review.map((r) => ref(r.row)),
      at,
    );
    await this.tell(em, [...issue.map((row) => ({ row, issued: true })), ...review.map(({ row }) => ({ row, issued: false }))], at);
  }

  private async tell(em: EntityManager, list: { row: PaidPassRow; issued: boolean }[], at: Date) {
    const msgs = list
      .filter(({ row }) => row.holder_user_id !== null)
      .map(({ row, issued }) => ({
        companyId: Number(row.company_id),
        communityId: Number(row.community_id),
        key: `pass:${row.id}:paid`,
        recipients: [Number(row.holder_user_id)],
        app: 'resident' as const,
        msg: {
          template: 'pass_decided' as const,
          title: issued ? '停车证已签发' : '停车证待物业审核',
          body: issued
            ? `车辆 ${formatPlate(row.plate)} 的停车证已签发，可在“我的停车证”查看`
            : `车辆 ${formatPlate(row.plate)} 的停车费已缴，物业将在 10 分钟内审核签发`,
          link: `/passes/${row.id}`,
          wx: { car_number1: row.plate, phrase2: issued ? '已签发' : '审核中', time3: at },
        },
        at,
      }));
    if (msgs.length) await this.notify.enqueueMany(em, msgs);
  }
}
