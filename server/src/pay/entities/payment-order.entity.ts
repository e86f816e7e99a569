import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PayOrderStatus } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/** One frozen share of a bill line in a payment order. */
export interface OrderLine {
  id: number;
  principalCents: number;
  lateFeeCents: number;
}

/** A resident's WeChat Pay order: the lines and amounts frozen when it was placed; paid once, by its callback or a query. */
@Entity('payment_orders')
@Index('uq_payment_orders_out_trade_no', ['outTradeNo'], { unique: true })
@Index('ix_payment_orders_room', ['roomId', 'status'])
@Index('ix_payment_orders_pending', ['status', 'expiresAt'])
@Index('ix_payment_orders_paid', ['companyId', 'paidAt'])
export class PaymentOrder {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ name: 'out_trade_no', type: 'varchar', length: 32 }) outTradeNo: string;
  @Column({ type: 'varchar', length: 32 }) mchid: string;
  @Column({ type: 'varchar', length: 64 }) appid: string;
  @Column({ name: 'lines_json', type: 'text' }) linesJson: string;
  @Column({ name: 'amount_cents', type: 'int' }) amountCents: number;
  @Column({ name: 'principal_cents', type: 'int' }) principalCents: number;
  @Column({ name: 'late_fee_cents', type: 'int' }) lateFeeCents: number;
  @Column({ type: 'varchar', length: 16 }) status: PayOrderStatus;
  @Column({ name: 'prepay_id', type: 'varchar', length: 64, nullable: true }) prepayId: string | null;
  @DateTimeColumn({ name: 'expires_at' }) expiresAt: Date;
  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true }) transactionId: string | null;
  /** WeChat Pay's success_time (what its trade bill dates the payment by), not when we heard of it */
  @DateTimeColumn({ name: 'paid_at', nullable: true }) paidAt: Date | null;
  @Column({ name: 'payment_id', type: 'int', nullable: true }) paymentId: number | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;

  lines(): OrderLine[] {
    return JSON.parse(this.linesJson) as OrderLine[];
  }
}
