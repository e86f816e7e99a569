import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns';

/** An uploaded file. Unattached until a ticket references it; then readable by whoever may see that ticket. */
@Entity('uploads')
@Index('ix_uploads_subject', ['subjectType', 'subjectId'])
@Index('ix_uploads_uploader_created', ['uploaderId', 'createdAt'])
@Index('ix_uploads_unattached', ['subjectId', 'createdAt'])
export class Upload {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'uploader_id', type: 'int' }) uploaderId: number;
  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true }) subjectType: string | null;
  @Column({ name: 'subject_id', type: 'int', nullable: true }) subjectId: number | null;
  /** intake | completion */
  @Column({ type: 'varchar', length: 16, nullable: true }) purpose: string | null;
  @Column({ name: 'storage_key', type: 'varchar', length: 200 }) storageKey: string;
  @Column({ type: 'varchar', length: 50 }) mime: string;
  @Column({ type: 'int' }) size: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
}
