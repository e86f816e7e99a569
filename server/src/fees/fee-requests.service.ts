import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AdjustableLine,
  afterWaiver,
  deferProblem,
  ErrorCode,
  FEE_REQUEST_KIND_LABELS,
  FeeRequestView,
  formatYuan,
  periodLabel,
  waiveProblem,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { recordIdempotencyKey } from '../common/idempotency.interceptor';
import { Scope, ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { NotifyService } from '../notify/notify.service';
import { staffOfCommunity } from '../notify/recipients';
import { DecideRequestDto, FileRequestDto } from './dto/fee-charges.dto';
import { BillLine } from './entities/bill-line.entity';
import { newFeeRequest } from './new-rows';
import { FeeRequest } from './entities/fee-request.entity';
import { requestRows, RequestRow, requestView } from './fee-request-views';

const APPROVALS_LINK = '/pages-charges/approvals/index';

function lineOf(r: RequestRow): AdjustableLine {
  return {
    amountCents: Number(r.line_amount_cents),
    paidCents: Number(r.line_paid_cents),
    waivedCents: Number(r.line_waived_cents),
    status: r.line_status!,
    dueDate: r.line_due_date!,
    deferredUntil: r.line_deferred_until,
  };
}

/** What was asked, in words: "免交 ¥50.00" / "缓交至 2027-01-31". */
const askText = (kind: 'waive' | 'defer', amountCents: number | null, deferUntil: string | null) =>
  kind === 'waive' ? `免交 ${formatYuan(amountCents ?? 0)}` : `缓交至 ${deferUntil}`;

/**
 * 免交 / 缓交: a cashier or an agent files a request on a bill line with a reason; a manager (or the admin) of the
 * community approves or refuses it — never their own — and the line changes in the same transaction.
 */
@Injectable()
export class FeeRequestsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  async file(caller: Caller, dto: FileRequestDto): Promise<FeeRequestView> {
    const waive = dto.kind === 'waive';
    if (waive && dto.amountCents === undefined) throw AppError.badRequest('请填写减免金额');
    if (!waive && !dto.deferUntil) throw AppError.badRequest('请选择缓交后的截止日期');
    const scope = await this.scopes.resolve(caller);
    const l = await this.lineToAdjust(scope, caller.companyId, dto);
    const managers = await staffOfCommunity(this.ds.manager, l.communityId, 'manager');
    const now = this.clock.now();
    const values = newFeeRequest(
      {
        companyId: l.companyId,
        communityId: l.communityId,
        roomId: Number(l.roomId),
        kind: dto.kind,
        billLineId: Number(l.id),
        paymentId: null,
        amountCents: waive ? dto.amountCents! : null,
        deferUntil: waive ? null : dto.deferUntil!,
        reason: dto.reason,
        requestedBy: caller.userId,
      },
      now,
    );
    const ask = askText(dto.kind, values.amountCents!, values.deferUntil!);
    return this.ds.transaction(async (em) => {
      const id = await insertRow(em, FeeRequest, values);
      await this.notify.enqueue(em, {
        companyId: l.companyId,
        communityId: l.communityId,
        key: `fee-request:${id}:filed`,
        recipients: managers.filter((m) => m !== caller.userId),
        app: 'staff',
        at: now,
        msg: {
          template: 'fee_request_filed',
          title: `${FEE_REQUEST_KIND_LABELS[dto.kind]}待审批：${l.room_label}`,
          body: `${l.room_label} ${l.name} ${periodLabel(l.period)}，申请${ask}。原因：${dto.reason}`,
          link: APPROVALS_LINK,
          wx: {},
        },
      });
      const [row] = await requestRows(em, 'r.id = ?', [id], 1);
      const view = requestView(row, caller.userId);
      await recordIdempotencyKey(em, 'fee_request', id, view);
      return view;
    });
  }

  /** The line (in the caller's communities) if the request may be filed on it: 404, 400 (the rule), 409 (one pending already). */
  private async lineToAdjust(scope: Scope, companyId: number, dto: FileRequestDto) {
    const [l]: (BillLine & { room_label: string; pending: number | string })[] = await this.ds.query(
      `SELECT l.id, l.company_id AS companyId, l.community_id AS communityId, l.room_id AS roomId, l.name, l.period,
              l.amount_cents AS amountCents, l.paid_cents AS paidCents, l.waived_cents AS waivedCents, l.status, l.due_date AS dueDate,
              l.deferred_until AS deferredUntil, rm.label AS room_label,
              (SELECT COUNT(*) FROM fee_requests q WHERE q.bill_line_id = l.id AND q.kind = ? AND q.status = 'pending') AS pending
         FROM bill_lines l JOIN rooms rm ON rm.id = l.room_id WHERE l.id = ? AND l.company_id = ?`,
      [dto.kind, dto.billLineId, companyId],
    );
    const line = l && { ...l, companyId: Number(l.companyId), communityId: Number(l.communityId) };
    scope.assertCommunity(line, '账单');
    const adj: AdjustableLine = { ...line, amountCents: Number(l.amountCents), paidCents: Number(l.paidCents), waivedCents: Number(l.waivedCents) };
    const problem = dto.kind === 'waive' ? waiveProblem(adj, dto.amountCents!) : deferProblem(adj, dto.deferUntil!);
    if (problem) throw AppError.badRequest(problem);
    if (Number(l.pending)) throw AppError.conflict(ErrorCode.Conflict, `该账单已有待审批的${FEE_REQUEST_KIND_LABELS[dto.kind]}申请`);
    return line;
  }

  /** Pending requests of the caller's communities, all kinds, oldest last (≤ 100). */
  async pending(caller: Caller): Promise<FeeRequestView[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.communityIds.length) return [];
    const marks = scope.communityIds.map(() => '?').join(', ');
    const rows = await requestRows(this.ds.manager, `r.company_id = ? AND r.status = 'pending' AND r.community_id IN (${marks})`, [
      caller.companyId,
      ...scope.communityIds,
    ]);
    return rows.map((r) => requestView(r, caller.userId));
  }

  async decide(caller: Caller, id: number, dto: DecideRequestDto): Promise<FeeRequestView> {
    const scope = await this.scopes.resolve(caller);
    const [r] = await requestRows(this.ds.manager, 'r.id = ? AND r.company_id = ?', [id, caller.companyId], 1);
    scope.assertCommunity(r && { companyId: Number(r.company_id), communityId: Number(r.community_id) }, '申请');
    if (r.kind !== 'waive' && r.kind !== 'defer') throw AppError.badRequest('作废和退款申请请在收款审批中处理');
    if (Number(r.requested_by) === caller.userId) throw AppError.forbidden('不能审批自己提交的申请');
    if (r.status !== 'pending') throw AppError.conflict(ErrorCode.Conflict, '该申请已处理，请刷新');
    if (Number(r.version) !== dto.version) throw AppError.versionConflict(Number(r.version));
    if (!dto.approve && !dto.note) throw AppError.badRequest('驳回时请填写审批意见');
    const line = lineOf(r);
    if (dto.approve) {
      const problem = r.kind === 'waive' ? waiveProblem(line, Number(r.amount_cents)) : deferProblem(line, r.defer_until!);
      if (problem) throw AppError.conflict(ErrorCode.Conflict, `账单已变化，无法批准：${problem}`);
    }
    const now = this.clock.now();
    const decision = {
      status: dto.approve ? ('approved' as const) : ('refused' as const),
      decidedBy: caller.userId,
      decidedAt: now,
      decisionNote: dto.note ?? null,
    };
    await this.ds.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(FeeRequest)
        .set({ ...decision, version: dto.version + 1, updatedAt: now })
        .where("id = :id AND version = :v AND status = 'pending'", { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppError.versionConflict();
      if (dto.approve) await this.applyToLine(em, r, line, now);
      await this.notifyRequester(em, r, dto.approve, dto.note ?? null, now);
    });
    const [after] = await requestRows(this.ds.manager, 'r.id = ?', [id], 1);
    return requestView(after, caller.userId);
  }

  /** waive → waived_cents (and the status), defer → deferred_until; version-checked. */
  private async applyToLine(em: EntityManager, r: RequestRow, line: AdjustableLine, now: Date) {
    const changes: Partial<BillLine> = r.kind === 'waive' ? afterWaiver(line, Number(r.amount_cents)) : { deferredUntil: r.defer_until };
    const v = Number(r.line_version);
    const res = await em
      .createQueryBuilder()
      .update(BillLine)
      .set({ ...changes, version: v + 1, updatedAt: now })
      .where('id = :id AND version = :v', { id: r.bill_line_id, v })
      .execute();
    if (!res.affected) throw AppError.versionConflict();
  }

  private notifyRequester(em: EntityManager, r: RequestRow, approved: boolean, note: string | null, now: Date) {
    const ask = askText(r.kind as 'waive' | 'defer', r.amount_cents === null ? null : Number(r.amount_cents), r.defer_until);
    return this.notify.enqueue(em, {
      companyId: Number(r.company_id),
      communityId: Number(r.community_id),
      key: `fee-request:${r.id}:decided`,
      recipients: [Number(r.requested_by)],
      app: 'staff',
      at: now,
      msg: {
        template: 'fee_request_decided',
        title: `${FEE_REQUEST_KIND_LABELS[r.kind]}申请${approved ? '已批准' : '已驳回'}：${r.room_label}`,
        body: `${r.room_label} ${r.line_name ?? ''} ${ask}${note ? `。审批意见：${note}` : ''}`,
        link: null,
        wx: {},
      },
    });
  }
}
