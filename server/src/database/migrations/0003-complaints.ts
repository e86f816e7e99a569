import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * The complaints desk (投诉 / 建议 / 咨询 / 表扬) on the ticket core: complaint columns on `tickets`, the reply
 * thread, the class duties' records, the admin-edited working calendar, and draft documents (the monthly
 * public disclosure; the notices feature publishes them).
 */
export class Complaints1795456800000 implements MigrationInterface {
  name = 'Complaints1795456800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns(
      'tickets',
      [
        col.int('complaint_class', true),
        col.bool('anonymous', false),
        col.bool('written_reply_wanted', false),
        col.dt('written_reply_requested_at', true),
        col.int('received_by', true),
        col.int('backfilled_by', true),
        col.int('coordinator_id', true),
        col.str('resolution_due_date', 10, true),
        col.text('measures', true),
      ].map((c) => new TableColumn(c)),
    );
    await qr.createIndex('tickets', index('ix_tickets_complaint_inbox', ['community_id', 'complaint_class', 'is_open', 'sla_due_at', 'id']));
    await qr.createIndex('tickets', index('ix_tickets_owner', ['owner_id', 'is_open', 'id']));

    await createTable(
      qr,
      'ticket_replies',
      [
        col.id(),
        col.int('ticket_id'),
        col.int('author_id', true),
        col.str('author_role', 16),
        col.text('body', false),
        col.bool('written', false),
        col.text('attachment_ids', false),
        col.dt('at'),
      ],
      [index('ix_ticket_replies_ticket', ['ticket_id', 'id'])],
    );
    await createTable(
      qr,
      'complaint_records',
      [col.id(), col.int('ticket_id'), col.str('type', 24), col.text('payload', false), col.int('created_by'), col.dt('at')],
      [index('ix_complaint_records_ticket', ['ticket_id', 'id'])],
    );
    await createTable(
      qr,
      'calendar_days',
      [col.id(), col.int('company_id'), col.str('date', 10), col.str('kind', 8), col.str('name', 50, true)],
      [index('uq_calendar_days_company_date', ['company_id', 'date'], true)],
    );
    await createTable(
      qr,
      'calendar_years',
      [col.id(), col.int('company_id'), col.int('year'), col.int('updated_by', true), col.dt('updated_at')],
      [index('uq_calendar_years_company_year', ['company_id', 'year'], true)],
    );
    await createTable(
      qr,
      'documents',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.str('type', 32),
        col.str('period', 7),
        col.str('title', 200),
        col.text('body', false),
        col.str('status', 16),
        col.int('created_by'),
        col.int('edited_by', true),
        col.dt('edited_at', true),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [index('uq_documents_community_type_period', ['community_id', 'type', 'period'], true), index('ix_documents_company', ['company_id', 'type', 'period'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['documents', 'calendar_years', 'calendar_days', 'complaint_records', 'ticket_replies']) await qr.dropTable(t, true);
    await qr.dropIndex('tickets', 'ix_tickets_owner');
    await qr.dropIndex('tickets', 'ix_tickets_complaint_inbox');
    for (const c of [
      'measures',
      'resolution_due_date',
      'coordinator_id',
      'backfilled_by',
      'received_by',
      'written_reply_requested_at',
      'written_reply_wanted',
      'anonymous',
      'complaint_class',
    ])
      await qr.dropColumn('tickets', c);
  }
}
