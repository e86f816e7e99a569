import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Notifications ([notify]): the transactional outbox, the in-app inbox, WeChat subscribe-message consent balances,
 * per-community channels (WeCom group robot) and escalation ladder policies, and the duty roster.
 */
export class Notify1795460400000 implements MigrationInterface {
  name = 'Notify1795460400000';

  async up(qr: QueryRunner): Promise<void> {
    // the sweeper's scan: running clocks below the top level, past due (clocks left at level 3 drop out of it)
    await qr.createIndex('clocks', index('ix_clocks_escalate', ['state', 'escalation_level', 'due_at']));
    await createTable(
      qr,
      'outbox',
      [
        col.id(),
        col.str('dedupe_key', 191),
        col.int('company_id'),
        col.int('recipient_id', true),
        col.str('channel', 16),
        col.str('template', 32),
        col.text('payload', false),
        col.str('status', 16),
        col.int('attempts'),
        col.dt('next_attempt_at'),
        col.str('last_error', 500, true),
        col.dt('created_at'),
        col.dt('sent_at', true),
      ],
      [index('uq_outbox_dedupe', ['dedupe_key'], true), index('ix_outbox_due', ['status', 'next_attempt_at'])],
    );
    await createTable(
      qr,
      'notifications',
      [
        col.id(),
        col.str('dedupe_key', 191),
        col.int('company_id'),
        col.int('recipient_id'),
        col.str('template', 32),
        col.str('title', 100),
        col.str('body', 500),
        col.str('link', 200, true),
        col.dt('created_at'),
        col.dt('read_at', true),
      ],
      [index('uq_notifications_dedupe', ['dedupe_key'], true), index('ix_notifications_recipient', ['recipient_id', 'read_at', 'id'])],
    );
    await createTable(
      qr,
      'subscribe_balances',
      [col.id(), col.int('user_id'), col.str('template', 32), col.int('balance'), col.dt('updated_at')],
      [index('uq_subscribe_balances', ['user_id', 'template'], true)],
    );
    await createTable(
      qr,
      'community_channels',
      [col.id(), col.int('company_id'), col.int('community_id'), col.str('wecom_webhook_url', 500, true), col.dt('updated_at')],
      [index('uq_community_channels', ['community_id'], true)],
    );
    await createTable(
      qr,
      'escalation_policies',
      [col.id(), col.int('company_id'), col.int('community_id'), col.int('level2_pct'), col.int('level3_pct'), col.dt('updated_at')],
      [index('uq_escalation_policies', ['community_id'], true)],
    );
    await createTable(
      qr,
      'duty_shifts',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('user_id'),
        col.str('role', 16),
        col.dt('starts_at'),
        col.dt('ends_at'),
        col.dt('signed_in_at', true),
        col.dt('signed_out_at', true),
        col.text('handover_notes', true),
        col.int('created_by'),
      ],
      [index('ix_duty_shifts_community', ['community_id', 'ends_at']), index('ix_duty_shifts_user', ['user_id', 'ends_at'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('clocks', 'ix_clocks_escalate');
    for (const t of ['duty_shifts', 'escalation_policies', 'community_channels', 'subscribe_balances', 'notifications', 'outbox']) await qr.dropTable(t, true);
  }
}
