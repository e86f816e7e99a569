import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BillRunStatus } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/** A bill run of one community and period, processed in batches of rooms by id (`last_room_id` is the watermark). */
@Entity('bill_runs')
@Index('ix_bill_runs_community', ['communityId', 'id'])
@Index('ix_bill_runs_status', ['status', 'leaseUntil'])
export class BillRun {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 8 }) period: string;
  @Column({ type: 'varchar', length: 16 }) status: BillRunStatus;
  @Column({ name: 'total_rooms', type: 'int' }) totalRooms: number;
  @Column({ name: 'done_rooms', type: 'int', default: 0 }) doneRooms: number;
  @Column({ name: 'last_room_id', type: 'int', default: 0 }) lastRoomId: number;
  @Column({ name: 'lines_created', type: 'int', default: 0 }) linesCreated: number;
  @Column({ name: 'amount_cents', type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: unknown) => Number(v) } }) amountCents: number;
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  /** the instance processing it holds it until then; an expired lease is resumed by any instance */
  @DateTimeColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
