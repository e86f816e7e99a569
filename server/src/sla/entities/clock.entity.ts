import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ClockName, ClockState } from '@linli/shared';
import { DateTimeColumn } from '../../database/columns';

/** One service clock of one subject (a ticket, later a pass or a notification), for every feature alike. */
@Entity('clocks')
@Index('uq_clocks_subject_name', ['subjectType', 'subjectId', 'name'], { unique: true })
@Index('ix_clocks_sweep', ['state', 'dueAt'])
@Index('ix_clocks_escalate', ['state', 'escalationLevel', 'dueAt'])
export class SlaClock {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'subject_type', type: 'varchar', length: 32 }) subjectType: string;
  @Column({ name: 'subject_id', type: 'int' }) subjectId: number;
  @Column({ type: 'varchar', length: 32 }) name: ClockName;
  @Column({ type: 'varchar', length: 16 }) state: ClockState;
  @DateTimeColumn({ name: 'started_at' }) startedAt: Date;
  @DateTimeColumn({ name: 'due_at' }) dueAt: Date;
  @DateTimeColumn({ name: 'met_at', nullable: true }) metAt: Date | null;
  @DateTimeColumn({ name: 'paused_at', nullable: true }) pausedAt: Date | null;
  @Column({ name: 'paused_ms', type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) pausedMs: number;
  @Column({ type: 'boolean', default: false }) breached: boolean;
  /** highest escalation level fired so far (the sweeper of [notify] moves it up) */
  @Column({ name: 'escalation_level', type: 'int', default: 0 }) escalationLevel: number;
}
