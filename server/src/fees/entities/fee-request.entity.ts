import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FeeRequestKind, FeeRequestStatus } from '@linli/shared';
import { CentsColumn, DateTimeColumn } from '../../database/columns';

/**
 * A request a manager decides: 免交 (waive, a bill line, amount), 缓交 (defer, a bill line, new due date),
 * 作废 (void, a payment) or 退款 (refund, a payment, amount). Recorded with who, when and why.
 */
@Entity('fee_requests')
@Index('ix_fee_requests_status', ['companyId', 'status', 'id'])
@Index('ix_fee_requests_line', ['billLineId'])
@Index('ix_fee_requests_payment', ['paymentId'])
export class FeeRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ type: 'varchar', length: 16 }) kind: FeeRequestKind;
  @Column({ name: 'bill_line_id', type: 'int', nullable: true }) billLineId: number | null;
  @Column({ name: 'payment_id', type: 'int', nullable: true }) paymentId: number | null;
  @CentsColumn('amount_cents', { nullable: true }) amountCents: number | null;
  @Column({ name: 'defer_until', type: 'varchar', length: 10, nullable: true }) deferUntil: string | null;
  @Column({ type: 'varchar', length: 200 }) reason: string;
  @Column({ type: 'varchar', length: 16 }) status: FeeRequestStatus;
  @Column({ name: 'requested_by', type: 'int' }) requestedBy: number;
  @Column({ name: 'decided_by', type: 'int', nullable: true }) decidedBy: number | null;
  @Column({ name: 'decision_note', type: 'varchar', length: 200, nullable: true }) decisionNote: string | null;
  @DateTimeColumn({ name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
