import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** Fixed items contracted per room (车位租金 …) and the index the repair-charge job looks up unbilled charges by ([fees]). */
export class FeeContracts1795590000000 implements MigrationInterface {
  name = 'FeeContracts1795590000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'fee_contracts',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('fee_item_id'),
        col.str('starts_on', 10),
        col.str('ends_on', 10, true),
        col.str('note', 100, true),
        col.bool('active', true),
        col.version(),
        col.int('created_by', true),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [index('ix_fee_contracts_room', ['room_id', 'id']), index('ix_fee_contracts_item', ['fee_item_id', 'active', 'room_id'])],
    );
    await qr.createIndex('ticket_charges', new TableIndex({ name: 'ix_ticket_charges_unbilled', columnNames: ['billed_at', 'ticket_id'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('ticket_charges', 'ix_ticket_charges_unbilled');
    await qr.dropTable('fee_contracts', true);
  }
}
