import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, PaymentListItem, PaymentView, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { decodeCursor, ID_CURSOR, pageLimit, toPage } from '../common/keyset';
import { Scope, ScopeService } from '../common/scope';
import { Room } from '../org/entities/room.entity';
import { PaymentListQueryDto } from './dto/payment.dto';
import { Payment } from './entities/payment.entity';
import { loadPayment, LoadedPayment, RECEIPT_READERS } from './payment-load';
import { paymentListItem } from './receipt-view';

/** Who may read a payment: the community's staff (not technicians or guards) and the room's residents (a tenant: occupant-paid only). */
export function assertMayRead(scope: Scope, p: LoadedPayment): void {
  if (scope.isResident) {
    const mine = scope.roomIds.includes(p.payment.roomId) && p.relation !== null;
    const tenantOk = p.relation !== 'tenant' || p.allocations.every((a) => a.payer === 'occupant');
    if (!mine || !tenantOk) throw AppError.notFound('收据');
    return;
  }
  if (!scope.canSeeCommunity(p.payment.communityId)) throw AppError.notFound('收据');
  if (!RECEIPT_READERS.some((r) => scope.has(r))) throw AppError.forbidden();
}

/** Receipts: one payment, a room's payments, a cashier's day. */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, id: number): Promise<PaymentView> {
    const [scope, p] = await Promise.all([this.scopes.resolve(caller), loadPayment(this.ds.manager, caller.companyId, { paymentId: id }, caller.userId)]);
    if (!p) throw AppError.notFound('收据');
    assertMayRead(scope, p);
    return p.view;
  }

  /** `roomId`: the room's payments (its residents and staff); otherwise a day's payments (staff; `mine=1`: the caller's). Newest first. */
  async list(caller: Caller, q: PaymentListQueryDto): Promise<Page<PaymentListItem>> {
    const scope = await this.scopes.resolve(caller);
    const limit = pageLimit(q.limit);
    const after = decodeCursor(q.cursor, ID_CURSOR);
    const qb = this.ds
      .getRepository(Payment)
      .createQueryBuilder('p')
      .leftJoin(Room, 'r', 'r.id = p.roomId')
      .addSelect('r.label', 'room_label')
      .orderBy('p.id', 'DESC')
      .limit(limit + 1);
    if (after) qb.andWhere('p.id < :after', { after: after[0] });
    if (q.roomId !== undefined) {
      await this.assertRoom(scope, q.roomId);
      qb.andWhere('p.roomId = :roomId AND p.companyId = :cid', { roomId: q.roomId, cid: caller.companyId });
      // a tenant: only payments wholly of occupant-paid lines
      if (scope.isResident)
        qb.andWhere(
          `(EXISTS (SELECT 1 FROM room_bindings b WHERE b.room_id = p.room_id AND b.user_id = :me AND b.status = 'approved' AND b.relation <> 'tenant')
            OR NOT EXISTS (SELECT 1 FROM payment_allocations a JOIN bill_lines l ON l.id = a.bill_line_id WHERE a.payment_id = p.id AND l.payer <> 'occupant'))`,
          { me: caller.userId },
        );
    } else {
      if (scope.isResident) throw AppError.badRequest('请指定房屋');
      if (!RECEIPT_READERS.some((r) => scope.has(r))) throw AppError.forbidden();
      scope.apply(qb, 'p');
      qb.andWhere('p.businessDate = :day', { day: q.date ?? shanghaiDate(this.clock.now()) });
      if (q.mine === '1') qb.andWhere('p.cashierId = :me', { me: caller.userId });
    }
    const { entities, raw } = await qb.getRawAndEntities();
    const labels = new Map(raw.map((r: Record<string, unknown>) => [Number(r.p_id), String(r.room_label ?? '')]));
    return toPage(
      entities,
      limit,
      (p) => paymentListItem(p, labels.get(p.id) ?? ''),
      (p) => [p.id],
    );
  }

  /** A resident's own room or a room of the staff member's communities. */
  private async assertRoom(scope: Scope, roomId: number) {
    if (scope.isResident) {
      if (!scope.roomIds.includes(roomId)) throw AppError.notFound('房屋');
      return;
    }
    if (!RECEIPT_READERS.some((r) => scope.has(r))) throw AppError.forbidden();
    const room = await this.ds
      .getRepository(Room)
      .findOne({ where: { id: roomId, companyId: scope.companyId }, select: { id: true, communityId: true, companyId: true } });
    scope.assertCommunity(room, '房屋');
  }
}
