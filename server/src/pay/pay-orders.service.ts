import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, openAmounts, PayOrderView, shanghaiDate, shanghaiDayKey } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';
import { insertRow } from '../database/insert-row';
import { fromJson, jsonRows } from '../database/json-rows';
import { BillLine } from '../fees/entities/bill-line.entity';
import { CreatePayOrderDto } from './dto/pay-order.dto';
import { OrderLine, PaymentOrder } from './entities/payment-order.entity';
import { PayMerchants } from './pay-merchants';
import { PayNotifyService } from './pay-notify.service';
import { WxPayError } from './wxpay.client';

export const ORDER_TTL_MS = 15 * 60_000;

interface LoadRow {
  community_id: number;
  label: string;
  community_name: string;
  relation: string | null;
  openid: string | null;
  lines_json: unknown;
  pending_json: unknown;
}

/** 微信缴费: a resident's payment order for open bills of their room, the amount computed here, paid through WeChat Pay. */
@Injectable()
export class PayOrdersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly merchants: PayMerchants,
    private readonly cfg: AppConfig,
    private readonly settle: PayNotifyService,
  ) {}

  /** The room, the caller's relation and openid, the open lines and the caller's live orders of the room: one statement. */
  private async load(caller: Caller, roomId: number, appid: string, now: Date): Promise<LoadRow | undefined> {
    const em = this.ds.manager;
    const [row] = (await this.ds.query(
      `SELECT r.community_id, r.label, c.name AS community_name,
         (SELECT b.relation FROM room_bindings b WHERE b.room_id = r.id AND b.user_id = ? AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS relation,
         (SELECT w.openid FROM wechat_identities w WHERE w.user_id = ? AND w.appid = ? ORDER BY w.id LIMIT 1) AS openid,
         ${jsonRows(em, BillLine, 'l', "FROM bill_lines l WHERE l.room_id = r.id AND l.status = 'open'")} AS lines_json,
         ${jsonRows(em, PaymentOrder, 'o', "FROM payment_orders o WHERE o.room_id = r.id AND o.user_id = ? AND o.status = 'pending' AND o.prepay_id IS NOT NULL AND o.expires_at > ?")} AS pending_json
       FROM rooms r JOIN communities c ON c.id = r.community_id
       WHERE r.id = ? AND r.company_id = ?`,
      [caller.userId, caller.userId, appid, caller.userId, sqlTime(new Date(now.getTime() + 60_000)), roomId, caller.companyId],
    )) as LoadRow[];
    return row;
  }

  /** The chosen lines (a tenant: what the occupant pays), oldest first, each with its principal and late fee as of today. */
  private plan(open: BillLine[], relation: string | null, dto: CreatePayOrderDto, today: string): OrderLine[] {
    const visible = relation === 'tenant' ? open.filter((l) => l.payer === 'occupant') : open;
    // a tenant picking the owner's bill of the room: someone else's bill (rooms not theirs are 404 above, as everywhere)
    if (dto.billLineIds && open.some((l) => l.payer !== 'occupant' && relation === 'tenant' && dto.billLineIds!.includes(l.id)))
      throw AppError.forbidden('该账单由业主缴纳，租户不能代缴');
    const chosen = dto.billLineIds ? visible.filter((l) => dto.billLineIds!.includes(l.id)) : visible;
    if (dto.billLineIds && chosen.length !== dto.billLineIds.length) throw AppError.conflict(ErrorCode.Conflict, '所选账单已缴清或已变化，请刷新后重试');
    const lines = chosen
      .sort((a, b) => a.period.localeCompare(b.period) || a.id - b.id)
      .map((l) => {
        const rule = { dailyRatePpm: l.lateFeeRatePpm, graceDays: l.lateFeeGraceDays, capPercent: l.lateFeeCapPercent };
        const { principalCents, late } = openAmounts(l, rule, today);
        return { id: l.id, principalCents, lateFeeCents: late.cents };
      })
      .filter((l) => l.principalCents + l.lateFeeCents > 0);
    if (!lines.length) throw AppError.badRequest('该房屋没有需要缴纳的账单');
    return lines;
  }

  async create(caller: Caller, dto: CreatePayOrderDto, devHost: string | undefined): Promise<PayOrderView> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.isResident || !scope.roomIds.includes(dto.roomId)) throw AppError.notFound('房屋');
    const merchant = this.merchants.forCompany(caller.companyId);
    if (!merchant) throw AppError.conflict(ErrorCode.Conflict, '本物业暂未开通微信支付，请到物业服务中心缴费');
    const now = this.clock.now();
    const room = await this.load(caller, dto.roomId, merchant.appid, now);
    if (!room || !room.relation) throw AppError.notFound('房屋');
    // the development merchant pays without WeChat: the H5 app has no openid, the fake takes a made-up one
    const openid = room.openid ?? (this.merchants.devFake(merchant) ? `o-dev-${caller.userId}` : null);
    if (!openid) throw AppError.conflict(ErrorCode.Conflict, '请在微信小程序中打开后再支付');
    const lines = this.plan(fromJson(this.ds.manager, BillLine, room.lines_json), room.relation, dto, shanghaiDate(now));
    const client = this.merchants.client(merchant);
    // the same bills asked again while an order for them is still payable (a retry, a double tap): that order
    const same = fromJson(this.ds.manager, PaymentOrder, room.pending_json).find((o) => o.linesJson === JSON.stringify(lines));
    if (same) return orderView(same, client.requestPayment(same.prepayId!));

    const principal = lines.reduce((s, l) => s + l.principalCents, 0);
    const amount = principal + lines.reduce((s, l) => s + l.lateFeeCents, 0);
    const values: Partial<PaymentOrder> = {
      companyId: caller.companyId,
      communityId: Number(room.community_id),
      roomId: dto.roomId,
      userId: caller.userId,
      outTradeNo: `LP${shanghaiDayKey(now)}${randomBytes(8).toString('hex')}`,
      mchid: merchant.mchid,
      appid: merchant.appid,
      linesJson: JSON.stringify(lines),
      amountCents: amount,
      principalCents: principal,
      lateFeeCents: amount - principal,
      status: 'pending',
      prepayId: null,
      expiresAt: new Date(now.getTime() + ORDER_TTL_MS),
      transactionId: null,
      paidAt: null,
      paymentId: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    // stored before WeChat Pay hears of it, so a callback always finds its order
    const id = await insertRow(this.ds.manager, PaymentOrder, values);
    let prepayId: string;
    try {
      prepayId = await client.jsapi({
        description: `${room.community_name} ${room.label} 物业缴费`.slice(0, 40),
        outTradeNo: values.outTradeNo!,
        timeExpire: values.expiresAt!,
        notifyUrl: this.notifyUrl(devHost),
        totalFen: amount,
        openid,
      });
    } catch (e) {
      if (!(e instanceof WxPayError)) throw e;
      throw new AppError(502, ErrorCode.WechatError, '微信支付下单失败，请稍后重试', { code: e.code });
    }
    await this.ds.query('UPDATE payment_orders SET prepay_id = ?, updated_at = ? WHERE id = ?', [prepayId, sqlTime(now), id]);
    return orderView(Object.assign(new PaymentOrder(), values, { id, prepayId }), client.requestPayment(prepayId));
  }

  /**
   * Development only: the resident confirms in the simulated payment sheet; the fake WeChat Pay marks the order paid
   * and posts its signed, encrypted callback to notify_url, as WeChat Pay would. Answers the order as it stands (pending).
   */
  async devConfirm(caller: Caller, id: number): Promise<PayOrderView> {
    const order = await this.ds.manager.findOneBy(PaymentOrder, { id, companyId: caller.companyId, userId: caller.userId });
    if (!order) throw AppError.notFound('缴费订单');
    const merchant = this.merchants.forCompany(order.companyId);
    const fake = this.merchants.devFake(merchant);
    if (!fake || order.mchid !== merchant!.mchid) throw AppError.conflict(ErrorCode.Conflict, '该订单不能模拟支付');
    const state = fake.orders.get(order.outTradeNo)?.state;
    if (order.status !== 'pending' || state !== 'NOTPAY' || order.expiresAt <= this.clock.now())
      throw AppError.conflict(ErrorCode.Conflict, order.status === 'paid' || state === 'SUCCESS' ? '该订单已支付' : '订单已关闭或已过期，请重新发起缴费');
    fake.pay(order.outTradeNo);
    return orderView(order, null);
  }

  /**
   * The resident's own order. Still pending on return from the payment sheet: WeChat Pay is asked, and a paid
   * transaction settles the order here, through the callback's path (whichever comes first wins, once).
   */
  async get(caller: Caller, id: number): Promise<PayOrderView> {
    const find = () => this.ds.manager.findOneBy(PaymentOrder, { id, companyId: caller.companyId, userId: caller.userId });
    const order = await find();
    if (!order) throw AppError.notFound('缴费订单');
    const merchant = this.merchants.forCompany(order.companyId);
    if (order.status !== 'pending' || !order.prepayId || !merchant) return orderView(order, null);
    let tx;
    try {
      tx = await this.merchants.client(merchant).query(order.outTradeNo);
    } catch (e) {
      if (!(e instanceof WxPayError)) throw e;
      throw new AppError(502, ErrorCode.WechatError, '暂时无法查询支付结果，请稍后刷新', { code: e.code });
    }
    if (tx.trade_state !== 'SUCCESS') return orderView(order, null);
    await this.settle.settleTransaction(tx, order.companyId, 'query');
    return orderView((await find())!, null);
  }

  /** WXPAY_NOTIFY_URL; outside production, this server's own address as the app reached it (the fake posts there). */
  private notifyUrl(devHost: string | undefined): string {
    if (this.cfg.WXPAY_NOTIFY_URL) return this.cfg.WXPAY_NOTIFY_URL;
    if (this.cfg.isProduction || !devHost || !/^(127\.0\.0\.1|localhost):\d+$/.test(devHost))
      throw AppError.conflict(ErrorCode.Conflict, '微信支付回调地址未配置，请联系物业');
    return `http://${devHost}/api/pay/notify`;
  }
}

export function orderView(o: PaymentOrder, payParams: PayOrderView['payParams']): PayOrderView {
  return {
    id: o.id,
    outTradeNo: o.outTradeNo,
    roomId: o.roomId,
    billLineIds: o.lines().map((l) => l.id),
    amountCents: o.amountCents,
    principalCents: o.principalCents,
    lateFeeCents: o.lateFeeCents,
    status: o.status,
    expiresAt: o.expiresAt.toISOString(),
    paymentId: o.paymentId,
    payParams,
  };
}
