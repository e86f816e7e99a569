import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FeeReminderKind, ReminderAudience } from '@linli/shared';
import { CentsColumn, DateTimeColumn } from '../../database/columns';

/** A reminder the fee-reminder job sent to a room's residents; its key makes a second run send nothing. */
@Entity('fee_reminders')
@Index('uq_fee_reminders_key', ['dedupeKey'], { unique: true })
@Index('ix_fee_reminders_room', ['roomId', 'kind', 'sentAt'])
export class FeeReminder {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ type: 'varchar', length: 16 }) kind: FeeReminderKind;
  /** who it went to: the household (owners, family) or the tenants */
  @Column({ type: 'varchar', length: 16 }) audience: ReminderAudience;
  @Column({ type: 'varchar', length: 8, nullable: true }) period: string | null;
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true }) dueDate: string | null;
  @Column({ name: 'last_line_id', type: 'int', default: 0 }) lastLineId: number;
  @CentsColumn('total_cents', { default: 0 }) totalCents: number;
  @Column({ type: 'int', default: 0 }) recipients: number;
  @Column({ name: 'dedupe_key', type: 'varchar', length: 120 }) dedupeKey: string;
  @DateTimeColumn({ name: 'sent_at' }) sentAt: Date;
}
