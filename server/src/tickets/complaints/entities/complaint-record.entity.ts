import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintRecordType } from '@linli/shared';
import { DateTimeColumn, JsonColumn } from '../../../database/columns';

/**
 * One recorded duty: a contact with the developer (who, when, what was agreed), the written notice issued to the
 * developer (its printable text kept as issued), the written report to the authority concerned, or the
 * coordinator's appointment. Append-only; staff see them on the ticket, residents see the timeline line only.
 */
@Entity('complaint_records')
@Index('ix_complaint_records_ticket', ['ticketId', 'id'])
export class ComplaintRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'ticket_id', type: 'int' }) ticketId: number;
  @Column({ type: 'varchar', length: 24 }) type: ComplaintRecordType;
  @JsonColumn() payload: Record<string, unknown>;
  @Column({ name: 'created_by', type: 'int' }) createdBy: number;
  @DateTimeColumn() at: Date;
}
