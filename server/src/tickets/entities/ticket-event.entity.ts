import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../../database/columns';

/** The timeline: append-only, one row per change, with who did it in which role. */
@Entity('ticket_events')
@Index('ix_ticket_events_ticket', ['ticketId', 'id'])
export class TicketEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'ticket_id', type: 'int' }) ticketId: number;
  @Column({ type: 'varchar', length: 32 }) type: string;
  @Column({ name: 'actor_id', type: 'int', nullable: true }) actorId: number | null;
  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true }) actorRole: string | null;
  @JsonColumn() payload: Record<string, unknown>;
  @DateTimeColumn() at: Date;
}
