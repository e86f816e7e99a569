import { TradeBillRow } from '../trade-bill';
import type { FakeOrder, FakeRefund } from './fake-wechatpay';

const local = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString();

/** The fake's trade bill of a Shanghai day: payments by their success time, refunds (succeeded) by theirs. */
export function tradeBillRows(orders: Map<string, FakeOrder>, refunds: Iterable<FakeRefund>, mchid: string, date: string): TradeBillRow[] {
  const rows: TradeBillRow[] = [];
  for (const o of orders.values()) {
    if (o.mchid !== mchid || !o.successTime || o.successTime.slice(0, 10) !== date) continue;
    rows.push({
      time: o.successTime.slice(0, 19).replace('T', ' '),
      appid: o.body.appid,
      mchid,
      transactionId: o.transactionId!,
      outTradeNo: o.body.out_trade_no,
      openid: o.body.payer.openid,
      state: 'SUCCESS',
      totalFen: o.body.amount.total,
    });
  }
  for (const r of refunds) {
    const o = orders.get(r.outTradeNo)!;
    if (r.mchid !== mchid || !r.successAt || local(r.successAt).slice(0, 10) !== date) continue;
    rows.push({
      time: local(r.successAt).slice(0, 19).replace('T', ' '),
      appid: o.body.appid,
      mchid,
      transactionId: o.transactionId!,
      outTradeNo: r.outTradeNo,
      openid: o.body.payer.openid,
      state: 'REFUND',
      totalFen: r.total,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      refundFen: r.refund,
    });
  }
  return rows;
}
