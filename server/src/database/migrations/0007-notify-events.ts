import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Notification fan-out after the commit ([perf]): a ticket change writes one `notify_events` row; the delivery
 * worker expands it into inbox and outbox rows in its own transaction.
 */
export class NotifyEvents1795471200000 implements MigrationInterface {
  name = 'NotifyEvents1795471200000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'notify_events',
      [
        col.id(),
        col.str('dedupe_key', 191),
        col.str('kind', 32),
        col.int('company_id'),
        col.text('payload', false),
        col.str('status', 16),
        col.int('attempts'),
        col.dt('next_attempt_at'),
        col.str('last_error', 500, true),
        col.dt('created_at'),
        col.dt('done_at', true),
      ],
      [index('uq_notify_events_dedupe', ['dedupe_key'], true), index('ix_notify_events_due', ['status', 'next_attempt_at'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('notify_events', true);
  }
}
