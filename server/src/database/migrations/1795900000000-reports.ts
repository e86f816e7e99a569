import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Reports (issue #16): no roll-up tables; each figure is a range scan on (community_id, <the figure's time column>),
 * so a community's month reads only that month's rows (docs/architecture.md, "Reports").
 */
const INDEXES: [string, string, string[]][] = [
  ['tickets', 'ix_tickets_report_received', ['community_id', 'received_at', 'kind']],
  ['tickets', 'ix_tickets_report_completed', ['community_id', 'completed_at']],
  ['tickets', 'ix_tickets_report_return_visit', ['community_id', 'return_visit_at']],
  ['clocks', 'ix_clocks_report_due', ['community_id', 'due_at', 'name']],
  ['passes', 'ix_passes_report_issued', ['community_id', 'issued_at']],
  ['bill_lines', 'ix_bill_lines_report_open', ['community_id', 'status', 'due_date']],
];

export class Reports1795900000000 implements MigrationInterface {
  name = 'Reports1795900000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await qr.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await qr.dropIndex(table, name);
  }
}
