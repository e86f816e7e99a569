import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CentsColumn } from '../../database/columns';

/** What an approved void (作废) or refund (退款) took back from one bill line, dated for the month-end statement. */
@Entity('refund_allocations')
@Index('ix_refund_allocations_payment', ['paymentId'])
@Index('ix_refund_allocations_line', ['billLineId'])
export class RefundAllocation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'fee_request_id', type: 'int' }) feeRequestId: number;
  @Column({ name: 'payment_id', type: 'int' }) paymentId: number;
  @Column({ name: 'bill_line_id', type: 'int' }) billLineId: number;
  @CentsColumn('principal_cents') principalCents: number;
  @CentsColumn('late_fee_cents') lateFeeCents: number;
  /** the Shanghai date the refund was approved */
  @Column({ name: 'business_date', type: 'varchar', length: 10 }) businessDate: string;
}
