import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** Bill lines (one per room × item × period, unique) and the bill runs that create them ([fees]). */
export class Bills1795560000001 implements MigrationInterface {
  name = 'Bills1795560000001';

  async up(qr: QueryRunner): Promise<void> {
    const zero = (name: string) => ({ ...col.bigint(name), default: 0 });
    await createTable(
      qr,
      'bill_lines',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('fee_item_id', true),
        col.str('period', 8),
        col.str('source_key', 64),
        col.str('name', 50),
        col.str('payer', 16),
        col.bigint('amount_cents'),
        col.text('detail', false),
        col.str('due_date', 10),
        col.int('late_fee_rate_ppm'),
        col.int('late_fee_grace_days'),
        col.int('late_fee_cap_percent', true),
        zero('paid_cents'),
        zero('late_fee_paid_cents'),
        zero('waived_cents'),
        col.str('status', 16),
        col.int('run_id', true),
        col.version(),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [
        index('uq_bill_lines_room_source', ['room_id', 'source_key'], true),
        index('ix_bill_lines_community_period', ['community_id', 'period']),
        index('ix_bill_lines_room_status', ['room_id', 'status']),
      ],
    );
    await createTable(
      qr,
      'bill_runs',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('period', 8),
        col.str('status', 16),
        col.int('total_rooms'),
        { ...col.int('done_rooms'), default: 0 },
        { ...col.int('last_room_id'), default: 0 },
        { ...col.int('lines_created'), default: 0 },
        zero('amount_cents'),
        col.str('last_error', 500, true),
        col.int('created_by'),
        col.dt('lease_until', true),
        col.dt('created_at'),
        col.dt('finished_at', true),
      ],
      [index('ix_bill_runs_community', ['community_id', 'id']), index('ix_bill_runs_status', ['status', 'lease_until'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('bill_runs', true);
    await qr.dropTable('bill_lines', true);
  }
}
