import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/** 新住户回访: when the community's desk was told a task falls due (NewResidentVisitsJob claims it once). */
export class NewResidentVisitReminders1796020000000 implements MigrationInterface {
  name = 'NewResidentVisitReminders1796020000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('new_resident_visits', [new TableColumn(col.dt('reminded_at', true))]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('new_resident_visits', 'reminded_at');
  }
}
