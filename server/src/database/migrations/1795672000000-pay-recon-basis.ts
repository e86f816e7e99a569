import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col, createTable, index } from '../migration-helpers';

/**
 * WeChat Pay reconciliation on WeChat Pay's own dates (#13): a refund's success time as WeChat Pay reports it (its
 * trade bill dates refunds by it; payment_orders.paid_at already holds the payment's success_time); the claim of a
 * (merchant, day) reconciliation so two instances never run it at once; the refunds of a reversal found by its request.
 */
export class PayReconBasis1795672000000 implements MigrationInterface {
  name = 'PayReconBasis1795672000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('pay_refunds', [new TableColumn(col.dt('success_at', true))]);
    await qr.query("UPDATE pay_refunds SET success_at = updated_at WHERE status = 'success'");
    await qr.createIndex('pay_refunds', index('ix_pay_refunds_request', ['fee_request_id']));
    // the reconciliation's two reads: a day of payments by their success time, of refunds by theirs
    await qr.createIndex('pay_refunds', index('ix_pay_refunds_success', ['company_id', 'success_at']));
    await qr.createIndex('payment_orders', index('ix_payment_orders_paid', ['company_id', 'paid_at']));
    await createTable(
      qr,
      'pay_recon_claims',
      [col.id(), col.int('company_id'), col.str('bill_date', 10), col.dt('claimed_at')],
      [index('uq_pay_recon_claims_day', ['company_id', 'bill_date'], true)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('pay_recon_claims');
    await qr.dropIndex('payment_orders', 'ix_payment_orders_paid');
    await qr.dropIndex('pay_refunds', 'ix_pay_refunds_success');
    await qr.dropIndex('pay_refunds', 'ix_pay_refunds_request');
    await qr.dropColumn('pay_refunds', 'success_at');
  }
}
