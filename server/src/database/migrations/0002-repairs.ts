import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

export class Repairs1795453200000 implements MigrationInterface {
  name = 'Repairs1795453200000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'clocks',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('subject_type', 32),
        col.int('subject_id'),
        col.str('name', 32),
        col.str('state', 16),
        col.dt('started_at'),
        col.dt('due_at'),
        col.dt('met_at', true),
        col.dt('paused_at', true),
        { ...col.bigint('paused_ms'), default: 0 },
        col.bool('breached', false),
        { ...col.int('escalation_level'), default: 0 },
      ],
      [index('uq_clocks_subject_name', ['subject_type', 'subject_id', 'name'], true), index('ix_clocks_sweep', ['state', 'due_at'])],
    );
    await createTable(
      qr,
      'tickets',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id', true),
        col.str('kind', 16),
        col.str('no', 32),
        col.str('category', 32),
        col.str('emergency', 32, true),
        col.str('status', 16),
        col.bool('is_open', true),
        col.str('tier', 16, true),
        col.int('tier_rank'),
        col.dt('sla_due_at', true),
        col.bool('breached', false),
        col.str('description', 1000),
        col.str('location', 200),
        col.str('contact_name', 50, true),
        col.str('contact_phone', 20, true),
        col.dt('preferred_from', true),
        col.dt('preferred_to', true),
        col.str('channel', 16),
        col.int('reporter_id', true),
        col.int('owner_id', true),
        col.int('assignee_id', true),
        col.dt('received_at'),
        col.dt('accepted_at', true),
        col.dt('agreed_visit_at', true),
        col.str('held_from', 16, true),
        col.str('hold_reason', 16, true),
        col.dt('completed_at', true),
        col.str('cancel_reason', 200, true),
        { ...col.bool('free_of_charge', false), isNullable: true, default: null },
        { ...col.int('charge_total_cents'), default: 0 },
        col.dt('last_urged_at', true),
        col.int('rating', true),
        col.str('rating_comment', 500, true),
        { ...col.bool('return_visit_satisfied', false), isNullable: true, default: null },
        col.str('return_visit_notes', 500, true),
        col.dt('return_visit_at', true),
        col.version(),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [
        index('uq_tickets_community_no', ['community_id', 'no'], true),
        index('ix_tickets_inbox', ['community_id', 'kind', 'is_open', 'tier_rank', 'sla_due_at', 'id']),
        index('ix_tickets_reporter', ['reporter_id', 'kind', 'id']),
        index('ix_tickets_room', ['room_id', 'kind', 'id']),
        index('ix_tickets_assignee', ['assignee_id', 'is_open', 'id']),
      ],
    );
    await createTable(
      qr,
      'ticket_events',
      [
        col.id(),
        col.int('ticket_id'),
        col.str('type', 32),
        col.int('actor_id', true),
        col.str('actor_role', 16, true),
        col.text('payload', false),
        col.dt('at'),
      ],
      [index('ix_ticket_events_ticket', ['ticket_id', 'id'])],
    );
    await createTable(qr, 'ticket_counters', [
      { ...col.int('community_id'), isPrimary: true },
      { ...col.str('prefix', 8), isPrimary: true },
      { ...col.str('day', 8), isPrimary: true },
      col.int('seq'),
    ]);
    await createTable(
      qr,
      'ticket_charges',
      [
        col.id(),
        col.int('ticket_id'),
        col.int('room_id', true),
        col.int('price_item_id'),
        col.str('name', 100),
        col.str('unit', 20),
        col.int('unit_price_cents'),
        col.int('quantity'),
        col.int('amount_cents'),
        col.dt('billed_at', true),
      ],
      [index('ix_ticket_charges_ticket', ['ticket_id'])],
    );
    await createTable(
      qr,
      'price_items',
      [col.id(), col.int('company_id'), col.str('name', 100), col.str('unit', 20), col.int('price_cents'), col.bool('active', true)],
      [index('ix_price_items_company', ['company_id', 'active'])],
    );
    await createTable(
      qr,
      'uploads',
      [
        col.id(),
        col.int('company_id'),
        col.int('uploader_id'),
        col.str('subject_type', 32, true),
        col.int('subject_id', true),
        col.str('purpose', 16, true),
        col.str('storage_key', 200),
        col.str('mime', 50),
        col.int('size'),
        col.dt('created_at'),
      ],
      [index('ix_uploads_subject', ['subject_type', 'subject_id'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['uploads', 'price_items', 'ticket_charges', 'ticket_counters', 'ticket_events', 'tickets', 'clocks']) await qr.dropTable(t, true);
  }
}
