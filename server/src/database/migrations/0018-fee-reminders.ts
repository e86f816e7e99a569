import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** What the fee-reminder job sent (one row per reminder, unique by its key), and the 公共收益公示 per quarter ([fees]). */
export class FeeReminders1795610000000 implements MigrationInterface {
  name = 'FeeReminders1795610000000';

  async up(qr: QueryRunner): Promise<void> {
    const zero = (name: string) => ({ ...col.bigint(name), default: 0 });
    await createTable(
      qr,
      'fee_reminders',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.str('kind', 16),
        // who it went to: household (owners, family) | tenant
        col.str('audience', 16),
        col.str('period', 8, true),
        col.str('due_date', 10, true),
        // issued: the newest line this reminder announced (later lines of the period get their own)
        { ...col.int('last_line_id'), default: 0 },
        zero('total_cents'),
        { ...col.int('recipients'), default: 0 },
        col.str('dedupe_key', 120),
        col.dt('sent_at'),
      ],
      [index('uq_fee_reminders_key', ['dedupe_key'], true), index('ix_fee_reminders_room', ['room_id', 'kind', 'sent_at'])],
    );
    await createTable(
      qr,
      'public_incomes',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('quarter', 7),
        col.text('entries', false),
        zero('income_cents'),
        zero('expense_cents'),
        zero('balance_cents'),
        col.str('status', 16),
        col.dt('published_at', true),
        col.int('published_by', true),
        col.int('created_by'),
        col.int('updated_by'),
        col.version(),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [index('uq_public_incomes_quarter', ['community_id', 'quarter'], true), index('ix_public_incomes_status', ['community_id', 'status'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('public_incomes', true);
    await qr.dropTable('fee_reminders', true);
  }
}
