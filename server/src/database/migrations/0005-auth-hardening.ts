import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, index } from '../migration-helpers';

/**
 * Auth hardening ([hardening] #9.14, #9.15, #9.3): a per-user token version (bumped on logout and deactivation;
 * access tokens carry it), the per-account login lockout, and the uploads indexes the quota and the cleanup read.
 */
export class AuthHardening1795464000000 implements MigrationInterface {
  name = 'AuthHardening1795464000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns(
      'users',
      [{ ...col.int('token_version'), default: 0 }, { ...col.int('failed_logins'), default: 0 }, col.dt('locked_until', true)].map((c) => new TableColumn(c)),
    );
    await qr.createIndex('uploads', index('ix_uploads_uploader_created', ['uploader_id', 'created_at']));
    await qr.createIndex('uploads', index('ix_uploads_unattached', ['subject_id', 'created_at']));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('uploads', 'ix_uploads_unattached');
    await qr.dropIndex('uploads', 'ix_uploads_uploader_created');
    for (const c of ['locked_until', 'failed_logins', 'token_version']) await qr.dropColumn('users', c);
  }
}
