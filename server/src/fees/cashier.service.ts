import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CashierDayView, CashierRoomHit, CASHIER_METHODS, ErrorCode, maskPhone, PAYMENT_METHOD_LABELS, PaymentMethod, shanghaiDate } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { LIKE_ESCAPE, likeContains } from '../common/like';
import { ScopeService } from '../common/scope';
import { isUniqueViolation } from '../database/unique-violation';
import { insertRow } from '../database/insert-row';
import { CashierClose } from './entities/cashier-close.entity';
import { execute } from './ledger-sql';
import { OnlineDayRow, onlineDayColumns, onlineDayView } from './online-day';

type MethodRow = { method: PaymentMethod; n: number | string; amount: number | string | null; unclosed: number | string | null };
type DayRow = OnlineDayRow & { cashier_name: string | null; refund_count: number | string; refund_cents: number | string | null; close_json: unknown };

/** The cashier's counter: find a room, the day's takings by method, the daily close (日结). */
@Injectable()
export class CashierService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** By room label (contains) or by the owner's / a bound resident's phone (4 digits or more: its end). */
  async searchRooms(caller: Caller, q: string): Promise<CashierRoomHit[]> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.communityIds.length) return [];
    const term = q.replace(/\s/g, '');
    const phone = /^\d{4,11}$/.test(term) ? `%${term}` : null;
    const params: unknown[] = [caller.companyId, ...scope.communityIds, likeContains(term)];
    let match = `r.label LIKE ? ${LIKE_ESCAPE}`;
    if (phone) {
      match += ` OR r.owner_phone LIKE ? OR EXISTS (SELECT 1 FROM room_bindings b JOIN users u ON u.id = b.user_id
        WHERE b.room_id = r.id AND b.status = 'approved' AND u.phone LIKE ?)`;
      params.push(phone, phone);
    }
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT r.id, r.community_id, c.name AS community_name, r.label, r.owner_name, r.owner_phone,
         (SELECT COUNT(*) FROM bill_lines l WHERE l.room_id = r.id AND l.status = 'open') AS open_lines
       FROM rooms r JOIN communities c ON c.id = r.community_id
       WHERE r.company_id = ? AND r.community_id IN (${scope.communityIds.map(() => '?').join(', ')}) AND r.active = 1 AND (${match})
       ORDER BY r.community_id, r.label LIMIT 20`,
      params,
    );
    return rows.map((r) => ({
      roomId: Number(r.id),
      communityId: Number(r.community_id),
      communityName: String(r.community_name),
      label: String(r.label),
      ownerName: (r.owner_name as string | null) ?? null,
      ownerPhone: maskPhone(r.owner_phone as string | null),
      openLines: Number(r.open_lines),
    }));
  }

  async day(caller: Caller, date?: string): Promise<CashierDayView> {
    const day = date ?? shanghaiDate(this.clock.now());
    const scope = await this.scopes.resolve(caller);
    const [methods, [info]] = await Promise.all([
      this.ds.query(
        `SELECT method, COUNT(*) AS n, SUM(amount_cents) AS amount, SUM(CASE WHEN close_id IS NULL THEN 1 ELSE 0 END) AS unclosed
         FROM payments WHERE company_id = ? AND cashier_id = ? AND business_date = ? GROUP BY method`,
        [caller.companyId, caller.userId, day],
      ) as Promise<MethodRow[]>,
      this.dayInfo(caller, day, scope.communityIds),
    ]);
    return { ...dayView(day, methods, info), online: onlineDayView(info) };
  }

  private dayInfo(caller: Caller, day: string, communityIds: number[]): Promise<DayRow[]> {
    const mysql = this.ds.options.type === 'mysql';
    const fn = mysql ? 'JSON_OBJECT' : 'json_object';
    const online = onlineDayColumns(mysql, caller.companyId, communityIds, day);
    return this.ds.query(
      `SELECT (SELECT name FROM users WHERE id = ?) AS cashier_name,
         (SELECT COUNT(DISTINCT ra.fee_request_id) FROM refund_allocations ra JOIN payments p ON p.id = ra.payment_id
            WHERE p.company_id = ? AND p.cashier_id = ? AND ra.business_date = ?) AS refund_count,
         (SELECT SUM(ra.principal_cents + ra.late_fee_cents) FROM refund_allocations ra JOIN payments p ON p.id = ra.payment_id
            WHERE p.company_id = ? AND p.cashier_id = ? AND ra.business_date = ?) AS refund_cents,
         (SELECT ${fn}('id', k.id, 'at', k.created_at, 'count', k.payment_count, 'amount', k.amount_cents) FROM cashier_closes k
            WHERE k.company_id = ? AND k.cashier_id = ? AND k.business_date = ?) AS close_json,
         ${online.sql}`,
      [caller.userId, caller.companyId, caller.userId, day, caller.companyId, caller.userId, day, caller.companyId, caller.userId, day, ...online.params],
    );
  }

  /**
   * 日结: the close row first (a second close of the day → 409 on its unique key), then the day's payments not yet
   * closed are stamped with it and the totals are frozen from exactly those — a payment racing the close is either
   * in it or left unclosed (shown as such); the counter refuses the cashier's payments once the day is closed.
   */
  async close(caller: Caller, date: string): Promise<CashierDayView> {
    const now = this.clock.now();
    if (date > shanghaiDate(now)) throw AppError.badRequest('不能日结未来的日期');
    await this.ds.transaction(async (em) => {
      const values = { companyId: caller.companyId, cashierId: caller.userId, businessDate: date, totals: {}, paymentCount: 0, amountCents: 0, createdAt: now };
      const id = await insertRow(em, CashierClose, values).catch((e: unknown) => {
        if (isUniqueViolation(e)) throw AppError.conflict(ErrorCode.Conflict, `${date} 已日结，不能重复日结`);
        throw e;
      });
      await execute(em, 'UPDATE payments SET close_id = ? WHERE company_id = ? AND cashier_id = ? AND business_date = ? AND close_id IS NULL', [
        id,
        caller.companyId,
        caller.userId,
        date,
      ]);
      const rows = (await em.query('SELECT method, COUNT(*) AS n, SUM(amount_cents) AS amount FROM payments WHERE close_id = ? GROUP BY method', [
        id,
      ])) as MethodRow[];
      const totals = Object.fromEntries(rows.map((r) => [r.method, { count: Number(r.n), amountCents: Number(r.amount ?? 0) }]));
      const count = rows.reduce((s, r) => s + Number(r.n), 0);
      const amount = rows.reduce((s, r) => s + Number(r.amount ?? 0), 0);
      await em.update(CashierClose, { id }, { totals, paymentCount: count, amountCents: amount });
    });
    return this.day(caller, date);
  }
}

function dayView(day: string, methods: MethodRow[], info: DayRow | undefined): Omit<CashierDayView, 'online'> {
  const list = CASHIER_METHODS.concat(methods.some((m) => m.method === 'wechat') ? ['wechat'] : []).map((m) => {
    const r = methods.find((x) => x.method === m);
    return { method: m, label: PAYMENT_METHOD_LABELS[m], count: Number(r?.n ?? 0), amountCents: Number(r?.amount ?? 0) };
  });
  const amount = list.reduce((s, m) => s + m.amountCents, 0);
  const refunds = Number(info?.refund_cents ?? 0);
  const close = info?.close_json
    ? (JSON.parse(typeof info.close_json === 'string' ? info.close_json : JSON.stringify(info.close_json)) as Record<string, unknown>)
    : null;
  return {
    date: day,
    cashierName: info?.cashier_name ?? '',
    methods: list,
    paymentCount: list.reduce((s, m) => s + m.count, 0),
    amountCents: amount,
    refunds: { count: Number(info?.refund_count ?? 0), amountCents: refunds },
    netCents: amount - refunds,
    closed: close
      ? {
          id: Number(close.id),
          at: new Date(String(close.at).replace(' ', 'T').replace(/Z?$/, 'Z')).toISOString(),
          paymentCount: Number(close.count),
          amountCents: Number(close.amount),
        }
      : null,
    unclosedCount: methods.reduce((s, m) => s + Number(m.unclosed ?? 0), 0),
  };
}
