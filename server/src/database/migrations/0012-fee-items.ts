import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** Fee items per community ([fees]): the base of the price table, bill runs and late fees. */
export class FeeItems1795560000000 implements MigrationInterface {
  name = 'FeeItems1795560000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'fee_items',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('name', 50),
        col.str('kind', 16),
        col.str('payer', 16),
        col.str('period_unit', 16, true),
        col.int('price_e4', true),
        col.text('tiers'),
        col.str('meter_unit', 8, true),
        col.bigint('amount_cents', true),
        col.int('due_day'),
        col.int('late_fee_rate_ppm'),
        col.int('late_fee_grace_days'),
        col.int('late_fee_cap_percent', true),
        col.str('service_content', 500),
        col.str('standard_name', 100, true),
        col.str('legal_basis', 200, true),
        col.str('starts_on', 10),
        col.bool('active', true),
        col.version(),
        col.int('updated_by', true),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [index('uq_fee_items_community_name', ['community_id', 'name'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('fee_items', true);
  }
}
