import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../../database/columns';

/**
 * The reply thread of a ticket, visible to the resident: staff replies, resident follow-ups, and the system's
 * acknowledgement at intake (author null, role `system`). A reply marked `written` is the written reply (书面答复).
 */
@Entity('ticket_replies')
@Index('ix_ticket_replies_ticket', ['ticketId', 'id'])
export class TicketReply {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'ticket_id', type: 'int' }) ticketId: number;
  @Column({ name: 'author_id', type: 'int', nullable: true }) authorId: number | null;
  /** resident | system | the staff role the author acted in */
  @Column({ name: 'author_role', type: 'varchar', length: 16 }) authorRole: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'boolean', default: false }) written: boolean;
  /** uploads attached to this reply (also linked to the ticket, purpose `reply`) */
  @JsonColumn({ name: 'attachment_ids' }) attachmentIds: number[];
  @DateTimeColumn() at: Date;
}
