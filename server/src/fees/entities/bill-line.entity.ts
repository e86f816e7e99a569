import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FeePayer } from '@linli/shared';
import { DateTimeColumn, JsonColumn } from '../../database/columns';

const cents = { to: (v: number) => v, from: (v: unknown) => (v === null || v === undefined ? v : Number(v)) };

/** One charge of a room: room × item × period (or a closed repair's charge), unique by (room, source key). */
@Entity('bill_lines')
@Index('uq_bill_lines_room_source', ['roomId', 'sourceKey'], { unique: true })
// widened to cover the report's month totals (ReportCoveringIndexes1796010000000)
@Index('ix_bill_lines_community_period', ['communityId', 'period', 'amountCents', 'waivedCents', 'paidCents'])
@Index('ix_bill_lines_room_status', ['roomId', 'status'])
export class BillLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'fee_item_id', type: 'int', nullable: true }) feeItemId: number | null;
  @Column({ type: 'varchar', length: 8 }) period: string;
  @Column({ name: 'source_key', type: 'varchar', length: 64 }) sourceKey: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 16 }) payer: FeePayer;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: cents }) amountCents: number;
  @JsonColumn() detail: Record<string, number | string>;
  @Column({ name: 'due_date', type: 'varchar', length: 10 }) dueDate: string;
  /** the item's late-fee rule when the line was billed */
  @Column({ name: 'late_fee_rate_ppm', type: 'int' }) lateFeeRatePpm: number;
  @Column({ name: 'late_fee_grace_days', type: 'int' }) lateFeeGraceDays: number;
  @Column({ name: 'late_fee_cap_percent', type: 'int', nullable: true }) lateFeeCapPercent: number | null;
  @Column({ name: 'paid_cents', type: 'bigint', default: 0, transformer: cents }) paidCents: number;
  @Column({ name: 'late_fee_paid_cents', type: 'bigint', default: 0, transformer: cents }) lateFeePaidCents: number;
  @Column({ name: 'waived_cents', type: 'bigint', default: 0, transformer: cents }) waivedCents: number;
  @Column({ type: 'varchar', length: 16 }) status: 'open' | 'paid' | 'waived';
  /** 缓交: the approved new due date; the late fee runs from it */
  @Column({ name: 'deferred_until', type: 'varchar', length: 10, nullable: true }) deferredUntil: string | null;
  @Column({ name: 'run_id', type: 'int', nullable: true }) runId: number | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
