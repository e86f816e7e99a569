import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addDays,
  endOfShanghaiDay,
  PAY_MISMATCH_LABELS,
  PAY_RECON_STATUS_LABELS,
  PayMismatchProblem,
  PayMismatchView,
  PayReconciliationView,
  PayReconSide,
  PayReconStatus,
  SHANGHAI_OFFSET_MS,
  shanghaiDate,
} from '@linli/shared';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { sqlTime, utc } from '../common/sql-time';

/** the reconcile job starts at 06:00 Shanghai (pay-reconcile.job.ts); before that yesterday is "not yet" */
const RECONCILE_FROM_MS = 6 * 3_600_000;

interface DayRow {
  checked_at: unknown;
  pay_n: number | string;
  pay_c: number | string | null;
  ref_n: number | string;
  ref_c: number | string | null;
}

interface MismatchRow {
  kind: 'payment' | 'refund';
  ref: string;
  community_id: number | null;
  ours_cents: number | string | null;
  theirs_cents: number | string | null;
  problem: PayMismatchProblem;
  room_label: string | null;
  community_name: string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * GET /api/pay/reconciliation: a day's status, our side and WeChat Pay's (ours corrected by the mismatches) and the
 * mismatches with their rooms. A manager sees their communities (and what only WeChat Pay knows); an admin the company.
 * 2 statements after the cached scope.
 */
@Injectable()
export class PayReconciliationViewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, date?: string): Promise<PayReconciliationView> {
    const now = this.clock.now();
    const day = date ?? addDays(shanghaiDate(now), -1);
    const scope = await this.scopes.resolve(caller);
    const ids = scope.communityIds.length ? scope.communityIds : [0];
    const inIds = ids.map(() => '?').join(', ');
    const start = new Date(endOfShanghaiDay(new Date(`${day}T12:00:00+08:00`)).getTime() - 86_400_000);
    const end = new Date(start.getTime() + 86_400_000);
    const [d] = (await this.ds.query(
      `SELECT rc.checked_at, po.n AS pay_n, po.c AS pay_c, rf.n AS ref_n, rf.c AS ref_c
         FROM (SELECT COUNT(*) AS n, SUM(o.amount_cents) AS c FROM payment_orders o
                WHERE o.company_id = ? AND o.transaction_id IS NOT NULL AND o.paid_at >= ? AND o.paid_at < ? AND o.community_id IN (${inIds})) po
        CROSS JOIN (SELECT COUNT(*) AS n, SUM(r.amount_cents) AS c FROM pay_refunds r JOIN payment_orders o ON o.id = r.order_id
                WHERE r.company_id = ? AND r.status = 'success' AND r.success_at >= ? AND r.success_at < ? AND o.community_id IN (${inIds})) rf
        LEFT JOIN pay_reconciliations rc ON rc.company_id = ? AND rc.bill_date = ?`,
      [caller.companyId, sqlTime(start), sqlTime(end), ...ids, caller.companyId, sqlTime(start), sqlTime(end), ...ids, caller.companyId, day],
    )) as DayRow[];
    const checkedAt = utc(d?.checked_at ?? null);
    const rows: MismatchRow[] = checkedAt
      ? await this.ds.query(
          `SELECT m.kind, m.ref, m.community_id, m.ours_cents, m.theirs_cents, m.problem, rm.label AS room_label, c.name AS community_name
             FROM pay_recon_mismatches m
             LEFT JOIN payment_orders po ON m.kind = 'payment' AND po.out_trade_no = m.ref AND po.company_id = m.company_id
             LEFT JOIN pay_refunds pr ON m.kind = 'refund' AND pr.out_refund_no = m.ref AND pr.company_id = m.company_id
             LEFT JOIN payment_orders ro ON ro.id = pr.order_id
             LEFT JOIN rooms rm ON rm.id = COALESCE(po.room_id, ro.room_id)
             LEFT JOIN communities c ON c.id = m.community_id
            WHERE m.company_id = ? AND m.bill_date = ? ORDER BY m.id`,
          [caller.companyId, day],
        )
      : [];
    const mismatches = rows.filter((r) => r.community_id === null || scope.canSeeCommunity(Number(r.community_id))).map(mismatchView);
    const ours: PayReconSide = {
      paymentCount: Number(d?.pay_n ?? 0),
      paymentCents: Number(d?.pay_c ?? 0),
      refundCount: Number(d?.ref_n ?? 0),
      refundCents: Number(d?.ref_c ?? 0),
    };
    const status = checkedAt ? 'reconciled' : this.notYet(day, now) ? 'pending' : 'unavailable';
    return {
      date: day,
      checkedAt: checkedAt?.toISOString() ?? null,
      paymentCount: ours.paymentCount,
      refundCount: ours.refundCount,
      status,
      statusLabel: PAY_RECON_STATUS_LABELS[status as PayReconStatus],
      ours,
      theirs: checkedAt ? theirSide(ours, mismatches) : null,
      mismatches,
    };
  }

  /** the day is not over, or it is yesterday before the morning's check */
  private notYet(day: string, now: Date): boolean {
    const today = shanghaiDate(now);
    if (day >= today) return true;
    return day === addDays(today, -1) && (now.getTime() + SHANGHAI_OFFSET_MS) % 86_400_000 < RECONCILE_FROM_MS;
  }
}

function mismatchView(r: MismatchRow): PayMismatchView {
  return {
    kind: r.kind,
    ref: r.ref,
    oursCents: num(r.ours_cents),
    theirsCents: num(r.theirs_cents),
    problem: r.problem,
    problemLabel: PAY_MISMATCH_LABELS[r.problem],
    roomLabel: r.room_label ?? null,
    communityName: r.community_name ?? null,
  };
}

/** WeChat Pay's trade bill as far as the caller sees it: our side with each mismatch undone. */
function theirSide(ours: PayReconSide, mismatches: PayMismatchView[]): PayReconSide {
  const s = { ...ours };
  for (const m of mismatches) {
    const [n, c] = m.kind === 'payment' ? (['paymentCount', 'paymentCents'] as const) : (['refundCount', 'refundCents'] as const);
    if (m.problem === 'missing_theirs') s[n]--;
    if (m.problem === 'missing_ours') s[n]++;
    s[c] += (m.theirsCents ?? 0) - (m.oursCents ?? 0);
  }
  return s;
}
