import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * Refunds sent to WeChat Pay (issue #13): orphan — a payment that arrived for an order that could not be settled, returned
 * once; reversal — an approved refund/void of a wechat payment (the ledger written at approval, this row tracks WeChat Pay).
 */
export class PayRefunds1795650000000 implements MigrationInterface {
  name = 'PayRefunds1795650000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'pay_refunds',
      [
        col.id(),
        col.int('company_id'),
        col.int('order_id', true),
        col.int('payment_id', true),
        col.int('fee_request_id', true),
        col.str('out_trade_no', 32),
        col.str('transaction_id', 32, true),
        col.str('out_refund_no', 64),
        col.str('kind', 16),
        col.int('amount_cents'),
        col.int('total_cents'),
        // requested (recorded, not yet accepted by WeChat Pay) | processing | success | failed
        col.str('status', 16),
        col.str('refund_id', 64, true),
        col.str('business_date', 10),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [
        index('uq_pay_refunds_out_refund_no', ['out_refund_no'], true),
        index('ix_pay_refunds_status', ['status']),
        index('ix_pay_refunds_date', ['company_id', 'business_date']),
      ],
    );
    // daily reconciliation with WeChat Pay's trade bill: one row per merchant (company) and day, its mismatches apart
    await createTable(
      qr,
      'pay_reconciliations',
      [
        col.id(),
        col.int('company_id'),
        col.str('bill_date', 10),
        col.int('payment_count'),
        col.int('refund_count'),
        col.int('mismatch_count'),
        col.dt('checked_at'),
      ],
      [index('uq_pay_reconciliations_day', ['company_id', 'bill_date'], true)],
    );
    await createTable(
      qr,
      'pay_recon_mismatches',
      [
        col.id(),
        col.int('company_id'),
        // null when only WeChat Pay knows the payment
        col.int('community_id', true),
        col.str('bill_date', 10),
        col.str('kind', 16),
        col.str('ref', 64),
        col.int('ours_cents', true),
        col.int('theirs_cents', true),
        col.str('problem', 16),
      ],
      [index('ix_pay_recon_mismatches_day', ['company_id', 'bill_date'])],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('pay_recon_mismatches');
    await qr.dropTable('pay_reconciliations');
    await qr.dropTable('pay_refunds');
  }
}
