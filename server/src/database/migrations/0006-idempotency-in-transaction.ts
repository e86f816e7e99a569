import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Idempotency keys are written in the transaction of the work they protect (issue 9.18): the row now names the
 * resource it created. Rows left "in progress" by the old claim-first scheme (no response) never finish: drop them,
 * so a retry with such a key runs again.
 */
export class IdempotencyInTransaction1795467600000 implements MigrationInterface {
  name = 'IdempotencyInTransaction1795467600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('idempotency_keys', [new TableColumn(col.str('resource_kind', 20, true)), new TableColumn(col.int('resource_id', true))]);
    await qr.query('DELETE FROM idempotency_keys WHERE response IS NULL');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('idempotency_keys', 'resource_id');
    await qr.dropColumn('idempotency_keys', 'resource_kind');
  }
}
