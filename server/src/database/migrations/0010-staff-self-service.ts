import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Staff self-service (#11.12–13): `must_change_password` (an initial password set or reset by an admin; existing
 * accounts, the demo ones included, are not affected), and version columns for admins' edits of staff accounts
 * and of the price list (409 on a stale edit).
 */
export class StaffSelfService1795540000000 implements MigrationInterface {
  name = 'StaffSelfService1795540000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('users', [new TableColumn(col.bool('must_change_password', false)), new TableColumn(col.version())]);
    await qr.addColumn('price_items', new TableColumn(col.version()));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('price_items', 'version');
    await qr.dropColumn('users', 'version');
    await qr.dropColumn('users', 'must_change_password');
  }
}
