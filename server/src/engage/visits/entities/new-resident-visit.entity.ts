import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { VisitResult } from '@linli/shared';
import { DateTimeColumn } from '../../../database/columns';

/** 新住户回访: one task per (room, resident), created in the transaction that made their binding active. */
@Entity('new_resident_visits')
@Index('uq_new_resident_visits_room_user', ['roomId', 'userId'], { unique: true })
@Index('ix_new_resident_visits_queue', ['communityId', 'status', 'dueAt'])
export class NewResidentVisit {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'room_id', type: 'int' }) roomId: number;
  @Column({ name: 'user_id', type: 'int' }) userId: number;
  @Column({ name: 'binding_id', type: 'int' }) bindingId: number;
  @DateTimeColumn({ name: 'bound_at' }) boundAt: Date;
  @DateTimeColumn({ name: 'due_at' }) dueAt: Date;
  @Column({ type: 'varchar', length: 8 }) status: 'open' | 'done';
  @Column({ type: 'varchar', length: 16, nullable: true }) result: VisitResult | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) notes: string | null;
  @Column({ name: 'visited_by', type: 'int', nullable: true }) visitedBy: number | null;
  @DateTimeColumn({ name: 'visited_at', nullable: true }) visitedAt: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  /** the community's desk was told it falls due (NewResidentVisitsJob, once) */
  @DateTimeColumn({ name: 'reminded_at', nullable: true }) remindedAt: Date | null;
  @VersionColumn() version: number;
}
