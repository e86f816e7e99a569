import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { VisitIssueKind } from '@linli/shared';
import { DateTimeColumn } from '../../../database/columns';

/** An issue raised in a customer visit; `ticketId` once it became a repair or complaint. */
@Entity('visit_issues')
@Index('ix_visit_issues_visit', ['visitId'])
@Index('ix_visit_issues_ticket', ['ticketId'])
export class VisitIssue {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'company_id', type: 'int' }) companyId: number;
  @Column({ name: 'community_id', type: 'int' }) communityId: number;
  @Column({ name: 'visit_id', type: 'int' }) visitId: number;
  @Column({ type: 'varchar', length: 16 }) kind: VisitIssueKind;
  @Column({ type: 'varchar', length: 500 }) text: string;
  @Column({ name: 'ticket_id', type: 'int', nullable: true }) ticketId: number | null;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @DateTimeColumn({ name: 'created_at' }) createdAt: Date;
  @VersionColumn() version: number;
}
