import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { ErrorCode } from '@linli/shared';

const isMysql = (em: EntityManager) => em.connection.options.type === 'mysql';

/** A write whose affected-row count matters (both drivers report it through a structured result). */
export async function execute(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<{ affected: number; records: Record<string, unknown>[]; raw: unknown }> {
  const r = await em.queryRunner!.query(sql, params, true);
  return { affected: r.affected ?? 0, records: (r.records ?? []) as Record<string, unknown>[], raw: r.raw };
}

/**
 * The next receipt number of a company's Shanghai day in one statement, race-free on both databases: the row is
 * created or incremented under its unique key (MySQL hands the new value back through LAST_INSERT_ID(expr),
 * SQLite through RETURNING). Must run inside the payment's transaction.
 */
export async function nextReceiptSeq(em: EntityManager, companyId: number, day: string): Promise<number> {
  if (isMysql(em)) {
    const r = await execute(
      em,
      'INSERT INTO receipt_counters (company_id, day, last_no) VALUES (?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_no = LAST_INSERT_ID(last_no + 1)',
      [companyId, day],
    );
    return Number((r.raw as { insertId: number }).insertId);
  }
  const r = await execute(
    em,
    'INSERT INTO receipt_counters (company_id, day, last_no) VALUES (?, ?, 1) ON CONFLICT (company_id, day) DO UPDATE SET last_no = last_no + 1 RETURNING last_no',
    [companyId, day],
  );
  return Number(r.records[0].last_no);
}

export interface LineChange {
  id: number;
  version: number;
  paidCents: number;
  lateFeePaidCents: number;
  status: 'open' | 'paid' | 'waived';
}

/** One UPDATE of several bill lines, each version-checked: any line changed meanwhile → 409 (the transaction rolls back). */
export async function updateLines(em: EntityManager, changes: readonly LineChange[], at: string, conflictMessage: string): Promise<void> {
  if (!changes.length) return;
  const cases = () => `CASE id ${changes.map(() => 'WHEN ? THEN ?').join(' ')} END`;
  const params: unknown[] = [];
  for (const col of ['paidCents', 'lateFeePaidCents', 'status'] as const) for (const c of changes) params.push(c.id, c[col]);
  params.push(at);
  for (const c of changes) params.push(c.id, c.version);
  const sql =
    `UPDATE bill_lines SET paid_cents = ${cases()}, late_fee_paid_cents = ${cases()}, status = ${cases()}, ` +
    `version = version + 1, updated_at = ? WHERE ${changes.map(() => '(id = ? AND version = ?)').join(' OR ')}`;
  const r = await execute(em, sql, params);
  if (r.affected !== changes.length) throw AppError.conflict(ErrorCode.Conflict, conflictMessage);
}

/** user ids from a GROUP_CONCAT column (both dialects). */
export const idList = (v: unknown): number[] => (v === null || v === undefined || v === '' ? [] : String(v).split(',').map(Number));
