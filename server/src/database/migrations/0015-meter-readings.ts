import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** Meter readings (抄表): one per room × metered item × period, billed once into a bill line ([fees] meters). */
export class MeterReadings1795580000000 implements MigrationInterface {
  name = 'MeterReadings1795580000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'meter_readings',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('fee_item_id'),
        col.str('period', 8),
        col.bigint('reading_e2'),
        col.bigint('previous_e2', true),
        col.bigint('usage_e2'),
        col.bool('replaced', false),
        col.bigint('old_final_e2', true),
        col.bigint('new_start_e2', true),
        col.str('status', 16),
        col.str('hold_reason', 200, true),
        col.int('entered_by', true),
        col.int('reviewed_by', true),
        col.dt('reviewed_at', true),
        col.int('bill_line_id', true),
        col.version(),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [
        index('uq_meter_readings_room_item_period', ['room_id', 'fee_item_id', 'period'], true),
        index('ix_meter_readings_item_period_status', ['fee_item_id', 'period', 'status']),
        index('ix_meter_readings_community_status', ['community_id', 'status']),
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('meter_readings', true);
  }
}
