import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * Floors of the escalation ladder per community (#9.13): level 2 / level 3 never sooner than this many minutes
 * after the due time. NULL: the server's default (ESCALATION_LEVEL2_MIN_MINUTES / ESCALATION_LEVEL3_MIN_MINUTES).
 */
export class EscalationFloors1795478400000 implements MigrationInterface {
  name = 'EscalationFloors1795478400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('escalation_policies', [new TableColumn(col.int('level2_min_minutes', true)), new TableColumn(col.int('level3_min_minutes', true))]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('escalation_policies', 'level3_min_minutes');
    await qr.dropColumn('escalation_policies', 'level2_min_minutes');
  }
}
