import { OnlineDayView, PaymentStatus } from '@linli/shared';

type Item = { id: number; receipt_no: string; community_name: string; label: string; amount_cents: number | string; status: PaymentStatus; created_at: string };
export type OnlineDayRow = { online_n: number | string | null; online_cents: number | string | null; online_json: unknown };

/**
 * 线上收款 of a business date in the given communities (WeChat Pay: no cashier) as three columns to fold into the
 * day's query (online_n, online_cents, online_json: the latest 50), with their parameters in order.
 */
export function onlineDayColumns(mysql: boolean, companyId: number, communityIds: number[], day: string): { sql: string; params: unknown[] } {
  const inScope = communityIds.length ? `p.community_id IN (${communityIds.map(() => '?').join(', ')})` : '1 = 0';
  const where = `p.company_id = ? AND ${inScope} AND p.method = 'wechat' AND p.business_date = ?`;
  const params = [companyId, ...communityIds, day];
  const obj = `${mysql ? 'JSON_OBJECT' : 'json_object'}('id', p.id, 'receipt_no', p.receipt_no, 'community_name', c.name, 'label', r.label,
      'amount_cents', p.amount_cents, 'status', p.status, 'created_at', p.created_at)`;
  const agg = mysql ? `COALESCE(JSON_ARRAYAGG(x.o), '[]')` : 'json_group_array(x.o)';
  return {
    sql: `(SELECT COUNT(*) FROM payments p WHERE ${where}) AS online_n,
      (SELECT SUM(p.amount_cents) FROM payments p WHERE ${where}) AS online_cents,
      (SELECT ${agg} FROM (SELECT ${obj} AS o FROM payments p JOIN communities c ON c.id = p.community_id JOIN rooms r ON r.id = p.room_id
         WHERE ${where} ORDER BY p.id DESC LIMIT 50) x) AS online_json`,
    params: [...params, ...params, ...params],
  };
}

export function onlineDayView(row: OnlineDayRow | undefined): OnlineDayView {
  const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
  const list = ((parse(row?.online_json ?? '[]') as unknown[]) ?? []).map((x) => parse(x) as Item);
  const at = (v: string) => new Date(String(v).replace(' ', 'T').replace(/Z?$/, 'Z')).toISOString();
  return {
    count: Number(row?.online_n ?? 0),
    amountCents: Number(row?.online_cents ?? 0),
    payments: list
      .map((r) => ({
        id: Number(r.id),
        receiptNo: r.receipt_no,
        communityName: r.community_name,
        roomLabel: r.label,
        amountCents: Number(r.amount_cents),
        status: r.status,
        createdAt: at(r.created_at),
      }))
      .sort((a, b) => b.id - a.id),
  };
}
