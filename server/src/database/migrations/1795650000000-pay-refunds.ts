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
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('pay_refunds');
  }
}
