import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CentsColumn, DateTimeColumn, JsonColumn } from '../../database/columns';

/** A cashier's daily close (日结): the day's payments by method, frozen when closed. */
@Entity('cashier_closes')
@Index('uq_cashier_closes', ['companyId', 'cashierId', 'businessDate'], { unique: true })
export class CashierClose {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'cashier_id', type: 'int' }) cashierId: number;
  @Column({ name: 'business_date', type: 'varchar', length: 10 }) businessDate: string;
  /** method → { count, amountCents } */
  @JsonColumn() totals: Record<string, { count: number; amountCents: number }>;
  @Column({ name: 'payment_count', type: 'int' }) paymentCount: number;
  @CentsColumn('amount_cents') amountCents: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
}
