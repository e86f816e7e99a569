import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Covering indexes for the month parts the report computes live (the current month) and the roll-up job computes
 * for closed months (rollup/month-parts-live.ts): each statement reads its month from the index alone, without a
 * row lookup per ticket, clock or bill line — at 1 M tickets per community those lookups were most of its time.
 * The report indexes of Reports1795900000000 and the bill lines' (community, period) index are widened in place.
 */
const WIDENED: [string, string, string[], string[]][] = [
  [
    'tickets',
    'ix_tickets_report_received',
    ['community_id', 'received_at', 'kind'],
    ['community_id', 'received_at', 'kind', 'complaint_class', 'category', 'tier', 'channel'],
  ],
  ['tickets', 'ix_tickets_report_completed', ['community_id', 'completed_at'], ['community_id', 'completed_at', 'status', 'rating']],
  [
    'clocks',
    'ix_clocks_report_due',
    ['community_id', 'due_at', 'name'],
    ['community_id', 'due_at', 'name', 'state', 'breached', 'started_at', 'met_at', 'paused_ms', 'subject_type', 'subject_id'],
  ],
  ['bill_lines', 'ix_bill_lines_community_period', ['community_id', 'period'], ['community_id', 'period', 'amount_cents', 'waived_cents', 'paid_cents']],
];

export class ReportCoveringIndexes1796010000000 implements MigrationInterface {
  name = 'ReportCoveringIndexes1796010000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, name, , wide] of WIDENED) await swap(qr, table, name, wide);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, name, narrow] of [...WIDENED].reverse()) await swap(qr, table, name, narrow);
  }
}

async function swap(qr: QueryRunner, table: string, name: string, columnNames: string[]) {
  await qr.dropIndex(table, name);
  await qr.createIndex(table, new TableIndex({ name, columnNames }));
}
