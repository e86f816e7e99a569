import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns';

/** One shift of one staff member in one community (值班); signed in and out with hand-over notes (交接班). */
@Entity('duty_shifts')
@Index('ix_duty_shifts_community', ['communityId', 'endsAt'])
@Index('ix_duty_shifts_user', ['userId', 'endsAt'])
export class DutyShift {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) role: string;
  @DateTimeColumn({ name: 'starts_at' }) startsAt: Date;
  @DateTimeColumn({ name: 'ends_at' }) endsAt: Date;
  @DateTimeColumn({ name: 'signed_in_at', nullable: true }) signedInAt: Date | null;
  @DateTimeColumn({ name: 'signed_out_at', nullable: true }) signedOutAt: Date | null;
  @Column({ name: 'handover_notes', type: 'text', nullable: true }) handoverNotes: string | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
}
