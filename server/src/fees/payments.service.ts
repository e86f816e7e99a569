import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Allocation, allocatePayment, ErrorCode, formatYuan, openAmounts, PaymentView, receiptNo, shanghaiDate, shanghaiDayKey } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { recordIdempotencyKey } from '../common/idempotency.interceptor';
import { ScopeService } from '../common/scope';
import { sqlTime } from '../common/sql-time';
import { insertRow } from '../database/insert-row';
import { fromJson, jsonRows } from '../database/json-rows';
import { Enqueue, NotifyService } from '../notify/notify.service';
import { CreatePaymentDto } from './dto/payment.dto';
import { BillLine } from './entities/bill-line.entity';
import { PaymentAllocation } from './entities/payment-allocation.entity';
import { Payment } from './entities/payment.entity';
import { idList, LineChange, nextReceiptSeq, updateLines } from './ledger-sql';
import { PaidLinesHooks } from './paid-lines-hooks';
import { paymentView, receiptLine } from './receipt-view';

const nul = (v: string | undefined) => (v === undefined || v === '' ? null : v);
export const CONCURRENT_PAYMENT = '该房屋的账单刚刚有变动（可能另一位收银员正在收款），请刷新后重试';

/** The room's names and residents, as a payment needs them. */
export interface PaymentRoom {
  company_id: number;
  label: string;
  community_name: string;
  company_name: string;
  cashier_name: string | null;
  owner_ids: string | null;
  tenant_ids: string | null;
  consented_ids: string | null;
}

interface RoomRow extends PaymentRoom {
  community_id: number;
  closed_id: number | null;
  lines_json: unknown;
}

/** What PaymentsService.take records: the payment row, its allocation per line (with the line's period, name, payer), the line updates. */
export interface TakePayment {
  room: PaymentRoom;
  values: Partial<Payment>;
  lines: (Allocation & { period: string; name: string; payer: string; sourceKey: string })[];
  changes: LineChange[];
  now: Date;
}

/** 收银: a payment at the counter against a room's open bills, with its numbered receipt. */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
    private readonly paidHooks: PaidLinesHooks,
  ) {}

  /** What the paid-lines hooks read, as columns of a payment's load (the room aliased `r`): every load that feeds take() adds them. */
  hookColumns(em: EntityManager): string {
    return this.paidHooks.preloadColumns(em);
  }

  /** The room, its open lines, the residents to tell, the cashier's close of today and the hooks' columns: one statement. */
  private async load(caller: Caller, roomId: number, today: string): Promise<RoomRow | undefined> {
    const em = this.ds.manager;
    const bound = "FROM room_bindings b WHERE b.room_id = r.id AND b.status = 'approved'";
    const [row] = (await this.ds.query(
      `SELECT r.company_id, r.community_id, r.label, c.name AS community_name, co.name AS company_name,
         (SELECT u.name FROM users u WHERE u.id = ?) AS cashier_name,
         (SELECT k.id FROM cashier_closes k WHERE k.company_id = r.company_id AND k.cashier_id = ? AND k.business_date = ?) AS closed_id,
         (SELECT GROUP_CONCAT(b.user_id) ${bound} AND b.relation <> 'tenant') AS owner_ids,
         (SELECT GROUP_CONCAT(b.user_id) ${bound} AND b.relation = 'tenant') AS tenant_ids,
         (SELECT GROUP_CONCAT(s.user_id) FROM subscribe_balances s JOIN room_bindings b ON b.user_id = s.user_id
            WHERE b.room_id = r.id AND b.status = 'approved' AND s.template = 'fee_paid' AND s.balance > 0) AS consented_ids,
         ${jsonRows(em, BillLine, 'l', "FROM bill_lines l WHERE l.room_id = r.id AND l.status = 'open'")} AS lines_json
         ${this.hookColumns(em)}
       FROM rooms r JOIN communities c ON c.id = r.community_id JOIN companies co ON co.id = r.company_id
       WHERE r.id = ? AND r.company_id = ?`,
      [caller.userId, caller.userId, today, roomId, caller.companyId],
    )) as RoomRow[];
    const scope = await this.scopes.resolve(caller);
    if (!row || !scope.canSeeCommunity(Number(row.community_id))) return undefined;
    return row;
  }

  /** The lines chosen, their dues as of today (checked against the screen's total), the allocation and the line updates. */
  private plan(open: BillLine[], dto: CreatePaymentDto, today: string) {
    const chosen = dto.billLineIds ? open.filter((l) => dto.billLineIds!.includes(l.id)) : open;
    if (dto.billLineIds && chosen.length !== dto.billLineIds.length) throw AppError.conflict(ErrorCode.Conflict, '所选账单已缴清或已变化，请刷新后重试');
    if (!chosen.length) throw AppError.badRequest('该房屋没有未缴账单');
    const due = chosen.map((l) => {
      const { principalCents, late } = openAmounts(
        l,
        { dailyRatePpm: l.lateFeeRatePpm, graceDays: l.lateFeeGraceDays, capPercent: l.lateFeeCapPercent },
        today,
      );
      return { line: l, principalCents, lateFeeCents: late.cents };
    });
    const total = due.reduce((s, d) => s + d.principalCents + d.lateFeeCents, 0);
    if (total !== dto.expectedTotalCents)
      throw AppError.conflict(ErrorCode.Conflict, `应收金额已变化（滞纳金按今日计算），最新应收 ${formatYuan(total)}，请核对后重新收款`, { totalCents: total });
    const allocation = allocatePayment(
      due.map((d) => ({ id: d.line.id, period: d.line.period, principalCents: d.principalCents, lateFeeCents: d.lateFeeCents })),
      dto.amountCents,
    );
    if (!allocation) throw AppError.badRequest(`收款金额超过应收合计 ${formatYuan(total)}：不设预存款，请按应收金额收款`);
    const byId = new Map(chosen.map((l) => [l.id, l]));
    const changes: LineChange[] = allocation.map((a) => {
      const l = byId.get(a.billId)!;
      const paid = l.paidCents + a.principalCents;
      return {
        id: l.id,
        version: l.version,
        paidCents: paid,
        lateFeePaidCents: l.lateFeePaidCents + a.lateFeeCents,
        status: paid + l.waivedCents >= l.amountCents ? 'paid' : 'open',
      };
    });
    return { allocation, changes, byId };
  }

  async create(caller: Caller, dto: CreatePaymentDto): Promise<PaymentView> {
    if (nul(dto.invoiceTaxId) && !nul(dto.invoiceTitle)) throw AppError.badRequest('填写税号时请同时填写发票抬头');
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const room = await this.load(caller, dto.roomId, today);
    if (!room) throw AppError.notFound('房屋');
    if (room.closed_id !== null) throw AppError.conflict(ErrorCode.Conflict, `您今日（${today}）已日结，不能再收款；如需收款请由其他收银员办理或次日收取`);
    const { allocation, changes, byId } = this.plan(fromJson(this.ds.manager, BillLine, room.lines_json), dto, today);
    const principal = allocation.reduce((s, a) => s + a.principalCents, 0);
    const values: Partial<Payment> = {
      companyId: caller.companyId,
      communityId: Number(room.community_id),
      roomId: dto.roomId,
      method: dto.method,
      amountCents: dto.amountCents,
      principalCents: principal,
      lateFeeCents: dto.amountCents - principal,
      refundedCents: 0,
      status: 'paid',
      payerName: nul(dto.payerName),
      invoiceTitle: nul(dto.invoiceTitle),
      invoiceTaxId: nul(dto.invoiceTaxId),
      note: nul(dto.note),
      cashierId: caller.userId,
      businessDate: today,
      closeId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const lines = allocation.map((a) => {
      const l = byId.get(a.billId)!;
      return { ...a, period: l.period, name: l.name, payer: l.payer, sourceKey: l.sourceKey };
    });
    return this.ds.transaction(async (em) => {
      const view = await this.take(em, { room, values, lines, changes, now });
      await recordIdempotencyKey(em, 'payment', view.id, view);
      return view;
    });
  }

  /**
   * Inside the caller's transaction, the one way a payment is taken (the counter, WeChat Pay): the lines updated
   * (version-checked), the receipt numbered, the payment and its allocations stored, the residents told.
   */
  async take(em: EntityManager, t: TakePayment): Promise<PaymentView> {
    const { room, values, lines, now } = t;
    const today = values.businessDate!;
    await updateLines(em, t.changes, sqlTime(now), CONCURRENT_PAYMENT);
    const keys = new Map(lines.map((a) => [a.billId, a.sourceKey]));
    const notices = await this.paidHooks.run(
      em,
      t.changes.filter((c) => c.status === 'paid').map((c) => ({ id: c.id, sourceKey: keys.get(c.id) ?? '' })),
      now,
      room,
    );
    const seq = await nextReceiptSeq(em, values.companyId!, shanghaiDayKey(now));
    if (seq > 9999) throw AppError.conflict(ErrorCode.Conflict, '今日收据编号已用完（9999 张），请联系管理员');
    values.receiptNo = receiptNo(today, seq);
    const id = await insertRow(em, Payment, values);
    await em
      .createQueryBuilder()
      .insert()
      .into(PaymentAllocation)
      .values(lines.map((a) => ({ paymentId: id, billLineId: a.billId, principalCents: a.principalCents, lateFeeCents: a.lateFeeCents })))
      .updateEntity(false)
      .execute();
    const ctx = { companyName: room.company_name, communityName: room.community_name, roomLabel: room.label, cashierName: room.cashier_name };
    const view = paymentView(
      Object.assign(new Payment(), values, { id }),
      ctx,
      lines.map((a) => receiptLine({ billLineId: a.billId, period: a.period, name: a.name, principalCents: a.principalCents, lateFeeCents: a.lateFeeCents })),
      [],
      null,
    );
    // a tenant hears of it only when every line paid is the occupant's (what a tenant may see)
    const tenantMaySee = lines.every((a) => a.payer === 'occupant');
    const residents = [...idList(room.owner_ids), ...(tenantMaySee ? idList(room.tenant_ids) : [])];
    // with the hooks' notices (a parking pass issued): one INSERT per notification table
    const messages = residents.length ? [this.paidMessage(room, residents, id, view, now), ...notices] : notices;
    if (messages.length) await this.notify.enqueueMany(em, messages);
    return view;
  }

  /** 缴费成功 to the room's residents who may see the receipt: the inbox, WeChat only to those who consented. */
  private paidMessage(room: PaymentRoom, residents: number[], id: number, view: PaymentView, now: Date): Enqueue {
    return {
      companyId: Number(room.company_id),
      communityId: view.communityId,
      key: `payment:${id}`,
      recipients: residents,
      pushTo: idList(room.consented_ids),
      app: 'resident',
      msg: {
        template: 'fee_paid',
        title: '缴费成功',
        body: `${room.label} 已缴费 ${formatYuan(view.amountCents)}，收据号 ${view.receiptNo}`,
        link: `/payments/${id}`,
        wx: { character_string1: view.receiptNo, amount2: (view.amountCents / 100).toFixed(2), thing3: room.label, time4: now },
      },
      at: now,
    };
  }
}
