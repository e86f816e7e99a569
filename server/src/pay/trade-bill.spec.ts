import { formatTradeBill, parseTradeBill, reconcile, TradeBillRow } from './trade-bill';

const row = (o: Partial<TradeBillRow>): TradeBillRow => ({
  time: '2026-11-02 10:05:00',
  appid: 'wxapp',
  mchid: '1900000001',
  transactionId: '4200001',
  outTradeNo: 'LP1',
  openid: 'o-1',
  state: 'SUCCESS',
  totalFen: 12345,
  ...o,
});

describe('trade bill', () => {
  it('round-trips WeChat Pay’s CSV (backticks, yuan, summary lines)', () => {
    const csv = formatTradeBill([row({}), row({ state: 'REFUND', refundId: '503', outRefundNo: 'RV7', refundFen: 1000 })]);
    expect(csv.split('\r\n')[1].startsWith('`2026-11-02 10:05:00,`wxapp')).toBe(true);
    expect(parseTradeBill(csv)).toEqual([
      { kind: 'payment', ref: 'LP1', outTradeNo: 'LP1', cents: 12345 },
      { kind: 'refund', ref: 'RV7', outTradeNo: 'LP1', cents: 1000 },
    ]);
  });

  it('refuses what is not a bill', () => {
    expect(parseTradeBill('hello')).toBeNull();
    expect(parseTradeBill(formatTradeBill([row({})]).replace('`JSAPI,', ''))).toBeNull();
  });

  it('lists what is on one side only and amounts that differ', () => {
    const p = (ref: string, cents: number) => ({ kind: 'payment' as const, ref, outTradeNo: ref, cents });
    expect(reconcile([p('A', 100), p('B', 200), p('C', 300)], [p('A', 100), p('B', 250), p('D', 400)])).toEqual([
      { kind: 'payment', ref: 'B', oursCents: 200, theirsCents: 250, problem: 'amount_differs' },
      { kind: 'payment', ref: 'C', oursCents: 300, theirsCents: null, problem: 'missing_theirs' },
      { kind: 'payment', ref: 'D', oursCents: null, theirsCents: 400, problem: 'missing_ours' },
    ]);
  });
});
