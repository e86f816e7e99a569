import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * #11 repairs: the visit time as an agreement (the pending proposal and the side that made it, next to the agreed
 * `agreed_visit_at`), and the community's 24-hour duty phone that emergencies show instead of appointment slots.
 */
export class RepairVisitAgreement1795510000000 implements MigrationInterface {
  name = 'RepairVisitAgreement1795510000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('tickets', [new TableColumn(col.dt('proposed_visit_at', true)), new TableColumn(col.str('proposed_by', 16, true))]);
    await qr.addColumn('communities', new TableColumn(col.str('duty_phone', 32, true)));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('communities', 'duty_phone');
    await qr.dropColumn('tickets', 'proposed_by');
    await qr.dropColumn('tickets', 'proposed_visit_at');
  }
}
