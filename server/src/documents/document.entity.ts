import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns';

export type DocumentType = 'disclosure_draft';
export type DocumentStatus = 'draft' | 'published';

/**
 * A generated document a manager edits before it goes out: for now the monthly public disclosure of how complaints
 * and suggestions were handled (公示, by the 30th). The notices feature publishes drafts as notices.
 * One per community, type and period.
 */
@Entity('documents')
@Index('uq_documents_community_type_period', ['communityId', 'type', 'period'], { unique: true })
@Index('ix_documents_company', ['companyId', 'type', 'period'])
export class Document {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 32 }) type: DocumentType;
  /** YYYY-MM */
  @Column({ type: 'varchar', length: 7 }) period: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 16 }) status: DocumentStatus;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  /** set once a manager edits the text; a regenerated draft then keeps the edit unless regeneration is forced */
  @Column({ name: 'edited_by', type: 'int', nullable: true }) editedBy: number | null;
  @DateTimeColumn({ name: 'edited_at', nullable: true }) editedAt: Date | null;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @DateTimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
