import { EntityManager } from 'typeorm';

/**
 * Serialises a check-then-insert rule on its parent row (the room, the community): call it first in the transaction
 * that checks and inserts. MariaDB/MySQL: `SELECT … FOR UPDATE`, so a concurrent writer of the same parent waits here
 * until this transaction ends; being the first read, it also means REPEATABLE READ takes the snapshot after the wait,
 * so the check that follows sees what the other one committed. Chosen over a unique index because these rules are a
 * count, an overlap of periods, a window in time — no key says them. SQLite: no statement (one connection, one
 * writer: the transaction runs alone).
 */
export async function lockParentRow(em: EntityManager, select: string, params: unknown[]): Promise<void> {
  if (em.connection.options.type !== 'mysql') return;
  await em.query(`${select} FOR UPDATE`, params);
}
