import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * INSERT one row and return its auto-increment id, without TypeORM's follow-up SELECT of the columns that have
 * defaults (MySQL and SQLite have no RETURNING here): on the hot create paths that SELECT was a round trip per row.
 */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, values: Partial<T>): Promise<number> {
  const res = await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(values as never)
    .updateEntity(false)
    .execute();
  // mysql2: a ResultSetHeader with insertId; better-sqlite3: lastInsertRowid
  const raw = res.raw as { insertId?: number | bigint } | number | bigint;
  const id = typeof raw === 'object' && raw !== null ? raw.insertId : raw;
  if (id === undefined || id === null) throw new Error('insertRow: the driver returned no insert id');
  return Number(id);
}

/**
 * The ids of a multi-row INSERT: MySQL reports the first, SQLite the last; consecutive with MariaDB's default
 * innodb_autoinc_lock_mode = 1 (not guaranteed with 2): use them only where that holds (one multi-row INSERT).
 */
export function insertedIds(raw: unknown, n: number, mysql: boolean): number[] {
  const id = Number(typeof raw === 'object' && raw !== null ? (raw as { insertId: number }).insertId : raw);
  const first = mysql ? id : id - n + 1;
  return Array.from({ length: n }, (_, i) => first + i);
}
