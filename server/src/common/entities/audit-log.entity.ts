import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../../database/columns';

/** Who did what to whom: reading a full phone number, approving a binding, importing rooms. */
@Entity('audit_logs')
@Index('ix_audit_logs_subject', ['subjectType', 'subjectId'])
@Index('ix_audit_logs_company_at', ['companyId', 'at'])
export class AuditLog {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'actor_id', type: 'int' }) actorId: number;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ name: 'subject_type', type: 'varchar', length: 32 }) subjectType: string;
  @Column({ name: 'subject_id', type: 'int' }) subjectId: number;
  @JsonColumn({ nullable: true }) details: Record<string, unknown> | null;
  @DateTimeColumn() at: Date;
}
