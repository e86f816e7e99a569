import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

export type PayRefundStatus = 'requested' | 'processing' | 'success' | 'failed';

/**
 * A refund through WeChat Pay. kind orphan: a payment for an order that could no longer be settled (closed, or its
 * bills paid meanwhile) — no bill touched, no payment row; one per order (out_refund_no derived from out_trade_no).
 * kind reversal: an approved refund/void of a wechat payment; the ledger (refund_allocations, bills reopened) is written
 * at approval, this row follows WeChat Pay until its refund callback or a query says SUCCESS.
 */
@Entity('pay_refunds')
@Index('uq_pay_refunds_out_refund_no', ['outRefundNo'], { unique: true })
@Index('ix_pay_refunds_status', ['status'])
@Index('ix_pay_refunds_date', ['companyId', 'businessDate'])
@Index('ix_pay_refunds_request', ['feeRequestId'])
@Index('ix_pay_refunds_success', ['companyId', 'successAt'])
export class PayRefund {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'order_id', type: 'int', nullable: true }) orderId: number | null;
  @Column({ name: 'payment_id', type: 'int', nullable: true }) paymentId: number | null;
  @Column({ name: 'fee_request_id', type: 'int', nullable: true }) feeRequestId: number | null;
  @Column({ name: 'out_trade_no', type: 'varchar', length: 32 }) outTradeNo: string;
  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true }) transactionId: string | null;
  @Column({ name: 'out_refund_no', type: 'varchar', length: 64 }) outRefundNo: string;
  @Column({ type: 'varchar', length: 16 }) kind: 'orphan' | 'reversal';
  @Column({ name: 'amount_cents', type: 'int' }) amountCents: number;
  @Column({ name: 'total_cents', type: 'int' }) totalCents: number;
  @Column({ type: 'varchar', length: 16 }) status: PayRefundStatus;
  @Column({ name: 'refund_id', type: 'varchar', length: 64, nullable: true }) refundId: string | null;
  /** ABNORMAL / CLOSED when WeChat Pay could not make the refund */
  @Column({ type: 'varchar', length: 16, nullable: true }) failure: string | null;
  @Column({ name: 'business_date', type: 'varchar', length: 10 }) businessDate: string;
  /** WeChat Pay's success time of the refund (its trade bill dates refunds by it); null until it succeeded */
  @DateTimeColumn({ name: 'success_at', nullable: true }) successAt: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'int', default: 1 }) version: number;
}
