import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CentsColumn } from '../../database/columns';

/** The part of a payment that went to one bill line (late fee first, then principal). */
@Entity('payment_allocations')
@Index('ix_payment_allocations_payment', ['paymentId'])
@Index('ix_payment_allocations_line', ['billLineId'])
export class PaymentAllocation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'payment_id', type: 'int' }) paymentId: number;
  @Column({ name: 'bill_line_id', type: 'int' }) billLineId: number;
  @CentsColumn('principal_cents') principalCents: number;
  @CentsColumn('late_fee_cents') lateFeeCents: number;
}
