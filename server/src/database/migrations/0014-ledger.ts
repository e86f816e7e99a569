import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * The ledger's money movements ([fees]): payments with their allocations to bill lines, numbered receipts,
 * approval requests (waiver, deferral, void, refund) and the cashier's daily close.
 */
export class Ledger1795570000000 implements MigrationInterface {
  name = 'Ledger1795570000000';

  async up(qr: QueryRunner): Promise<void> {
    const zero = (name: string) => ({ ...col.bigint(name), default: 0 });
    // 缓交: the approved new due date; the late fee runs from it
    await qr.addColumn('bill_lines', new TableColumn(col.str('deferred_until', 10, true)));
    await createTable(
      qr,
      'payments',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.str('receipt_no', 20),
        col.str('method', 16),
        col.bigint('amount_cents'),
        col.bigint('principal_cents'),
        col.bigint('late_fee_cents'),
        zero('refunded_cents'),
        col.str('status', 16),
        col.str('payer_name', 50, true),
        col.str('invoice_title', 100, true),
        col.str('invoice_tax_id', 20, true),
        col.str('note', 200, true),
        col.int('cashier_id', true),
        col.str('business_date', 10),
        col.int('close_id', true),
        col.version(),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [
        index('uq_payments_receipt', ['company_id', 'receipt_no'], true),
        index('ix_payments_room', ['room_id', 'id']),
        index('ix_payments_cashier_day', ['company_id', 'cashier_id', 'business_date']),
        index('ix_payments_community_day', ['community_id', 'business_date']),
      ],
    );
    await createTable(
      qr,
      'payment_allocations',
      [col.id(), col.int('payment_id'), col.int('bill_line_id'), col.bigint('principal_cents'), col.bigint('late_fee_cents')],
      [index('ix_payment_allocations_payment', ['payment_id']), index('ix_payment_allocations_line', ['bill_line_id'])],
    );
    // what an approved void or refund took back from each line, dated for the month-end statement
    await createTable(
      qr,
      'refund_allocations',
      [
        col.id(),
        col.int('fee_request_id'),
        col.int('payment_id'),
        col.int('bill_line_id'),
        col.bigint('principal_cents'),
        col.bigint('late_fee_cents'),
        col.str('business_date', 10),
      ],
      [index('ix_refund_allocations_payment', ['payment_id']), index('ix_refund_allocations_line', ['bill_line_id'])],
    );
    await createTable(
      qr,
      'receipt_counters',
      [col.int('company_id'), col.str('day', 8), col.int('last_no')],
      [index('uq_receipt_counters', ['company_id', 'day'], true)],
    );
    await createTable(
      qr,
      'fee_requests',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.str('kind', 16),
        col.int('bill_line_id', true),
        col.int('payment_id', true),
        col.bigint('amount_cents', true),
        col.str('defer_until', 10, true),
        col.str('reason', 200),
        col.str('status', 16),
        col.int('requested_by'),
        col.int('decided_by', true),
        col.str('decision_note', 200, true),
        col.dt('decided_at', true),
        col.version(),
        col.dt('created_at'),
        col.dt('updated_at'),
      ],
      [
        index('ix_fee_requests_status', ['company_id', 'status', 'id']),
        index('ix_fee_requests_line', ['bill_line_id']),
        index('ix_fee_requests_payment', ['payment_id']),
      ],
    );
    await createTable(
      qr,
      'cashier_closes',
      [
        col.id(),
        col.int('company_id'),
        col.int('cashier_id'),
        col.str('business_date', 10),
        col.text('totals', false),
        col.int('payment_count'),
        col.bigint('amount_cents'),
        col.dt('created_at'),
      ],
      [index('uq_cashier_closes', ['company_id', 'cashier_id', 'business_date'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['cashier_closes', 'fee_requests', 'receipt_counters', 'refund_allocations', 'payment_allocations', 'payments'])
      await qr.dropTable(t, true);
    await qr.dropColumn('bill_lines', 'deferred_until');
  }
}
