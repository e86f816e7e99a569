import { QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** Column shorthands for migrations written once for both MySQL/MariaDB and SQLite. */
export const col = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  bigint: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable }),
  str: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  text: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  dt: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable }),
  bool: (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 }),
  version: (): TableColumnOptions => ({ name: 'version', type: 'integer', default: 1 }),
};

export function index(name: string, columnNames: string[], unique = false) {
  return new TableIndex({ name, columnNames, isUnique: unique });
}

export async function createTable(qr: QueryRunner, name: string, columns: TableColumnOptions[], indices: TableIndex[] = []) {
  await qr.createTable(new Table({ name, columns, indices }), true);
}

export const isMysql = (qr: QueryRunner) => qr.connection.options.type === 'mysql';
