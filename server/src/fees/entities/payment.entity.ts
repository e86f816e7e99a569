import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PaymentMethod, PaymentStatus } from '@linli/shared';
import { CentsColumn, DateTimeColumn } from '../../database/columns';

/** A payment taken for a room (cash, POS, transfer; WeChat Pay later), with its numbered receipt. */
@Entity('payments')
@Index('uq_payments_receipt', ['companyId', 'receiptNo'], { unique: true })
@Index('ix_payments_room', ['roomId', 'id'])
@Index('ix_payments_cashier_day', ['companyId', 'cashierId', 'businessDate'])
@Index('ix_payments_community_day', ['communityId', 'businessDate'])
export class Payment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  /** SJ-YYYYMMDD-NNNN, unique per company */
  @Column({ name: 'receipt_no', type: 'varchar', length: 20 }) receiptNo: string;
  @Column({ type: 'varchar', length: 16 }) method: PaymentMethod;
  @CentsColumn('amount_cents') amountCents: number;
  @CentsColumn('principal_cents') principalCents: number;
  /** late fees frozen by this payment */
  @CentsColumn('late_fee_cents') lateFeeCents: number;
  @CentsColumn('refunded_cents', { default: 0 }) refundedCents: number;
  @Column({ type: 'varchar', length: 16 }) status: PaymentStatus;
  @Column({ name: 'payer_name', type: 'varchar', length: 50, nullable: true }) payerName: string | null;
  /** 发票抬头 and 税号 for the finance office (no e-invoice is issued here) */
  @Column({ name: 'invoice_title', type: 'varchar', length: 100, nullable: true }) invoiceTitle: string | null;
  @Column({ name: 'invoice_tax_id', type: 'varchar', length: 20, nullable: true }) invoiceTaxId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ name: 'cashier_id', type: 'int', nullable: true }) cashierId: number | null;
  /** the Shanghai date the money was taken (日结 groups by it) */
  @Column({ name: 'business_date', type: 'varchar', length: 10 }) businessDate: string;
  @Column({ name: 'close_id', type: 'int', nullable: true }) closeId: number | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
