/** WeChat Pay's trade bill (交易账单, bill_type ALL) as CSV: each field prefixed with a backtick, amounts in yuan, a summary at the end. */

export const TRADE_BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

/** One line of the bill that matters to reconciliation: a payment (SUCCESS) or a refund (REFUND), amounts in fen. */
export interface TradeBillEntry {
  kind: 'payment' | 'refund';
  /** out_trade_no for a payment, out_refund_no for a refund */
  ref: string;
  outTradeNo: string;
  cents: number;
}

export interface TradeBillRow {
  time: string;
  appid: string;
  mchid: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  state: 'SUCCESS' | 'REFUND';
  totalFen: number;
  refundId?: string;
  outRefundNo?: string;
  refundFen?: number;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const fen = (text: string) => Math.round(Number(text) * 100);

/** The CSV as WeChat Pay formats it (used by the fake; kept next to the parser so the two agree). */
export function formatTradeBill(rows: TradeBillRow[]): string {
  const lines = rows.map((r) => {
    const refund = r.state === 'REFUND';
    const f = [
      r.time,
      r.appid,
      r.mchid,
      '0',
      '',
      r.transactionId,
      r.outTradeNo,
      r.openid,
      'JSAPI',
      r.state,
      'OTHERS',
      'CNY',
      refund ? '0.00' : yuan(r.totalFen),
      '0.00',
      refund ? (r.refundId ?? '') : '0',
      refund ? (r.outRefundNo ?? '') : '0',
      refund ? yuan(r.refundFen ?? 0) : '0.00',
      '0.00',
      refund ? 'ORIGINAL' : '',
      refund ? 'SUCCESS' : '',
      '物业缴费',
      '',
      '0.00000',
      '0.60%',
      yuan(r.totalFen),
      refund ? yuan(r.refundFen ?? 0) : '0.00',
      '',
    ];
    return f.map((x) => '`' + x).join(',');
  });
  const paid = rows.filter((r) => r.state === 'SUCCESS').reduce((s, r) => s + r.totalFen, 0);
  const refunded = rows.filter((r) => r.state === 'REFUND').reduce((s, r) => s + (r.refundFen ?? 0), 0);
  const summary = [String(rows.length), yuan(paid), yuan(refunded), '0.00', '0.00000', yuan(paid), yuan(refunded)].map((x) => '`' + x).join(',');
  return [TRADE_BILL_HEADER, ...lines, SUMMARY_HEADER, summary].join('\r\n') + '\r\n';
}

/** The payments and refunds of a trade bill; null when it is not one (header missing, a row with the wrong number of fields). */
export function parseTradeBill(csv: string): TradeBillEntry[] | null {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',') ?? [];
  const col = (name: string) => header.indexOf(name);
  const need = ['交易状态', '商户订单号', '商户退款单号', '应结订单金额', '订单金额', '申请退款金额'].map(col);
  if (need.some((i) => i < 0)) return null;
  const [state, outTradeNo, outRefundNo, settled, total, refund] = need;
  const out: TradeBillEntry[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    if (line.startsWith('总交易单数')) break;
    const f = line.split(',').map((x) => x.replace(/^`/, ''));
    if (f.length !== header.length) return null;
    if (f[state] === 'REFUND') out.push({ kind: 'refund', ref: f[outRefundNo], outTradeNo: f[outTradeNo], cents: fen(f[refund]) });
    else if (f[state] === 'SUCCESS')
      out.push({ kind: 'payment', ref: f[outTradeNo], outTradeNo: f[outTradeNo], cents: fen(f[settled] === '0.00' ? f[total] : f[settled]) });
  }
  return out;
}

export type MismatchProblem = 'missing_ours' | 'missing_theirs' | 'amount_differs';

export interface ReconMismatch {
  kind: 'payment' | 'refund';
  ref: string;
  oursCents: number | null;
  theirsCents: number | null;
  problem: MismatchProblem;
}

/** Our payments and refunds of a day against WeChat Pay's: what is on one side only, or with another amount. */
export function reconcile(ours: TradeBillEntry[], theirs: TradeBillEntry[]): ReconMismatch[] {
  const key = (e: TradeBillEntry) => `${e.kind}:${e.ref}`;
  const sum = (list: TradeBillEntry[]) => {
    const m = new Map<string, TradeBillEntry>();
    for (const e of list) {
      const old = m.get(key(e));
      m.set(key(e), old ? { ...old, cents: old.cents + e.cents } : e);
    }
    return m;
  };
  const a = sum(ours);
  const b = sum(theirs);
  const out: ReconMismatch[] = [];
  for (const [k, e] of a) {
    const t = b.get(k);
    if (!t) out.push({ kind: e.kind, ref: e.ref, oursCents: e.cents, theirsCents: null, problem: 'missing_theirs' });
    else if (t.cents !== e.cents) out.push({ kind: e.kind, ref: e.ref, oursCents: e.cents, theirsCents: t.cents, problem: 'amount_differs' });
  }
  for (const [k, t] of b) if (!a.has(k)) out.push({ kind: t.kind, ref: t.ref, oursCents: null, theirsCents: t.cents, problem: 'missing_ours' });
  return out.sort((x, y) => (x.kind + x.ref).localeCompare(y.kind + y.ref));
}
