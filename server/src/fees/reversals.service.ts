import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, FEE_REQUEST_KIND_LABELS, formatYuan, Page, payRefundState, ReversalView, shanghaiDate, takeBack } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { ScopeService } from '../common/scope';
import { sqlTime } from '../common/sql-time';
import { insertRow } from '../database/insert-row';
import { NotifyService } from '../notify/notify.service';
import { Payment } from './entities/payment.entity';
import { newFeeRequest } from './new-rows';
import { FeeRequest } from './entities/fee-request.entity';
import { RefundAllocation } from './entities/refund-allocation.entity';
import { DecideReversalDto, ReversalListQueryDto, ReversalRequestDto } from './dto/payment.dto';
import { execute, LineChange, updateLines } from './ledger-sql';
import { PaidLinesHooks } from './paid-lines-hooks';
import { loadPayment, LoadedPayment } from './payment-load';

const nul = (v: string | undefined) => (v === undefined || v === '' ? null : v);

function reversalView(
  f: FeeRequest,
  receiptNo: string,
  roomLabel: string,
  requestedByName: string | null,
  decidedByName: string | null,
  wxRefundStatus: string | null = null,
): ReversalView {
  return {
    id: f.id,
    kind: f.kind,
    paymentId: f.paymentId ?? 0,
    receiptNo,
    roomLabel,
    amountCents: f.amountCents ?? 0,
    reason: f.reason,
    status: f.status,
    requestedByName,
    decidedByName,
    decisionNote: f.decisionNote,
    createdAt: f.createdAt.toISOString(),
    decidedAt: f.decidedAt?.toISOString() ?? null,
    version: f.version,
    wechatState: payRefundState(wxRefundStatus),
  };
}

/**
 * The WeChat Pay side of reversing a wechat payment (set by the pay module): told after the approval commits, it
 * records and sends the WeChat Pay refund off the request. The approved request is the durable intent: the pay job
 * records any it was not told of (a crash in between).
 */
export interface WechatRefundHook {
  approved(request: FeeRequest): void;
}

/** 作废 / 退款: the cashier asks, a manager (never the one who asked) decides; approval takes the money back from the lines. */
@Injectable()
export class ReversalsService {
  wechatRefunds: WechatRefundHook | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
    private readonly hooks: PaidLinesHooks,
  ) {}

  async request(caller: Caller, paymentId: number, dto: ReversalRequestDto): Promise<ReversalView> {
    const [scope, p] = await Promise.all([this.scopes.resolve(caller), loadPayment(this.ds.manager, caller.companyId, { paymentId }, caller.userId)]);
    if (!p || !scope.canSeeCommunity(p.payment.communityId)) throw AppError.notFound('收据');
    const pay = p.payment;
    const now = this.clock.now();
    if (pay.status !== 'paid') throw AppError.conflict(ErrorCode.Conflict, '该收据已作废或已全额退款');
    if (p.requests.some((r) => r.status === 'pending')) throw AppError.conflict(ErrorCode.Conflict, '该收据已有待审批的作废/退款申请');
    const left = pay.amountCents - pay.refundedCents;
    let amount: number;
    if (dto.kind === 'void') {
      if (pay.businessDate !== shanghaiDate(now) || pay.refundedCents > 0) throw AppError.badRequest('只能作废当日且未退款的收据；其他情况请申请退款');
      amount = pay.amountCents;
    } else {
      if (dto.amountCents === undefined) throw AppError.badRequest('请填写退款金额');
      if (dto.amountCents > left) throw AppError.badRequest(`退款金额不能超过可退金额 ${formatYuan(left)}`);
      amount = dto.amountCents;
    }
    const values = newFeeRequest(
      {
        companyId: caller.companyId,
        communityId: pay.communityId,
        roomId: pay.roomId,
        kind: dto.kind,
        billLineId: null,
        paymentId: pay.id,
        amountCents: amount,
        deferUntil: null,
        reason: dto.reason,
        requestedBy: caller.userId,
      },
      now,
    );
    const id = await this.ds.transaction(async (em) => {
      // the payment's version serializes requests: two at once → one 409
      await this.bumpPayment(em, pay, {});
      return insertRow(em, FeeRequest, values);
    });
    return reversalView(Object.assign(new FeeRequest(), values, { id }), pay.receiptNo, p.view.roomLabel, p.callerName, null);
  }

  private async bumpPayment(em: EntityManager, pay: Payment, set: Partial<Pick<Payment, 'refundedCents' | 'status'>>) {
    const cols = [...('refundedCents' in set ? ['refunded_cents = ?'] : []), ...('status' in set ? ['status = ?'] : [])];
    const params = [...('refundedCents' in set ? [set.refundedCents] : []), ...('status' in set ? [set.status] : [])];
    const r = await execute(em, `UPDATE payments SET ${[...cols, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ?`, [
      ...params,
      sqlTime(this.clock.now()),
      pay.id,
      pay.version,
    ]);
    if (r.affected !== 1) throw AppError.conflict(ErrorCode.Conflict, '该收据刚刚有变动，请刷新后重试');
  }

  async decide(caller: Caller, requestId: number, dto: DecideReversalDto): Promise<ReversalView> {
    const [scope, p] = await Promise.all([this.scopes.resolve(caller), loadPayment(this.ds.manager, caller.companyId, { requestId }, caller.userId)]);
    const f = p?.requests.find((r) => r.id === requestId);
    if (!p || !f || (f.kind !== 'void' && f.kind !== 'refund') || !scope.canSeeCommunity(f.communityId)) throw AppError.notFound('申请');
    if (f.requestedBy === caller.userId) throw AppError.forbidden('不能审批自己提交的申请');
    if (f.status !== 'pending') throw AppError.conflict(ErrorCode.Conflict, '该申请已处理');
    if (f.version !== dto.version) throw AppError.versionConflict(f.version);
    const now = this.clock.now();
    const approve = dto.decision === 'approve';
    const decided = Object.assign(new FeeRequest(), f, {
      status: approve ? 'approved' : 'refused',
      decidedBy: caller.userId,
      decidedAt: now,
      decisionNote: nul(dto.note),
      version: f.version + 1,
      updatedAt: now,
    });
    const plan = approve ? this.plan(p, f) : null;
    const wechat = plan && p.payment.method === 'wechat' ? this.wechatRefunds : null;
    if (plan && p.payment.method === 'wechat' && !wechat) throw AppError.conflict(ErrorCode.Conflict, '微信支付未开通，无法原路退款');
    await this.ds.transaction(async (em) => {
      const r = await execute(
        em,
        'UPDATE fee_requests SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?',
        [decided.status, caller.userId, sqlTime(now), decided.decisionNote, sqlTime(now), f.id, f.version],
      );
      if (r.affected !== 1) throw AppError.versionConflict();
      if (plan) {
        await updateLines(em, plan.lines, sqlTime(now), '相关账单刚刚有变动，请刷新后重试');
        await this.hooks.reopened(em, plan.reopened, now);
        await this.bumpPayment(em, p.payment, { refundedCents: plan.refundedCents, status: plan.status });
        await em
          .createQueryBuilder()
          .insert()
          .into(RefundAllocation)
          .values(
            plan.takes.map((t) => ({
              feeRequestId: f.id,
              paymentId: p.payment.id,
              billLineId: t.billId,
              principalCents: t.principalCents,
              lateFeeCents: t.lateFeeCents,
              businessDate: shanghaiDate(now),
            })),
          )
          .updateEntity(false)
          .execute();
      }
      await this.tell(em, p, decided, now);
    });
    // the ledger changed now; the money goes back through WeChat Pay, followed in pay_refunds until it says SUCCESS
    wechat?.approved(decided);
    return reversalView(
      decided,
      p.payment.receiptNo,
      p.view.roomLabel,
      (f.extra.requested_by_name as string | null) ?? null,
      p.callerName,
      wechat ? 'requested' : null,
    );
  }

  /**
   * What an approval takes back: what the payment still holds on each line (allocated minus earlier refunds), taken
   * newest line first, principal before late fee (REFUND_RULE_TEXT); a line with principal open again is reopened.
   */
  private plan(p: LoadedPayment, f: FeeRequest & { extra?: unknown }) {
    const order = [...p.allocations].sort((a, b) => (a.line.period < b.line.period ? -1 : a.line.period > b.line.period ? 1 : a.billLineId - b.billLineId));
    const held = order.map((a, i) => {
      const back = p.refundAllocations.filter((r) => r.billLineId === a.billLineId);
      return {
        billId: a.billLineId,
        order: i,
        principalCents: a.principalCents - back.reduce((s, r) => s + r.principalCents, 0),
        lateFeeCents: a.lateFeeCents - back.reduce((s, r) => s + r.lateFeeCents, 0),
      };
    });
    const amount = f.amountCents ?? 0;
    const takes = takeBack(held, amount);
    if (!takes) throw AppError.conflict(ErrorCode.Conflict, '退款金额超过该收据可退金额，请驳回后重新申请');
    const lines: LineChange[] = takes.map((t) => {
      const l = order.find((a) => a.billLineId === t.billId)!.line;
      const paid = l.paidCents - t.principalCents;
      return {
        id: l.id,
        version: l.version,
        paidCents: paid,
        lateFeePaidCents: l.lateFeePaidCents - t.lateFeeCents,
        status: paid + l.waivedCents < l.amountCents ? 'open' : l.status,
      };
    });
    const reopened = lines
      .map((c) => ({ c, l: order.find((a) => a.billLineId === c.id)!.line }))
      .filter(({ c, l }) => c.status === 'open' && l.status !== 'open')
      .map(({ l }) => ({ id: l.id, sourceKey: l.sourceKey }));
    const refundedCents = p.payment.refundedCents + amount;
    const status = f.kind === 'void' ? ('voided' as const) : refundedCents >= p.payment.amountCents ? ('refunded' as const) : ('paid' as const);
    if (lines.some((l) => l.paidCents < 0 || l.lateFeePaidCents < 0)) throw AppError.conflict(ErrorCode.Conflict, '账单已收金额不足以退回，请核对后重新申请');
    return { takes, lines, reopened, refundedCents, status };
  }

  /** The requester and (when approved) the room's residents who may see the receipt: one inbox write. */
  private async tell(em: EntityManager, p: LoadedPayment, f: FeeRequest, now: Date) {
    const label = FEE_REQUEST_KIND_LABELS[f.kind];
    const tenantsToo = p.allocations.every((a) => a.payer === 'occupant');
    const residents = f.status === 'approved' ? [...p.ownerIds, ...(tenantsToo ? p.tenantIds : [])] : [];
    const verdict = f.status === 'approved' ? '已批准' : '已驳回';
    await this.notify.enqueue(em, {
      companyId: f.companyId,
      communityId: f.communityId,
      key: `fee-request:${f.id}:${f.status}`,
      recipients: [f.requestedBy, ...residents],
      app: 'staff',
      msg: {
        template: 'fee_reversed',
        title: `${label}${verdict}`,
        body: `${p.view.roomLabel} 收据 ${p.payment.receiptNo}（${formatYuan(f.amountCents ?? 0)}）${label}${verdict}${f.decisionNote ? `：${f.decisionNote}` : ''}`,
        link: `/payments/${p.payment.id}`,
        wx: {},
      },
      at: now,
    });
  }

  /** Void/refund requests of the caller's communities, newest first (`status` filters). */
  async list(caller: Caller, q: ReversalListQueryDto): Promise<Page<ReversalView>> {
    const scope = await this.scopes.resolve(caller);
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const qb = this.ds
      .getRepository(FeeRequest)
      .createQueryBuilder('f')
      .leftJoin(Payment, 'p', 'p.id = f.paymentId')
      .leftJoin('rooms', 'r', 'r.id = f.room_id')
      .leftJoin('users', 'ru', 'ru.id = f.requested_by')
      .leftJoin('users', 'du', 'du.id = f.decided_by')
      .leftJoin('pay_refunds', 'pr', 'pr.fee_request_id = f.id')
      .addSelect(['p.receipt_no AS receipt_no', 'r.label AS room_label', 'ru.name AS requested_by_name', 'du.name AS decided_by_name'])
      .addSelect('pr.status', 'wx_refund_status')
      .andWhere("f.kind IN ('void', 'refund')")
      .orderBy('f.id', 'DESC')
      .limit(limit + 1);
    scope.apply(qb, 'f');
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    if (after) qb.andWhere('f.id < :after', { after: after[0] });
    const { entities, raw } = await qb.getRawAndEntities();
    const byId = new Map(raw.map((r: Record<string, unknown>) => [Number(r.f_id), r]));
    return toPage(
      entities,
      limit,
      (f) => {
        const r = byId.get(f.id) ?? {};
        return reversalView(
          f,
          String(r.receipt_no ?? ''),
          String(r.room_label ?? ''),
          (r.requested_by_name as string) ?? null,
          (r.decided_by_name as string) ?? null,
          (r.wx_refund_status as string) ?? null,
        );
      },
      (f) => [f.id],
    );
  }
}
