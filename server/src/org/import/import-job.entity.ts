import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { ImportJobStatus, ImportRowError } from '@linli/shared';
import { DateTimeColumn, JsonColumn } from '../../database/columns';
import type { RoomRow } from './room-rows';

/** A room import running in the background: the checked rows wait here until written, `processed` at a time. */
@Entity('import_jobs')
@Index('ix_import_jobs_community', ['communityId', 'id'])
@Index('ix_import_jobs_status', ['status', 'leaseUntil'])
export class ImportJob {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @Column({ type: 'varchar', length: 16 }) kind: 'rooms';
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName: string;
  @Column({ name: 'file_sha256', type: 'varchar', length: 64 }) fileSha256: string;
  @Column({ type: 'varchar', length: 16 }) status: ImportJobStatus;
  @Column({ type: 'int' }) total: number;
  @Column({ type: 'int' }) processed: number;
  @Column({ name: 'created_count', type: 'int' }) createdCount: number;
  @Column({ name: 'updated_count', type: 'int' }) updatedCount: number;
  @Column({ name: 'buildings_created', type: 'int' }) buildingsCreated: number;
  @Column({ name: 'units_created', type: 'int' }) unitsCreated: number;
  @Column({ name: 'error_count', type: 'int' }) errorCount: number;
  @JsonColumn({ nullable: true }) errors: ImportRowError[] | null;
  /** the good rows still to write; emptied when the job ends */
  @JsonColumn({ name: 'pending_rows', nullable: true }) rows: RoomRow[] | null;
  /** while set in the future, one runner owns the job; a runner that dies lets it lapse and another resumes */
  @DateTimeColumn({ name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @VersionColumn() version: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
