import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/**
 * A tenant's binding asks the room's owner in the app for consent (#11.8): what they said, who, when. NULL: no owner
 * was asked (not a tenant, or no owner in the app). Lease photos are `uploads` rows (subject room_binding, purpose lease).
 */
export class BindingOwnerConsent1795530000000 implements MigrationInterface {
  name = 'BindingOwnerConsent1795530000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('room_bindings', [
      new TableColumn(col.str('owner_consent', 16, true)),
      new TableColumn(col.int('owner_consent_by', true)),
      new TableColumn(col.dt('owner_consent_at', true)),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('room_bindings', 'owner_consent_at');
    await qr.dropColumn('room_bindings', 'owner_consent_by');
    await qr.dropColumn('room_bindings', 'owner_consent');
  }
}
