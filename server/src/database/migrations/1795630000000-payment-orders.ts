import { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/** WeChat Pay orders of residents (issue #13): the bills chosen and the amount frozen at order time. */
export class PaymentOrders1795630000000 implements MigrationInterface {
  name = 'PaymentOrders1795630000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'payment_orders',
      [
        col.id(),
        col.int('company_id'),
        col.int('community_id'),
        col.int('room_id'),
        col.int('user_id'),
        col.str('out_trade_no', 32),
        col.str('mchid', 32),
        col.str('appid', 64),
        // [{ id, principalCents, lateFeeCents }] per line, oldest first
        col.text('lines_json', false),
        col.int('amount_cents'),
        col.int('principal_cents'),
        col.int('late_fee_cents'),
        col.str('status', 16),
        col.str('prepay_id', 64, true),
        col.dt('expires_at'),
        col.str('transaction_id', 32, true),
        col.dt('paid_at', true),
        col.int('payment_id', true),
        col.dt('created_at'),
        col.dt('updated_at'),
        col.version(),
      ],
      [
        index('uq_payment_orders_out_trade_no', ['out_trade_no'], true),
        index('ix_payment_orders_room', ['room_id', 'status']),
        index('ix_payment_orders_pending', ['status', 'expires_at']),
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('payment_orders');
  }
}
