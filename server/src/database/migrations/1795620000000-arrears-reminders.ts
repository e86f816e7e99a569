import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** The last 催缴 reminder of each building (one a day per building). */
export class ArrearsReminders1795620000000 implements MigrationInterface {
  name = 'ArrearsReminders1795620000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'arrears_reminders',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('building_id'),
        col.dt('last_sent_at', true),
        col.int('last_sent_by', true),
        col.int('rooms'),
        col.version(),
      ],
      [index('uq_arrears_reminders_building', ['building_id'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('arrears_reminders');
  }
}
