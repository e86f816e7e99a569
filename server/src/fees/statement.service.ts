import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  GroupFlows,
  noFlow,
  shanghaiMonthBounds,
  STATEMENT_IDENTITY_TEXT,
  statementLine,
  StatementRowView,
  StatementView,
  sumStatement,
  unbalanced,
} from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { ScopeService } from '../common/scope';
import { sqlTime } from '../common/sql-time';

type Num = number | string | null;
/** Lines with an item group by the item; the others (repair and one-off charges) by their name. */
const GROUP = 'l.fee_item_id, CASE WHEN l.fee_item_id IS NULL THEN l.name END';
const n = (v: Num) => Number(v ?? 0);

interface Group extends GroupFlows {
  itemId: number | null;
  name: string;
  lateCollected: number;
  lateRefunded: number;
}

/** 月度对账: one community's month by fee item, from the ledger's flows (3 statements). */
@Injectable()
export class StatementService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  async statement(caller: Caller, communityId: number, month: string): Promise<StatementView> {
    const communityName = await this.community(caller, communityId);
    const b = shanghaiMonthBounds(month);
    const groups = new Map<string, Group>();
    const group = (itemId: Num, name: string | null): Group => {
      const key = itemId !== null ? `item:${n(itemId)}` : `name:${name || '其他'}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          itemId: itemId === null ? null : n(itemId),
          name: name || '其他',
          billed: noFlow(),
          paid: noFlow(),
          waived: noFlow(),
          refunded: noFlow(),
          openNow: 0,
          lateCollected: 0,
          lateRefunded: 0,
        };
        groups.set(key, g);
      }
      return g;
    };
    const [from, to] = [sqlTime(b.from), sqlTime(b.to)];
    const lines: { item_id: Num; name: string; s_before: Num; s_during: Num; s_after: Num; open_now: Num }[] = await this.ds.query(
      `SELECT l.fee_item_id AS item_id, MAX(COALESCE(i.name, l.name)) AS name,
         SUM(CASE WHEN l.created_at < ? THEN l.amount_cents ELSE 0 END) AS s_before,
         SUM(CASE WHEN l.created_at >= ? AND l.created_at < ? THEN l.amount_cents ELSE 0 END) AS s_during,
         SUM(CASE WHEN l.created_at >= ? THEN l.amount_cents ELSE 0 END) AS s_after,
         SUM(l.amount_cents - l.paid_cents - l.waived_cents) AS open_now
       FROM bill_lines l LEFT JOIN fee_items i ON i.id = l.fee_item_id
       WHERE l.community_id = ? AND l.company_id = ? GROUP BY ${GROUP}`,
      [from, from, to, to, communityId, caller.companyId],
    );
    for (const r of lines) {
      const g = group(r.item_id, r.name);
      g.billed = { before: n(r.s_before), during: n(r.s_during), after: n(r.s_after) };
      g.openNow = n(r.open_now);
    }
    for (const r of await this.flows(communityId, caller.companyId, b.firstDay, b.lastDay, from, to)) {
      const g = group(r.item_id, r.name);
      g[r.kind] = { before: n(r.s_before), during: n(r.s_during), after: n(r.s_after) };
      if (r.kind === 'paid') g.lateCollected = n(r.late_during);
      if (r.kind === 'refunded') g.lateRefunded = n(r.late_during);
    }
    const rows: StatementRowView[] = [...groups.entries()]
      .map(([key, g]) => ({ key, itemId: g.itemId, name: g.name, ...statementLine(g), lateFeesCollected: g.lateCollected, lateFeesRefunded: g.lateRefunded }))
      .sort((x, y) => (x.itemId ?? Infinity) - (y.itemId ?? Infinity) || x.name.localeCompare(y.name));
    const totals: StatementRowView = {
      key: 'total',
      itemId: null,
      name: '合计',
      ...sumStatement(rows),
      lateFeesCollected: rows.reduce((s, r) => s + r.lateFeesCollected, 0),
      lateFeesRefunded: rows.reduce((s, r) => s + r.lateFeesRefunded, 0),
    };
    const bad = unbalanced([...rows, totals]).map((r) => r.key);
    return {
      communityId,
      communityName,
      month,
      firstDay: b.firstDay,
      lastDay: b.lastDay,
      rows,
      totals,
      balanced: !bad.length,
      unbalancedKeys: bad,
      identity: STATEMENT_IDENTITY_TEXT,
    };
  }

  /** Payments, waivers and refunds by group, each split before / during / after the month: one statement. */
  private flows(communityId: number, companyId: number, firstDay: string, lastDay: string, from: string, to: string) {
    // days (YYYY-MM-DD) are split with [first, last]; instants with [from, to)
    const split = (date: string, v: string, instant: boolean) =>
      `SUM(CASE WHEN ${date} < ? THEN ${v} ELSE 0 END) AS s_before,
       SUM(CASE WHEN ${date} >= ? AND ${date} ${instant ? '<' : '<='} ? THEN ${v} ELSE 0 END) AS s_during,
       SUM(CASE WHEN ${date} ${instant ? '>=' : '>'} ? THEN ${v} ELSE 0 END) AS s_after`;
    const head = (kind: string) => `SELECT '${kind}' AS kind, l.fee_item_id AS item_id, MAX(COALESCE(i.name, l.name)) AS name,`;
    const scope = 'LEFT JOIN fee_items i ON i.id = l.fee_item_id WHERE l.community_id = ? AND l.company_id = ?';
    const sql = `
      ${head('paid')} ${split('p.business_date', 'a.principal_cents', false)},
        SUM(CASE WHEN p.business_date >= ? AND p.business_date <= ? THEN a.late_fee_cents ELSE 0 END) AS late_during
      FROM payment_allocations a JOIN payments p ON p.id = a.payment_id JOIN bill_lines l ON l.id = a.bill_line_id ${scope} GROUP BY ${GROUP}
      UNION ALL
      ${head('waived')} ${split('r.decided_at', 'r.amount_cents', true)}, 0 AS late_during
      FROM fee_requests r JOIN bill_lines l ON l.id = r.bill_line_id ${scope}
        AND r.kind = 'waive' AND r.status = 'approved' GROUP BY ${GROUP}
      UNION ALL
      ${head('refunded')} ${split('ra.business_date', 'ra.principal_cents', false)},
        SUM(CASE WHEN ra.business_date >= ? AND ra.business_date <= ? THEN ra.late_fee_cents ELSE 0 END) AS late_during
      FROM refund_allocations ra JOIN bill_lines l ON l.id = ra.bill_line_id ${scope} GROUP BY ${GROUP}`;
    const days = [firstDay, firstDay, lastDay, lastDay];
    const instants = [from, from, to, to];
    const params = [
      ...days,
      firstDay,
      lastDay,
      communityId,
      companyId,
      ...instants,
      communityId,
      companyId,
      ...days,
      firstDay,
      lastDay,
      communityId,
      companyId,
    ];
    return this.ds.query(sql, params) as Promise<
      { kind: 'paid' | 'waived' | 'refunded'; item_id: Num; name: string; s_before: Num; s_during: Num; s_after: Num; late_during: Num }[]
    >;
  }

  /** The community's name, when the caller works there (404 otherwise). */
  async community(caller: Caller, communityId: number): Promise<string> {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
    const [c]: { name: string }[] = await this.ds.query('SELECT name FROM communities WHERE id = ? AND company_id = ?', [communityId, caller.companyId]);
    if (!c) throw AppError.notFound('小区');
    return c.name;
  }
}
