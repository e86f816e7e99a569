import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, createTable, index, isMysql } from '../migration-helpers';

const PLACES = ['communities', 'buildings', 'units', 'rooms'];

/**
 * 小区与房屋 (#11.14): places can be edited (version) and deactivated (active); existing rows stay active at
 * version 1. Room imports run as background jobs in `import_jobs`, with the validated rows kept until written.
 */
export class Places1795550000000 implements MigrationInterface {
  name = 'Places1795550000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const table of PLACES) await qr.addColumns(table, [new TableColumn(col.bool('active', true)), new TableColumn(col.version())]);
    // MySQL TEXT stops at 64 KB; a 10,000-row file needs more
    const long = (name: string) => ({ ...col.text(name, true), type: isMysql(qr) ? 'longtext' : 'text' });
    await createTable(
      qr,
      'import_jobs',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('created_by'),
        col.str('kind', 16),
        col.str('file_name', 200),
        col.str('file_sha256', 64),
        col.str('status', 16),
        col.int('total'),
        col.int('processed'),
        col.int('created_count'),
        col.int('updated_count'),
        col.int('buildings_created'),
        col.int('units_created'),
        col.int('error_count'),
        long('errors'),
        long('pending_rows'),
        col.dt('lease_until', true),
        col.version(),
        col.dt('created_at'),
        col.dt('finished_at', true),
      ],
      [index('ix_import_jobs_community', ['community_id', 'id']), index('ix_import_jobs_status', ['status', 'lease_until'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('import_jobs', true);
    for (const table of [...PLACES].reverse()) {
      await qr.dropColumn(table, 'version');
      await qr.dropColumn(table, 'active');
    }
  }
}
