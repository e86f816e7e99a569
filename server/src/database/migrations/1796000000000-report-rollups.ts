import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTrigger, rollupTriggers } from '../../reports/rollup/rollup-triggers';
import { col, createTable, index, isMysql } from '../migration-helpers';

/**
 * Report roll-ups (issue #16, docs/architecture.md "Reports"): one row per (community, closed month) with the
 * month's figures (`summary`) and its SLA durations (`sla`); each community's open principal by due date
 * (`report_open_dues`); the change log the source tables' triggers write (`report_dirty`); and the job's state.
 */
export class ReportRollups1796000000000 implements MigrationInterface {
  name = 'ReportRollups1796000000000';

  async up(qr: QueryRunner): Promise<void> {
    // a month's durations of a 1 M-ticket community run to ~1 MB of JSON: past TEXT's 64 KB on MariaDB
    const big = isMysql(qr) ? 'longtext' : 'text';
    await createTable(qr, 'report_rollups', [
      { ...col.int('community_id'), isPrimary: true },
      { ...col.str('period', 7), isPrimary: true },
      { name: 'summary', type: big, isNullable: false },
      { name: 'sla', type: big, isNullable: false },
      col.dt('computed_at'),
    ]);
    await createTable(qr, 'report_open_dues', [
      { ...col.int('community_id'), isPrimary: true },
      { ...col.str('due_date', 10), isPrimary: true },
      col.bigint('open_cents'),
    ]);
    await createTable(
      qr,
      'report_dirty',
      [{ ...col.id(), type: isMysql(qr) ? 'bigint' : 'integer' }, col.int('community_id'), col.str('period', 16), col.str('src', 1)],
      [index('ix_report_dirty_pair', ['community_id', 'period'])],
    );
    await createTable(qr, 'report_rollup_state', [
      { ...col.int('id'), isPrimary: true },
      // every month up to and including this one is rolled up for every community (null: nothing yet)
      col.str('built_through', 7, true),
      // one instance at a time: the job claims the lease with a compare-and-set
      col.dt('lease_until', true),
      col.dt('refreshed_at', true),
    ]);
    await qr.query(`INSERT INTO report_rollup_state (id, built_through, lease_until, refreshed_at) VALUES (1, NULL, NULL, NULL)`);
    for (const t of rollupTriggers(isMysql(qr) ? 'mysql' : 'sqlite')) await qr.query(t.sql);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of rollupTriggers(isMysql(qr) ? 'mysql' : 'sqlite')) await qr.query(dropTrigger(t.name));
    for (const t of ['report_rollup_state', 'report_dirty', 'report_open_dues', 'report_rollups']) await qr.dropTable(t, true);
  }
}
