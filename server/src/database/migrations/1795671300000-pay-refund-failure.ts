import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../migration-helpers';

/** What WeChat Pay said of a refund it could not make (ABNORMAL / CLOSED), for the managers' 退款异常 list. */
export class PayRefundFailure1795671300000 implements MigrationInterface {
  name = 'PayRefundFailure1795671300000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('pay_refunds', [new TableColumn(col.str('failure', 16, true))]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('pay_refunds', 'failure');
  }
}
